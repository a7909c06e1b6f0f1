#!/usr/bin/env python3
"""Generate realistic Google Cloud Logging exports of any size, for benchmarks.

  gen-export.py --size 200M -o big.json            # gcloud --format=json shape
  gen-export.py --entries 100000 --format ndjson   # one LogEntry per line (GCS sink shape)

The json form is what `gcloud logging read --format=json` prints: one array,
2-space indent, keys sorted at every level, UTF-8 kept raw, newest first. The
ndjson form is one compact entry per line, keys in API order, also newest first.

Streaming: entries are rendered and written one buffer at a time, never held
as a list. Deterministic: the same options give the same bytes (no clock).

Speed comes from laying every entry shape out once with json.dumps (so the
bytes match gcloud's printer exactly) and keeping it as literal pieces with
slots between them; per entry only the slot values are made and joined in.
"""

import argparse
import calendar
import itertools
import json
import operator
import random
import string
import sys
import time
from json.encoder import encode_basestring  # C-accelerated, keeps UTF-8 (ensure_ascii=False)

SLOT_OPEN, SLOT_CLOSE = "\u27e6", "\u27e7"
QUANTUM = tuple(10 ** (9 - d) for d in range(10))  # ns per last printed digit, by digit count
SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def slot(name):
    return SLOT_OPEN + name + SLOT_CLOSE


class Template:
    """One entry shape laid out once as gcloud (pretty) or a sink (compact) prints it.

    Slots are string values "\u27e6name\u27e7" in the object; `fixed` fills some of them at
    compile time (the resource of one instance, say); the rest are filled per entry from a
    dict of ready JSON tokens (itemgetter + slice assignment + join keep that in C).
    """

    __slots__ = ("buf", "get")

    def __init__(self, obj, pretty, fixed=None):
        fixed = fixed or {}
        if pretty:
            text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)
            text = "  " + text.replace("\n", "\n  ")  # entries sit one level inside the array
        else:
            text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
        literals, names, pos, pending = [], [], 0, ""
        while True:
            start = text.find('"' + SLOT_OPEN, pos)
            if start < 0:
                literals.append(pending + text[pos:])
                break
            end = text.index(SLOT_CLOSE + '"', start)
            name = text[start + 2 : end]
            if name in fixed:
                pending += text[pos:start] + fixed[name]
            else:
                literals.append(pending + text[pos:start])
                pending = ""
                names.append(name)
            pos = end + 2
        # literal, value, literal, value, ..., literal: values are slice-assigned per render.
        self.buf = [None] * (2 * len(literals) - 1)
        self.buf[0::2] = literals
        if len(names) == 1:
            only = names[0]
            self.get = lambda v: (v[only],)
        else:
            self.get = operator.itemgetter(*names)

    def render(self, values):
        buf = self.buf
        buf[1::2] = self.get(values)
        return "".join(buf)


def q(s):
    """JSON token for a string known to need no escaping (ids, hex, paths we made)."""
    return '"' + s + '"'


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

REGIONS = ["us-central1", "europe-west1", "asia-northeast1"]
RUN_SERVICES = ["llm-backend", "auth-service", "billing-worker", "web-frontend", "notification-service"]
TABLES = ["conversations", "messages", "users", "invoices"]
PROVIDERS = ["openai", "anthropic", "gemini", "mistral"]
PATHS = ["/api/chat", "/api/conversations", "/api/conversations/{uuid}", "/api/messages/{uuid}", "/health",
         "/api/users/me", "/api/billing/invoices", "/static/app.{hex8}.js", "/", "/favicon.ico", "/api/search?q=term{n}"]
METHODS = ["GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"]
STATUSES = [200] * 40 + [201, 204, 301, 304, 304, 400, 401, 403, 404, 404, 429, 500, 502, 503, 503, 504]
UAS = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:142.0) Gecko/20100101 Firefox/142.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
    "python-httpx/0.28.1", "Python/3.12 aiohttp/3.12.15", "curl/8.9.0", "Go-http-client/2.0", "okhttp/4.12.0",
    "GoogleStackdriverMonitoring-UptimeChecks(https://cloud.google.com/monitoring)",
]
NAMES = ["Jürgen Weiß", "Zoë Ørsted", "Łukasz Kowalczyk", "Ana Lúcia", "José Núñez", "Søren Bæk"]

APP_MESSAGES = [
    # (weight, severity, logger, source file, line, function, message format)
    (8, "WARNING", "app.db.pool", "/app/db/pool.py", 143, "execute",
     "Database query timed out after {secs}s on table {table} (pool db-pool-{small}, attempt {attempt}/3)"),
    (6, "WARNING", "app.auth.jwt", "/app/auth/jwt.py", 58, "validate_token",
     "JWT validation failed for user usr_{hex8}: token expired (request {reqid})"),
    (12, "INFO", "app.workers.batch", "/app/workers/batch.py", 77, "run",
     "Processed batch {n} of {m} in {ms}ms"),
    (10, "DEBUG", "app.cache", "/app/cache/redis_cache.py", 51, "get",
     "Cache miss for key conv:{uuid}"),
    (10, "INFO", "app.api.chat", "/app/api/chat.py", 96, "post_message",
     "User usr_{hex8} sent message to conversation {uuid} ({n} tokens)"),
    (10, "INFO", "app.llm.manager", "/app/services/llm_manager.py", 188, "complete",
     "LLM request to {provider} completed in {ms}ms ({n} tokens)"),
    (4, "WARNING", "app.llm.retry", "/app/services/llm_retry.py", 40, "with_retry",
     "Retrying {provider} request after 429 (attempt {attempt}/5, backoff {ms}ms)"),
    (3, "INFO", "app.billing.webhooks", "/app/billing/webhooks.py", 62, "handle_event",
     "Payment webhook evt_{alnum} processed for customer cus_{alnum}"),
    (2, "ERROR", "app.notify.smtp", "/app/notify/smtp.py", 119, "send",
     "Failed to send notification to {email}: SMTP timeout after {secs}s"),
    (3, "WARNING", "app.middleware.ratelimit", "/app/middleware/ratelimit.py", 33, "dispatch",
     "Rate limit exceeded for {ip} on {path} ({n} req/min)"),
    (4, "WARNING", "app.middleware.timing", "/app/middleware/timing.py", 27, "dispatch",
     "Slow request: {method} {path} took {ms}ms"),
    (2, "INFO", "app.db.firestore", "/app/db/firestore.py", 41, "connect",
     "Connected to Firestore (database: (default), project: {project})"),
    (1, "ERROR", "app.llm.circuit", "/app/services/circuit_breaker.py", 71, "record_failure",
     "Circuit breaker opened for {provider} after {small} consecutive failures"),
    (1, "CRITICAL", "app.startup", "/app/startup.py", 148, "validate_critical_services",
     "Critical service validation failed: llm_manager is not available"),
    (1, "WARNING", "app.i18n", "/app/i18n/translate.py", 88, "translate",
     "Übersetzung für Benutzer „{name}“ fehlgeschlagen: Zeitüberschreitung nach {secs}s"),
]

TRACEBACKS = [
    ("Exception in callback SessionManager._cleanup_callback('{reqid}')\n"
     "handle: <TimerHandle when={when} SessionManager._cleanup_callback('{reqid}')>\n"
     "Traceback (most recent call last):\n"
     '  File "/usr/local/lib/python3.11/asyncio/events.py", line 84, in _run\n'
     "    self._context.run(self._callback, *self._args)\n"
     '  File "/app/services/session_manager.py", line 212, in _cleanup_callback\n'
     "    self._on_expire(request_id)\n"
     "TypeError: 'NoneType' object is not callable"),
    ("Traceback (most recent call last):\n"
     '  File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 74, in app\n'
     "    response = await f(request)\n"
     '  File "/app/api/billing.py", line {line}, in get_invoice\n'
     "    amount = int(row[\"amount_cents\"])\n"
     "ValueError: invalid literal for int() with base 10: '{n}.{small}'"),
    ("Traceback (most recent call last):\n"
     '  File "/usr/local/lib/python3.11/site-packages/httpx/_transports/default.py", line 101, in map_httpcore_exceptions\n'
     "    yield\n"
     '  File "/usr/local/lib/python3.11/site-packages/httpcore/_async/connection_pool.py", line 256, in handle_async_request\n'
     "    raise exc from None\n"
     "httpcore.ReadTimeout\n"
     "\n"
     "The above exception was the direct cause of the following exception:\n"
     "\n"
     "Traceback (most recent call last):\n"
     '  File "/app/llm/providers/{provider}.py", line {line}, in generate\n'
     "    response = await self._client.post(url, json=payload)\n"
     '  File "/usr/local/lib/python3.11/site-packages/httpx/_client.py", line 1859, in post\n'
     "    return await self.request(\n"
     "httpx.ReadTimeout: timed out after {secs}s"),
    ("Traceback (most recent call last):\n"
     '  File "/app/db/pool.py", line 88, in connect\n'
     "    conn = psycopg2.connect(dsn, connect_timeout=10)\n"
     '  File "/usr/local/lib/python3.11/site-packages/psycopg2/__init__.py", line 122, in connect\n'
     "    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)\n"
     "psycopg2.OperationalError: connection to server at \"10.20.{small}.{n}\", port 5432 failed: Connection timed out"),
]

SPLIT_TRACEBACK = [
    "Traceback (most recent call last):",
    '  File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 74, in app',
    "    response = await f(request)",
    '  File "/app/api/chat.py", line 88, in post_message',
    "    conversation = await _resolve_conversation(body, user)",
    '  File "/app/api/chat.py", line 131, in _resolve_conversation',
    '    conversation_id = body["conversation_id"]',
    "KeyError: 'conversation_id'",
]

JAVA_STACK = (
    "Request processing failed: java.lang.NullPointerException: Cannot invoke \"com.acme.orders.Cart.getItems()\" "
    "because \"cart\" is null\n"
    "\tat com.acme.orders.CheckoutService.total(CheckoutService.java:88)\n"
    "\tat com.acme.orders.CheckoutController.checkout(CheckoutController.java:41)\n"
    "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n"
    "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)\n"
    "\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:{line})\n"
    "\t... {small} more"
)

GO_PANIC = (
    "panic: runtime error: invalid memory address or nil pointer dereference\n"
    "[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6b4f2a]\n"
    "\n"
    "goroutine {n} [running]:\n"
    "main.(*Worker).process(0x0, {{0xc000124000, 0x1f}})\n"
    "\t/src/worker/worker.go:142 +0x2a\n"
    "main.(*Worker).Run(0xc0001a2000)\n"
    "\t/src/worker/worker.go:98 +0x1c5\n"
    "created by main.main in goroutine 1\n"
    "\t/src/worker/main.go:57 +0x3d4"
)

SYSTEM_MESSAGES = [
    ("WARNING", "Container called exit({small})."),
    ("ERROR", "Memory limit of 1024 MiB exceeded with {mib} MiB used. Consider increasing the memory limit, "
              "see https://cloud.google.com/run/docs/configuring/memory-limits"),
    ("ERROR", "Default STARTUP TCP probe failed 1 time consecutively for container \"{service}-1\" on port 8080. "
              "The instance was not started."),
    ("INFO", "Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors "
             "(e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic."),
]

K8S_LINES = [
    "{date} Serving request: {path}",
    "I{mmdd} {hms}.{us}       1 controller.go:{line}] Reconciled order-{n} in {ms}ms",
    "W{mmdd} {hms}.{us}       1 reflector.go:{line}] watch of *v1.Pod ended with: too old resource version: {n} ({m})",
    "E{mmdd} {hms}.{us}       1 leaderelection.go:{line}] error retrieving resource lock default/orders-leader: "
    "context deadline exceeded",
]

AUDIT_CALLS = [
    # (log id, severity, service, method, permission, resource, status code, status message)
    ("activity", "NOTICE", "run.googleapis.com", "google.cloud.run.v1.Services.ReplaceService", "run.services.update",
     "namespaces/{project}/services/{service}", 0, ""),
    ("data_access", "INFO", "logging.googleapis.com", "google.logging.v2.LoggingServiceV2.ListLogEntries",
     "logging.logEntries.list", "projects/{project}", 0, ""),
    ("data_access", "ERROR", "storage.googleapis.com", "storage.objects.get", "storage.objects.get",
     "projects/_/buckets/{project}-exports/objects/report-{n}.csv", 7, "PERMISSION_DENIED"),
    ("activity", "NOTICE", "secretmanager.googleapis.com",
     "google.cloud.secretmanager.v1.SecretManagerService.AddSecretVersion", "secretmanager.versions.add",
     "projects/{project}/secrets/llm-provider-keys", 0, ""),
]


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


class Generator:
    """Endless stream of rendered entries, newest first, for one seed."""

    def __init__(self, seed, pretty, project, end_epoch, rate):
        self.rng = random.Random(seed)
        self.bits = self.rng.getrandbits
        self.pretty = pretty
        self.project = project
        self.t_ns = end_epoch * 10**9  # walk backwards: gcloud prints newest first
        self.step2 = max(2, int(2 * 10**9 / rate))
        self.prefix_cache = {}
        self.counter = 700
        self.compiled_formats = {}
        self._vocab()
        self._makers()
        self._templates()

    # -- helpers ---------------------------------------------------------------

    def pick(self, seq):
        """rng.choice without its Python-level overhead (a small bias is irrelevant here)."""
        return seq[self.bits(24) % len(seq)]

    def hexs(self, n):
        return "%0*x" % (n, self.bits(4 * n))

    def ts(self, t_ns, digits=6):
        """Quoted RFC 3339 timestamp with 0-9 fraction digits."""
        prefix = self.prefix(t_ns // 1000000000)
        if digits == 0:
            return '"%sZ"' % prefix
        return '"%s.%sZ"' % (prefix, ("%09d" % (t_ns % 1000000000))[:digits])

    def prefix(self, sec):
        """Cached 'YYYY-MM-DDTHH:MM:SS' of an epoch second: strftime is the slow part of a timestamp."""
        prefix = self.prefix_cache.get(sec)
        if prefix is None:
            if len(self.prefix_cache) > 4096:
                self.prefix_cache.clear()
            prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
            self.prefix_cache[sec] = prefix
        return prefix

    def common(self, t_ns, digits=6):
        """Values every entry has: timestamp, receiveTimestamp, insertId."""
        # Print the time at the precision chosen and walk on from there, so that a coarse
        # timestamp never sorts before a finer one printed after it.
        t_ns -= t_ns % QUANTUM[digits]
        if t_ns < self.t_ns:
            self.t_ns = t_ns
        sec = t_ns // 1000000000
        prefix = self.prefix_cache.get(sec) or self.prefix(sec)
        if digits == 6:
            ts = '"%s.%06dZ"' % (prefix, t_ns // 1000 % 1000000)
        else:
            ts = self.ts(t_ns, digits)
        received = t_ns + 2000000 + self.bits(29)  # 2 ms to ~0.5 s later
        rsec = received // 1000000000
        rprefix = prefix if rsec == sec else self.prefix(rsec)
        return {
            "ts": ts,
            "rts": '"%s.%09dZ"' % (rprefix, received % 1000000000),
            "iid": '"%08x%08x%08x"' % (sec, t_ns // 1000 % 1000000, self.bits(32)),
        }

    def trace_span(self, v):
        v["trace"] = '"projects/%s/traces/%032x"' % (self.project, self.bits(128))
        v["span"] = '"%016x"' % self.bits(64)

    def fields(self, fmt_text, t_ns):
        """Fill a message format with values that vary the way real ids and durations do."""
        compiled = self.compiled_formats.get(fmt_text)
        if compiled is None:
            # Positional form once per format: "{0} ... {1}" plus the makers in that order.
            names = []
            for (_, name, _, _) in string.Formatter().parse(fmt_text):
                if name and name not in names:
                    names.append(name)
            positional = fmt_text
            for i, name in enumerate(names):
                positional = positional.replace("{%s}" % name, "{%d}" % i)
            compiled = (positional, tuple(self.makers[n] for n in names))
            self.compiled_formats[fmt_text] = compiled
        positional, makers = compiled
        return positional.format(*[m(t_ns) for m in makers])

    def _makers(self):
        bits, pick = self.bits, self.pick

        def reqid(t_ns):
            self.counter += 1 + bits(3)
            return "req_%d_%d_%08x" % (t_ns // 10**6, self.counter, bits(32))

        def tm(fmt):
            return lambda t_ns: time.strftime(fmt, time.gmtime(t_ns // 10**9))

        secs = ("30.0", "30.0", "30.1", "30.2", "30.4", "31.3", "5.0", "10.0", "12.5")
        self.makers = {
            "secs": lambda t: pick(secs),
            "table": lambda t: pick(TABLES),
            "small": lambda t: 1 + bits(16) % 9,
            "attempt": lambda t: 1 + bits(16) % 3,
            "hex8": lambda t: "%08x" % bits(32),
            "n": lambda t: 1 + bits(24) % 5000,
            "m": lambda t: 5000 + bits(24) % 5000,
            "ms": lambda t: 3 + bits(24) % 4800,
            "uuid": lambda t: "%08x-%04x-4%03x-a%03x-%012x" % (bits(32), bits(16), bits(12), bits(12), bits(48)),
            "provider": lambda t: pick(PROVIDERS),
            "alnum": lambda t: "%014x" % bits(56),
            "email": lambda t: "%s.%04x@example.%s" % (pick(("ana", "li", "sam", "noor")), bits(16), pick(("com", "org"))),
            "ip": lambda t: pick(self.ips),
            "method": lambda t: pick(METHODS),
            "path": lambda t: pick(self.paths),
            "project": lambda t: self.project,
            "name": lambda t: pick(NAMES),
            "line": lambda t: 40 + bits(16) % 360,
            "reqid": reqid,
            "when": lambda t: "%d.%06d" % (bits(16), bits(20) % 1000000),
            "mib": lambda t: 1025 + bits(16) % 375,
            "service": lambda t: pick(RUN_SERVICES),
            "date": tm("%Y/%m/%d %H:%M:%S"),
            "mmdd": tm("%m%d"),
            "hms": tm("%H:%M:%S"),
            "us": lambda t: "%06d" % (t // 1000 % 10**6),
        }

    # -- vocabulary and templates ------------------------------------------------

    def _vocab(self):
        r = self.rng
        self.runs = []  # (service, revision, region, instance id)
        for svc in RUN_SERVICES:
            region = r.choice(REGIONS)
            for k in range(r.randint(1, 3)):
                rev = "%s-%05d-%s" % (svc, 40 + k, "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(3)))
                for _ in range(6):
                    self.runs.append((svc, rev, region, "00" + self.hexs(134)))
        self.paths = []
        for p in PATHS:
            p = p.replace("{uuid}", "7b3c9e2a-11f4-4c1e-9a55-%s" % self.hexs(12)).replace("{hex8}", self.hexs(8))
            self.paths.append(p.replace("{n}", str(r.randint(1, 99))))
        self.pods = ["orders-api-%s-%s" % (self.hexs(10), self.hexs(5)) for _ in range(8)]
        self.nodes = ["gke-prod-pool-1-%s-%s" % (self.hexs(8), self.hexs(4)) for _ in range(3)]
        self.ips = ["203.0.113.%d" % r.randint(1, 254) for _ in range(40)] + \
                   ["198.51.100.%d" % r.randint(1, 254) for _ in range(40)] + \
                   ["2001:db8:%x::%x" % (r.randint(1, 65535), r.randint(1, 65535)) for _ in range(10)]
        self.ip_tokens = [q(ip) for ip in self.ips]
        self.ua_tokens = [encode_basestring(ua) for ua in UAS]
        self.method_tokens = [q(m) for m in METHODS]
        self.latencies = ['"%.9fs"' % r.expovariate(4.0) for _ in range(4096)]
        self.slow_latencies = ['"%.9fs"' % r.uniform(0.5, 60.0) for _ in range(1024)]
        self.principals = [q("deployer@%s.iam.gserviceaccount.com" % self.project), q("ana.ops@example.com"),
                           q("%d-compute@developer.gserviceaccount.com" % r.randint(10**11, 10**12 - 1))]
        self.groups = ["C" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                                     for _ in range(13)) for _ in TRACEBACKS]
        # Weighted table of (severity, logger, (file, function, line), format), tokens ready.
        self.app_table = [(q(sev), q(logger), (q(path), q(func), '"%d"' % line), fmt)
                          for (weight, sev, logger, path, line, func, fmt) in APP_MESSAGES for _ in range(weight)]

    def _log(self, log_id):
        return "projects/%s/logs/%s" % (self.project, log_id.replace("/", "%2F"))

    def _entry(self, **parts):
        """A LogEntry in API field order (ndjson keeps it; json sorts keys anyway)."""
        order = ["insertId", "jsonPayload", "textPayload", "protoPayload", "httpRequest", "resource", "timestamp",
                 "severity", "labels", "logName", "sourceLocation", "operation", "trace", "spanId", "traceSampled",
                 "receiveTimestamp", "errorGroups"]
        base = {"insertId": slot("iid"), "timestamp": slot("ts"), "receiveTimestamp": slot("rts")}
        base.update(parts)
        return {k: base[k] for k in order if k in base}

    def _templates(self):
        pretty = self.pretty
        run_resource = {"labels": {"configuration_name": slot("svc"), "location": slot("region"),
                                   "project_id": self.project, "revision_name": slot("rev"), "service_name": slot("svc")},
                        "type": "cloud_run_revision"}
        inst = {"instanceId": slot("inst")}
        http = {"latency": slot("lat"), "protocol": slot("proto"), "remoteIp": slot("ip"), "requestMethod": slot("method"),
                "requestSize": slot("reqsize"), "requestUrl": slot("url"), "responseSize": slot("respsize"),
                "serverIp": "216.239.36.53", "status": slot("status"), "userAgent": slot("ua")}
        source = {"file": slot("file"), "function": slot("func"), "line": slot("line")}
        e = self._entry
        run_shapes = {
            "request": e(httpRequest=http, resource=run_resource, severity=slot("sev"), labels=inst,
                         logName=self._log("run.googleapis.com/requests"), trace=slot("trace"), spanId=slot("span")),
            "request_sampled": e(httpRequest=http, resource=run_resource, severity=slot("sev"), labels=inst,
                                 logName=self._log("run.googleapis.com/requests"), trace=slot("trace"),
                                 spanId=slot("span"), traceSampled=True),
            "app": e(jsonPayload={"logger": slot("logger"), "message": slot("msg")}, resource=run_resource,
                     severity=slot("sev"), labels=inst, logName=self._log("run.googleapis.com/stderr"),
                     sourceLocation=source, trace=slot("trace"), spanId=slot("span")),
            "app_plain": e(jsonPayload={"logger": slot("logger"), "message": slot("msg")}, resource=run_resource,
                           severity=slot("sev"), labels=inst, logName=self._log("run.googleapis.com/stderr")),
            "text": e(textPayload=slot("msg"), resource=run_resource, severity=slot("sev"), labels=inst,
                      logName=slot("log")),
            "text_grouped": e(textPayload=slot("msg"), resource=run_resource, severity=slot("sev"), labels=inst,
                              logName=slot("log"), errorGroups=[{"id": slot("group")}]),
            "stdout": e(textPayload=slot("msg"), resource=run_resource, labels=inst,
                        logName=self._log("run.googleapis.com/stdout")),
        }
        # One compiled copy per (revision, instance): the resource block costs nothing per entry.
        self.run_tpls = []
        for svc, rev, region, iid in self.runs:
            fixed = {"svc": q(svc), "rev": q(rev), "region": q(region), "inst": q(iid)}
            shapes = {name: Template(obj, pretty, fixed) for name, obj in run_shapes.items()}
            shapes["host"] = "https://%s-7f3kq2xv4a-uc.a.run.app" % svc
            self.run_tpls.append(shapes)

        k8s_resource = {"labels": {"cluster_name": "prod-gke-1", "container_name": "orders-api", "location": "us-central1",
                                   "namespace_name": "orders", "pod_name": slot("pod"), "project_id": self.project},
                        "type": "k8s_container"}
        k8s_labels = {"compute.googleapis.com/resource_name": slot("node"), "k8s-pod/app": "orders-api",
                      "k8s-pod/pod-template-hash": slot("hash")}
        k8s_shapes = {
            "json": e(jsonPayload={"logger": "com.acme.orders.web", "message": slot("msg"), "thread": slot("thread")},
                      resource=k8s_resource, severity=slot("sev"), labels=k8s_labels, logName=self._log("stdout")),
            "raw": e(jsonPayload={"log": slot("msg"), "logtag": "F"}, resource=k8s_resource, labels=k8s_labels,
                     logName=self._log("stderr")),
            "text": e(textPayload=slot("msg"), resource=k8s_resource, labels=k8s_labels, logName=self._log("stderr")),
        }
        self.k8s_tpls = []
        for k, pod in enumerate(self.pods):
            fixed = {"pod": q(pod), "node": q(self.nodes[k % len(self.nodes)]), "hash": q(pod.split("-")[2])}
            self.k8s_tpls.append({name: Template(obj, pretty, fixed) for name, obj in k8s_shapes.items()})

        def audit_shape(status):
            return e(
                protoPayload={"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                              "authenticationInfo": {"principalEmail": slot("principal")},
                              "authorizationInfo": [{"granted": slot("granted"), "permission": slot("perm"),
                                                     "resource": slot("res"), "resourceAttributes": {}}],
                              "methodName": slot("meth"),
                              "requestMetadata": {"callerIp": slot("ip"), "callerSuppliedUserAgent": slot("ua"),
                                                  "destinationAttributes": {},
                                                  "requestAttributes": {"auth": {}, "time": slot("ts")}},
                              "resourceName": slot("res"), "serviceName": slot("svcname"), "status": status},
                resource={"labels": {"method": slot("meth"), "project_id": self.project, "service": slot("svcname")},
                          "type": "audited_resource"},
                severity=slot("sev"), logName=slot("log"))

        # A successful call has an empty status object; a failed one has code and message.
        self.t_audit_ok = Template(audit_shape({}), pretty)
        self.t_audit_err = Template(audit_shape({"code": slot("code"), "message": slot("stmsg")}), pretty)
        self.t_lb = Template(e(
            jsonPayload={"@type": "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry",
                         "backendTargetProjectNumber": "projects/%d" % self.rng.randint(10**11, 10**12 - 1),
                         "cacheDecision": ["RESPONSE_HAS_CONTENT_TYPE", slot("decision")],
                         "remoteIp": slot("ip"), "statusDetails": slot("details")},
            httpRequest={"cacheHit": slot("hit"), "cacheLookup": True, "latency": slot("lat"), "remoteIp": slot("ip"),
                         "requestMethod": "GET", "requestSize": slot("reqsize"), "requestUrl": slot("url"),
                         "responseSize": slot("respsize"), "status": slot("status"), "userAgent": slot("ua")},
            resource={"labels": {"backend_service_name": "web-backend", "forwarding_rule_name": "web-https-fr",
                                 "project_id": self.project, "target_proxy_name": "web-https-proxy",
                                 "url_map_name": "web-url-map", "zone": "global"},
                      "type": "http_load_balancer"},
            severity=slot("sev"), logName=self._log("requests"), trace=slot("trace"), spanId=slot("span")), pretty)

        self.log_stderr = q(self._log("run.googleapis.com/stderr"))
        self.log_system = q(self._log("run.googleapis.com/varlog/system"))
        self.audit_logs = {k: q(self._log("cloudaudit.googleapis.com/" + k)) for k in ("activity", "data_access")}

    # -- entry kinds (each returns the rendered entries, newest first) ----------

    def run(self):
        return self.run_tpls[self.bits(24) % len(self.run_tpls)]

    @staticmethod
    def severity_for(status):
        return '"ERROR"' if status >= 500 else '"WARNING"' if status >= 400 else '"INFO"'

    def request(self, t):
        runs = self.run_tpls
        b = self.bits(128)
        tpls = runs[b % len(runs)]
        b >>= 12
        status = STATUSES[b % len(STATUSES)]
        b >>= 8
        v = self.common(t)
        v["status"] = str(status)
        v["sev"] = '"ERROR"' if status >= 500 else '"WARNING"' if status >= 400 else '"INFO"'
        v["lat"] = self.latencies[b & 4095] if status < 500 else self.slow_latencies[b & 1023]
        v["proto"] = '"HTTP/2.0"' if b & (1 << 12) else '"HTTP/1.1"'
        b >>= 13
        v["ip"] = self.ip_tokens[b % len(self.ip_tokens)]
        b >>= 8
        v["method"] = self.method_tokens[b % len(self.method_tokens)]
        b >>= 4
        v["reqsize"] = '"%d"' % (120 + b % 3900)
        b >>= 12
        v["respsize"] = '"%d"' % (b % 90000)
        b >>= 17
        v["url"] = '"%s%s"' % (tpls["host"], self.paths[b % len(self.paths)])
        b >>= 5
        v["ua"] = self.ua_tokens[b % len(self.ua_tokens)]
        b >>= 5
        self.trace_span(v)
        return [(tpls["request_sampled"] if b & 3 == 0 else tpls["request"]).render(v)]

    def app(self, t):
        b = self.bits(64)
        runs = self.run_tpls
        tpls = runs[b % len(runs)]
        b >>= 12
        sev, logger, where, fmt = self.app_table[b % len(self.app_table)]
        v = self.common(t)
        v["sev"] = sev
        v["logger"] = logger
        v["msg"] = encode_basestring(self.fields(fmt, t))
        if (b >> 8) & 15 < 11:
            v["file"], v["func"], v["line"] = where
            self.trace_span(v)
            return [tpls["app"].render(v)]
        return [tpls["app_plain"].render(v)]

    def traceback(self, t):
        tpls = self.run()
        k = self.bits(16) % len(TRACEBACKS)
        v = self.common(t)
        v["sev"] = '"ERROR"'
        v["msg"] = encode_basestring(self.fields(TRACEBACKS[k], t))
        v["log"] = self.log_stderr
        if self.bits(1):
            v["group"] = q(self.groups[k])
            return [tpls["text_grouped"].render(v)]
        return [tpls["text"].render(v)]

    def split_traceback(self, t):
        """One stderr entry per traceback line, microseconds apart; emitted last line first."""
        tpl = self.run()["text"]
        out = []
        for line in reversed(SPLIT_TRACEBACK):
            v = self.common(t)
            v["sev"] = '"ERROR"'
            v["msg"] = encode_basestring(line)
            v["log"] = self.log_stderr
            out.append(tpl.render(v))
            t -= (3 + self.bits(6) % 38) * 1000
        return out

    def system(self, t):
        tpls = self.run()
        sev, fmt = self.pick(SYSTEM_MESSAGES)
        v = self.common(t, 9)
        v["sev"] = q(sev)
        v["msg"] = encode_basestring(self.fields(fmt, t))
        v["log"] = self.log_system
        return [tpls["text"].render(v)]

    def stdout(self, t):
        v = self.common(t)
        v["msg"] = '"prompt cache warmed: %d templates"' % (10 + self.bits(16) % 390)
        return [self.run()["stdout"].render(v)]

    def k8s(self, t):
        bits = self.bits
        tpls = self.k8s_tpls[bits(16) % len(self.k8s_tpls)]
        roll = bits(7)  # 0..127
        v = self.common(t, 9 if roll & 1 else 6)
        if roll < 19:
            v["msg"] = encode_basestring(self.fields(JAVA_STACK, t))
            v["sev"] = '"ERROR"'
            v["thread"] = '"http-nio-8080-exec-%d"' % (1 + bits(8) % 200)
            return [tpls["json"].render(v)]
        if roll < 26:
            v["msg"] = encode_basestring(self.fields(GO_PANIC, t))
            return [tpls["text"].render(v)]
        if roll < 70:
            v["msg"] = '"Order %d placed by usr_%08x in %dms"' % (100000 + bits(20), bits(32), 5 + bits(10) % 900)
            v["sev"] = '"DEBUG"' if roll < 35 else '"INFO"'
            v["thread"] = '"http-nio-8080-exec-%d"' % (1 + bits(8) % 200)
            return [tpls["json"].render(v)]
        v["msg"] = encode_basestring(self.fields(self.pick(K8S_LINES), t))
        return [tpls["raw"].render(v)]

    def audit(self, t):
        log_id, sev, svcname, meth, perm, res, code, stmsg = self.pick(AUDIT_CALLS)
        v = self.common(t, 3 if self.bits(1) else 6)
        v.update(principal=self.pick(self.principals), granted="false" if code else "true", perm=q(perm), meth=q(meth),
                 res=q(res.format(project=self.project, service=self.pick(RUN_SERVICES), n=1 + self.bits(10) % 999)),
                 ip=self.pick(self.ip_tokens), ua='"google-cloud-sdk gcloud/528.0.0 command/gcloud.run.deploy"',
                 svcname=q(svcname), code=str(code), stmsg=q(stmsg), sev=q(sev), log=self.audit_logs[log_id])
        return [(self.t_audit_err if code else self.t_audit_ok).render(v)]

    def lb(self, t):
        b = self.bits(64)
        hit = b & 3 == 0
        status = 304 if hit and b & 4 else self.pick(STATUSES)
        v = self.common(t)
        v["decision"] = '"CACHE_MODE_USE_ORIGIN_HEADERS"' if hit else '"REQUEST_HAS_AUTHORIZATION"'
        v["ip"] = self.ip_tokens[(b >> 3) % len(self.ip_tokens)]
        v["details"] = '"response_from_cache"' if hit else '"response_sent_by_backend"'
        v["hit"] = "true" if hit else "false"
        v["lat"] = self.latencies[(b >> 10) & 4095]
        v["reqsize"] = '"%d"' % (200 + (b >> 22) % 700)
        v["respsize"] = '"%d"' % ((b >> 32) % 200000)
        v["url"] = q("https://www.acme-llm.dev" + self.pick(self.paths))
        v["status"] = str(status)
        v["ua"] = self.pick(self.ua_tokens)
        v["sev"] = self.severity_for(status)
        self.trace_span(v)
        return [self.t_lb.render(v)]

    def __iter__(self):
        weights = [(self.request, 36), (self.app, 30), (self.k8s, 12), (self.lb, 6), (self.audit, 5),
                   (self.traceback, 5), (self.system, 3), (self.stdout, 2), (self.split_traceback, 1)]
        table = [kind for kind, w in weights for _ in range(w)]  # 100 slots
        bits, step2 = self.bits, self.step2
        while True:
            b = bits(40)
            self.t_ns -= 1 + ((b & 0xFFFFFF) * step2 >> 24)
            yield from table[(b >> 24) % 100](self.t_ns)


def parse_size(text):
    """'200M' -> 209715200; K, M, G, T are powers of 1024 (an optional B or iB is ignored)."""
    t = text.strip().upper()
    for suffix in ("IB", "B"):
        if t.endswith(suffix) and len(t) > len(suffix):
            t = t[: -len(suffix)]
            break
    unit = t[-1] if t and t[-1] in SIZE_UNITS else ""
    try:
        size = int(float(t[: len(t) - len(unit)]) * SIZE_UNITS[unit])
    except ValueError:
        raise argparse.ArgumentTypeError("not a size: %r (try 500K, 200M, 2G)" % text)
    if size < 0:
        raise argparse.ArgumentTypeError("size must not be negative: %r" % text)
    return size


def main():
    ap = argparse.ArgumentParser(description="Generate a realistic Cloud Logging export (gcloud JSON or NDJSON).")
    limit = ap.add_mutually_exclusive_group(required=True)
    limit.add_argument("--size", type=parse_size, help="stop after about this many bytes: 500K, 200M, 2G (powers of 1024)")
    limit.add_argument("--entries", type=int, help="exactly this many entries")
    ap.add_argument("--seed", type=int, default=1, help="same seed, same bytes (default 1)")
    ap.add_argument("--format", choices=("json", "ndjson"), default="json",
                    help="json: gcloud --format=json array (default); ndjson: one compact entry per line")
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    ap.add_argument("--project", default="acme-bench", help="project id in logName and resources")
    ap.add_argument("--end", default="2025-09-15T14:00:00Z", help="timestamp of the newest entry (UTC, whole seconds)")
    ap.add_argument("--rate", type=float, default=2000.0, help="average entries per second of log time (default 2000)")
    args = ap.parse_args()

    end = calendar.timegm(time.strptime(args.end, "%Y-%m-%dT%H:%M:%SZ"))
    max_bytes = args.size
    max_entries = args.entries
    pretty = args.format == "json"
    gen = Generator(args.seed, pretty, args.project, end, args.rate)

    out = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")
    try:
        count = write_stream(iter(gen), out, pretty, max_entries, max_bytes)
    except BrokenPipeError:  # `| head` is a normal way to use this
        sys.stderr.close()
        return
    if out is not sys.stdout.buffer:
        out.close()
    print("gen-export: %d entries" % count, file=sys.stderr)


def write_stream(entries, out, pretty, max_entries, max_bytes):
    """Write entries in chunks of up to 1024 until the entry count or byte size is reached."""
    written = count = 0
    sep = b",\n" if pretty else b"\n"
    while True:
        if max_entries is not None:
            n = min(1024, max_entries - count)
        else:
            # Shrink the chunk near the target so the size overshoots by one entry at most.
            left = max_bytes - written
            n = 0 if left <= 0 else min(1024, max(1, left // 1600))
        if n <= 0:
            break
        # Encoding entry by entry keeps the ASCII fast path; one accented entry would
        # otherwise widen a whole joined chunk and make encoding it several times slower.
        chunk = [text.encode("utf-8") for text in itertools.islice(entries, n)]
        data = sep.join(chunk)
        if pretty:
            data = (sep if count else b"[\n") + data
        else:
            data += b"\n"
        out.write(data)
        written += len(data)
        count += len(chunk)
    if pretty:
        out.write(b"\n]\n" if count else b"[]\n")  # gcloud prints exactly "[]" for nothing
    out.flush()
    return count


if __name__ == "__main__":
    main()
