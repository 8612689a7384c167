#!/usr/bin/env bash
# A reload that brings new letters draws them in the live window (issue "real rooms", item 1):
# present mode starts on a plan in plain ASCII; the file is replaced by the Welsh plan (case
# c01); the window, captured with xwd, must show the chapter's title as `--screenshot` draws it
# (a fresh atlas), not as it looks with its letters replaced by "?" or by U+FFFD. Under
# xvfb-run; waits are bounded polls for a state.
set -u
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
tmp=$(mktemp -d)
size=$(xdpyinfo 2>/dev/null | sed -n 's/ *dimensions: *\([0-9]*x[0-9]*\) pixels.*/\1/p')
size=${size:-1280x720}
cp "$data/valid/minimal.json" "$tmp/plan.json"
welsh="$data/cases/c01-latin-extended/plan.json"

# --no-history: the live window is compared with screenshots, which show no history.
"$bin" --mode present --no-history --port 0 --data "$tmp/plan.json" >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
title() {
    local window
    window=$(xdotool search --pid "$pid" 2>/dev/null | head -n 1)
    [ -n "$window" ] && xdotool getwindowname "$window" 2>/dev/null
}
wait_for() {
    for _ in $(seq 1 200); do
        case "$(title)" in *"$1"*) return 0 ;; esac
        sleep 0.1
    done
    fail "title never showed '$1' (last: '$(title)')"
    return 1
}

wait_for "Minimal plan" || { cat "$tmp/err"; exit 1; }
cp "$welsh" "$tmp/plan.json.new" && mv "$tmp/plan.json.new" "$tmp/plan.json"
wait_for "Ynys M" || { cat "$tmp/err"; exit 1; }
xdotool mousemove 5 5
xdotool windowfocus --sync "$(xdotool search --pid "$pid" | head -n 1)" 2>/dev/null || true
xdotool key --clearmodifiers 1
wait_for "Chapter 1 "
sleep 1 # the frames after the key settle (ImGui draws two or three)
xwd -root -silent >"$tmp/live.xwd" || fail "xwd"

# The references: the same page, drawn off-screen, with the letters and without them.
python3 - "$welsh" "$tmp" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for name, replacement in (("question", "?"), ("fffd", "\ufffd")):
    out = "".join(replacement if ord(c) > 0xFF else c for c in text)
    open(f"{sys.argv[2]}/{name}.json", "w", encoding="utf-8").write(out)
PY
for name in welsh question fffd; do
    plan=$tmp/$name.json
    [ "$name" = welsh ] && plan=$welsh
    "$bin" --screenshot "$tmp/$name.png" --mode present --page chapter:1 --size "$size" \
        --data "$plan" >/dev/null 2>&1 || fail "screenshot $name"
done
python3 - "$tmp" "$here" <<'PY' || fail "the live window does not draw the reloaded letters"
import json, sys
sys.path.insert(0, sys.argv[2])
from pixels import differing, read_png, read_xwd
tmp = sys.argv[1]
live = read_xwd(f"{tmp}/live.xwd")
sidecar = json.load(open(f"{tmp}/welsh.png.json", encoding="utf-8"))
title = next(i for i in sidecar["items"] if i.get("parent") == "header" and i.get("text", "").startswith("Chapter 1"))
box = title["rect"]
assert "\u0175" in title["text"], title
same = differing(live, read_png(f"{tmp}/welsh.png"), box)
question = differing(live, read_png(f"{tmp}/question.png"), box)
fffd = differing(live, read_png(f"{tmp}/fffd.png"), box)
print(f"pixels that differ in the title's box: from the letters {same}, from '?' {question}, from U+FFFD {fffd}")
assert question > 0 and fffd > 0
assert same * 10 < min(question, fffd), "the live title looks more like a fallback than the letters"
PY
kill -0 "$pid" 2>/dev/null || fail "the program ended"

if [ "$failures" -eq 0 ]; then echo "live glyphs: all checks passed"; exit 0; fi
cat "$tmp/err"
exit 1
