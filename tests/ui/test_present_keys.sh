#!/usr/bin/env bash
# The presenter's keys, end to end: real X key events (xdotool, XTEST) into the real present-mode
# window under Xvfb. The window title names the page, so the test reads it from outside.
# Run under xvfb-run. Waits are bounded polls for a state, never assertions about time.
set -u
bin=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$bin" --mode present --port 0 >/tmp/ab-present-$$.out 2>/tmp/ab-present-$$.err &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f /tmp/ab-present-$$.*' EXIT

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
press() { xdotool key --clearmodifiers "$1"; }

wait_for "page 1 of" || { cat /tmp/ab-present-$$.err; exit 1; }
total=$(title | sed -n 's/.*page 1 of \([0-9]*\).*/\1/p')
[ -n "$total" ] && [ "$total" -ge 12 ] || fail "page count '$total'"
# Pointer and focus on the window: XTEST key events go to the focused window.
xdotool mousemove 640 360
wid=$(xdotool search --pid "$pid" | head -n 1)
xdotool windowfocus --sync "$wid" 2>/dev/null || true

press Right;     wait_for "page 2 of $total"
press space;     wait_for "page 3 of $total"
press Next;      wait_for "page 4 of $total"     # Page Down
press BackSpace; wait_for "page 3 of $total"
press Prior;     wait_for "page 2 of $total"     # Page Up
press Left;      wait_for "page 1 of $total"
press Left;      wait_for "page 1 of $total"     # stays on the first page
press 3;         wait_for "Chapter 3 "
press 8;         wait_for "Chapter 8 "
press Home;      wait_for "page 1 of $total"
press End 2>/dev/null
press Escape     # present mode: Esc ends the presentation

for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    fail "Esc did not end the presentation"
else
    wait "$pid"; code=$?
    [ "$code" -eq 0 ] || fail "exit code $code after Esc"
fi

if [ "$failures" -eq 0 ]; then echo "present keys: all checks passed"; exit 0; fi
cat /tmp/ab-present-$$.err
exit 1
