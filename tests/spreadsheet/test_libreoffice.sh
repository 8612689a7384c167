#!/usr/bin/env bash
# The Laming plan exported to .xlsx opens in LibreOffice: converted back to CSV it has the same
# cells as our own CSV export, and re-saved by LibreOffice as .xlsx it loads as the same plan.
# Needs LibreOffice (tools/install-deps.sh test: libreoffice-calc-nogui).
set -u
bin=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || { echo "FAIL: no soffice (apt-get install libreoffice-calc-nogui)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$bin" --export laming.xlsx >/dev/null || fail "--export laming.xlsx"
"$bin" --export ours.csv >/dev/null || fail "--export ours.csv"
"$bin" --export laming.json >/dev/null || fail "--export laming.json"

mkdir lo
# A private profile, so that parallel runs (and a user's LibreOffice) do not share one.
lo=("$soffice" "-env:UserInstallation=file://$work/profile" --headless)
# 44,34,76,1: comma, double quote, UTF-8, from line 1 (LibreOffice writes the first sheet).
"${lo[@]}" --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir lo laming.xlsx \
    >/dev/null 2>&1 || fail "LibreOffice could not convert laming.xlsx to CSV"
mkdir resaved
"${lo[@]}" --convert-to xlsx --outdir resaved laming.xlsx >/dev/null 2>&1 ||
    fail "LibreOffice could not re-save laming.xlsx"

python3 - ours.csv lo/laming.csv <<'PY' || fail "LibreOffice's CSV cells differ from ours"
import csv, sys
def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        out = []
        for row in csv.reader(f):
            while row and row[-1] == "":
                row.pop()
            out.append(row)
        return out
ours, theirs = rows(sys.argv[1]), rows(sys.argv[2])
assert len(ours) > 60, f"only {len(ours)} rows"
assert len(ours) == len(theirs), f"{len(ours)} rows against LibreOffice's {len(theirs)}"
for number, (a, b) in enumerate(zip(ours, theirs), 1):
    assert a == b, f"row {number}: {a[:3]} against {b[:3]}"
print(f"libreoffice: {len(ours)} rows, the same cells")
PY

"$bin" --export back.json --data resaved/laming.xlsx >/dev/null ||
    fail "the workbook LibreOffice re-saved does not load"
python3 - laming.json back.json <<'PY' || fail "the re-saved workbook is not the same plan"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
b["plan"]["source"] = a["plan"].get("source", "")  # the same: both come from the Plan sheet
assert a == b, "plans differ"
print("libreoffice: re-saved workbook loads as the same plan")
PY

[ "$failures" -eq 0 ] && echo "libreoffice: all checks passed"
exit $((failures > 0))
