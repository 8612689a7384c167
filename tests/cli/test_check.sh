#!/usr/bin/env bash
# `actionboard --check` as a user runs it: exit codes 0/1/2 and parseable output.
set -u
bin=$1
data=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_exit() { # expected-code description command...
    local expected=$1 what=$2; shift 2
    "$@" >/tmp/ab-cli-out.$$ 2>/tmp/ab-cli-err.$$
    local code=$?
    [ "$code" -eq "$expected" ] || fail "$what: exit $code, expected $expected"
}

expect_exit 0 "embedded plan" "$bin" --check
grep -q '^OK: embedded:laming-2009.json' /tmp/ab-cli-out.$$ || fail "embedded plan: no OK line"
grep -q 'recommendations 58' /tmp/ab-cli-out.$$ || fail "embedded plan: no summary"
grep -q 'in progress 38, awaiting national 14, not started 3' /tmp/ab-cli-out.$$ ||
    fail "embedded plan: status counts"
grep -q 'addressed to: national 43, local 15' /tmp/ab-cli-out.$$ || fail "embedded plan: audience"
grep -q 'JL TO PROVIDE TIMESCALE' /tmp/ab-cli-out.$$ || fail "embedded plan: deadlines not listed"

expect_exit 0 "valid file" "$bin" --check --data "$data/valid/minimal.json"
expect_exit 1 "invalid file" "$bin" --check --data "$data/broken/24-duplicate-ref.json"
grep -q 'duplicate ref 1' /tmp/ab-cli-out.$$ || fail "invalid file: error not printed"
expect_exit 1 "missing file" "$bin" --check --data "$data/does-not-exist.json"
expect_exit 2 "usage error" "$bin" --check --as-of 2009-02-30
grep -q 'Usage:' /tmp/ab-cli-err.$$ || fail "usage error: no usage text"
grep -q 'Aborted\|terminate' /tmp/ab-cli-err.$$ && fail "usage error: crashed"
expect_exit 0 "--help" "$bin" --help
grep -q -- '--check' /tmp/ab-cli-out.$$ || fail "--help: no options"
expect_exit 0 "--version" "$bin" --version
grep -q '^actionboard [0-9]' /tmp/ab-cli-out.$$ || fail "--version: no version"

expect_exit 0 "json" "$bin" --check --format json --as-of 2009-12-01
python3 - /tmp/ab-cli-out.$$ <<'PY' || fail "json output"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["ok"] is True and report["errors"] == []
assert report["summary"]["plan"]["as_of"] == "2009-12-01"
ms = report["milestones"]
assert all({"ref", "text", "kind", "start", "due"} <= set(m) for m in ms)
assert any(m["kind"] == "unscheduled" and m["text"] == "JL TO PROVIDE TIMESCALE" for m in ms)
PY

expect_exit 1 "json errors" "$bin" --check --format json --data "$data/broken/04-trailing-comma.json"
python3 - /tmp/ab-cli-out.$$ <<'PY' || fail "json errors output"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["ok"] is False
assert report["errors"][0]["line"] == 1 and report["errors"][0]["column"] == 33
PY

# Files saved in another encoding (tests/data/encodings, the issue's case c05): UTF-8 with a byte
# order mark loads; UTF-16 and Windows-1252 are named, with where and the fix.
expect_exit 0 "UTF-8 with a BOM" "$bin" --check --data "$data/encodings/utf8-bom.json"
expect_exit 0 "UTF-8 with two BOMs" "$bin" --check --data "$data/encodings/utf8-bom-twice.json"
grep -q '^OK: .*"Minimal plan"' /tmp/ab-cli-out.$$ || fail "UTF-8 with two BOMs: no OK line"
expect_exit 1 "UTF-16" "$bin" --check --data "$data/encodings/utf16le-bom.json"
grep -qF 'the file is UTF-16 (little-endian, with a byte order mark; Windows Notepad calls it "Unicode"), not UTF-8: save the file as UTF-8' \
    /tmp/ab-cli-out.$$ || fail "UTF-16: the encoding and the fix not printed"
expect_exit 1 "Windows-1252" "$bin" --check --data "$data/encodings/cp1252-pound.json"
grep -qF 'line 5, column 22: byte 0xA3 is not UTF-8 (it looks like Windows-1252 "£")' \
    /tmp/ab-cli-out.$$ || fail "Windows-1252: the byte and where not printed"
expect_exit 1 "Windows-1252, json" "$bin" --check --format json --data "$data/encodings/cp1252-pound.json"
python3 - /tmp/ab-cli-out.$$ <<'PY' || fail "Windows-1252: json errors output"
import json, sys
error = json.load(open(sys.argv[1], encoding="utf-8"))["errors"][0]
assert (error["line"], error["column"]) == (5, 22), error
assert "byte 0xA3 is not UTF-8" in error["message"] and "save the file as UTF-8" in error["message"]
PY

# Characters the embedded font cannot draw (issue "real rooms", item 1): valid, named with the
# code point and the place, in text and in JSON; the issue's Welsh and Polish plan has none.
expect_exit 0 "cannot draw" "$bin" --check --data "$data/valid/cannot-draw.json"
grep -qx "  cannot be drawn: U+4E2D in rec 12's text" /tmp/ab-cli-out.$$ ||
    fail "cannot draw: CJK not named"
grep -qx "  cannot be drawn: U+1F600 in chapter 1's title" /tmp/ab-cli-out.$$ ||
    fail "cannot draw: emoji not named"
expect_exit 0 "cannot draw, json" "$bin" --check --format json --data "$data/valid/cannot-draw.json"
python3 - /tmp/ab-cli-out.$$ <<'PY' || fail "cannot draw: json glyphs"
import json, sys
glyphs = json.load(open(sys.argv[1], encoding="utf-8"))["glyphs"]
assert {"code_point": "U+4E2D", "character": "\u4e2d", "where": "rec 12's text", "ref": "12",
        "part": None, "chapter": 2, "field": "text"} in glyphs, glyphs
assert len(glyphs) == 7, glyphs
PY
expect_exit 0 "Welsh letters" "$bin" --check --format json --data "$data/cases/c01-latin-extended/plan.json"
python3 - /tmp/ab-cli-out.$$ <<'PY' || fail "Welsh letters: reported as undrawable"
import json, sys
assert json.load(open(sys.argv[1], encoding="utf-8"))["glyphs"] == []
PY
grep -q "cannot be drawn" <("$bin" --check --data "$data/cases/c02-euro-quotes/plan.json") &&
    fail "euro and quotes: reported as undrawable"

# Every broken plan: exit 1 and an INVALID report, never a crash.
broken=0
for file in "$data"/broken/*.json; do
    "$bin" --check --data "$file" >/tmp/ab-cli-out.$$ 2>&1
    code=$?
    [ "$code" -eq 1 ] || fail "$(basename "$file"): exit $code, expected 1"
    grep -q '^INVALID: ' /tmp/ab-cli-out.$$ || fail "$(basename "$file"): no INVALID report"
    broken=$((broken + 1))
done
[ "$broken" -ge 30 ] || fail "only $broken broken plans"

# Things that are not plan files at all.
scratch=$(mktemp -d)
mkfifo "$scratch/fifo.json"
ln -s "$scratch/loop-b" "$scratch/loop-a"; ln -s "$scratch/loop-a" "$scratch/loop-b"
for path in "$scratch" "$scratch/fifo.json" "$scratch/loop-a" "$scratch/missing.json"; do
    timeout 10 "$bin" --check --data "$path" >/tmp/ab-cli-out.$$ 2>&1
    code=$?
    [ "$code" -eq 1 ] || fail "$path: exit $code, expected 1 (124 means it hung)"
done
rm -rf "$scratch"

rm -f /tmp/ab-cli-out.$$ /tmp/ab-cli-err.$$
if [ "$failures" -eq 0 ]; then echo "cli: all checks passed"; exit 0; fi
exit 1
