#!/usr/bin/env bash
# Log Gardener: read the last window of Cloud Logging (or a saved export), find the distinct problems,
# rank them, match them to GitHub issues and write the worklog. Safe to run from cron.
#
#   ./pipeline.sh                         the bundled example, offline, dry run -> out/
#   ./pipeline.sh --input logs.json       a saved export (gcloud JSON array, NDJSON, Pub/Sub, text)
#   ./pipeline.sh --project P --service api --window 1h --repo acme/api --apply --state /var/lib/garden
#
# Run ./pipeline.sh --help for every option and the exit statuses.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prog="pipeline.sh"

usage() {
  cat <<'USAGE'
pipeline.sh — run the Log Gardener chain: parse | cluster | score | issues | render

USAGE: ./pipeline.sh [OPTIONS]

With no options: builds what is missing and runs on the bundled example export
(examples/staging-export.json, examples/issues.json), offline, dry run; the worklog goes to out/.

INPUT
  --input FILE|-         Read a saved export (or stdin) instead of gcloud; repeatable.
  --project ID           Read from Cloud Logging with `gcloud logging read` (needs gcloud, auth).
  --service NAME         Only this service (Cloud Run service / function / container); repeatable.
  --window DUR           How far back: 30m, 1h, 24h, 7d (default 1h). Sent to gcloud as an explicit
                         timestamp>= bound computed in UTC, so its freshness default cannot bite.
                         With --input, only filters when given.
  --min-severity LEVEL   Lowest severity read from gcloud (default WARNING; INFO with --health).
                         With --input the export is read whole unless this is given.
  --health               Also read INFO, so the worklog can say what is working.
  --filter TEXT          Extra Logging filter text, ANDed with the rest.
  --limit N              Most entries read from gcloud (default 5000); reaching it is warned about.
  --now RFC3339          Treat this as the current time (reproducible runs and tests).
ISSUES
  --issues-file FILE     Existing issues as `gh issue list --json ...` printed them (offline).
                         With --repo too, the listing comes from FILE, writes go to the repo.
  --repo OWNER/NAME      Read (and with --apply, write) the repository's issues through `gh`.
  --apply                Perform the issue decisions (default: dry run, nothing is written);
                         needs --repo and --state (the ledger that prevents duplicate writes).
OUTPUT AND STATE
  --focus TERM           Put the clusters that match TERM first in the worklog.
  --max-sections N       Full worklog sections for the first N clusters, one line for the rest
                         (default 50; 0 = all).
  --config FILE          Scoring rules (see examples/score-config.json).
  --out DIR              Where the worklog goes (default: out/ beside this script).
  --state DIR            History, issue ledger and lock live here (default: no history is kept).
  --lock-timeout SEC     How long to wait for another run's lock (default 60).
  --bin DIR              Use the garden-* executables in DIR instead of building them.
  --keep-streams         Also save each stage's NDJSON output next to the worklog.
  -h, --help             This help.

EXIT STATUS
  0   worklog written
  2   worklog written; some input records were rejected (see stderr and the worklog header)
  3   worklog written from PARTIAL input (gcloud failed part-way, or the input was cut off or empty);
      flagged in the worklog; no issue writes were made
  64  usage error
  65  the input is not a log export this tool reads
  66  input file, gcloud or gh not found
  69  gcloud failed before returning any entry (auth, quota, permissions)
  70  a stage failed unexpectedly
  74  a worklog, stream or state file could not be written (disk full, read-only folder)
  75  another run holds the lock
  1   the build failed

EXAMPLES
  ./pipeline.sh
  ./pipeline.sh --input ../shared/data/real-dumps/04_telegram-signals-cf2-python-run.json
  gcloud logging read 'severity>=WARNING' --limit 1000 --format=json | ./pipeline.sh --input -
  ./pipeline.sh --project acme-staging --service llm-backend --window 1h --focus llm_manager \
      --repo acme/llm-backend --state /var/lib/log-gardener --out /var/log/worklogs
USAGE
}

die() { # status message
  printf '%s: %s\n' "$prog" "$2" >&2
  exit "$1"
}

inputs=()
input=""
project=""
services=()
window="1h"
window_given=0
min_severity=""
severity_given=""
health=0
extra_filter=""
limit=5000
now=""
issues_file=""
repo=""
apply=0
focus=""
max_sections=""
config=""
out_dir="$here/out"
state_dir=""
lock_timeout=60
bin_dir=""
keep_streams=0
example=1

need_value() { [ "$#" -ge 2 ] && [ -n "$2" ] || die 64 "option $1 needs a value (see --help)"; }

while [ "$#" -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --input) need_value "$@"; inputs+=("$2"); example=0; shift 2 ;;
    --project) need_value "$@"; project="$2"; example=0; shift 2 ;;
    --service) need_value "$@"; services+=("$2"); shift 2 ;;
    --window) need_value "$@"; window="$2"; window_given=1; shift 2 ;;
    --min-severity) need_value "$@"; min_severity="$2"; severity_given=1; shift 2 ;;
    --health) health=1; shift ;;
    --filter) need_value "$@"; extra_filter="$2"; shift 2 ;;
    --limit) need_value "$@"; limit="$2"; shift 2 ;;
    --now) need_value "$@"; now="$2"; shift 2 ;;
    --issues-file) need_value "$@"; issues_file="$2"; shift 2 ;;
    --repo) need_value "$@"; repo="$2"; shift 2 ;;
    --apply) apply=1; shift ;;
    --focus) need_value "$@"; focus="$2"; shift 2 ;;
    --max-sections) need_value "$@"; max_sections="$2"; shift 2 ;;
    --config) need_value "$@"; config="$2"; shift 2 ;;
    --out) need_value "$@"; out_dir="$2"; shift 2 ;;
    --state) need_value "$@"; state_dir="$2"; shift 2 ;;
    --lock-timeout) need_value "$@"; lock_timeout="$2"; shift 2 ;;
    --bin) need_value "$@"; bin_dir="$2"; shift 2 ;;
    --keep-streams) keep_streams=1; shift ;;
    *) die 64 "unknown option '$1' (see --help)" ;;
  esac
done

case "$limit" in '' | *[!0-9]*) die 64 "--limit needs a whole number, got '$limit'" ;; esac
case "$lock_timeout" in '' | *[!0-9]*) die 64 "--lock-timeout needs whole seconds, got '$lock_timeout'" ;; esac
case "$max_sections" in *[!0-9]*) die 64 "--max-sections needs a whole number, got '$max_sections'" ;; esac
[ "$apply" -eq 0 ] || [ -n "$repo" ] || die 64 "--apply needs --repo OWNER/NAME"
[ "$apply" -eq 0 ] || [ -n "$state_dir" ] || die 64 "--apply needs --state DIR (its ledger keeps a rerun from writing twice)"
if [ "$example" -eq 1 ] && [ "${#services[@]}" -gt 0 ]; then die 64 "--service needs --project (or --input)"; fi
# Paths given by the caller are taken relative to where they called from.
abspath() { case "$1" in "" | - | /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
for i in "${!inputs[@]}"; do inputs[$i]="$(abspath "${inputs[$i]}")"; done
issues_file="$(abspath "$issues_file")"
config="$(abspath "$config")"
out_dir="$(abspath "$out_dir")"
state_dir="$(abspath "$state_dir")"
bin_dir="$(abspath "$bin_dir")"
chain_dir="$PWD"
if [ "$example" -eq 1 ]; then
  # The example runs from the checkout with relative paths, so its worklog is byte for byte what the
  # README's hand-written chain prints there.
  chain_dir="$here"
  inputs=("examples/staging-export.json")
  [ -n "$issues_file" ] || [ -n "$repo" ] || issues_file="examples/issues.json"
fi
if [ -z "$min_severity" ]; then
  if [ "$health" -eq 1 ]; then min_severity="INFO"; else min_severity="WARNING"; fi
fi
# Checked here, not by a stage: it also goes into the gcloud filter, and a stage's usage text would
# point at the stage's --help instead of this script's.
min_severity="$(printf '%s' "$min_severity" | tr '[:lower:]' '[:upper:]')"
case "$min_severity" in
  DEFAULT | DEBUG | INFO | NOTICE | WARNING | ERROR | CRITICAL | ALERT | EMERGENCY) ;;
  *) die 64 "--min-severity needs a Cloud Logging severity (DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY), got '$min_severity'" ;;
esac

# Window length in seconds.
window_seconds() {
  local n="${1%[smhd]}" unit="${1##*[0-9]}"
  case "$n" in '' | *[!0-9]*) return 1 ;; esac
  case "$unit" in
    s) echo "$n" ;;
    m) echo "$((n * 60))" ;;
    h) echo "$((n * 3600))" ;;
    d) echo "$((n * 86400))" ;;
    *) return 1 ;;
  esac
}
secs="$(window_seconds "$window")" || die 64 "--window must look like 30m, 1h, 24h or 7d, got '$window'"

# --- executables -------------------------------------------------------------------------------
stages=(parse cluster score issues render)
if [ -z "$bin_dir" ]; then
  bin_dir="$here/.build/release"
  # Sources are compared with a stamp of the last build made here, not with each executable: swift
  # build relinks only the stages whose sources changed, so an executable can stay older than an
  # edited file of another stage, and every later run would start a (no-op) build again.
  build_stamp="$bin_dir/.pipeline-build-stamp"
  stale=0
  for s in "${stages[@]}"; do [ -x "$bin_dir/garden-$s" ] || stale=1; done
  if [ ! -e "$build_stamp" ] || [ -n "$(find "$here/Sources" "$here/Package.swift" -newer "$build_stamp" -print -quit 2>/dev/null)" ]; then
    stale=1
  fi
  if [ "$stale" -eq 1 ]; then
    printf '%s: building the garden-* executables (swift build -c release)...\n' "$prog" >&2
    # The stamp is taken before the build, so an edit made while it runs is seen next time.
    started="$(mktemp "${TMPDIR:-/tmp}/log-gardener-build.XXXXXX")"
    (cd "$here" && swift build -c release >&2) || { rm -f "$started"; die 1 "the build failed (see above)"; }
    mv -f "$started" "$build_stamp" 2>/dev/null || rm -f "$started"
  fi
fi
for s in "${stages[@]}"; do
  [ -x "$bin_dir/garden-$s" ] || die 66 "$bin_dir/garden-$s is missing (build with: swift build -c release)"
done

# --- state and lock ----------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/log-gardener.XXXXXX")"
trap 'rm -rf "$work"' EXIT
history_args=()
ledger_args=()
if [ -n "$state_dir" ]; then
  mkdir -p "$state_dir" || die 74 "cannot create the state folder $state_dir"
  exec 9>"$state_dir/pipeline.lock" || die 74 "cannot open the lock file in $state_dir"
  flock -w "$lock_timeout" 9 || die 75 "another run holds $state_dir/pipeline.lock (waited ${lock_timeout}s)"
  history_args=(--history "$state_dir/history.json")
  ledger_args=(--ledger "$state_dir/ledger.json")
fi
mkdir -p "$out_dir" 2>/dev/null && [ -w "$out_dir" ] || die 74 "cannot create or write the output folder $out_dir"

# --- input -------------------------------------------------------------------------------------
now_epoch="$(date -u +%s)"
if [ -n "$now" ]; then
  now_epoch="$(date -u -d "$now" +%s 2>/dev/null)" || die 64 "--now must be an RFC 3339 time, got '$now'"
fi
since="$(date -u -d "@$((now_epoch - secs))" +%Y-%m-%dT%H:%M:%SZ)"
# Stages take RFC 3339; pipeline.sh also accepts what date(1) reads ("now", "2025-09-15 14:00").
[ -z "$now" ] || now="$(date -u -d "@$now_epoch" +%Y-%m-%dT%H:%M:%SZ)"
partial_reason=""
limit_note=""
if [ -n "$project" ] && [ "${#inputs[@]}" -eq 0 ]; then
  command -v gcloud >/dev/null 2>&1 || die 66 "gcloud is not installed or not on PATH"
  filter="timestamp>=\"$since\" AND severity>=$min_severity"
  if [ "${#services[@]}" -gt 0 ]; then
    any=""
    for s in "${services[@]}"; do
      clause="(resource.labels.service_name=\"$s\" OR resource.labels.function_name=\"$s\" OR resource.labels.container_name=\"$s\" OR resource.labels.module_id=\"$s\")"
      if [ -z "$any" ]; then any="$clause"; else any="$any OR $clause"; fi
    done
    filter="$filter AND ($any)"
  fi
  [ -z "$extra_filter" ] || filter="$filter AND ($extra_filter)"
  inputs=("$work/gcloud.json")
  set +e
  CLOUDSDK_CORE_DISABLE_PROMPTS=1 gcloud logging read "$filter" --project="$project" --format=json \
    --order=desc --limit="$limit" >"$work/gcloud.json" 2>"$work/gcloud.err"
  gcloud_status=$?
  set -e
  if [ "$gcloud_status" -ne 0 ]; then
    reason="$(grep -m1 -E 'ERROR|error' "$work/gcloud.err" || head -n1 "$work/gcloud.err" || true)"
    reason="$(printf '%s' "$reason" | tr -cd '[:alnum:] ._:/()=-' | cut -c1-300)"
    if ! grep -q '{' "$work/gcloud.json"; then
      die 69 "gcloud logging read failed before returning any entry: ${reason:-exit $gcloud_status}"
    fi
    partial_reason="gcloud logging read failed part-way (${reason:-exit $gcloud_status}); the entries before the failure are kept"
  else
    # gcloud stops quietly at --limit, newest first: the older part of the window is then missing.
    # Each entry of its --format=json array starts with a line holding only "  {".
    read_count="$(grep -c '^  {$' "$work/gcloud.json" || true)"
    if [ "$limit" -gt 0 ] && [ "${read_count:-0}" -ge "$limit" ]; then
      limit_note="gcloud returned $read_count entries, its --limit: older entries of the window were not read, so counts and trends cover only the newest part (raise --limit, or narrow with --min-severity, --service or --filter)"
      printf '%s: warning: %s\n' "$prog" "$limit_note" >&2
    fi
  fi
elif [ "${#inputs[@]}" -eq 0 ]; then
  die 64 "nothing to read: give --input FILE, --project ID, or no options for the example"
fi
for f in "${inputs[@]}"; do
  if [ "$f" != "-" ] && ! (cd "$chain_dir" && [ -r "$f" ] && [ ! -d "$f" ]); then die 66 "cannot read input $f"; fi
done
if [ "$window_given" -eq 1 ] && [ -z "$project" ] && [ -z "$now" ]; then
  printf '%s: note: --window counts back from now (%s); give --now to count from the end of a saved export\n' \
    "$prog" "$(date -u -d "@$now_epoch" +%Y-%m-%dT%H:%M:%SZ)" >&2
fi

# --- the chain ---------------------------------------------------------------------------------
# gcloud already applied window and severity; a saved export is read whole unless asked otherwise.
parse_args=()
[ -z "$severity_given" ] || parse_args+=(--min-severity "$min_severity")
[ "$window_given" -eq 0 ] || parse_args+=(--since "$since")
for s in "${services[@]}"; do parse_args+=(--service "$s"); done
score_args=("${history_args[@]}")
[ -z "$config" ] || score_args+=(--config "$config")
[ -z "$now" ] || score_args+=(--now "$now")
issues_args=("${ledger_args[@]}")
no_listing=0
if [ -n "$repo" ] || [ -n "$issues_file" ]; then
  # Both may be given, as to garden-issues: the listing comes from the file, links and writes go to
  # the repository.
  [ -z "$repo" ] || issues_args+=(--repo "$repo")
  [ -z "$issues_file" ] || issues_args+=(--issues-file "$issues_file")
else
  # No tracker given: decide against an empty listing, and say so in the worklog.
  printf '[]\n' >"$work/no-issues.json"
  issues_args+=(--issues-file "$work/no-issues.json")
  no_listing=1
fi
if [ "$apply" -eq 1 ] && [ -z "$partial_reason" ]; then issues_args+=(--apply); fi
render_args=()
[ -z "$focus" ] || render_args+=(--focus "$focus")
[ -z "$max_sections" ] || render_args+=(--max-sections "$max_sections")
[ -z "$now" ] || render_args+=(--now "$now")

# A pipeline-level meta record tells later stages (and the worklog) that gcloud failed part-way.
pipeline_meta() {
  if [ -n "$partial_reason" ]; then
    printf '{"kind":"meta","schema":"1.0","stage":"pipeline","complete":false,"counts":{},"warnings":["%s"]}\n' "$partial_reason"
    return
  fi
  # The texts are ours (no quotes or backslashes), so they go into the JSON as they are.
  local warnings=()
  [ -z "$limit_note" ] || warnings+=("\"$limit_note\"")
  [ "$no_listing" -eq 0 ] || warnings+=('"no issue tracker was given (--issues-file or --repo): every issue decision assumes that no issue exists yet"')
  [ "${#warnings[@]}" -gt 0 ] || return 0
  local joined
  joined="$(IFS=,; printf '%s' "${warnings[*]}")"
  printf '{"kind":"meta","schema":"1.0","stage":"pipeline","complete":true,"counts":{},"warnings":[%s]}\n' "$joined"
}

stream() { # stage-name: saves the stream when --keep-streams
  if [ "$keep_streams" -eq 1 ]; then tee "$work/$1.ndjson"; else cat; fi
}

set +e
cd "$chain_dir"
{
  "$bin_dir/garden-parse" "${parse_args[@]}" "${inputs[@]}"
  echo "$?" >"$work/parse.status"
  pipeline_meta
} | stream parse | "$bin_dir/garden-cluster" | stream cluster \
  | "$bin_dir/garden-score" "${score_args[@]}" | stream score \
  | "$bin_dir/garden-issues" "${issues_args[@]}" | stream issues \
  | "$bin_dir/garden-render" "${render_args[@]}" >"$work/worklog.md" 2>"$work/render.err"
statuses=("${PIPESTATUS[@]}")
set -e
parse_status="$(cat "$work/parse.status" 2>/dev/null || echo 70)"
worst=0
names=(parse cluster score issues render)
all=("$parse_status" "${statuses[2]}" "${statuses[4]}" "${statuses[6]}" "${statuses[8]}")
for i in 0 1 2 3 4; do
  st="${all[$i]}"
  case "$st" in
    0) ;;
    2 | 3) [ "$st" -gt "$worst" ] && worst="$st" ;;
    *)
      # Render's messages are shown unless an earlier stage failed: then they only echo that
      # failure ("input is partial") below the message that matters.
      [ "$i" -lt 4 ] || cat "$work/render.err" >&2
      die "$st" "garden-${names[$i]} failed with status $st (see its message above)"
      ;;
  esac
done
cat "$work/render.err" >&2
[ -z "$partial_reason" ] || worst=3
[ -s "$work/worklog.md" ] || die 70 "the worklog came out empty"

label="${focus:-$window}"
label="$(printf '%s' "$label" | tr -c '[:alnum:]_-' '-')"
stamp="$(date -u -d "@$now_epoch" +%Y%m%dT%H%M%SZ)"
worklog="$out_dir/GCP-LOG-GARDENER-WORKLOG-$label-$stamp.md"
n=2
while [ -e "$worklog" ]; do # never overwrite an earlier worklog of the same second
  worklog="$out_dir/GCP-LOG-GARDENER-WORKLOG-$label-$stamp-$n.md"
  n=$((n + 1))
done
mv "$work/worklog.md" "$worklog" || die 74 "cannot write $worklog"
if [ "$keep_streams" -eq 1 ]; then
  for s in "${names[@]}"; do [ ! -f "$work/$s.ndjson" ] || mv "$work/$s.ndjson" "${worklog%.md}.$s.ndjson"; done
fi
if [ "$worst" -eq 3 ]; then
  printf '%s: PARTIAL: %s\n' "$prog" "${partial_reason:-the input is incomplete (cut off, or empty); the stage message above and the worklog header say which}" >&2
fi
printf '%s\n' "$worklog" 2>/dev/null || die 74 "cannot write to standard output (the worklog is $worklog)"
exit "$worst"
