#!/usr/bin/env bash
# `actionboard --screenshot` as a user runs it (under xvfb-run): a PNG of the requested size and
# its sidecar JSON, for committee papers; bad pages are usage errors.
set -u
bin=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$bin" --screenshot "$dir/chapter.png" --page chapter:3 --size 1280x720 --mode kiosk --theme light \
    || fail "screenshot exit $?"
python3 - "$dir/chapter.png" <<'PY' || fail "PNG or sidecar"
import json, struct, sys
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 720), (width, height)
sidecar = json.load(open(path + ".json"))
assert sidecar["page"] == "chapter:3" and sidecar["mode"] == "kiosk" and sidecar["theme"] == "light"
assert sidecar["page_title"].startswith("Chapter 3"), sidecar["page_title"]
kinds = {item["kind"] for item in sidecar["items"]}
assert {"tile", "badge", "text", "status"} <= kinds, kinds
assert any(item.get("rag") for item in sidecar["items"] if item["kind"] == "badge")
PY
"$bin" --screenshot "$dir/x.png" --page chapter:0 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--page chapter:0 should be a usage error"
"$bin" --screenshot "$dir/x.png" --page chapter:42 >/dev/null 2>"$dir/err"
[ $? -eq 2 ] || fail "--page chapter:42 (no such chapter) should be a usage error (2)"
grep -q "no such page" "$dir/err" || fail "no message for a missing page"
# Refs as plans write them open by --page rec:REF, ignoring letter case (issue "real plans").
council="$(dirname "$0")/../data/valid/council-refs.json"
for ref in 1.10 3a 3A R12 W10 w9; do
    "$bin" --screenshot "$dir/rec.png" --page "rec:$ref" --size 1280x720 --data "$council" \
        || fail "--page rec:$ref exit $?"
    python3 - "$dir/rec.png.json" "$ref" <<'PY' || fail "--page rec:$ref: sidecar"
import json, sys
sidecar = json.load(open(sys.argv[1]))
ref = sys.argv[2]
assert sidecar["page"].lower() == "rec:" + ref.lower(), sidecar["page"]
assert sidecar["page_title"].lower() == "recommendation " + ref.lower(), sidecar["page_title"]
texts = [item.get("text", "") for item in sidecar["items"]]
assert not any("There is no recommendation" in t for t in texts), texts
PY
done
"$bin" --screenshot "$dir/x.png" --page rec:1.1 --data "$council" >/dev/null 2>"$dir/err"
[ $? -eq 2 ] || fail "--page rec:1.1 (no such ref) should be a usage error (2)"
grep -q "no such page" "$dir/err" || fail "no message for a missing ref"
"$bin" --screenshot "$dir/x.png" --page "rec:a/b" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--page rec:a/b (not a ref) should be a usage error"
"$bin" --screenshot "$dir/missing-dir/x.png" >/dev/null 2>"$dir/err"
[ $? -eq 1 ] || fail "unwritable output should exit 1"
grep -q "could not write" "$dir/err" || fail "no message for an unwritable output"
# The history (docs/history.md): --page changes and trend with --history DB, read and never
# written; without --history a screenshot shows none, and says so for a history page.
laming="$(dirname "$0")/../data/history/laming"
plan="$(dirname "$0")/../../data/laming-2009.json"
"$bin" --history "$dir/h.sqlite3" --history-import "$laming/laming-v1.3-test.json" \
    "$laming/laming-v1.4-test.json" "$plan" "$laming/laming-v1.6-test.json" >/dev/null \
    || fail "--history-import exit $?"
sum_before=$(sha256sum "$dir/h.sqlite3")
for page in changes changes/2 trend overview; do
    "$bin" --screenshot "$dir/h.png" --page "$page" --size 1920x1080 --mode kiosk \
        --data "$laming/laming-v1.7-test.json" --history "$dir/h.sqlite3" \
        || fail "--page $page --history exit $?"
    python3 - "$dir/h.png.json" "$page" <<'PY' || fail "--page $page --history: sidecar"
import json, sys
sidecar = json.load(open(sys.argv[1]))
page = sys.argv[2]
history = sidecar["history"]
assert history["status"] == "ok", history
assert history["baseline"]["since"] == "29 Sep", history
assert history["changes"]["count"] == 14 and history["changes"]["exceptions"] == 11, history
assert "changes/1" in sidecar["rotation"] and "trend" in sidecar["rotation"], sidecar["rotation"]
items = sidecar["items"]
if page.startswith("changes"):
    assert sidecar["page_title"].startswith("Changes since 29 Sep"), sidecar["page_title"]
    changes = [i for i in items if i["kind"] == "change"]
    assert changes, "no change listed"
    if page == "changes":
        assert changes[0]["change_kind"] == "newly_overdue" and changes[0]["exception"], changes[0]
if page == "trend":
    points = [i for i in items if i["kind"] == "point"]
    assert len(points) == 10, len(points)  # 5 versions, 2 series
if page == "overview":
    arrows = {i["for"]: i["direction"] for i in items if i["kind"] == "arrow"}
    assert arrows.get("chapter 3") == "better", arrows
PY
done
[ "$(sha256sum "$dir/h.sqlite3")" = "$sum_before" ] || fail "a screenshot wrote to the history"
"$bin" --screenshot "$dir/x.png" --page changes --mode kiosk >/dev/null 2>"$dir/err"
[ $? -eq 2 ] || fail "--page changes without --history should be a usage error (2)"
grep -q "only with --history" "$dir/err" || fail "no message for a history page without --history: $(cat "$dir/err")"
"$bin" --screenshot "$dir/x.png" --page changes --mode kiosk --history "$dir/h.sqlite3" >/dev/null 2>"$dir/err"
[ $? -eq 2 ] || fail "--page changes with no baseline (the embedded plan lists no meetings) should be a usage error (2)"
grep -q "no baseline: the plan lists no committee meetings" "$dir/err" || fail "no reason for the missing baseline: $(cat "$dir/err")"
if [ "$failures" -eq 0 ]; then echo "screenshot cli: all checks passed"; exit 0; fi
exit 1
