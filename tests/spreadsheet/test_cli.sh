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

# What a file is comes from its bytes: LibreOffice's .ods and Excel 97-2003's .xls are named,
# not read as JSON with a NUL or a byte that is not UTF-8; a workbook called plan.json reads.
cp "$data/other-formats/council.ods" "$work/plan.ods"
expect_exit 1 ".ods" "$bin" --check --data "$work/plan.ods"
grep -qF 'the file is an OpenDocument spreadsheet (.ods), LibreOffice'"'"'s own format, which this program does not read: save it as .xlsx (Excel Workbook) or CSV' "$out" || fail ".ods: not named"
grep -q 'NUL\|not UTF-8' "$out" && fail ".ods: read as text"
cp "$data/other-formats/council.xls" "$work/plan.xls"
expect_exit 1 ".xls" "$bin" --check --data "$work/plan.xls"
grep -qF 'the file is an Excel 97-2003 workbook (.xls)' "$out" || fail ".xls: not named"
cp "$data/other-formats/council.ods" "$work/plan.json"
expect_exit 1 ".ods called .json" "$bin" --check --data "$work/plan.json"
grep -qF 'OpenDocument spreadsheet (.ods)' "$out" || fail ".ods called .json: not named"
cp "$data/council.xlsx" "$work/plan.json"
expect_exit 0 "workbook called .json" "$bin" --check --data "$work/plan.json"
grep -q '^OK: .*plan.json: "Anytown Safeguarding Children Partnership"' "$out" || fail "workbook called .json: not read"

# A misspelt header is the first problem, with the suggestion; the rows' problems at their cells.
expect_exit 1 "misspelt header" "$bin" --check --data "$data/misspelt-deadline.xlsx"
sed -n 2p "$out" | grep -qF 'Actions!I1: "Deadlnie" is not a header this program reads: did you mean "Deadline"?' || fail "misspelt header: not first"
grep -qF 'Actions!C3: the Action cell is filled but the row has no deadline' "$out" || fail "misspelt header: row not at its Action cell"

# CSV: a cell by line, column letter and header; a byte that is not text by line and character.
printf 'Ref,Recommendation,Status\n1,Do it,Finished\n' >"$work/status.csv"
expect_exit 1 "CSV status" "$bin" --check --data "$work/status.csv"
grep -qF 'line 2, column C (Status): "Finished" is not a status' "$out" || fail "CSV status: place"
expect_exit 1 "CSV status, JSON" "$bin" --check --format json --data "$work/status.csv"
python3 - "$out" <<'PY' || fail "CSV status: JSON place"
import json, sys
error = json.load(open(sys.argv[1]))["errors"][0]
assert (error["cell"], error["line"], error["column"]) == ("line 2, column C (Status)", 2, 3), error
PY
printf 'Ref,Recommendation,Status\n1,Caf\xc3\xa9,Done\n2,\xa3,Done\n' >"$work/bytes.csv"
expect_exit 1 "CSV byte" "$bin" --check --data "$work/bytes.csv"
grep -qF 'line 3, character 3: byte 0xA3 is not UTF-8' "$out" || fail "CSV byte: place"

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

# A Welsh council's CSV: its deadlines are read, not "No timescale".
printf 'Ref,Recommendation,Status,Deadline,Lead\n1,A,In progress,Mawrth 2010,SSCB\n2,B,In progress,Medi 2009,SSCB\n3,C,In progress,"Ebrill \xe2\x80\x93 Mehefin 2010",SSCB\n4,D,In progress,end Q2,SSCB\n' >"$work/welsh.csv"
expect_exit 0 "Welsh CSV" "$bin" --check --data "$work/welsh.csv"
grep -q 'unscheduled 0' "$out" || fail "Welsh CSV: a deadline left unscheduled"
grep -q 'dated       2010-04-01  2010-06-30  "Ebrill' "$out" || fail "Welsh CSV: the range not read"

# A CSV has no reporting date of its own: --as-of DATE is it, and --check says so.
expect_exit 0 "CSV --as-of" "$bin" --check --data "$work/welsh.csv" --as-of 2010-03-15
grep -q 'reporting date 2010-03-15, from --as-of' "$out" || fail "CSV --as-of: not the reporting date"
grep -q 'read against the reporting date, 15 March 2010$' "$out" || fail "CSV --as-of: date not said"
grep -q 'dated       2009-07-01  2009-09-30  "end Q2"' "$out" || fail "CSV --as-of: end Q2 not read against it"

# A deadline that is not a day: an error at its line and column, exit 1.
printf 'Ref,Recommendation,Status,Deadline,Lead\n1,A,In progress,32/13/2009,SSCB\n' >"$work/bad-day.csv"
expect_exit 1 "impossible day" "$bin" --check --data "$work/bad-day.csv"
grep -q 'line 2, column D (Deadline): "32/13/2009" is not a date: there is no month 13' "$out" ||
    fail "impossible day: not named at its cell"

[ "$failures" -eq 0 ] && echo "spreadsheet cli: all checks passed"
exit $((failures > 0))
