#!/usr/bin/env bash
# Dashboard benchmark (not a test). Prints the figures recorded in docs/performance.md.
#   bench/ui/run.sh [BUILD_DIR] [IDLE_SECONDS]
# Needs: xvfb, hyperfine (tools/install-deps.sh bench test).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
idle_seconds=${2:-60}
bin=$build/actionboard
bench=$build/bench/ui/ui_frame_bench
[ -x "$bin" ] && [ -x "$bench" ] || { echo "build first: cmake --build $build"; exit 1; }

# One X server for every measurement, so its start-up is not counted.
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
work=$(mktemp -d)
export DISPLAY=$display
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

echo "== machine"
echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); memory: $(free -h | awk '/Mem:/ {print $2}')"
echo "renderer: Mesa llvmpipe under Xvfb (software OpenGL)"

echo "== time to first frame: --screenshot as a whole process (load, fonts, render, PNG)"
for size in 1920x1080 3840x2160; do
    hyperfine --warmup 2 --runs 15 --style basic --export-json "$work/ttff-$size.json" \
        "$bin --screenshot $work/shot.png --mode kiosk --size $size" >/dev/null
    python3 - "$work/ttff-$size.json" "$size" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"  kiosk {sys.argv[2]}: mean {r['mean']*1000:.0f} ms, min {r['min']*1000:.0f} ms, max {r['max']*1000:.0f} ms")
PY
done

echo "== UI build CPU per frame (NewFrame to Render), every page"
for size in "1920 1080" "3840 2160"; do
    for mode in kiosk desktop; do
        echo "  $("$bench" $size $mode 200)"
    done
done

echo "== peak RSS"
/usr/bin/time -f "  --screenshot 3840x2160: %M KB" "$bin" --screenshot "$work/shot.png" --mode kiosk --size 3840x2160 2>&1 >/dev/null | tail -n1

echo "== idle kiosk over ${idle_seconds}s (page rotation every 20 s, clock every minute)"
"$bin" --mode kiosk --port 0 >/dev/null 2>&1 &
pid=$!
sleep 5 # start-up and first frames are not idle
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu); start=$(date +%s.%N)
sleep "$idle_seconds"
after=$(cpu); end=$(date +%s.%N)
python3 -c "
used = ($after - $before) / $ticks
wall = $end - $start
print(f'  CPU {used:.2f} s over {wall:.0f} s wall = {100 * used / wall:.2f}% of one core')"
echo "  RSS after ${idle_seconds}s: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status), peak $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
kill "$pid"; wait "$pid" 2>/dev/null || true
