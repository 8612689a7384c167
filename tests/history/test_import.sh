#!/usr/bin/env bash
# --history-import as a council starting with its past: each version at its reporting date, the
# same file twice recorded once, an invalid file recording nothing; and `sqlite3 FILE .schema`
# is the schema docs/history.md documents.
# Usage: test_import.sh ACTIONBOARD REPO_ROOT
set -euo pipefail
bin=$(readlink -f "$1")
root=$(readlink -f "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d /tmp/actionboard-import-XXXXXX)
trap 'rm -rf "$work"' EXIT
db=$work/history.sqlite3
laming=$root/tests/data/history/laming

# Three versions, out of order on the command line: ids follow the command line, order follows
# the reporting dates.
"$bin" --history "$db" --history-import "$laming/laming-v1.4-test.json" "$laming/laming-v1.3-test.json" \
    "$root/data/laming-2009.json" >"$work/first.out"
grep -q "laming-v1.4-test.json: plan v1.4 (test) reporting 2009-05-26: recorded as version 1$" "$work/first.out" ||
    fail "first import: $(cat "$work/first.out")"
grep -q "laming-2009.json: plan v1.5 reporting 2009-07-07: recorded as version 3$" "$work/first.out" ||
    fail "first import: $(cat "$work/first.out")"
[ "$(sqlite3 "$db" "SELECT group_concat(id || ' ' || recorded_day || ' ' || recorded_at || ' ' || origin, '; ') FROM (SELECT * FROM versions ORDER BY recorded_at, id)")" = \
  "2 2009-04-21 2009-04-21T12:00:00.000000Z import; 1 2009-05-26 2009-05-26T12:00:00.000000Z import; 3 2009-07-07 2009-07-07T12:00:00.000000Z import" ] ||
    fail "versions: $(sqlite3 "$db" 'SELECT * FROM versions')"

# The same file again: recorded once.
"$bin" --history "$db" --history-import "$laming/laming-v1.3-test.json" >"$work/again.out"
grep -q "plan v1.3 (test) reporting 2009-04-21: already recorded as version 2$" "$work/again.out" ||
    fail "second import: $(cat "$work/again.out")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM versions')" = 3 ] || fail "the same file was recorded twice"

# An invalid file among valid ones: nothing is recorded, exit 1.
printf '{"format": "actionboard-plan/1"' >"$work/broken.json"
status=0
"$bin" --history "$db" --history-import "$laming/laming-v1.6-test.json" "$work/broken.json" \
    >"$work/broken.out" 2>"$work/broken.err" || status=$?
[ "$status" = 1 ] || fail "an invalid file: exit $status"
grep -q "nothing was recorded" "$work/broken.err" || fail "an invalid file: $(cat "$work/broken.err")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM versions')" = 3 ] || fail "a version was recorded beside an invalid file"

# Workbooks and CSV files are imported as --data reads them; with no reporting date on a Plan
# sheet, a spreadsheet's is its file's day.
cp "$root/tests/data/spreadsheets/council.xlsx" "$root/tests/data/spreadsheets/council-semicolon.csv" "$work/"
touch -d 2010-03-15T10:00 "$work/council.xlsx"
touch -d 2010-06-01T10:00 "$work/council-semicolon.csv"
"$bin" --history "$work/sheets.sqlite3" --history-import "$work/council.xlsx" "$work/council-semicolon.csv" \
    >"$work/sheets.out" || fail "spreadsheet import: $(cat "$work/sheets.out")"
grep -q "council.xlsx: plan .* reporting 2010-03-15: recorded as version 1$" "$work/sheets.out" ||
    fail "workbook import: $(cat "$work/sheets.out")"
grep -q "council-semicolon.csv: plan .* reporting 2010-06-01: recorded as version 2$" "$work/sheets.out" ||
    fail "CSV import: $(cat "$work/sheets.out")"
[ "$(sqlite3 "$work/sheets.sqlite3" "SELECT count(*) FROM recommendations WHERE version_id = 1")" -gt 0 ] ||
    fail "the workbook's recommendations were not recorded"
# The workbook's own RAG column is kept beside the computed RAG.
[ "$(sqlite3 "$work/sheets.sqlite3" "SELECT group_concat(reported_rag, ' ') FROM (SELECT reported_rag FROM recommendations WHERE version_id = 1 AND reported_rag IS NOT NULL ORDER BY reported_rag)")" = "amber blue green red" ] ||
    fail "reported RAG: $(sqlite3 "$work/sheets.sqlite3" 'SELECT ref, reported_rag FROM recommendations WHERE version_id = 1')"

# Usage errors.
status=0
"$bin" --history-import "$laming/laming-v1.6-test.json" --no-history >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "--history-import with --no-history: exit $status"

# The schema in the file is the one docs/history.md prints.
sqlite3 "$db" .schema >"$work/schema.actual"
python3 - "$root/docs/history.md" >"$work/schema.documented" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text[text.index("### Schema"):]
print(re.search(r"```sql\n(.*?)```", section, re.S).group(1), end="")
PY
diff -u "$work/schema.documented" "$work/schema.actual" || fail "docs/history.md's schema is not the file's"
[ "$(sqlite3 "$db" 'PRAGMA journal_mode')" = wal ] || fail "not in WAL mode"
echo "ok: --history-import and the documented schema"
