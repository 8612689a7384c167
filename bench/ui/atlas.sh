#!/usr/bin/env bash
# The font atlas's size and build time for several plans at several sizes (not a test: figures
# go to docs/performance.md). CPU only, no display.
#   bench/ui/atlas.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
bench=$build/bench/ui/ui_atlas_bench
[ -x "$bench" ] || { echo "build first: cmake --build $build --target ui_atlas_bench"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Many scripts at once: Latin Extended-A, Greek and Cyrillic whole, in one recommendation.
python3 - "$root/tests/data/valid/minimal.json" "$work/alphabets.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
ranges = list(range(0x100, 0x180)) + list(range(0x391, 0x3CA)) + list(range(0x400, 0x460))
plan["recommendations"][0]["text"] = ["".join(chr(c) for c in ranges)]
json.dump(plan, open(sys.argv[2], "w"), ensure_ascii=False)
PY
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
for plan in - "$root/tests/data/cases/c01-latin-extended/plan.json" \
    "$root/tests/data/cases/c02-euro-quotes/plan.json" "$work/alphabets.json" \
    "$root/tests/data/valid/cannot-draw.json"; do
    echo "== ${plan/#$root\//}"
    for size in "desktop 1920 1080" "desktop 3840 2160" "kiosk 1920 1080" "kiosk 3840 2160" \
        "kiosk 2160 3840"; do
        # shellcheck disable=SC2086
        "$bench" $size "$plan" 20
    done
done
