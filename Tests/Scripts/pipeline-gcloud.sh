#!/usr/bin/env bash
# pipeline.sh against the REAL gcloud CLI pointed at a fake Logging API on 127.0.0.1 (issue #8).
#   case ok:    two pages; the request filter must carry the computed timestamp bound; exit 0.
#   case quota: page two answers 429 RESOURCE_EXHAUSTED; the first page's entries are kept, the worklog
#               is flagged partial, the exit status is 3 with one clear line, and no issue is written.
#   case lock:  a second run while the state lock is held waits --lock-timeout, exits 75, writes nothing.
# Prints "N passed, N failed". Exits 0 only when every case passed; 77 (skip) when gcloud is absent.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${GARDEN_BIN:-$root/.build/release}"
if ! command -v gcloud >/dev/null 2>&1; then
  echo "SKIP: gcloud is not installed; the gcloud pipeline test did not run" >&2
  exit 77
fi
tmp="$(mktemp -d)"
server_pid=""
cleanup() { [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null; if [ -n "${KEEP_TMP:-}" ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
passed=0
failed=0
check() { # description, then a command that must succeed
  local what="$1"
  shift
  if "$@"; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "FAIL: $what" >&2
  fi
}

now="2025-09-15T14:00:00Z"
since="2025-09-15T13:00:00Z"
python3 - "$tmp/entries.json" <<'PY'
import json, sys
entries = []
for i in range(8):
    entries.append({"insertId": "e%02d" % i, "logName": "projects/demo/logs/run.googleapis.com%2Fstderr",
                    "resource": {"type": "cloud_run_revision", "labels": {"service_name": "api", "revision_name": "api-0001"}},
                    "severity": "ERROR", "timestamp": "2025-09-15T13:%02d:00.000001Z" % (50 - i),
                    "textPayload": "Database query timed out after %d.%ds on table orders" % (10 + i, i)})
json.dump(entries, open(sys.argv[1], "w"))
PY

# A fake gh that records every call; listing returns no issues.
mkdir -p "$tmp/fakebin"
cat >"$tmp/fakebin/gh" <<'GH'
#!/usr/bin/env bash
printf '%s\n' "$*" >>"$FAKE_GH_LOG"
case "$1 $2" in
  "--version "*) echo "gh version 2.23.0 (2023-02-08)" ;;
  "api "*) echo "[]" ;;
  "issue list") echo "[]" ;;
  "label "*) : ;;
  *) echo "https://github.com/acme/api/issues/999" ;;
esac
GH
chmod +x "$tmp/fakebin/gh"
export FAKE_GH_LOG="$tmp/gh.log"
: >"$FAKE_GH_LOG"

start_server() { # mode
  rm -f "$tmp/port" "$tmp/requests.log"
  python3 "$root/Tests/Fixtures/fake-logging-api/server.py" --entries "$tmp/entries.json" \
    --requests "$tmp/requests.log" --port-file "$tmp/port" --mode "$1" --expect-since "$since" --lifetime 120 &
  server_pid=$!
  for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
}
stop_server() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""; }

run_pipeline() { # out-dir, extra args...
  local out="$1"
  shift
  echo dummy-token >"$tmp/token"
  PATH="$tmp/fakebin:$PATH" CLOUDSDK_CONFIG="$tmp/gcloud-config" \
    CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING="http://127.0.0.1:$(cat "$tmp/port")/" \
    CLOUDSDK_AUTH_ACCESS_TOKEN_FILE="$tmp/token" \
    "$root/pipeline.sh" --bin "$bin" --project demo --service api --window 1h --now "$now" \
    --repo acme/api --out "$out" "$@"
}

# --- case ok ---
start_server ok
run_pipeline "$tmp/out-ok" >"$tmp/ok.stdout" 2>"$tmp/ok.stderr"
status=$?
stop_server
check "ok: exit 0 (got $status: $(tail -n1 "$tmp/ok.stderr"))" test "$status" -eq 0
check "ok: two pages were requested" test "$(wc -l <"$tmp/requests.log")" -eq 2
check "ok: the filter carries the computed bound" grep -q "timestamp>=\\\\\"$since\\\\\"" "$tmp/requests.log"
worklog="$(tail -n1 "$tmp/ok.stdout")"
check "ok: the worklog exists" test -s "$worklog"
check "ok: the worklog is named for the window and time" grep -q 'GCP-LOG-GARDENER-WORKLOG-1h-20250915T140000Z.md$' "$tmp/ok.stdout"
check "ok: entries of both pages were read (8)" grep -Eq '\b8\b' "$worklog"

# --- case limit: gcloud stops at --limit (newest first); the run says the window is cut ---
start_server ok
run_pipeline "$tmp/out-limit" --limit 5 >"$tmp/limit.stdout" 2>"$tmp/limit.stderr"
status=$?
stop_server
check "limit: exit 0 (got $status: $(tail -n1 "$tmp/limit.stderr"))" test "$status" -eq 0
check "limit: stderr warns that --limit was reached" grep -q 'warning: gcloud returned 5 entries, its --limit' "$tmp/limit.stderr"
worklog="$(tail -n1 "$tmp/limit.stdout")"
check "limit: the worklog says older entries were not read" grep -q 'older entries of the window were not read' "$worklog"

# --- case quota ---
: >"$FAKE_GH_LOG"
start_server quota
run_pipeline "$tmp/out-quota" --apply --state "$tmp/state" >"$tmp/quota.stdout" 2>"$tmp/quota.stderr"
status=$?
stop_server
check "quota: exit 3 (got $status)" test "$status" -eq 3
check "quota: one clear line names the failure" grep -q 'PARTIAL: gcloud logging read failed part-way (.*RESOURCE_EXHAUSTED' "$tmp/quota.stderr"
worklog="$(tail -n1 "$tmp/quota.stdout")"
check "quota: the worklog exists" test -s "$worklog"
check "quota: the worklog says the run is partial" grep -qi 'partial' "$worklog"
check "quota: the first page's 4 entries were kept" grep -Eq '\b4\b' "$worklog"
check "quota: no issue writes" bash -c "! grep -Eq '^(issue (create|comment|reopen|edit)|label create)' '$FAKE_GH_LOG'"

# --- case lock ---
: >"$FAKE_GH_LOG"
mkdir -p "$tmp/state2"
start_server ok
flock "$tmp/state2/pipeline.lock" sleep 6 &
holder=$!
sleep 0.5
run_pipeline "$tmp/out-lock" --apply --state "$tmp/state2" --lock-timeout 1 >"$tmp/lock.stdout" 2>"$tmp/lock.stderr"
status=$?
wait "$holder"
stop_server
check "lock: second run exits 75 (got $status)" test "$status" -eq 75
check "lock: says another run holds the lock" grep -q 'another run holds' "$tmp/lock.stderr"
check "lock: the second run wrote nothing to GitHub" test ! -s "$FAKE_GH_LOG"
check "lock: the second run wrote no worklog" test ! -d "$tmp/out-lock" -o -z "$(ls -A "$tmp/out-lock" 2>/dev/null)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
