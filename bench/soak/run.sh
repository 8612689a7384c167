#!/usr/bin/env bash
# Soak benchmark (not a test): tests/soak/run.sh for a longer run, then its figures as a Markdown
# report on stdout (progress and the soak's own output go to stderr).
# Usage: bench/soak/run.sh [ACTIONBOARD_BINARY] [DURATION_SECONDS] [WARMUP_SECONDS]
#   defaults: build/actionboard, 1800 (30 minutes, after tests/soak/run.sh's 120 s warm-up).
#   Needs wrk (tools/install-deps.sh test).
# Exit status: the soak's (0 when every check passed); the report is printed either way.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/actionboard}
duration=${2:-1800}
warmup=${3:-120}

results=$(mktemp /tmp/actionboard-soak-results-XXXXXX)
trap 'rm -f "$results"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
SOAK_RESULTS=$results "$here/../../tests/soak/run.sh" "$bin" "$duration" "$warmup" >&2
code=$?
python3 "$here/report.py" "$results" "$code" "$bin" "$duration" "$warmup" "$started" "$load_before" \
    || exit 1
exit "$code"
