#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for garden-parse's input side.
#
#   fuzz/run.sh [TARGET] [SECONDS]      fuzz TARGET (json-reader, trace-parser, all; default all)
#                                       for SECONDS each (default 60)
#   fuzz/run.sh TARGET FILE...          run TARGET once on saved inputs (reproduce a finding)
#   fuzz/run.sh --list                  list the targets
#
# Targets:
#   json-reader   GardenKit JSONReader/JSONWriter round trip, JSONArrayFramer and LineFramer
#                 (in memory, in deterministic socket chunks, and from a padded file)
#   trace-parser  Sources/parse/Text: TraceParser, TextLineClassifier, TextEventAssembler,
#                 TraceStitcher (skipped, with a note, when that folder is absent)
#
# Environment:
#   FUZZ_WORK        scratch dir (default /tmp/garden-fuzz): build/, corpus/ (grows between runs),
#                    findings/ (crash-*, timeout-*, oom-* inputs), logs/
#   FUZZ_TEXT_DIR    the Text sources to fuzz (default <tree>/Sources/parse/Text)
#   FUZZ_KEEP_GOING  1 = keep fuzzing after a finding (libFuzzer -fork=1 -ignore_crashes=1)
#   FUZZ_MAX_LEN     largest input in bytes (default 1048576)
#   FUZZ_TIMEOUT     seconds one input may take before it counts as a hang (default 25)
#   FUZZ_DATA        shared data dir used to seed the corpus at run time (default /work/shared/data)
#
# Exit status: 0 no finding, 1 finding (paths printed), 2 usage or build error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
WORK="${FUZZ_WORK:-/tmp/garden-fuzz}"
TEXT_DIR="${FUZZ_TEXT_DIR:-$ROOT/Sources/parse/Text}"
MAX_LEN="${FUZZ_MAX_LEN:-1048576}"
TIMEOUT="${FUZZ_TIMEOUT:-25}"
DATA="${FUZZ_DATA:-/work/shared/data}"
TARGETS=(json-reader trace-parser)
# -O: the product ships optimized; bounds and overflow checks stay on, ASan adds memory checks.
SWIFTFLAGS=(-O -g -parse-as-library -sanitize=fuzzer,address)

# Swift's own crash backtracer fights ASan over the dying process; libFuzzer prints the stack.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

say() { printf '[fuzz] %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 2
}

# Linker flag: lld exports ASan's local symbols without the gold warnings (thousands of lines).
if command -v ld.lld >/dev/null 2>&1 || [ -x "$(dirname "$(command -v swiftc)")/ld.lld" ]; then
  SWIFTFLAGS+=(-use-ld=lld)
fi

# A digest of the given files' names and contents: rebuild only when it changes.
digest() { { printf '%s\n' "$@" "${SWIFTFLAGS[*]}"; cat "$@"; } | sha256sum | cut -c1-16; }

# Prints only what matters from swiftc (the gold linker warns once per ASan symbol).
compile() { swiftc "$@" 2> >(grep -v 'Cannot export local symbol' >&2); }

build_gardenkit() {
  local out="$WORK/build/gardenkit" srcs
  mapfile -t srcs < <(find "$ROOT/Sources/GardenKit" -name '*.swift' | LC_ALL=C sort)
  [ "${#srcs[@]}" -gt 0 ] || die "no GardenKit sources under $ROOT/Sources/GardenKit"
  local stamp
  stamp="$(digest "${srcs[@]}")"
  if [ -f "$out/GardenKit.o" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
    return
  fi
  say "building GardenKit (${#srcs[@]} files, fuzzer+address instrumentation)"
  rm -rf "$out" && mkdir -p "$out"
  compile "${SWIFTFLAGS[@]}" -module-name GardenKit -wmo -c \
    -emit-module -emit-module-path "$out/GardenKit.swiftmodule" \
    "${srcs[@]}" -o "$out/GardenKit.o" || die "GardenKit did not compile"
  echo "$stamp" >"$out/stamp"
}

# Sources of one target besides fuzz/common and the target folder.
extra_sources() {
  case "$1" in
  trace-parser) find "$TEXT_DIR" -maxdepth 1 -name '*.swift' | LC_ALL=C sort ;;
  esac
}

build_target() {
  local target="$1" out="$WORK/build/$1" srcs
  mapfile -t srcs < <({
    find "$HERE/common" "$HERE/$target" -name '*.swift'
    extra_sources "$target"
  } | LC_ALL=C sort)
  local stamp
  stamp="$(digest "${srcs[@]}" "$WORK/build/gardenkit/stamp")"
  if [ -x "$out/$target" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
    return
  fi
  say "building $target (${#srcs[@]} files)"
  rm -rf "$out" && mkdir -p "$out"
  local module
  module="Fuzz$(echo "$target" | tr -d '-')"
  compile "${SWIFTFLAGS[@]}" -module-name "$module" -I "$WORK/build/gardenkit" \
    "${srcs[@]}" "$WORK/build/gardenkit/GardenKit.o" -o "$out/$target" ||
    die "$target did not compile"
  echo "$stamp" >"$out/stamp"
}

# The working corpus: committed seeds, plus shared data copied at run time (never committed).
seed_corpus() {
  local target="$1" dir="$WORK/corpus/$1"
  mkdir -p "$dir"
  cp -n "$HERE/corpus/$target"/* "$dir"/ 2>/dev/null || true
  case "$target" in
  json-reader)
    for f in "$DATA"/json-test-suite/test_parsing/*.json "$DATA"/gcp-samples/*.json \
      "$DATA"/real-dumps/*.json "$DATA"/cases/*.input; do
      [ -f "$f" ] && [ "$(stat -c %s "$f")" -le "$MAX_LEN" ] && cp -n "$f" "$dir/data-$(basename "$f")"
    done
    ;;
  trace-parser)
    for f in "$DATA"/cases/*.input; do
      [ -f "$f" ] && cp -n "$f" "$dir/data-$(basename "$f")"
    done
    # Multi-line strings (textPayload, stack_trace) of the sample exports, decoded, one per file.
    if command -v python3 >/dev/null; then
      python3 - "$dir" "$DATA"/gcp-samples/*.json "$DATA"/real-dumps/*.json <<'PY' || true
import hashlib, json, os, sys
out = sys.argv[1]
def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v: yield from strings(x)
    elif isinstance(v, dict):
        for x in v.values(): yield from strings(x)
for path in sys.argv[2:]:
    try:
        doc = json.load(open(path, encoding="utf-8", errors="replace"))
    except Exception:
        continue
    for s in strings(doc):
        if "\n" in s and len(s) < 65536:
            name = "data-" + hashlib.sha1(s.encode()).hexdigest()[:16] + ".txt"
            with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
                fh.write(s)
PY
    fi
    ;;
  esac
}

# Returns 0 when the target can be built here; prints why not otherwise.
available() {
  case "$1" in
  trace-parser)
    if ! compgen -G "$TEXT_DIR/*.swift" >/dev/null; then
      say "SKIP trace-parser: no Swift files in $TEXT_DIR (branch 'traces' not merged here?)"
      say "     point FUZZ_TEXT_DIR at a checkout's Sources/parse/Text to fuzz it anyway"
      return 1
    fi
    ;;
  esac
  return 0
}

fuzz_target() {
  local target="$1" seconds="$2"
  local bin="$WORK/build/$target/$target" findings="$WORK/findings/$target" stamp
  stamp="$(date +%Y%m%d-%H%M%S)"
  local log="$WORK/logs/$target-$stamp.log"
  mkdir -p "$findings" "$WORK/logs"
  seed_corpus "$target"
  local before
  before="$(find "$findings" -type f ! -name '*.txt' | LC_ALL=C sort)"
  local args=(
    -max_total_time="$seconds" -max_len="$MAX_LEN" -timeout="$TIMEOUT" -rss_limit_mb=4096
    -dict="$HERE/$target.dict" -artifact_prefix="$findings/" -print_final_stats=1
  )
  if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
    args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  say "fuzzing $target for ${seconds}s (corpus $WORK/corpus/$target, log $log)"
  local status=0
  # The fuzzer's own dir first: new interesting inputs are written there, not into the repo.
  "$bin" "${args[@]}" "$WORK/corpus/$target" >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+ +DONE|^stat::number_of_executed_units|^stat::peak_rss_mb|FUZZ FINDING|^==[0-9]+==ERROR|SUMMARY:|Fatal error|Test unit written' "$log" |
    sed 's/^/  /' >&2 || true
  local execs
  execs="$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$' || true)"
  if [ -z "$execs" ]; then # fork mode prints totals on its own lines
    execs="$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"
  fi
  printf '%s\t%s\t%ss\t%s execs\texit %s\n' "$(date -Iseconds)" "$target" "$seconds" "${execs:-?}" "$status" \
    >>"$WORK/logs/history.tsv"
  local new
  new="$(comm -13 <(echo "$before") <(find "$findings" -type f ! -name '*.txt' | LC_ALL=C sort) | sed '/^$/d')"
  if [ -n "$new" ]; then
    say "FINDINGS for $target (reproduce: fuzz/run.sh $target FILE):"
    while IFS= read -r f; do
      say "  $f  ($(stat -c %s "$f") bytes)"
      # Fork mode drops the job logs: replay each input once to keep its message and stack.
      "$bin" "$f" >"$f.txt" 2>&1 || true
      grep -E 'FUZZ FINDING|ERROR:|SUMMARY:|Fatal error' "$f.txt" | head -5 | sed 's/^/      /' >&2 || true
      say "    replay log: $f.txt"
    done <<<"$new"
    return 1
  fi
  if [ "$status" -ne 0 ]; then
    say "$target: libFuzzer exited $status without saving an input; see $log"
    return 1
  fi
  say "$target: no findings (${execs:-?} executions)"
}

main() {
  local target="${1:-all}"
  shift || true
  case "$target" in
  --list)
    printf '%s\n' "${TARGETS[@]}"
    return 0
    ;;
  -h | --help)
    sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    return 0
    ;;
  all) ;;
  json-reader | trace-parser) ;;
  *) die "unknown target '$target' (try --list)" ;;
  esac
  command -v swiftc >/dev/null || die "swiftc not on PATH (the toolchain is at /opt/swift/usr/bin)"
  mkdir -p "$WORK/build"

  local list=("$target")
  [ "$target" = all ] && list=("${TARGETS[@]}")

  # Reproduce mode: every remaining argument is an input file.
  if [ $# -gt 0 ] && [ -f "$1" ]; then
    [ "$target" != all ] || die "name the target to reproduce with"
    available "$target" || return 2
    exec 9>"$WORK/build/.lock" && flock 9
    build_gardenkit && build_target "$target"
    flock -u 9
    local status=0
    "$WORK/build/$target/$target" "$@" || status=$?
    return "$status"
  fi

  local seconds="${1:-60}"
  [[ "$seconds" =~ ^[0-9]+$ ]] || die "SECONDS must be a whole number, or give input files to reproduce"
  local failed=0 ran=0
  for t in "${list[@]}"; do
    available "$t" || continue
    # One build at a time: concurrent runs share the GardenKit object.
    exec 9>"$WORK/build/.lock" && flock 9
    build_gardenkit
    build_target "$t"
    flock -u 9
    ran=$((ran + 1))
    fuzz_target "$t" "$seconds" || failed=1
  done
  [ "$ran" -gt 0 ] || say "nothing to fuzz"
  return "$failed"
}

main "$@"
