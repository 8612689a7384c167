#!/usr/bin/env bash
# `actionboard --mode headless` as a user runs it: started as a process with no display, every
# endpoint fetched with curl, /metrics through promtool, the CSV read back, the JSON checked
# against the OpenAPI schemas, a reload (valid, then invalid) and a stop by signal.
# Usage: test_headless.sh ACTIONBOARD TEST_DATA_DIR LAMING_JSON CHECK_RESPONSES_PY
set -u
bin=$1
data=$2
laming=$3
checker=$4
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

work=$(mktemp -d /tmp/actionboard-headless-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

# start_feed NAME ARGS...: starts the binary in the background, its history in
# $work/NAME.sqlite3; sets feed_pid and feed_url.
start_feed() {
    local name=$1; shift
    env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --mode headless --history "$work/$name.sqlite3" "$@" \
        >"$work/$name.out" 2>"$work/$name.err" &
    feed_pid=$!
    pids+=("$feed_pid")
    feed_url=""
    for _ in $(seq 1 200); do # bounded: at most ~10 s
        feed_url=$(sed -n 's/^listening on \(http:\/\/.*\)$/\1/p' "$work/$name.out")
        [ -n "$feed_url" ] && return 0
        kill -0 "$feed_pid" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# stop_feed PID SIGNAL: signals and waits (bounded) for the exit; sets stop_code (not in a
# subshell: only this shell can wait for its child).
stop_feed() {
    local pid=$1 signal=$2 state
    stop_code="still running"
    kill "-$signal" "$pid"
    for _ in $(seq 1 100); do
        state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
        if [ -z "$state" ] || [ "$state" = Z ]; then # exited (a zombie until waited for)
            wait "$pid"
            stop_code=$?
            return
        fi
        sleep 0.05
    done
}

status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
header_of() { # header_of NAME curl-args...: the value of one response header
    local name=$1; shift
    curl -s -D - -o /dev/null "$@" | tr -d '\r' | sed -n "s/^$name: //Ip" | head -1
}

cp "$laming" "$work/plan.json"
start_feed main --data "$work/plan.json" --port 0 || { cat "$work/main.err"; fail "headless did not start"; exit 1; }
echo "$feed_url" | grep -Eq '^http://127\.0\.0\.1:[1-9][0-9]*$' || fail "listening line: '$feed_url'"
main_pid=$feed_pid
url=$feed_url
port=${url##*:}

# Every endpoint: 200, JSON (or CSV, or metrics), saved for the checks below.
mkdir -p "$work/bodies"
fetch() { # fetch NAME PATH EXPECTED_STATUS
    local code
    code=$(curl -s -o "$work/bodies/$1" -w '%{http_code}' "$url$2")
    [ "$code" = "$3" ] || fail "GET $2: status $code, expected $3"
}
fetch index.json / 200
fetch summary.json /api/v1/summary 200
fetch summary-later.json "/api/v1/summary?as_of=2009-12-01" 200
fetch chapters.json /api/v1/chapters 200
fetch chapter.json /api/v1/chapters/4 200
fetch recommendations.json /api/v1/recommendations 200
fetch filtered.json "/api/v1/recommendations?chapter=4&status=in_progress&rag=green,amber&addressed_to=local&q=the" 200
fetch lead.json "/api/v1/recommendations?lead=SSCB" 200
fetch recommendation.json /api/v1/recommendations/39 200
fetch recommendation-parts.json "/api/v1/recommendations/2?as_of=2010-01-01" 200
fetch deadlines.json "/api/v1/deadlines" 200
fetch deadlines-window.json "/api/v1/deadlines?from=2009-07-01&to=2009-12-31&rag=red,amber" 200
fetch quality.json /api/v1/quality 200
fetch plan.json /api/v1/plan 200
fetch openapi.json /api/v1/openapi.json 200
fetch health.json /healthz 200
fetch metrics.txt /metrics 200
fetch recommendations.csv /api/v1/recommendations.csv 200
fetch missing-chapter.json /api/v1/chapters/99 404
fetch missing-path.json /nope 404
fetch bad-date.json "/api/v1/summary?as_of=2009-02-30" 400
fetch bad-rag.json "/api/v1/deadlines?rag=purple" 400

grep -q '"parameter":"as_of"' "$work/bodies/bad-date.json" || fail "400 does not name as_of"
grep -q 'YYYY-MM-DD' "$work/bodies/bad-date.json" || fail "400 does not say what as_of accepts"
grep -q '"parameter":"rag"' "$work/bodies/bad-rag.json" || fail "400 does not name rag"

python3 "$checker" openapi "$work/bodies/openapi.json" \
    Index="$work/bodies/index.json" Summary="$work/bodies/summary.json" \
    Summary="$work/bodies/summary-later.json" ChapterList="$work/bodies/chapters.json" \
    ChapterResponse="$work/bodies/chapter.json" RecommendationList="$work/bodies/recommendations.json" \
    RecommendationList="$work/bodies/filtered.json" RecommendationList="$work/bodies/lead.json" \
    RecommendationResponse="$work/bodies/recommendation.json" \
    RecommendationResponse="$work/bodies/recommendation-parts.json" \
    DeadlineList="$work/bodies/deadlines.json" DeadlineList="$work/bodies/deadlines-window.json" \
    Quality="$work/bodies/quality.json" Plan="$work/bodies/plan.json" Health="$work/bodies/health.json" \
    Error="$work/bodies/missing-chapter.json" Error="$work/bodies/missing-path.json" \
    Error="$work/bodies/bad-date.json" Error="$work/bodies/bad-rag.json" \
    || fail "responses do not match the OpenAPI schemas"
python3 "$checker" csv "$work/bodies/recommendations.csv" 58 || fail "the CSV does not read back"

# A council's own plan, as the issue "real plans" describes: refs 3a, 1.10, R12, W10, no national
# fields, a chapter with no local position. Its bodies match the same schemas.
start_feed council --data "$data/valid/council-refs.json" --port 0 || { cat "$work/council.err"; fail "headless did not start on council-refs.json"; }
council_url=$feed_url
mkdir -p "$work/council"
for pair in summary:/api/v1/summary chapters:/api/v1/chapters chapter:/api/v1/chapters/2 \
    list:/api/v1/recommendations rec:/api/v1/recommendations/1.10 rec-escaped:/api/v1/recommendations/W%31%30 \
    deadlines:/api/v1/deadlines quality:/api/v1/quality plan:/api/v1/plan; do
    code=$(curl -s -o "$work/council/${pair%%:*}.json" -w '%{http_code}' "$council_url${pair#*:}")
    [ "$code" = 200 ] || fail "council plan: GET ${pair#*:}: status $code"
done
python3 "$checker" openapi "$work/bodies/openapi.json" \
    Summary="$work/council/summary.json" ChapterList="$work/council/chapters.json" \
    ChapterResponse="$work/council/chapter.json" RecommendationList="$work/council/list.json" \
    RecommendationResponse="$work/council/rec.json" RecommendationResponse="$work/council/rec-escaped.json" \
    DeadlineList="$work/council/deadlines.json" Quality="$work/council/quality.json" Plan="$work/council/plan.json" \
    || fail "the council plan's responses do not match the OpenAPI schemas"
grep -q '"ref":"W10"' "$work/council/rec-escaped.json" || fail "W%31%30 did not open W10"
stop_feed "$feed_pid" TERM

# /metrics passes Prometheus' own linter.
promtool check metrics <"$work/bodies/metrics.txt" || fail "promtool check metrics"
grep -q '^actionboard_recommendations{rag="blue",status="compliant"} 3$' "$work/bodies/metrics.txt" \
    || fail "metrics: compliant recommendations"

# gzip: curl --compressed gunzips once and must get the identity bytes.
for path in /api/v1/summary /api/v1/plan /api/v1/recommendations.csv "/api/v1/plan?as_of=2010-01-01"; do
    curl -s "$url$path" >"$work/identity"
    curl -s --compressed "$url$path" >"$work/decoded"
    [ "$(header_of Content-Encoding -H 'Accept-Encoding: gzip' "$url$path")" = "gzip" ] || fail "$path: not gzipped"
    cmp -s "$work/identity" "$work/decoded" || fail "$path: gunzipped body differs from identity"
done

# ETag and 304.
etag=$(header_of ETag "$url/api/v1/summary")
[ -n "$etag" ] || fail "no ETag"
[ "$(status_of -H "If-None-Match: $etag" "$url/api/v1/summary")" = 304 ] || fail "If-None-Match: no 304"

# HEAD: headers, no body.
head_length=$(curl -s -I "$url/api/v1/plan" | tr -d '\r' | sed -n 's/^Content-Length: //Ip')
[ "$head_length" = "$(wc -c <"$work/bodies/plan.json" | tr -d ' ')" ] || fail "HEAD Content-Length $head_length"

# Headers: CORS, nosniff, caching.
[ "$(header_of Access-Control-Allow-Origin "$url/api/v1/summary")" = "*" ] || fail "no CORS header"
[ "$(header_of X-Content-Type-Options "$url/api/v1/summary")" = "nosniff" ] || fail "no nosniff"
[ "$(header_of Cache-Control "$url/api/v1/summary")" = "no-cache" ] || fail "no Cache-Control"
[ "$(header_of Vary "$url/api/v1/summary")" = "Accept-Encoding" ] || fail "no Vary"

# Methods and limits.
[ "$(status_of -X POST -d x=1 "$url/api/v1/summary")" = 405 ] || fail "POST: no 405"
[ "$(header_of Allow -X DELETE "$url/api/v1/summary")" = "GET, HEAD" ] || fail "405 without Allow"
head -c 1000000 /dev/zero >"$work/big"
[ "$(status_of -X POST --data-binary @"$work/big" "$url/api/v1/summary")" = 413 ] || fail "big body: no 413"
[ "$(status_of -H "X-Filler: $(head -c 20000 /dev/zero | tr '\0' a)" "$url/api/v1/summary")" = 431 ] \
    || fail "big header: no 431"

# Reload: a valid new version is served, with a new ETag.
version() { curl -s "$url/healthz" | python3 -c 'import json,sys; h=json.load(sys.stdin); print(h["data_version"], h["status"])'; }
read -r first_version first_status <<<"$(version)"
[ "$first_status" = ok ] || fail "healthz status $first_status"
python3 - "$work/plan.json" <<'PY'
import json, os, sys
path = sys.argv[1]
plan = json.load(open(path, encoding="utf-8"))
plan["plan"]["title"] = "Reloaded title"
first = plan["recommendations"][0]  # recommendation 1: compliant now, its April 2010 slips to June
first["status"] = "compliant"
first["milestones"][0]["deadline"] = "June 2010"
with open(path + ".tmp", "w", encoding="utf-8") as out:
    json.dump(plan, out, ensure_ascii=False)
os.replace(path + ".tmp", path)  # an editor's save: write aside, rename over
PY
reloaded=""
for _ in $(seq 1 200); do # bounded wait for the watcher
    read -r v s <<<"$(version)"
    [ "$v" != "$first_version" ] && { reloaded=$v; break; }
    sleep 0.05
done
[ -n "$reloaded" ] || fail "the new version was not loaded"
grep -q '"title":"Reloaded title"' <(curl -s "$url/api/v1/summary") || fail "summary not reloaded"
[ "$(header_of ETag "$url/api/v1/summary")" != "$etag" ] || fail "ETag unchanged after reload"

# The history recorded both versions (on its own thread: a bounded wait), and its bodies match
# their schemas.
for _ in $(seq 1 200); do
    curl -s "$url/api/v1/history" | grep -q '"count":2' && break
    sleep 0.05
done
fetch history.json /api/v1/history 200
fetch changes.json "/api/v1/changes?since=1" 200
fetch changes-default.json /api/v1/changes 200
fetch trend.json /api/v1/trend 200
fetch health-history.json /healthz 200
fetch bad-since.json "/api/v1/changes?since=last-week" 400
fetch unknown-version.json "/api/v1/changes?since=99" 404
grep -q '"count":2' "$work/bodies/history.json" || fail "history: $(cat "$work/bodies/history.json")"
python3 - "$work/bodies/changes.json" <<'PY' || fail "changes since version 1: $(cat "$work/bodies/changes.json")"
import json, sys
changes = json.load(open(sys.argv[1], encoding="utf-8"))
kinds = [(c["kind"], c["ref"]) for c in changes["changes"]]
assert kinds == [("slipped", "1"), ("newly_compliant", "1")], kinds
assert changes["changes"][0]["due_from"] == "2010-04-30" and changes["changes"][0]["due_to"] == "2010-06-30"
PY
grep -q '"history":{"error":null,"file":"[^"]*main.sqlite3","note":null,"status":"ok","versions":2}' \
    "$work/bodies/health-history.json" || fail "healthz history: $(cat "$work/bodies/health-history.json")"
python3 "$checker" openapi "$work/bodies/openapi.json" \
    History="$work/bodies/history.json" Changes="$work/bodies/changes.json" \
    Changes="$work/bodies/changes-default.json" Trend="$work/bodies/trend.json" \
    Health="$work/bodies/health-history.json" Error="$work/bodies/bad-since.json" \
    Error="$work/bodies/unknown-version.json" \
    || fail "the history's responses do not match the OpenAPI schemas"
[ "$(sqlite3 "$work/main.sqlite3" 'SELECT count(*) FROM versions')" = 2 ] || fail "sqlite3 does not see 2 versions"

# Reload: an invalid version is refused, the last good one served, /healthz degraded.
printf '{"format": "actionboard-plan/1",' >"$work/plan.json.tmp" && mv "$work/plan.json.tmp" "$work/plan.json"
degraded=""
for _ in $(seq 1 200); do
    read -r v s <<<"$(version)"
    [ "$s" = degraded ] && { degraded=yes; break; }
    sleep 0.05
done
[ -n "$degraded" ] || fail "an invalid version did not make /healthz degraded"
read -r v s <<<"$(version)"
[ "$v" = "$reloaded" ] || fail "the last good version is not the one served"
curl -s "$url/healthz" | grep -q '"last_reload_error":"' || fail "no last_reload_error"
grep -q '"title":"Reloaded title"' <(curl -s "$url/api/v1/summary") || fail "last good plan not served"
curl -s "$url/metrics" | grep -q '^actionboard_reload_failures_total 1$' || fail "metrics: failed reloads"
grep -q 'reload refused' "$work/main.err" || fail "refusal not logged"

# A second instance on the same port is refused (not silently sharing it).
"$bin" --mode headless --no-history --port "$port" >"$work/second.out" 2>"$work/second.err"
code=$?
[ "$code" = 1 ] || fail "second instance on port $port: exit $code"
grep -q "cannot listen on 127.0.0.1:$port" "$work/second.err" || fail "port in use: $(cat "$work/second.err")"

# --no-cors, and SIGINT.
start_feed nocors --no-cors --port 0 || fail "--no-cors did not start"
[ -z "$(header_of Access-Control-Allow-Origin "$feed_url/api/v1/summary")" ] || fail "--no-cors sent CORS"
stop_feed "$feed_pid" INT
[ "$stop_code" = 0 ] || fail "SIGINT did not stop cleanly: $stop_code"

# SIGTERM stops it, with an idle keep-alive connection open.
python3 - "$port" "$work/idle-ready" <<'PY' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
s.recv(65536)
open(sys.argv[2], "w").close()
s.settimeout(30)
s.recv(1)  # stays idle until the server closes the connection
PY
idle_client=$!
for _ in $(seq 1 200); do [ -e "$work/idle-ready" ] && break; sleep 0.05; done
[ -e "$work/idle-ready" ] || fail "the idle client did not connect"
stop_feed "$main_pid" TERM
[ "$stop_code" = 0 ] || fail "SIGTERM did not stop cleanly: $stop_code"
kill "$idle_client" 2>/dev/null
wait "$idle_client" 2>/dev/null

if [ "$failures" -eq 0 ]; then echo "feed headless: all checks passed"; exit 0; fi
echo "feed headless: $failures failures"
exit 1
