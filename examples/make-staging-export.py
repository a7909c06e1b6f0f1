#!/usr/bin/env python3
"""Write examples/staging-export.json: one hour of a staging Cloud Run backend.

The output has the exact shape `gcloud logging read --format=json` prints: one
pretty-printed JSON array, 2-space indent, keys sorted at every level, UTF-8
kept raw, newest entry first.

Deterministic: a fixed seed and a fixed window, no wall clock. Run it from
anywhere; it writes next to itself unless given -o FILE (or -o - for stdout).

Story of the hour (2025-09-15 13:00-14:00 UTC, project acme-staging,
service llm-backend):
  00041  healthy, serving until 13:10
  00042  deployed 13:10, healthy, serving until 13:48, brings back the
         TypeError in SessionManager._cleanup_callback
  00043  deployed 13:24, every start fails critical service validation
  00044  deployed 13:35, same failure
  00045  deployed 13:48, healthy again, still has the TypeError
"""

import argparse
import calendar
import json
import os
import random
import sys

PROJECT = "acme-staging"
SERVICE = "llm-backend"
REGION = "us-central1"
RUN_HOST = "llm-backend-7f3kq2xv4a-uc.a.run.app"
API_HOST = "api.staging.acme-llm.dev"
SEED = 20250915
BASE_EPOCH = calendar.timegm((2025, 9, 15, 13, 0, 0))  # window start, UTC
HOUR_NS = 3600 * 10**9

REV = {
    41: "llm-backend-00041-vd5",
    42: "llm-backend-00042-kq8",
    43: "llm-backend-00043-wz2",
    44: "llm-backend-00044-m7r",
    45: "llm-backend-00045-hc4",
}

# Obviously fake, but shaped like the real thing so scrubbing has work to do.
FAKE_GITHUB_TOKEN = "ghp_" + "EXAMPLEexampleEXAMPLEexample01234567"[:36]
FAKE_GOOGLE_KEY = "AIza" + "SyFAKE-example-KEY-000000000000000"[:35].ljust(35, "0")
assert len(FAKE_GITHUB_TOKEN) == 40 and len(FAKE_GOOGLE_KEY) == 39
FAKE_JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    ".eyJzdWIiOiJ1c3JfZmFrZTAwMDEiLCJleHAiOjE3NTc5NDEyMDB9"
    ".FAKEsignatureFAKEsignatureFAKEsig0"
)
FAKE_EMAIL = "maria.lopez@example.com"

UPTIME_UA = "GoogleStackdriverMonitoring-UptimeChecks(https://cloud.google.com/monitoring)"
BROWSER_UAS = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:142.0) Gecko/20100101 Firefox/142.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3.1 Safari/605.1.15",
]
CLIENT_UAS = ["python-httpx/0.28.1", "acme-web/2.14.0 (+https://staging.acme-llm.dev)", "Python/3.12 aiohttp/3.12.15"]
# Documentation ranges and Google front-end ranges only: nothing here is a real user.
CLIENT_IPS = ["203.0.113.24", "203.0.113.87", "198.51.100.14", "198.51.100.203", "192.0.2.61", "2001:db8:4f1::1c"]
PROBE_IPS = ["35.191.9.140", "35.191.14.22", "130.211.3.77"]


class Hour:
    """Collects entries of the hour; times are nanoseconds after 13:00:00Z."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.entries = []  # (t_ns, seq, entry)
        self.seq = 0
        self.used_ns = set()
        self.req_counter = 700

    # -- low-level field makers -------------------------------------------

    def hexs(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def alnum(self, n):
        chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        return "".join(self.rng.choice(chars) for _ in range(n))

    def instance_id(self):
        return "00" + self.hexs(134)

    def trace(self):
        return "projects/%s/traces/%s" % (PROJECT, self.hexs(32))

    def request_id(self, t_ns):
        self.req_counter += self.rng.randint(1, 9)
        ms = BASE_EPOCH * 1000 + t_ns // 10**6
        return "req_%d_%d_%s" % (ms, self.req_counter, self.hexs(8))

    @staticmethod
    def ts(t_ns, digits):
        sec, frac = divmod(t_ns, 10**9)
        whole = BASE_EPOCH + sec
        y, mo, d, h, mi, s = _utc_fields(whole)
        text = "%04d-%02d-%02dT%02d:%02d:%02d" % (y, mo, d, h, mi, s)
        if digits:
            text += "." + ("%09d" % frac)[:digits]
        return text + "Z"

    def unique_ns(self, t_ns, digits):
        """Round to the precision written, then nudge until no other entry has it."""
        step = 10 ** (9 - digits)
        t_ns -= t_ns % step
        while t_ns in self.used_ns:
            t_ns += step
        self.used_ns.add(t_ns)
        return t_ns

    def add(self, t_ns, log, rev, severity=None, instance=None, digits=6, **fields):
        """Add one cloud_run_revision entry; fields are extra top-level LogEntry keys."""
        if not 0 <= t_ns < HOUR_NS:
            raise ValueError("entry outside the window: %d" % t_ns)
        t_ns = self.unique_ns(t_ns, digits)
        sec, frac = divmod(t_ns, 10**9)
        entry = {
            "insertId": "%08x%08x%s" % (BASE_EPOCH + sec, frac // 1000, self.hexs(8)),
            "logName": "projects/%s/logs/%s" % (PROJECT, log.replace("/", "%2F")),
            "receiveTimestamp": self.ts(t_ns + self.rng.randint(4, 600) * 10**6 + self.rng.randint(0, 999999), 9),
            "resource": {
                "labels": {
                    "configuration_name": SERVICE,
                    "location": REGION,
                    "project_id": PROJECT,
                    "revision_name": REV[rev],
                    "service_name": SERVICE,
                },
                "type": "cloud_run_revision",
            },
            "timestamp": self.ts(t_ns, digits),
        }
        if severity is not None:  # gcloud leaves DEFAULT out entirely
            entry["severity"] = severity
        if instance is not None:
            entry["labels"] = {"instanceId": instance}
        entry.update(fields)
        self.entries.append((t_ns, self.seq, entry))
        self.seq += 1
        return t_ns

    # -- entry kinds ----------------------------------------------------------

    def app(self, t_ns, rev, inst, severity, logger, message, where, trace=None, extra=None):
        """A structured app log line (Python StructuredLogHandler on stderr, promoted by the agent)."""
        payload = {"logger": logger, "message": message}
        if extra:
            payload.update(extra)
        fields = {
            "jsonPayload": payload,
            "sourceLocation": {"file": where[0], "function": where[2], "line": str(where[1])},
        }
        if trace:
            fields["trace"] = trace
            fields["spanId"] = self.hexs(16)
        return self.add(t_ns, "run.googleapis.com/stderr", rev, severity, inst, **fields)

    def text(self, t_ns, rev, inst, severity, text, log="run.googleapis.com/stderr", digits=6):
        return self.add(t_ns, log, rev, severity, inst, digits=digits, textPayload=text)

    def system(self, t_ns, rev, inst, severity, text):
        # varlog/system is written by the platform with nanosecond timestamps.
        return self.text(t_ns, rev, inst, severity, text, log="run.googleapis.com/varlog/system", digits=9)

    def request(self, t_ns, rev, inst, method, path, status, latency_s, ua, ip, text=None, host=None, trace=None, size=None):
        severity = "ERROR" if status >= 500 else "WARNING" if status >= 400 else "INFO"
        http = {
            "latency": "%.9fs" % latency_s,
            "protocol": "HTTP/1.1",
            "remoteIp": ip,
            "requestMethod": method,
            "requestSize": str(self.rng.randint(380, 2400) if method != "GET" else self.rng.randint(180, 620)),
            "requestUrl": "https://%s%s" % (host or API_HOST, path),
            "serverIp": "216.239.36.53",
            "status": status,
            "userAgent": ua,
        }
        if size is not None:
            http["responseSize"] = str(size)
        fields = {"httpRequest": http, "trace": trace or self.trace(), "spanId": self.hexs(16)}
        if self.rng.random() < 0.3:
            fields["traceSampled"] = True
        if text is not None:
            fields["textPayload"] = text
        return self.add(t_ns, "run.googleapis.com/requests", rev, severity, inst, **fields)


def _utc_fields(epoch):
    import time

    t = time.gmtime(epoch)
    return t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec


def at(minute, second=0.0):
    """Nanoseconds after 13:00 for minute:second."""
    return int(round((minute * 60 + second) * 10**9))


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------

DEPRECATION = (
    "/app/services/llm_manager.py:57: DeprecationWarning: datetime.datetime.utcnow() is deprecated and "
    "scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: "
    "datetime.datetime.now(datetime.UTC)."
)


def healthy_start(h, t, rev):
    """(c) INFO initializations of a good start, plus the DeprecationWarning noise (i)."""
    inst = h.instance_id()
    h.app(t, rev, inst, "INFO", "app.db.firestore", "Connected to Firestore (database: (default), project: %s)" % PROJECT,
          ("/app/db/firestore.py", 41, "connect"))
    pool = h.rng.choice([8, 10, 10, 12])
    h.app(t + at(0, 0.06 + h.rng.random() * 0.05), rev, inst, "INFO", "app.db.pool",
          "Database pool ready: %d connections to conversations-db" % pool, ("/app/db/pool.py", 66, "open_pool"))
    h.app(t + at(0, 0.21), rev, inst, "WARNING", "py.warnings", DEPRECATION,
          ("/usr/local/lib/python3.11/warnings.py", 109, "_showwarnmsg"))
    ms = h.rng.randint(280, 760)
    h.app(t + at(0, 0.2 + ms / 1000.0), rev, inst, "INFO", "app.llm.manager",
          "LLM Manager initialized with 3 providers in %dms" % ms, ("/app/services/llm_manager.py", 94, "initialize"))
    h.app(t + at(0, 0.25 + ms / 1000.0), rev, inst, "INFO", "uvicorn.error", "Application startup complete.",
          ("/usr/local/lib/python3.11/site-packages/uvicorn/lifespan/on.py", 62, "startup"))
    return inst


def failed_start(h, t, rev):
    """(a)+(g) a start that dies in critical service validation, exit(3), 503s in the same seconds."""
    inst = h.instance_id()
    h.app(t, rev, inst, "INFO", "app.db.firestore", "Connected to Firestore (database: (default), project: %s)" % PROJECT,
          ("/app/db/firestore.py", 41, "connect"))
    h.app(t + at(0, 0.12), rev, inst, "WARNING", "app.llm.manager",
          "LLM provider configuration is empty (LLM_PROVIDERS_JSON has 0 entries); skipping LLM Manager initialization",
          ("/app/services/llm_manager.py", 71, "initialize"))
    critical_t = t + at(0, 0.31 + h.rng.random() * 0.1)
    h.app(critical_t, rev, inst, "CRITICAL", "app.startup",
          "Critical service validation failed: llm_manager is not available",
          ("/app/startup.py", 148, "validate_critical_services"),
          extra={"error": {"type": "StartupValidationError",
                           "value": "llm_manager is not available (app.state.llm_manager is None)"}})
    h.app(critical_t + at(0, 0.004), rev, inst, "ERROR", "uvicorn.error", "Application startup failed. Exiting.",
          ("/usr/local/lib/python3.11/site-packages/uvicorn/lifespan/on.py", 67, "startup"))
    h.system(critical_t + at(0, 0.18 + h.rng.random() * 0.3), rev, inst, "WARNING", "Container called exit(3).")
    for _ in range(h.rng.randint(2, 4)):
        lat = 0.4 + h.rng.random() * 2.5
        path = h.rng.choice(["/api/chat", "/api/conversations", "/health", "/api/chat"])
        method = "POST" if path == "/api/chat" else "GET"
        # Requests that waited on this start fail in the same second; Cloud Run logs them
        # without an instance and with its own explanation.
        h.request(critical_t + at(0, 0.2 + h.rng.random() * 0.7), rev, None, method, path, 503, lat,
                  h.rng.choice(CLIENT_UAS + BROWSER_UAS[:1]), h.rng.choice(CLIENT_IPS),
                  text="The request failed because the instance could not start successfully.", size=0)


TYPEERROR_TB = (
    "Exception in callback SessionManager._cleanup_callback('{rid}')\n"
    "handle: <TimerHandle when={when} SessionManager._cleanup_callback('{rid}')>\n"
    "Traceback (most recent call last):\n"
    '  File "/usr/local/lib/python3.11/asyncio/events.py", line 84, in _run\n'
    "    self._context.run(self._callback, *self._args)\n"
    '  File "/app/services/session_manager.py", line 212, in _cleanup_callback\n'
    "    self._on_expire(request_id)\n"
    "TypeError: 'NoneType' object is not callable"
)

KEYERROR_LINES = [
    "Traceback (most recent call last):",
    '  File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 74, in app',
    "    response = await f(request)",
    '  File "/app/api/chat.py", line 88, in post_message',
    "    conversation = await _resolve_conversation(body, user)",
    '  File "/app/api/chat.py", line 131, in _resolve_conversation',
    '    conversation_id = body["conversation_id"]',
    "KeyError: 'conversation_id'",
]


def build(seed=SEED):
    h = Hour(seed)
    rng = h.rng

    # Instances that serve traffic, per revision: [start, instance, end].
    serving = {41: [], 42: [], 45: []}
    serving[41].append([0, h.instance_id(), HOUR_NS])  # started before the window: no init logs
    for rev, starts in ((41, [(3, 12.4), (7, 55.1)]),
                        (42, [(10, 18.2), (10, 19.6), (21, 40.3), (33, 2.7)]),
                        (45, [(48, 30.5), (48, 31.9), (52, 10.2), (57, 44.8)])):
        for m, s in starts:
            t = at(m, s + rng.random() * 0.4)
            serving[rev].append([t, healthy_start(h, t, rev), HOUR_NS])
    oom_t = at(44, 12.3)
    serving[42][2][2] = oom_t  # (g) this one runs out of memory below; it serves nothing after

    # The one stdout print without severity (DEFAULT), on the first 00045 start.
    t45, inst45, _ = serving[45][1]
    h.text(t45 + at(0, 1.3), 45, inst45, None, "prompt cache warmed: 128 templates, 3 providers",
           log="run.googleapis.com/stdout")

    # (a) crash loop: five starts of 00043, five of 00044, back-off growing.
    for rev, starts in ((43, [(24, 12.1), (25, 3.4), (26, 30.8), (28, 45.2), (31, 50.6)]),
                        (44, [(36, 5.3), (36, 58.9), (38, 20.1), (40, 42.7), (44, 10.4)])):
        for m, s in starts:
            failed_start(h, at(m, s + rng.random() * 0.3), rev)

    def serving_at(t):
        rev = 41 if t < at(10, 20) else 42 if t < at(48, 33) else 45
        live = [i for (start, i, end) in serving[rev] if start <= t < end]
        return rev, rng.choice(live)

    def random_time(lo_min, hi_min):
        return int(rng.uniform(at(lo_min), at(hi_min)))

    # Ordinary traffic: 200s with plausible latencies.
    routes = [("GET", "/health", 0.002, 0.02, UPTIME_UA),
              ("POST", "/api/chat", 0.8, 6.5, None),
              ("GET", "/api/conversations", 0.03, 0.4, None),
              ("GET", "/api/conversations/{uuid}", 0.02, 0.3, None)]
    for _ in range(96):
        t = random_time(0, 60)
        rev, inst = serving_at(t)
        method, path, lo, hi, ua = rng.choice(routes)
        if "{uuid}" in path:
            path = path.replace("{uuid}", "%s-%s-4%s-a%s-%s" % (h.hexs(8), h.hexs(4), h.hexs(3), h.hexs(3), h.hexs(12)))
        ip = rng.choice(PROBE_IPS) if ua == UPTIME_UA else rng.choice(CLIENT_IPS)
        h.request(t, rev, inst, method, path, 200, rng.uniform(lo, hi), ua or rng.choice(CLIENT_UAS + BROWSER_UAS), ip,
                  size=rng.randint(90, 48000))

    # (b) the TypeError regression: one stderr entry per occurrence, whole traceback inside.
    for _ in range(15):
        t = random_time(11, 60)
        rev, inst = serving_at(t)
        rid = h.request_id(t)
        when = "%.6f" % (1800 + t / 1e9 + rng.random())
        h.text(t, rev, inst, "ERROR", TYPEERROR_TB.format(rid=rid, when=when))

    # (d) database timeouts: retries warn, the last attempt errors and the request fails.
    for i in range(30):
        t = random_time(2, 59)
        rev, inst = serving_at(t)
        attempt = 3 if i % 4 == 3 else rng.choice([1, 1, 2])
        secs = rng.choice([30.0, 30.0, 30.1, 30.2, 30.4, 30.9, 31.3])
        pool = rng.choice(["db-pool-1", "db-pool-2", "db-pool-3"])
        tr = h.trace()
        h.app(t, rev, inst, "ERROR" if attempt == 3 else "WARNING", "app.db.pool",
              "Database query timed out after %.1fs on table conversations (pool %s, attempt %d/3)" % (secs, pool, attempt),
              ("/app/db/pool.py", 143, "execute"), trace=tr)
        if attempt == 3:
            h.request(t + at(0, 0.003), rev, inst, "GET", "/api/conversations", 500, secs * 3 + rng.random(),
                      rng.choice(BROWSER_UAS), rng.choice(CLIENT_IPS), trace=tr, size=rng.randint(60, 90))

    # (e) expired JWTs: the user id and request id vary, each rejected with a 401.
    users = ["usr_%s" % h.hexs(8) for _ in range(7)]
    for _ in range(20):
        t = random_time(0, 60)
        rev, inst = serving_at(t)
        rid = h.request_id(t)
        tr = h.trace()
        h.app(t, rev, inst, "WARNING", "app.auth.jwt",
              "JWT validation failed for user %s: token expired (request %s)" % (rng.choice(users), rid),
              ("/app/auth/jwt.py", 58, "validate_token"), trace=tr)
        h.request(t + at(0, 0.001), rev, inst, rng.choice(["POST", "GET"]), rng.choice(["/api/chat", "/api/conversations"]),
                  401, rng.uniform(0.004, 0.03), rng.choice(BROWSER_UAS + CLIENT_UAS), rng.choice(CLIENT_IPS),
                  trace=tr, size=rng.randint(40, 70))

    # (f) plain 503s while the new revisions crash-loop: request logs with no payload at all.
    for _ in range(20):
        t = random_time(24.3, 46)
        rev = 43 if t < at(35, 30) else 44
        method, path, ua = rng.choice([("GET", "/health", UPTIME_UA), ("POST", "/api/chat", None),
                                       ("GET", "/api/conversations", None), ("GET", "/", None)])
        ip = rng.choice(PROBE_IPS) if ua == UPTIME_UA else rng.choice(CLIENT_IPS)
        h.request(t, rev, None, method, path, 503, rng.uniform(2.2, 12.0), ua or rng.choice(CLIENT_UAS + BROWSER_UAS),
                  ip, host=rng.choice([API_HOST, RUN_HOST]), size=rng.randint(0, 1))

    # (h) a traceback written line by line: one stderr entry per line, microseconds apart.
    for t in (random_time(14, 22), random_time(29, 40), random_time(50, 58)):
        rev, inst = serving_at(t)
        line_t = t
        for line in KEYERROR_LINES:
            h.text(line_t, rev, inst, "ERROR", line)
            line_t += 1000 * rng.randint(3, 40)
        h.request(t + at(0, 0.002), rev, inst, "POST", "/api/chat/messages", 500, rng.uniform(0.05, 0.3),
                  rng.choice(BROWSER_UAS), rng.choice(CLIENT_IPS), size=21)

    # (g) one instance of 00042 runs out of memory.
    t, rev, inst = oom_t, 42, serving[42][2][1]
    h.system(t, rev, inst, "ERROR",
             "Memory limit of 1024 MiB exceeded with 1057 MiB used. Consider increasing the memory limit, "
             "see https://cloud.google.com/run/docs/configuring/memory-limits")
    h.system(t + at(0, 0.41), rev, inst, "WARNING", "Container terminated on signal 9.")

    # (i) noise: browsers asking for a favicon the API does not serve.
    for _ in range(4):
        t = random_time(0, 60)
        rev, inst = serving_at(t)
        h.request(t, rev, inst, "GET", "/favicon.ico", 404, rng.uniform(0.001, 0.004), rng.choice(BROWSER_UAS),
                  rng.choice(CLIENT_IPS), size=22)

    # (j) values that must be scrubbed before anything is posted.
    t = at(17, 41.2)
    rev, inst = serving_at(t)
    h.app(t, rev, inst, "ERROR", "app.integrations.github",
          "GitHub prompt sync failed: 401 Bad credentials for GET https://api.github.com/repos/acme/prompt-library/"
          "contents/prompts?ref=main (token %s)" % FAKE_GITHUB_TOKEN,
          ("/app/integrations/github_sync.py", 77, "sync_prompts"))
    for t in (at(22, 8.7), at(51, 30.2)):
        rev, inst = serving_at(t)
        h.app(t, rev, inst, "WARNING", "app.llm.providers.gemini",
              "Gemini request failed: Client error '429 Too Many Requests' for url 'https://generativelanguage.googleapis.com"
              "/v1beta/models/gemini-1.5-flash:generateContent?key=%s'" % FAKE_GOOGLE_KEY,
              ("/app/llm/providers/gemini.py", 112, "generate"))
    t = at(30, 2.5)
    rev, inst = serving_at(t)
    h.app(t, rev, inst, "INFO", "app.auth.accounts", "Password reset email sent to %s" % FAKE_EMAIL,
          ("/app/auth/accounts.py", 203, "request_password_reset"), extra={"user_email": FAKE_EMAIL})
    t = at(38, 47.9)
    rev, inst = serving_at(t)
    h.app(t, rev, inst, "WARNING", "app.webhooks",
          "Rejected webhook call from billing: signature mismatch (headers: Authorization: Bearer %s)" % FAKE_JWT,
          ("/app/api/webhooks.py", 39, "billing_webhook"))
    t = at(45, 19.4)
    rev, inst = serving_at(t)
    h.request(t, rev, inst, "GET", "/api/export?format=csv&access_token=%s" % FAKE_GITHUB_TOKEN, 200, 0.412,
              "curl/8.9.0", rng.choice(CLIENT_IPS), size=18211)

    h.entries.sort(key=lambda e: (e[0], e[1]), reverse=True)  # newest first, like gcloud
    return [e for (_, _, e) in h.entries]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("-o", "--output", default=os.path.join(here, "staging-export.json"),
                    help="file to write, or - for stdout (default: staging-export.json beside this script)")
    ap.add_argument("--seed", type=int, default=SEED, help="change only to make a different hour")
    args = ap.parse_args()
    entries = build(args.seed)
    text = json.dumps(entries, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print("wrote %d entries to %s" % (len(entries), args.output), file=sys.stderr)


if __name__ == "__main__":
    main()
