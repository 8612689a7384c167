#!/usr/bin/env bash
# The presenter's keys, end to end: real X key events (xdotool, XTEST) into the real present-mode
# window under Xvfb. The window title names the page, so the test reads it from outside; the
# screen's pixels (xwd) show a blank screen. After every key a clicker sends, the process must be
# alive and its JSON feed must answer (issue "real rooms", item 2: Esc used to end the program and
# take the feed with it). Run under xvfb-run. Waits are bounded polls for a state, never
# assertions about time.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
tmp=$(mktemp -d)
size=$(xdpyinfo 2>/dev/null | sed -n 's/ *dimensions: *\([0-9]*x[0-9]*\) pixels.*/\1/p')
size=${size:-1280x720}

# --no-history: the pages counted must not change when the history adds its own (a trend
# page appears once two versions are recorded: docs/history.md).
"$bin" --mode present --no-history --port 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

title() {
    local window
    window=$(xdotool search --pid "$pid" 2>/dev/null | head -n 1)
    [ -n "$window" ] && xdotool getwindowname "$window" 2>/dev/null
}
# wait_for TEXT: poll the title until it contains TEXT (at most ~20 s).
wait_for() {
    for _ in $(seq 1 200); do
        case "$(title)" in *"$1"*) return 0 ;; esac
        sleep 0.1
    done
    fail "title never showed '$1' (last: '$(title)')"
    return 1
}
# screen: black, white or mixed (xwd of the root window; the window covers the screen).
screen() {
    xwd -root -silent >"$tmp/screen.xwd" 2>/dev/null && python3 "$here/screen.py" "$tmp/screen.xwd"
}
# wait_screen WANT: poll until the screen is WANT (black, white, or "page": not blank).
wait_screen() {
    local now=""
    for _ in $(seq 1 100); do
        now=$(screen)
        case "$1:$now" in black:black | white:white | page:mixed*) return 0 ;; esac
        sleep 0.1
    done
    fail "screen never became $1 (last: '$now')"
    return 1
}
press() { xdotool key --clearmodifiers "$1"; }
port=""
# alive KEY: the program still runs and its feed answers.
alive() {
    kill -0 "$pid" 2>/dev/null || { fail "the program ended after $1"; return 1; }
    curl -fsS --max-time 5 "http://127.0.0.1:$port/healthz" >/dev/null ||
        fail "the feed did not answer after $1"
}
# key KEY TITLE [SCREEN]: press KEY, then the title shows TITLE, the screen is SCREEN (default:
# the page), the program is alive and the feed answers.
key() {
    press "$1"
    wait_for "$2"
    wait_screen "${3:-page}"
    sleep 0.3 # let a key that did more than it should show it
    case "$(title)" in *"$2"*) ;; *) fail "after $1 the title is '$(title)', not '$2'" ;; esac
    alive "$1"
}

wait_for "page 1 of" || { cat "$tmp/err"; exit 1; }
for _ in $(seq 1 100); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || fail "no port printed"
total=$(title | sed -n 's/.*page 1 of \([0-9]*\).*/\1/p')
[ -n "$total" ] && [ "$total" -ge 12 ] || fail "page count '$total'"
# Pointer and focus on the window: XTEST key events go to the focused window.
xdotool mousemove 5 5
wid=$(xdotool search --pid "$pid" | head -n 1)
xdotool windowfocus --sync "$wid" 2>/dev/null || true

# The keyboard's keys.
key Right "page 2 of $total"
key space "page 3 of $total"
key Next "page 4 of $total"      # Page Down
key BackSpace "page 3 of $total"
key Prior "page 2 of $total"     # Page Up
key Left "page 1 of $total"
key Left "page 1 of $total"      # stays on the first page
key 3 "Chapter 3 "
key 8 "Chapter 8 "
key Home "page 1 of $total"

# A clicker (Logitech R400 and the like): PgDn, PgUp, F5/Esc from its start button, . or b to
# blank; others send Shift+F5, w or ,.
key Next "page 2 of $total"
key Next "page 3 of $total"
key Prior "page 2 of $total"
key F5 "page 1 of $total"        # resume at the overview
key Next "page 2 of $total"
key Next "page 3 of $total"
key shift+F5 "page 3 of $total"  # resume at the current page
key Escape "page 1 of $total"    # nothing open: back to the overview, not the end
key Escape "page 1 of $total"
key Next "page 2 of $total"
key period "page 2 of $total" black
key Next "page 2 of $total"      # returns to the same page, and does not move on
key b "page 2 of $total" black
key b "page 2 of $total"
key w "page 2 of $total" white
key Escape "page 2 of $total"    # returns, and does not go to the overview
key comma "page 2 of $total" white
key F5 "page 2 of $total"        # returns, and does not go to the overview
for round in 1 2 3; do           # the start button, pressed again and again
    key F5 "page 1 of $total"
    key Escape "page 1 of $total"
    key Next "page 2 of $total"
done

# Esc closes an open recommendation first: open one with a click on its row (where the
# screenshot of the same page at the same size puts it).
key 1 "Chapter 1 "
"$bin" --screenshot "$tmp/chapter.png" --mode present --page chapter:1 --size "$size" >/dev/null 2>&1 ||
    fail "screenshot of chapter 1"
read -r x y < <(python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))["items"]
row = next(i for i in items if i.get("id") == "rec-1")
x, y, w, h = row["rect"]
print(int(x + w / 2), int(y + h / 2))' "$tmp/chapter.png.json")
xdotool mousemove "$x" "$y" click 1
wait_for "Recommendation 1 " && alive "a click on rec 1"
key Escape "Chapter 1 "          # closes it, back on the chapter
key Escape "page 1 of $total"    # then the overview

# Ctrl+Q ends the presentation, with exit code 0.
press ctrl+q
for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    fail "Ctrl+Q did not end the presentation"
else
    wait "$pid"; code=$?
    [ "$code" -eq 0 ] || fail "exit code $code after Ctrl+Q"
fi

if [ "$failures" -eq 0 ]; then echo "present keys: all checks passed"; exit 0; fi
cat "$tmp/err"
exit 1
