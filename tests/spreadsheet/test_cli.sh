#!/usr/bin/env bash
# --check and --export with spreadsheets, as a user runs them: exit codes, the notes on how a
# workbook was read, problems at their cells (text and JSON), and --export never writing --data.
set -u
bin=$1
data=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
err=$work/err

expect_exit() { # expected-code description command...
    local expected=$1 what=$2; shift 2
    "$@" >"$out" 2>"$err"
    local code=$?
    [ "$code" -eq "$expected" ] || fail "$what: exit $code, expected $expected"
}

expect_exit 0 "workbook" "$bin" --check --data "$data/council.xlsx"
grep -q '^OK: .*council.xlsx: "Anytown Safeguarding Children Partnership"' "$out" || fail "workbook: no OK line"
grep -q 'ignored column .*"Comments" (Actions!I4)' "$out" || fail "workbook: ignored column not listed"
grep -q 'from the title row (Actions!A1)' "$out" || fail "workbook: title source not said"
grep -q 'the day the file was last saved' "$out" || fail "workbook: reporting date source not said"
grep -q 'reported RAG: ' "$out" || fail "workbook: no reported RAG line"

expect_exit 0 "Windows-1252 CSV" "$bin" --check --data "$data/council-1252.csv"
grep -q 'the file is Windows-1252' "$out" || fail "Windows-1252 CSV: encoding not said"
expect_exit 0 "semicolon CSV" "$bin" --check --data "$data/council-semicolon.csv"
grep -q 'separated by semicolons' "$out" || fail "semicolon CSV: delimiter not said"

expect_exit 1 "lost fraction" "$bin" --check --data "$data/lost-fraction.xlsx"
grep -q 'Actions!A3: the ref is the number 1.1' "$out" || fail "lost fraction: cell not named"
expect_exit 1 "lost fraction, JSON" "$bin" --check --format json --data "$data/lost-fraction.xlsx"
python3 - "$out" <<'PY' || fail "lost fraction: JSON errors"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["ok"] is False
assert report["errors"][0]["cell"] == "Actions!A2", report["errors"][0]
assert isinstance(report["notes"], list)
PY
expect_exit 1 "lock file" "$bin" --check --data "$data/~\$council.xlsx"
grep -q "Excel's lock file" "$out" || fail "lock file: not named"

cp "$data/council.xlsx" "$work/plan.xlsx"
before=$(sha256sum "$work/plan.xlsx")
expect_exit 2 "--export over --data" "$bin" --export "$work/plan.xlsx" --data "$work/plan.xlsx"
grep -q 'never writes its data file' "$err" || fail "--export over --data: no reason"
[ "$(sha256sum "$work/plan.xlsx")" = "$before" ] || fail "--export over --data: the file changed"
expect_exit 2 "--export .ods" "$bin" --export "$work/plan.ods"
expect_exit 0 "--export template" "$bin" --export "$work/template.xlsx"
expect_exit 0 "template loads" "$bin" --check --data "$work/template.xlsx"
grep -q 'recommendations 58' "$out" || fail "template: not the 58 recommendations"
expect_exit 0 "--export csv from workbook" "$bin" --export "$work/out.csv" --data "$data/council.xlsx"
grep -q 'no Plan or Chapters' "$out" || fail "--export csv: does not say what CSV leaves out"
expect_exit 2 "--export with --check" "$bin" --export "$work/x.json" --check

[ "$failures" -eq 0 ] && echo "spreadsheet cli: all checks passed"
exit $((failures > 0))
