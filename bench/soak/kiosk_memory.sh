#!/usr/bin/env bash
# Kiosk memory over time (not a test): the kiosk under Xvfb turning a page every second while
# the data file is replaced every 2 s (valid and invalid versions alternating), with its RSS
# sampled every 10 s. "Memory flat over days" is judged from the slope after warm-up.
# Usage: bench/soak/kiosk_memory.sh [ACTIONBOARD] [SECONDS]   (default build/actionboard, 600)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-$here/../../build/actionboard}")
seconds=${2:-600}
work=$(mktemp -d /tmp/actionboard-kiosk-mem-XXXXXX)
app_pid=""
# Every process started on this run's data file, found by it even when the start-up check
# failed: a kiosk the check did not recognise used to keep running after the script ended.
cleanup() {
    pkill -f -- "--data $work/plan.json" 2>/dev/null || true
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

cp "$here/../../data/laming-2009.json" "$work/plan.json"
python3 - "$work" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
plan = json.loads((work / "plan.json").read_text(encoding="utf-8"))
for i in range(2):
    plan["plan"]["title"] = f"Action plan, version {i}"
    (work / f"valid-{i}.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
(work / "invalid.json").write_text('{"plan": {"title": ', encoding="utf-8")
PY

xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
    "$bin" --mode kiosk --no-history --cycle 1 --port 0 --data "$work/plan.json" >"$work/out" 2>"$work/err" &
runner=$!
for _ in $(seq 1 200); do
    app_pid=$(pgrep -f -n -- "--data $work/plan.json" | grep -v "^$runner$" || true)
    # The kernel keeps the first 15 bytes of the program's name.
    [ -n "$app_pid" ] && [ "$(ps -o comm= -p "$app_pid")" = "$(basename "$bin" | cut -c1-15)" ] && break
    app_pid=""
    sleep 0.1
done
[ -n "$app_pid" ] || { cat "$work/err" >&2; echo "kiosk did not start" >&2; exit 1; }

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$app_pid/status"; }
# Where it is: the main heap (brk: the render thread's malloc), other anonymous memory (thread
# arenas, llvmpipe's buffers and JIT code), and file-backed pages (the program, which embeds
# the font, and its libraries).
split_kb() {
    awk '/^[0-9a-f]+-[0-9a-f]+ / { heap = ($6 == "[heap]"); file = ($6 ~ /^\//) }
         /^Rss:/ { if (heap) h += $2; else if (file) f += $2; else a += $2 }
         END { printf "%.1f | %.1f | %.1f", h / 1024, a / 1024, f / 1024 }' "/proc/$app_pid/smaps"
}
echo "| t (s) | RSS (MB) | heap | other anonymous | file-backed |"
echo "|---|---|---|---|---|"
start=$SECONDS
version=0
while [ $((SECONDS - start)) -lt "$seconds" ]; do
    for _ in 1 2 3 4 5; do
        case $((version % 3)) in
            0) cp "$work/valid-0.json" "$work/next" ;;
            1) cp "$work/invalid.json" "$work/next" ;;
            2) cp "$work/valid-1.json" "$work/next" ;;
        esac
        mv "$work/next" "$work/plan.json"
        version=$((version + 1))
        sleep 2
    done
    kill -0 "$app_pid" || { cat "$work/err" >&2; echo "the kiosk ended" >&2; exit 1; }
    awk -v t=$((SECONDS - start)) -v kb="$(rss_kb)" -v parts="$(split_kb)" \
        'BEGIN {printf "| %d | %.1f | %s |\n", t, kb / 1024, parts}'
done
echo
echo "reloads: $(grep -c 'reloaded' "$work/err" || true) valid, $(grep -c 'refused\|error' "$work/err" || true) refused"
