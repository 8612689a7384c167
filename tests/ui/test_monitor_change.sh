#!/usr/bin/env bash
# A lost or changed monitor does not crash the kiosk: on a real X server (Xorg with the dummy
# video driver, whose monitor can change mode and be switched off and on with xrandr, which
# Xvfb cannot do), the window follows the monitor to 1280x720, survives it going away, covers it
# again when it comes back, and turns to portrait with it; pages keep rotating, the feed keeps
# answering, and SIGTERM still ends it with status 0.
# Usage: test_monitor_change.sh ACTIONBOARD
# Exit 77 (skipped) when Xorg cannot be started here (it needs root or a console).
set -euo pipefail
bin=$(readlink -f "$1")
for tool in Xorg xrandr xwininfo curl; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (tools/install-deps.sh test)" >&2; exit 1; }
done
[ -e /usr/lib/xorg/modules/drivers/dummy_drv.so ] ||
    { echo "FAIL: the dummy X driver is missing (xserver-xorg-video-dummy)" >&2; exit 1; }

work=$(mktemp -d /tmp/actionboard-monitor-XXXXXX)
xorg_pid=""
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
    [ -n "$xorg_pid" ] && kill "$xorg_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/app.err" ] && cat "$work/app.err" >&2; exit 1; }

cat >"$work/xorg.conf" <<'CONF'
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoEnableDevices" "false"
  Option "DontVTSwitch" "true"
EndSection
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0 - 1000.0
  VertRefresh 5.0 - 200.0
  Modeline "1920x1080" 148.50 1920 2008 2052 2200 1080 1084 1089 1125
  Modeline "1280x720" 74.25 1280 1390 1430 1650 720 725 730 750
  Modeline "1080x1920" 148.50 1080 1168 1212 1350 1920 1924 1929 2015
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Modes "1920x1080" "1280x720" "1080x1920"
    Virtual 1920 1920
  EndSubSection
EndSection
CONF

# A free display number.
display=""
for n in $(seq 90 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
done
[ -n "$display" ] || fail "no free X display number"
mkdir -p "$work/none"
Xorg "$display" -config "$work/xorg.conf" -configdir "$work/none" -noreset -nolisten tcp \
    -logfile "$work/xorg.log" -novtswitch -sharevts >"$work/xorg.out" 2>&1 &
xorg_pid=$!
export DISPLAY=$display
for _ in $(seq 1 100); do xrandr >/dev/null 2>&1 && break; sleep 0.1; done
if ! xrandr >/dev/null 2>&1; then
    echo "skipped: Xorg with the dummy driver could not start here:" >&2
    tail -5 "$work/xorg.out" >&2
    exit 77
fi
output=$(xrandr | awk '/ connected/ {print $1; exit}')
[ -n "$output" ] || fail "the dummy X server has no connected output"
xrandr --output "$output" --mode 1920x1080

# The kiosk window's geometry, WxH+X+Y.
geometry() {
    xwininfo -root -tree | grep -E '^\s+0x[0-9a-f]+ "[^"]*Action Plan' | head -1 |
        sed -E 's/.*\) +([0-9]+x[0-9]+\+-?[0-9]+\+-?[0-9]+).*/\1/' || true
}
title() {
    xwininfo -root -tree | grep -E '^\s+0x[0-9a-f]+ "[^"]*Action Plan' | head -1 |
        sed -E 's/^\s+0x[0-9a-f]+ "([^"]*)".*/\1/' || true
}
expect_geometry() {
    local wanted=$1 step=$2 got=""
    for _ in $(seq 1 50); do
        got=$(geometry)
        [ "$got" = "$wanted" ] && break
        sleep 0.1
    done
    kill -0 "$app_pid" 2>/dev/null || fail "$step: the program ended"
    [ "$got" = "$wanted" ] || fail "$step: the window is '$got', not $wanted"
    echo "ok: $step: $got"
}
expect_alive() {
    kill -0 "$app_pid" 2>/dev/null || fail "$1: the program ended"
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url/healthz")
    [ "$code" = 200 ] || fail "$1: /healthz gave $code"
}

"$bin" --mode kiosk --no-history --cycle 2 --allow-exit --port 0 >"$work/app.out" 2>"$work/app.err" &
app_pid=$!
for _ in $(seq 1 200); do grep -q '^listening on' "$work/app.out" && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$work/app.out")
[ -n "$url" ] || fail "the kiosk did not start"

expect_geometry 1920x1080+0+0 "start"
xrandr --output "$output" --mode 1280x720
expect_geometry 1280x720+0+0 "the monitor switched to 1280x720"
xrandr --output "$output" --off
sleep 2
[ "$(xrandr --listmonitors | head -1)" = "Monitors: 0" ] || fail "the monitor did not go away"
expect_alive "the monitor went away"
xrandr --output "$output" --mode 1920x1080
expect_geometry 1920x1080+0+0 "the monitor came back"
xrandr --output "$output" --mode 1080x1920
expect_geometry 1080x1920+0+0 "the monitor turned to portrait"
expect_alive "portrait"

# Pages still rotate (every 2 s): the title names the page.
first=$(title)
changed=""
for _ in $(seq 1 60); do
    sleep 0.1
    [ "$(title)" != "$first" ] && { changed=yes; break; }
done
[ -n "$changed" ] || fail "the pages stopped rotating after the monitor changes (title: $first)"
echo "ok: pages rotate: '$first' -> '$(title)'"

grep -q "covering $output at 1280x720" "$work/app.err" || fail "the change to 1280x720 was not logged"
kill -TERM "$app_pid"
status=0
wait "$app_pid" || status=$?
app_pid=""
[ "$status" = 0 ] || fail "exit status $status after SIGTERM"
echo "ok: a lost or changed monitor does not crash the kiosk"
