#!/usr/bin/env bash
# Without a display the dashboard modes exit 1 with a message that names --mode headless,
# and a screenshot says what it needs; nothing crashes.
set -u
bin=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
err=$(mktemp)
trap 'rm -f "$err"' EXIT
for mode in desktop kiosk present; do
    env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --mode "$mode" --port 0 >/dev/null 2>"$err"
    code=$?
    [ "$code" -eq 1 ] || fail "$mode without a display: exit $code, expected 1"
    grep -q -- "--mode headless" "$err" || fail "$mode: message does not name --mode headless: $(cat "$err")"
    grep -qi "abort\|segmentation\|terminate called" "$err" && fail "$mode: crashed"
done
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --screenshot /tmp/ab-none-$$.png >/dev/null 2>"$err"
code=$?
[ "$code" -eq 1 ] || fail "screenshot without a display: exit $code, expected 1"
grep -q "xvfb-run" "$err" || fail "screenshot: message does not say what it needs: $(cat "$err")"
[ -e /tmp/ab-none-$$.png ] && fail "screenshot without a display wrote a file"
if [ "$failures" -eq 0 ]; then echo "no display: all checks passed"; exit 0; fi
exit 1
