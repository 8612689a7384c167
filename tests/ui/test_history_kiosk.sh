#!/usr/bin/env bash
# The kiosk's rotation with the history, in the real window under Xvfb, with the real history
# thread recording the plan on show (docs/history.md). The Laming test versions v1.3 to v1.6 are
# imported first; then:
#   - v1.7 on show (as of 1 December 2009; the last committee 29 September, so a baseline): the
#     pages the kiosk rotates through, read from the window title one full cycle, include
#     "Changes since 29 Sep" right after the overview, then the trend;
#   - v1.5 on show (the council's own, which lists no committee meetings: no baseline): the
#     rotation has no Changes page, and still the trend.
# Under xvfb-run. Waits are bounded polls for a state; nothing is timed.
# Usage: test_history_kiosk.sh ACTIONBOARD TESTS_DATA_DIR PLAN_FILE
set -u
bin=$1
data=$2
plan=$3
scale=${ACTIONBOARD_TEST_TIME_SCALE:-1}
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
laming=$data/history/laming
db=$tmp/history.sqlite3

"$bin" --history "$db" --history-import "$laming/laming-v1.3-test.json" "$laming/laming-v1.4-test.json" \
    "$plan" "$laming/laming-v1.6-test.json" >"$tmp/import.out" || { cat "$tmp/import.out"; exit 1; }

title() {
    local window
    window=$(xdotool search --pid "$pid" 2>/dev/null | head -n 1)
    [ -n "$window" ] && xdotool getwindowname "$window" 2>/dev/null
}

# rotation PLAN OUT: runs the kiosk on PLAN (a page a second) and writes the page titles of one
# full cycle to OUT, in order, from the first page seen until it comes round again.
rotation() {
    local data_file=$1 out=$2 port="" first="" last="" now=""
    "$bin" --mode kiosk --cycle 1 --allow-exit --port 0 --history "$db" --data "$data_file" \
        >"$tmp/app.out" 2>"$tmp/app.err" &
    pid=$!
    for _ in $(seq 1 $((200 * scale))); do
        port=$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/app.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$tmp/app.err"; fail "the kiosk did not start"; return 1; }
    # The history has recorded the plan on show and published its state.
    for _ in $(seq 1 $((200 * scale))); do
        curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null |
            python3 -c 'import json, sys; h = json.load(sys.stdin)["history"]; sys.exit(0 if h["status"] == "ok" and h["versions"] >= 5 else 1)' &&
            break
        sleep 0.1
    done
    : >"$out"
    # Let a page or two pass, so that the rotation counted is the one with the history in it.
    sleep 2
    for _ in $(seq 1 $((600 * scale))); do # bounded: about a minute (x scale)
        now=$(title)
        now=${now%% – *}
        if [ -n "$now" ] && [ "$now" != "$last" ]; then
            if [ -z "$first" ]; then
                first=$now
            elif [ "$now" = "$first" ]; then
                break
            fi
            echo "$now" >>"$out"
            last=$now
        fi
        sleep 0.1
    done
    [ "$now" = "$first" ] || fail "the kiosk did not come round to '$first' again (last '$now')"
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=""
}

rotation "$laming/laming-v1.7-test.json" "$tmp/with.txt"
echo "with a baseline:"
sed 's/^/  /' "$tmp/with.txt"
python3 - "$tmp/with.txt" <<'PY' || fail "the rotation with a baseline"
import sys
titles = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
start = next(i for i, t in enumerate(titles) if t.startswith(("Overview", "Compliance by chapter")))
titles = titles[start:] + titles[:start]  # one cycle, from the overview
changes = [i for i, t in enumerate(titles) if t.startswith("Changes since 29 Sep")]
assert changes, titles
assert titles[changes[0] - 1].startswith(("Compliance by chapter", "Overview")), titles
trend = titles.index("Trend: compliance and overdue milestones")
assert trend == changes[-1] + 1, titles
assert titles[trend + 1].startswith("Chapter 1"), titles
assert len(changes) >= 1 and all(c == changes[0] + k for k, c in enumerate(changes)), titles
PY

rotation "$plan" "$tmp/without.txt"
echo "without a baseline (v1.5 lists no meetings):"
sed 's/^/  /' "$tmp/without.txt"
python3 - "$tmp/without.txt" <<'PY' || fail "the rotation without a baseline"
import sys
titles = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
assert len(titles) >= 12, titles
assert not any(t.startswith("Changes") for t in titles), titles
assert "Trend: compliance and overdue milestones" in titles, titles
PY

if [ "$failures" -eq 0 ]; then echo "history kiosk: all checks passed"; exit 0; fi
cat "$tmp/app.err" 2>/dev/null
exit 1
