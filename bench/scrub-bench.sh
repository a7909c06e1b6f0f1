#!/bin/sh
# Throughput of GardenKit's Scrubber on ~1M typical log lines (kept out of the test suite).
# Usage: bench/scrub-bench.sh [LOGHUB_DIR] [LINES]   (LOGHUB_DIR defaults to ../shared/data/loghub-dev)
set -eu
cd "$(dirname "$0")/.."
bin="${TMPDIR:-/tmp}/scrub-bench.$$"
trap 'rm -f "$bin"' EXIT
swiftc -O -wmo -parse-as-library -module-name ScrubBench \
  Sources/GardenKit/*/*.swift bench/ScrubBench.swift -o "$bin"
"$bin" "${1:-../shared/data/loghub-dev}" "${2:-1000000}"
