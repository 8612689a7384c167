#!/usr/bin/env bash
# --public-url: kiosk and present screenshots carry a QR code that zbarimg (zbar-tools) decodes
# to the browser view of the page on screen; without the option there is none; a bad address is
# a usage error. Runs under xvfb-run (see tests/CMakeLists.txt).
# Usage: test_qr.sh ACTIONBOARD TEST_DATA_DIR
set -u
bin=$1
data=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d /tmp/actionboard-qr-XXXXXX)
trap 'rm -rf "$work"' EXIT
base=http://wall.office:8080

# check MODE PAGE SIZE EXPECTED [ARGS...]
check() {
    local mode=$1 page=$2 size=$3 expected=$4; shift 4
    local out="$work/$mode-${page//[:\/]/_}-$size.png"
    "$bin" --screenshot "$out" --mode "$mode" --page "$page" --size "$size" --public-url "$base/" "$@" \
        >"$work/log" 2>&1 || { fail "$mode $page $size: screenshot failed: $(cat "$work/log")"; return; }
    local decoded
    decoded=$(zbarimg -q --raw "$out" 2>/dev/null)
    [ "$decoded" = "$expected" ] || fail "$mode $page $size: decoded '$decoded', expected '$expected'"
}

check kiosk overview 1920x1080 "$base/"
check kiosk chapter:3 1920x1080 "$base/chapters/3"
check kiosk deadlines 1366x768 "$base/deadlines"
check kiosk quality 3840x2160 "$base/quality"
check present rec:12 1280x720 "$base/recommendations/12"
check present chapter:8 1920x1080 "$base/chapters/8"
check kiosk rec:1.10 1920x1080 "$base/recommendations/1.10" --data "$data/valid/council-refs.json"

# Without --public-url: no code on the screen.
"$bin" --screenshot "$work/plain.png" --mode kiosk --page overview --size 1920x1080 >/dev/null 2>&1 \
    || fail "plain screenshot failed"
zbarimg -q --raw "$work/plain.png" >/dev/null 2>&1
[ $? = 4 ] || fail "a QR code without --public-url"

# A bad address is a usage error.
for bad in "wall.office:8080" "http://wall office" "http://x/?a=b" "ftp://x"; do
    "$bin" --mode headless --public-url "$bad" >/dev/null 2>"$work/err"
    code=$?
    [ "$code" = 2 ] || fail "--public-url '$bad': exit $code, expected 2"
    grep -q -- "--public-url" "$work/err" || fail "--public-url '$bad': the error does not name the option"
done

if [ "$failures" -eq 0 ]; then echo "qr: all checks passed"; exit 0; fi
echo "qr: $failures failures"
exit 1
