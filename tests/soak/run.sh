#!/usr/bin/env bash
# Soak under live reload: `actionboard --mode headless` on a plan file that is replaced every
# 100 ms (valid variants, truncated, wrong-type and empty files, a deleted-then-restored file;
# by rename and in place) while wrk keeps 64 keep-alive connections busy on every endpoint.
# soak.py writes the files and checks, at the same time: no 5xx, 200/304 everywhere, every
# /api/v1/plan body one whole valid variant, ETags that change only with a valid version,
# /healthz degraded exactly while the file is invalid or missing (at quiet checkpoints), RSS
# growth under 5% after the warm-up, and requests under 100 ms once the load stops.
# Usage: tests/soak/run.sh ACTIONBOARD_BINARY [DURATION_SECONDS] [WARMUP_SECONDS]
#   The load and the churn run WARMUP_SECONDS (default 120, at least 10), then DURATION_SECONDS
#   (default 60, at least 20); every check runs throughout. The warm-up is there for RSS: under
#   64 connections glibc's per-thread arenas grow for about two minutes before RSS levels out
#   (docs/reliability.md), so RSS is compared between the end of the warm-up and the end.
# SOAK_RESULTS=FILE also writes every figure as JSON (bench/soak/run.sh uses it).
# Needs wrk and python3 (tools/install-deps.sh test). Exit 0 when every check passed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: tests/soak/run.sh ACTIONBOARD_BINARY [DURATION_SECONDS] [WARMUP_SECONDS]}
duration=${2:-60}
warmup=${3:-120}
laming=$here/../../data/laming-2009.json
threads=2
connections=64

die() { echo "soak: FAIL: $*" >&2; exit 1; }
# Sanitizer builds run slower: every time limit here is multiplied by $scale.
. "$here/../time_scale.sh"
[ -x "$bin" ] || die "no binary at $bin"
command -v wrk >/dev/null || die "wrk not found (tools/install-deps.sh test)"
command -v python3 >/dev/null || die "python3 not found"
[[ "$duration" =~ ^[0-9]+$ ]] && [ "$duration" -ge 20 ] || die "DURATION_SECONDS must be a whole number, at least 20"
[[ "$warmup" =~ ^[0-9]+$ ]] && [ "$warmup" -ge 10 ] || die "WARMUP_SECONDS must be a whole number, at least 10"

work=$(mktemp -d /tmp/actionboard-soak-XXXXXX)
server_pid=""
wrk_pid=""
soak_pid=""
cleanup() {
    for pid in $soak_pid $wrk_pid $server_pid; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The files the churn will write: valid ones must pass --check, invalid ones must not.
python3 "$here/soak.py" selfcheck "$bin" "$laming" "$work/selfcheck" || die "selfcheck"

cp "$laming" "$work/plan.json"
# --no-history: the churn loads a new version every 100 ms, and each recorded version stays in
# memory (docs/history.md), which is not what the RSS check here is about.
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --mode headless --no-history --port 0 --data "$work/plan.json" \
    >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
url=""
for _ in $(seq 1 $((200 * scale))); do # bounded: at most ~10 s (times the scale)
    url=$(sed -n 's/^listening on \(http:\/\/.*\)$/\1/p' "$work/server.out")
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
done
[ -n "$url" ] || { cat "$work/server.err" >&2; die "the server did not start"; }
echo "soak: $bin on $url for $warmup s of warm-up and $duration s: wrk -t$threads -c$connections, the file replaced every 100 ms"
[ "$scale" = 1 ] || echo "soak: time bounds multiplied by $scale (ACTIONBOARD_TEST_TIME_SCALE: a sanitizer build)"

# The checker and the churn, then (once it is ready: under load, Python can take seconds to
# start) wrk, for 3 s longer, so that the end-of-load RSS samples are taken under load.
python3 "$here/soak.py" churn --url "$url" --pid "$server_pid" --data "$work/plan.json" \
    --laming "$laming" --warmup "$warmup" --duration "$duration" --ready "$work/ready" --load-done "$work/load-done" \
    --out "$work/soak.json" &
soak_pid=$!
for _ in $(seq 1 $((600 * scale))); do # bounded: at most ~30 s (times the scale)
    [ -e "$work/ready" ] && break
    kill -0 "$soak_pid" 2>/dev/null || break
    sleep 0.05
done
[ -e "$work/ready" ] || die "the checker did not start"
wrk -t$threads -c$connections -d$((warmup + duration + 3))s --timeout $((10 * scale))s -s "$here/load.lua" "$url" \
    >"$work/wrk.out" 2>&1 &
wrk_pid=$!
wait "$wrk_pid"
wrk_code=$?
wrk_pid=""
touch "$work/load-done"
wait "$soak_pid"
soak_pid=""
cat "$work/wrk.out"
[ "$wrk_code" = 0 ] || echo "soak: FAIL: wrk exited with $wrk_code"

# The server is still up, and stops cleanly.
server_ok=yes
if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    for _ in $(seq 1 $((100 * scale))); do
        state=$(awk '{print $3}' "/proc/$server_pid/stat" 2>/dev/null)
        [ -z "$state" ] || [ "$state" = Z ] && break
        sleep 0.05
    done
    wait "$server_pid"
    server_code=$?
    server_pid=""
    [ "$server_code" = 0 ] || { server_ok=""; echo "soak: FAIL: the server exited with $server_code on SIGTERM"; }
else
    wait "$server_pid"
    server_code=$?
    server_pid=""
    server_ok=""
    echo "soak: FAIL: the server died during the soak (exit $server_code)"
    tail -20 "$work/server.err"
fi

python3 "$here/soak.py" report --wrk "$work/wrk.out" --soak "$work/soak.json" \
    ${SOAK_RESULTS:+--results "$SOAK_RESULTS"}
report_code=$?
[ "$report_code" = 0 ] && [ "$wrk_code" = 0 ] && [ -n "$server_ok" ] && exit 0
exit 1
