#!/usr/bin/env bash
# The font atlas over many reloads that bring new characters (not a test: figures go to
# docs/performance.md). A present-mode window under Xvfb shows a plan whose file is rewritten
# RELOADS times, alternating Welsh and Polish letters with Greek and Cyrillic ones, so that every
# reload rebuilds the atlas and replaces the font texture. Under Mesa's llvmpipe a texture lives
# in the process's memory, so a texture that was never deleted shows as RSS that keeps growing.
# Each reload is confirmed from the window title (it names the plan) before the next. The feed
# is asked for /healthz after each reload, timed.
#   bench/ui/atlas_reload.sh [BUILD_DIR] [RELOADS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
reloads=${2:-100}
bin=$build/actionboard
work=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $pid $xvfb 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=$display
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# write N: the plan, titled "Plan N", with one alphabet or the other.
write() {
    python3 - "$root/tests/data/valid/minimal.json" "$work/plan.json" "$1" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
n = int(sys.argv[3])
if n % 2:
    letters = "".join(chr(c) for c in list(range(0x391, 0x3CA)) + list(range(0x410, 0x450)))
else:
    letters = "ŵ ŷ Ŵ Ŷ Łódź Wiśniewski ąčęėįšųū Ștefănescu Dvořák ≤ ≥ ™"
plan["plan"]["title"] = f"Plan {n}"
plan["recommendations"][0]["text"] = [letters]
plan["chapters"][0]["local_position"] = [letters]
tmp = sys.argv[2] + ".tmp"
json.dump(plan, open(tmp, "w"), ensure_ascii=False)
import os
os.replace(tmp, sys.argv[2])
PY
}
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

write 0
"$bin" --mode present --port 0 --data "$work/plan.json" >"$work/out" 2>"$work/err" &
pid=$!
title() { xdotool search --pid "$pid" 2>/dev/null | head -n 1 | xargs -r xdotool getwindowname 2>/dev/null; }
for _ in $(seq 1 200); do case "$(title)" in *"Plan 0 "*) break ;; esac; sleep 0.1; done
port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/out")
echo "start: RSS $(rss) kB"
worst_ms=0
for n in $(seq 1 "$reloads"); do
    write "$n"
    for _ in $(seq 1 300); do case "$(title)" in *"Plan $n "*) break ;; esac; sleep 0.02; done
    case "$(title)" in *"Plan $n "*) ;; *) echo "reload $n not shown"; exit 1 ;; esac
    ms=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/healthz" |
        awk '{printf "%d", $1 * 1000}')
    [ "$ms" -gt "$worst_ms" ] && worst_ms=$ms
    case $n in 10 | 20 | 50 | 100 | 200 | 500 | 1000) echo "after $n reloads: RSS $(rss) kB" ;; esac
done
echo "after $reloads reloads: RSS $(rss) kB; slowest /healthz after a reload: $worst_ms ms"
