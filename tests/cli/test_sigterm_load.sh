#!/usr/bin/env bash
# SIGTERM under load: with 64 wrk connections busy on the feed, the program exits with status 0
# within 2 s (issue 5's bound: a service manager waits that long before SIGKILL).
# Usage: test_sigterm_load.sh ACTIONBOARD
set -euo pipefail
bin=$1
command -v wrk >/dev/null || { echo "FAIL: wrk is missing (tools/install-deps.sh test)" >&2; exit 1; }
work=$(mktemp -d /tmp/actionboard-sigterm-XXXXXX)
wrk_pid=""
cleanup() { [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Sanitizer builds run slower: every time limit here is multiplied by $scale.
. "$(dirname "$(readlink -f "$0")")/../time_scale.sh"
limit_ms=$((2000 * scale))

for round in 1 2 3; do
    "$bin" --mode headless --port 0 >"$work/out" 2>"$work/err" &
    pid=$!
    for _ in $(seq 1 $((200 * scale))); do grep -q '^listening on' "$work/out" && break; sleep 0.05; done
    url=$(sed -n 's/^listening on //p' "$work/out")
    [ -n "$url" ] || { cat "$work/err" >&2; fail "the feed did not start"; }

    # Large and small bodies, identity and gzip, prepared and rendered per request.
    cat >"$work/paths.lua" <<'LUA'
local paths = {"/api/v1/plan", "/api/v1/summary", "/api/v1/recommendations?rag=red",
               "/api/v1/recommendations.csv", "/api/v1/deadlines?as_of=2010-01-01", "/metrics"}
local i = 0
request = function()
    i = i + 1
    local headers = {}
    if i % 2 == 0 then headers["Accept-Encoding"] = "gzip" end
    return wrk.format("GET", paths[i % #paths + 1], headers)
end
LUA
    wrk -t2 -c64 -d60s -s "$work/paths.lua" "$url" >"$work/wrk.out" 2>&1 &
    wrk_pid=$!
    sleep 2
    # Under load, and still answering.
    code=$(curl -s -o /dev/null -m $((5 * scale)) -w '%{http_code}' "$url/healthz")
    [ "$code" = 200 ] || fail "round $round: /healthz gave $code under load"
    grep -q '^actionboard_http_requests_total' <(curl -s -m $((5 * scale)) "$url/metrics") ||
        fail "round $round: no request counters"

    start=$EPOCHREALTIME
    kill -TERM "$pid"
    status=0
    wait "$pid" || status=$?
    end=$EPOCHREALTIME
    kill "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" 2>/dev/null || true
    wrk_pid=""
    elapsed_ms=$(python3 -c "print(round(($end - $start) * 1000))")
    echo "round $round: exit status $status after ${elapsed_ms} ms"
    [ "$status" = 0 ] || { cat "$work/err" >&2; fail "round $round: exit status $status"; }
    [ "$elapsed_ms" -lt "$limit_ms" ] ||
        fail "round $round: took ${elapsed_ms} ms to stop (limit $limit_ms)"
    if grep -qi 'error\|terminate' "$work/err"; then
        cat "$work/err" >&2
        fail "round $round: errors on stderr while stopping"
    fi
done
echo "ok: SIGTERM under load exits 0 within $limit_ms ms"
