#!/usr/bin/env bash
# Load benchmark of the list worker: wrk on loopback against a static file
# server (the baseline), the native worker and the Workers bundle in workerd
# (wrangler dev), for GET /v1/list and a conditional GET (304). Writes the
# "## Worker" section of BENCHMARKS.md. Run from the repository root:
#   make bench-worker            (or: worker/bench/bench.sh)
# Settings: BENCH_DURATION (10s), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_BEFORE (a git revision whose Workers bundle is measured beside
# this tree's; empty: none).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk (make deps)"; exit 1; }
test -x worker/node_modules/.bin/wrangler || { echo "wrangler is not installed: cd worker && npm ci (make deps)"; exit 1; }
exec go run ./worker/bench \
	-duration "${BENCH_DURATION:-10s}" \
	-connections "${BENCH_CONNECTIONS:-32}" \
	-threads "${BENCH_THREADS:-2}" \
	-before "${BENCH_BEFORE:-}" \
	-out BENCHMARKS.md
