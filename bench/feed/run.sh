#!/usr/bin/env bash
# Feed benchmark (not a test): actionboard's feed against nginx serving the identical bytes
# from files, on loopback, in the same run; then the reload latency.
# Usage: bench/feed/run.sh [ACTIONBOARD_BINARY] [SECONDS_PER_RUN] [ROUNDS]
# Each case runs ROUNDS times, the feed and nginx alternating, and the medians are reported: on a
# small shared machine one run of either can be disturbed by other work.
# Needs wrk and nginx (tools/install-deps.sh bench). Prints a Markdown report on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/actionboard}
duration=${2:-5}
rounds=${3:-3}
threads=2
connections=32
command -v wrk >/dev/null || { echo "bench: wrk not found (tools/install-deps.sh bench)" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "bench: nginx not found (tools/install-deps.sh bench)" >&2; exit 1; }

work=$(mktemp -d /tmp/actionboard-bench-XXXXXX)
feed_pid=""
nginx_started=""
cleanup() {
    [ -n "$feed_pid" ] && kill "$feed_pid" 2>/dev/null || true
    [ -n "$nginx_started" ] && "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -s stop 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The feed, headless, on a copy of the plan so the reload test can edit it.
cp "$here/../../data/laming-2009.json" "$work/plan.json"
"$bin" --mode headless --no-history --port 0 --data "$work/plan.json" >"$work/feed.out" 2>"$work/feed.err" &
feed_pid=$!
for _ in $(seq 1 200); do grep -q '^listening on' "$work/feed.out" && break; sleep 0.05; done
feed_url=$(sed -n 's/^listening on //p' "$work/feed.out")
[ -n "$feed_url" ] || { cat "$work/feed.err" >&2; exit 1; }

# nginx serves the feed's own bytes: identity files and their .gz (gzip_static), same headers.
mkdir -p "$work/nginx/www/api/v1" "$work/nginx/logs" "$work/nginx/tmp"
for endpoint in summary plan; do
    curl -s "$feed_url/api/v1/$endpoint" >"$work/nginx/www/api/v1/$endpoint"
    curl -s -H 'Accept-Encoding: gzip' "$feed_url/api/v1/$endpoint" >"$work/nginx/www/api/v1/$endpoint.gz"
done
nginx_port=$(free_port)
# Workers run as the current user (as root, nginx would switch them to nobody).
cat >"$work/nginx/nginx.conf" <<CONF
user $(id -un) $(id -gn);
worker_processes auto;
daemon on;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 5s;
    keepalive_requests 1000;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/nginx/www;
        location /api/v1/ {
            default_type application/json;
            charset utf-8;
            charset_types application/json;
            gzip_static on;
            gzip_vary on;
            add_header Cache-Control no-cache;
            add_header X-Content-Type-Options nosniff;
            add_header Access-Control-Allow-Origin *;
        }
    }
}
CONF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log"
nginx_started=yes
nginx_url="http://127.0.0.1:$nginx_port"
for _ in $(seq 1 100); do curl -s -o /dev/null "$nginx_url/api/v1/summary" && break; sleep 0.05; done

# Both must send the same bytes, or the comparison means nothing.
for endpoint in summary plan; do
    for accept in identity gzip; do
        cmp -s <(curl -s -H "Accept-Encoding: $accept" "$feed_url/api/v1/$endpoint") \
               <(curl -s -H "Accept-Encoding: $accept" "$nginx_url/api/v1/$endpoint") \
            || { echo "bench: $endpoint ($accept) differs between the feed and nginx" >&2; exit 1; }
    done
done

# wrk output -> "requests_per_second p99_ms"
run_wrk() { # URL [HEADER]
    local out
    if [ $# -gt 1 ]; then
        out=$(wrk -t$threads -c$connections -d${duration}s --latency -H "$2" "$1")
    else
        out=$(wrk -t$threads -c$connections -d${duration}s --latency "$1")
    fi
    echo "$out" >>"$work/wrk.log"
    if echo "$out" | grep -q 'Non-2xx or 3xx responses'; then
        echo "bench: errors in the run: $out" >&2
        exit 1
    fi
    local rps p99
    rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v=v*1000}; print v}')
    echo "$rps $p99"
}

etag_of() { curl -s -D - -o /dev/null ${2:+-H "$2"} "$1" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'; }

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "## Feed"
echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo); $(uname -sr); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Each figure is the median of $rounds runs of \`wrk -t$threads -c$connections -d${duration}s --latency\` (keep-alive, loopback), the feed and nginx alternating; wrk, the feed and nginx (worker_processes auto, sendfile, gzip_static) share the machine."
echo
echo "| endpoint | representation | body bytes | feed req/s | nginx req/s | feed/nginx | feed p99 ms | nginx p99 ms |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for endpoint in summary plan; do
    for accept in identity gzip 304; do
        path="/api/v1/$endpoint"
        case $accept in
            identity) feed_header=""; nginx_header=""; bytes=$(wc -c <"$work/nginx/www/api/v1/$endpoint") ;;
            gzip) feed_header="Accept-Encoding: gzip"; nginx_header=$feed_header; bytes=$(wc -c <"$work/nginx/www/api/v1/$endpoint.gz") ;;
            304) feed_header="If-None-Match: $(etag_of "$feed_url$path")"
                 nginx_header="If-None-Match: $(etag_of "$nginx_url$path")"; bytes=0 ;;
        esac
        : >"$work/feed.runs"
        : >"$work/nginx.runs"
        for _ in $(seq 1 "$rounds"); do
            run_wrk "$feed_url$path" ${feed_header:+"$feed_header"} >>"$work/feed.runs"
            run_wrk "$nginx_url$path" ${nginx_header:+"$nginx_header"} >>"$work/nginx.runs"
        done
        feed_rps=$(cut -d' ' -f1 "$work/feed.runs" | median)
        feed_p99=$(cut -d' ' -f2 "$work/feed.runs" | median)
        nginx_rps=$(cut -d' ' -f1 "$work/nginx.runs" | median)
        nginx_p99=$(cut -d' ' -f2 "$work/nginx.runs" | median)
        ratio=$(awk -v a="$feed_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')
        printf '| %s | %s | %s | %.0f | %.0f | %s | %.2f | %.2f |\n' "$path" "$accept" "$bytes" \
            "$feed_rps" "$nginx_rps" "$ratio" "$feed_p99" "$nginx_p99"
    done
done
echo
python3 "$here/reload_latency.py" "$feed_url" "$work/plan.json" 20
