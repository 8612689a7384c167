#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 60). Any crash, hang (> 1 s per input), leak or sanitizer report fails.
# New crashing inputs are copied to tests/fuzz/regressions/<target>/ to become regression tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
build=$root/build-fuzz
# -O2 for the inputs a second; line tables (-gline-tables-only) are all a report's stack needs,
# and build faster than full debug information (docs/reliability.md).
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DACTIONBOARD_FUZZ=ON \
    -DACTIONBOARD_SANITIZE=address,undefined >/dev/null
cmake --build "$build" --target fuzz_loader fuzz_deadline fuzz_query fuzz_ref fuzz_csv fuzz_xlsx \
    -j"$(nproc)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Seed corpora: the shipped plan and every test plan for the loader; every deadline text of the
# shipped plan for the reader; typical and broken queries for the query parser.
mkdir -p "$work/loader" "$work/deadline" "$work/query" "$work/ref" "$work/csv" "$work/xlsx"
cp "$root"/data/*.json "$root"/tests/data/valid/*.json "$root"/tests/data/broken/*.json "$work/loader/"
# The spreadsheet readers: the fixtures LibreOffice made and the hostile files.
cp "$root"/tests/data/spreadsheets/*.csv "$root"/tests/data/spreadsheets/hostile/*.csv "$work/csv/"
cp "$root"/tests/data/spreadsheets/*.xlsx "$root"/tests/data/spreadsheets/hostile/*.xlsx "$work/xlsx/"
python3 - "$root/data/laming-2009.json" "$work/deadline" <<'PY'
import json, sys, pathlib
plan = json.load(open(sys.argv[1]))
texts = set()
for rec in plan["recommendations"]:
    for holder in [rec] + rec.get("parts", []):
        if holder.get("government_deadline"):
            texts.add(holder["government_deadline"])
        for m in holder.get("milestones", []):
            texts.add(m["deadline"])
for i, text in enumerate(sorted(texts)):
    pathlib.Path(sys.argv[2], f"seed-{i}").write_bytes(bytes([9]) + text.encode())
PY
for target in loader deadline query ref csv xlsx; do
    cp "$root/tests/fuzz/regressions/$target/"* "$work/$target/" 2>/dev/null || true
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for target in loader deadline query ref csv xlsx; do
    echo "== fuzz_$target for ${seconds}s"
    mkdir -p "$work/artifacts-$target"
    if ! "$build/tests/fuzz/fuzz_$target" "$work/$target" -max_total_time="$seconds" -timeout=1 \
            -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
            -artifact_prefix="$work/artifacts-$target/" 2>"$work/$target.log"; then
        status=1
        tail -n 40 "$work/$target.log"
        for found in "$work/artifacts-$target"/*; do
            [ -e "$found" ] || continue
            cp "$found" "$root/tests/fuzz/regressions/$target/"
            echo "kept $(basename "$found") in tests/fuzz/regressions/$target/"
        done
    else
        grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$target.log" | sed 's/^/  /'
    fi
done
exit $status
