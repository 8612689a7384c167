#!/usr/bin/env bash
# One actionboard feed serving follower displays directly (not a test): FOLLOWERS wrk
# connections, each polling /api/v1/source every ~POLL s with If-None-Match and gzip
# (bench/fanout/poll.lua), kept alive or a new connection per poll (MODE=close). Reports the
# feed's CPU (from /proc), the polls' latency percentiles, status counts and socket errors, and
# the feed's thread count at the end. Loopback only, bounded by DURATION.
#
# Usage: bench/fanout/direct.sh [ACTIONBOARD] [DURATION=60] [FOLLOWERS=5000] [MODE=keepalive|close] [POLL=10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/actionboard}
duration=${2:-60}
followers=${3:-5000}
mode=${4:-keepalive}
poll=${5:-10}
threads=2
command -v wrk >/dev/null || { echo "fanout: wrk not found (tools/install-deps.sh bench)" >&2; exit 1; }
ulimit -n $((followers * 2 + 4096)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((followers + 1024)) ] || { echo "fanout: the file limit ($(ulimit -n)) is below $followers connections" >&2; exit 1; }

work=$(mktemp -d /tmp/actionboard-direct-XXXXXX)
feed_pid=""
cleanup() {
    [ -n "$feed_pid" ] && kill "$feed_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

cp "$here/../../data/laming-2009.json" "$work/plan.json"
"$bin" --mode headless --port 0 --data "$work/plan.json" >"$work/feed.out" 2>"$work/feed.err" &
feed_pid=$!
for _ in $(seq 1 200); do grep -q '^listening on' "$work/feed.out" && break; sleep 0.05; done
feed=$(sed -n 's/^listening on //p' "$work/feed.out")
[ -n "$feed" ] || { cat "$work/feed.err" >&2; exit 1; }

requests() { curl -s "$feed/metrics" | awk '/^actionboard_http_requests_total\{.*route="\/api\/v1\/source"/ {n += $2} END {print n + 0}'; }
ticks() { awk '{print $14 + $15}' "/proc/$feed_pid/stat"; }
close=0
[ "$mode" = close ] && close=1
load_before=$(cut -d' ' -f1 /proc/loadavg)
echo "direct: $followers followers ($mode), poll ${poll}s, ${duration}s; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
before=$(requests)
before_ticks=$(ticks)
start=$(date +%s.%N)
peak_threads=0
( while kill -0 "$feed_pid" 2>/dev/null; do
      awk '/^Threads:/ {print $2}' "/proc/$feed_pid/status"; sleep 1
  done ) > "$work/threads" &
sampler=$!
FANOUT_POLL_MS=$((poll * 1000)) FANOUT_CLOSE=$close FANOUT_CONNECTIONS_PER_THREAD=$((followers / threads)) \
    wrk -t$threads -c"$followers" -d"${duration}s" --timeout 10s -s "$here/poll.lua" "$feed/api/v1/source" > "$work/wrk.out" 2>&1 || true
end=$(date +%s.%N)
after_ticks=$(ticks)
after=$(requests)
kill "$sampler" 2>/dev/null || true
elapsed=$(python3 -c "print($end - $start)")
grep -E 'Socket errors|Non-2xx' "$work/wrk.out" >&2 || true
python3 "$here/report.py" actionboard "$followers" "$mode" "$elapsed" "$((after - before))" \
    "$((after_ticks - before_ticks))" "$(getconf CLK_TCK)" "$load_before" "$work/wrk.out"
echo "| feed threads (sampled every second) | max $(sort -n "$work/threads" | tail -1), at the end $(tail -1 "$work/threads") |"
echo "| feed RSS at the end | $(awk '/^VmRSS:/ {print $2 / 1024 " MiB"}' "/proc/$feed_pid/status") |"
