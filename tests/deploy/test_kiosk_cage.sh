#!/usr/bin/env bash
# The wall display's session as actionboard-kiosk.service starts it: cage (Debian's Wayland
# kiosk compositor) runs the kiosk full screen through XWayland, here on wlroots' headless
# backend (no GPU, no monitor: WLR_BACKENDS=headless, pixman rendering). grim takes a
# screenshot of cage's output, which must be the overview page: it is compared with
# `actionboard --screenshot --page overview` (and must differ from chapter 1) by
# compare_screens. The command line is the unit's ExecStart with actionboard.conf's values.
# Skipped (77), saying why, when cage, grim or Xwayland is missing or cage cannot start here.
# Usage: test_kiosk_cage.sh ACTIONBOARD SOURCE_DIR COMPARE_SCREENS
set -u
bin=$(readlink -f "$1")
src=$2
compare=$3
source "$src/tests/time_scale.sh"

for tool in cage grim Xwayland xvfb-run; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (tools/install-deps.sh test)"; exit 77; }
done

work=$(mktemp -d /tmp/actionboard-cage-XXXXXX)
chmod 0755 "$work"
cage_pid=""
cleanup() {
    [ -n "$cage_pid" ] && kill "$cage_pid" 2>/dev/null && wait "$cage_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# cage refuses to run as root: the service runs it as actionboard-kiosk; here, as nobody.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
runtime=$work/runtime
mkdir -m 0700 "$runtime"
[ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$runtime"
# The unit's StateDirectory=actionboard-kiosk, as systemd gives it: a directory of the service's
# own, named in $STATE_DIRECTORY, where the history is kept (docs/history.md). Without it the
# kiosk would say "history unavailable" under its header, which the reference screenshot (no
# history) does not.
grep -q '^StateDirectory=actionboard-kiosk$' "$src/packaging/actionboard-kiosk.service" ||
    { echo "FAIL: the kiosk unit no longer sets StateDirectory=actionboard-kiosk"; exit 1; }
state=$work/state
mkdir -m 0700 "$state"
[ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$state"
cp "$src/data/laming-2009.json" "$work/plan.json"
chmod 0644 "$work/plan.json"

# The unit's command, with the configuration file's values (systemd's ${VAR} and $VAR).
unit=$src/packaging/actionboard-kiosk.service
conf=$src/packaging/actionboard.conf
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
kiosk_options=$(sed -n 's/^ACTIONBOARD_KIOSK_OPTIONS=//p' "$conf")
command_line=${exec_start//'${ACTIONBOARD_DATA}'/$work/plan.json}
command_line=${command_line//'$ACTIONBOARD_KIOSK_OPTIONS'/$kiosk_options}
command_line=${command_line//\/usr\/bin\/actionboard/$bin}
# For the test only, appended (the last value wins): any free port, the overview kept on screen
# (no rotation), and the dimmed period away from now, whatever the time of day.
later=$(date -d '+12 hours' +%H:%M)
end=$(date -d '+12 hours 1 minute' +%H:%M)
command_line="$command_line --port 0 --cycle 3600 --dim $later-$end"
echo "session: $command_line"
read -r -a argv <<< "$command_line"
[ "${argv[0]}" = /usr/bin/cage ] || { echo "FAIL: the unit does not start cage: ${argv[0]}"; exit 1; }

env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$runtime" STATE_DIRECTORY="$state" WLR_BACKENDS=headless \
    WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 WLR_HEADLESS_OUTPUTS=1 \
    "${as_user[@]}" "${argv[@]}" > "$work/session.log" 2>&1 &
cage_pid=$!

# The kiosk is up when its feed listens and cage's output is no longer black.
socket=""
for _ in $(seq 1 $((200 * scale))); do # bounded: ~20 s x scale
    [ -z "$socket" ] && socket=$(cd "$runtime" 2>/dev/null && ls wayland-* 2>/dev/null | grep -v lock | head -1)
    grep -q '^listening on ' "$work/session.log" && [ -n "$socket" ] && break
    kill -0 "$cage_pid" 2>/dev/null || break
    sleep 0.1
done
if ! kill -0 "$cage_pid" 2>/dev/null || [ -z "$socket" ]; then
    cat "$work/session.log"
    if grep -qiE 'failed to (create|start) backend|unable to create|no backend' "$work/session.log"; then
        echo "SKIP: cage cannot start on the headless backend here (see above)"
        exit 77
    fi
    echo "FAIL: the kiosk session did not start"
    exit 1
fi
grep -q '^listening on http://127\.0\.0\.1:' "$work/session.log" || { cat "$work/session.log"; echo "FAIL: the kiosk's feed did not start"; exit 1; }

# The reference pages, off-screen at the output's size (wlroots' headless output: 1280x720).
xvfb() { xvfb-run -a -s "-screen 0 1280x720x24 -nolisten tcp" "$@"; }
xvfb "$bin" --data "$work/plan.json" --screenshot "$work/overview.png" --mode kiosk --size 1280x720 --page overview > /dev/null ||
    { echo "FAIL: the overview reference"; exit 1; }
xvfb "$bin" --data "$work/plan.json" --screenshot "$work/chapter.png" --mode kiosk --size 1280x720 --page chapter:1 > /dev/null ||
    { echo "FAIL: the chapter reference"; exit 1; }

shot() {
    env XDG_RUNTIME_DIR="$runtime" WAYLAND_DISPLAY="$socket" "${as_user[@]}" grim -t png - > "$work/kiosk.png" 2> "$work/grim.err"
}
result=1
black=0
for attempt in $(seq 1 $((20 * scale))); do # the window may take seconds to map under load
    if shot && "$compare" "$work/kiosk.png" "$work/overview.png" "$work/chapter.png" > "$work/compare.out"; then
        result=0
        break
    fi
    grep -q 'mean level 0.0;' "$work/compare.out" 2>/dev/null && black=$((black + 1))
    [ "$attempt" -ge 10 ] && [ "$black" -eq "$attempt" ] && break # black every time: see below
    sleep 1
done
cat "$work/compare.out" 2>/dev/null
if [ $result -eq 0 ]; then
    echo "grim: cage's screen shows the kiosk's overview"
    exit 0
fi
if [ "$black" -eq 0 ]; then
    cat "$work/grim.err" "$work/session.log"
    cp "$work/kiosk.png" /tmp/actionboard-kiosk-failed.png 2>/dev/null && echo "capture kept: /tmp/actionboard-kiosk-failed.png"
    echo "FAIL: cage's screen is not the overview"
    exit 1
fi

# grim got an all-black frame every time. Here, cage 0.1.4 on wlroots 0.15's headless backend
# with pixman rendering (no GPU) scans a client that covers the whole output (as the kiosk
# always does) out directly, and wlr-screencopy then hands grim a black frame; a window one
# pixel narrower than the output, or --mode desktop's smaller window, is captured. So the
# kiosk's window is read through cage's XWayland instead (xwd), which shows what cage is given
# to show. docs/deploy.md ("Testing the wall display") has the details.
echo "grim: every frame of cage's headless output was black (direct scan-out of a full-screen"
echo "client under pixman, see docs/deploy.md); reading the kiosk's window through XWayland"
command -v xwd >/dev/null && command -v xwininfo >/dev/null ||
    { echo "SKIP: xwd and xwininfo (x11-apps, x11-utils) are needed for the fallback"; exit 77; }
child=$(pgrep -P "$cage_pid" -f actionboard | head -1)
display=$(tr '\0' '\n' < "/proc/$child/environ" 2>/dev/null | sed -n 's/^DISPLAY=//p')
[ -n "$display" ] || { echo "FAIL: the kiosk (pid '$child') has no DISPLAY: not under XWayland?"; exit 1; }
window=$(env DISPLAY="$display" "${as_user[@]}" xwininfo -root -tree |
    awk '/The Protection of Children in England/ && / 1280x720\+0\+0 / {print $1; exit}')
[ -n "$window" ] || { env DISPLAY="$display" "${as_user[@]}" xwininfo -root -tree; echo "FAIL: no 1280x720 kiosk window at 0,0 on $display"; exit 1; }
env DISPLAY="$display" "${as_user[@]}" xwd -id "$window" -silent > "$work/kiosk.xwd" ||
    { echo "FAIL: xwd could not read the kiosk's window"; exit 1; }
if "$compare" "$work/kiosk.xwd" "$work/overview.png" "$work/chapter.png"; then
    echo "XWayland: the kiosk's full-screen window under cage shows the overview"
    exit 0
fi
cp "$work/kiosk.xwd" /tmp/actionboard-kiosk-failed.xwd 2>/dev/null && echo "window kept: /tmp/actionboard-kiosk-failed.xwd"
echo "FAIL: the kiosk's window is not the overview"
exit 1
