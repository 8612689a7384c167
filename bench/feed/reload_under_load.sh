#!/usr/bin/env bash
# Reload latency while the feed is flooded (not a test): wrk keeps 64 connections busy on the
# soak's routes, and bench/feed/reload_latency.py times 10 edits of the plan file. With NICE,
# every connection thread is reniced to that level first (to compare priorities without a
# rebuild; the program itself sets HttpLimits::connection_nice). docs/feed.md has the figures.
# Usage: bench/feed/reload_under_load.sh [ACTIONBOARD_BINARY] [NICE]
# Needs wrk (tools/install-deps.sh bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/actionboard}
nice_level=${2:-}
command -v wrk >/dev/null || { echo "bench: wrk not found (tools/install-deps.sh bench)" >&2; exit 1; }

work=$(mktemp -d /tmp/actionboard-reload-load-XXXXXX)
server_pid=""
wrk_pid=""
cleanup() {
    for pid in $wrk_pid $server_pid; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

cp "$here/../../data/laming-2009.json" "$work/plan.json"
"$bin" --mode headless --no-history --port 0 --data "$work/plan.json" >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 200); do grep -q '^listening on' "$work/out" && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$work/out")
[ -n "$url" ] || { cat "$work/err" >&2; echo "bench: the feed did not start" >&2; exit 1; }

wrk -t2 -c64 -d120s -s "$here/../../tests/soak/load.lua" "$url" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
sleep 4 # every connection open, and a thread serving each
if [ -n "$nice_level" ]; then
    for task in /proc/"$server_pid"/task/*; do
        [ "$(cat "$task/comm")" = feed-conn ] && renice -n "$nice_level" -p "$(basename "$task")" >/dev/null
    done
fi
echo "connection threads' nice: $(ps -L -o ni=,comm= -p "$server_pid" | awk '$2 == "feed-conn" {print $1}' | sort -u | tr '\n' ' ')"
python3 "$here/reload_latency.py" "$url" "$work/plan.json" 10
