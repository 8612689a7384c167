#!/usr/bin/env bash
# Fan-out benchmark (not a test): thousands of follower displays behind a standard cache.
#
#   origin: actionboard --mode headless --data plan.json     (the one plan the team edits)
#   cache:  nginx, proxy_cache with revalidation (docs/deploy.md's configuration, verbatim)
#   load:   wrk with FOLLOWERS connections, each polling /api/v1/source every ~POLL s with
#           If-None-Match and gzip (bench/fanout/poll.lua)
#   probes: 50 follower-like pollers that time each edit (bench/fanout/probes.py), while the
#           plan is edited every EDIT_EVERY s
#
# Reports: requests reaching the origin per second (its own /metrics), the p99 time from an edit
# to a follower seeing it, nginx's CPU (from /proc), wrk's status counts, errors and latency.
# Everything on loopback, bounded by DURATION.
#
# Usage: bench/fanout/run.sh [ACTIONBOARD] [DURATION=60] [FOLLOWERS=10000] [MODE=keepalive|close]
# Needs wrk, nginx, python3 (tools/install-deps.sh bench), and a file limit above FOLLOWERS
# (raised here with ulimit -n where allowed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/actionboard}
duration=${2:-60}
followers=${3:-10000}
mode=${4:-keepalive}
poll=10
edit_every=20
threads=2
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
command -v wrk >/dev/null || { echo "fanout: wrk not found (tools/install-deps.sh bench)" >&2; exit 1; }
[ -x "$nginx_bin" ] || { echo "fanout: nginx not found (tools/install-deps.sh bench)" >&2; exit 1; }
ulimit -n $((followers * 2 + 4096)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((followers + 1024)) ] || { echo "fanout: the file limit ($(ulimit -n)) is below $followers connections" >&2; exit 1; }

work=$(mktemp -d /tmp/actionboard-fanout-XXXXXX)
origin_pid=""
cleanup() {
    [ -n "$origin_pid" ] && kill "$origin_pid" 2>/dev/null || true
    [ -f "$work/nginx/nginx.pid" ] && "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -s stop 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cp "$here/../../data/laming-2009.json" "$work/plan.json"
"$bin" --mode headless --port 0 --data "$work/plan.json" >"$work/origin.out" 2>"$work/origin.err" &
origin_pid=$!
for _ in $(seq 1 200); do grep -q '^listening on' "$work/origin.out" && break; sleep 0.05; done
origin=$(sed -n 's/^listening on //p' "$work/origin.out")
[ -n "$origin" ] || { cat "$work/origin.err" >&2; exit 1; }
origin_port=${origin##*:}

cache_port=$(free_port)
mkdir -p "$work/nginx/logs" "$work/nginx/tmp" "$work/nginx/cache"
# The site block is docs/deploy.md's, with the ports and paths of this run.
sed -e "s|127.0.0.1:8080|127.0.0.1:$origin_port|; s|listen 80;|listen 127.0.0.1:$cache_port backlog=4096;|" \
    -e "s|/var/cache/nginx/actionboard|$work/nginx/cache|" "$here/nginx-actionboard.conf" > "$work/nginx/site.conf"
cat >"$work/nginx/nginx.conf" <<CONF
user $(id -un) $(id -gn);
worker_processes auto;
worker_rlimit_nofile $(ulimit -n);
daemon on;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections $((followers + 2048)); }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    include $work/nginx/site.conf;
}
CONF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf"
cache="http://127.0.0.1:$cache_port"
for _ in $(seq 1 100); do curl -s -o /dev/null "$cache/api/v1/source" && break; sleep 0.05; done

origin_requests() { # requests for /api/v1/source the origin has answered, any status
    curl -s "$origin/metrics" | awk '/^actionboard_http_requests_total\{.*route="\/api\/v1\/source"/ {n += $2} END {print n + 0}'
}
nginx_ticks() { # CPU clock ticks of every nginx process of this run
    local total=0 pid
    for pid in $(cat "$work/nginx/nginx.pid") $(pgrep -P "$(cat "$work/nginx/nginx.pid")"); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo $total
}

close=0
[ "$mode" = close ] && close=1
echo "fanout: $followers followers ($mode), poll ${poll}s, edits every ${edit_every}s, ${duration}s; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
load_before=$(cut -d' ' -f1 /proc/loadavg)
before_origin=$(origin_requests)
before_ticks=$(nginx_ticks)
start=$(date +%s.%N)
python3 "$here/probes.py" "$cache" "$origin" "$work/plan.json" 50 "$poll" "$edit_every" "$duration" > "$work/probes.out" &
probes_pid=$!
FANOUT_POLL_MS=$((poll * 1000)) FANOUT_CLOSE=$close FANOUT_CONNECTIONS_PER_THREAD=$((followers / threads)) \
    wrk -t$threads -c"$followers" -d"${duration}s" --timeout 10s -s "$here/poll.lua" "$cache/api/v1/source" > "$work/wrk.out" 2>&1 || true
wait "$probes_pid" || true
end=$(date +%s.%N)
after_origin=$(origin_requests)
after_ticks=$(nginx_ticks)

elapsed=$(python3 -c "print($end - $start)")
grep -E 'Socket errors|Non-2xx' "$work/wrk.out" >&2 || true
python3 "$here/report.py" nginx "$followers" "$mode" "$elapsed" "$((after_origin - before_origin))" \
    "$((after_ticks - before_ticks))" "$(getconf CLK_TCK)" "$load_before" "$work/wrk.out" "$work/probes.out"
[ -s "$work/nginx/logs/error.log" ] && { echo "nginx error log (last lines):" >&2; tail -5 "$work/nginx/logs/error.log" >&2; } || true
