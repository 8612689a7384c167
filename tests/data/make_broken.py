#!/usr/bin/env python3
# Regenerates tests/data/broken/ from tests/data/valid/minimal.json. Run from tests/data.
import json, copy, os
base = json.load(open("valid/minimal.json"))
out = "broken"
cases = []  # (name, content-or-callable, expected substring)
def variant(name, mutate, expected):
    d = copy.deepcopy(base); mutate(d)
    cases.append((name, json.dumps(d, indent=2, ensure_ascii=False) + "\n", expected))
def raw(name, text, expected):
    cases.append((name, text, expected))
R = lambda d: d["recommendations"]
raw("empty-file", "", "the file is empty")
raw("whitespace-only", "  \n\t\n", "the file is empty")
raw("truncated", open("valid/minimal.json").read()[:400], "line ")
raw("trailing-comma", '{"format": "actionboard-plan/1",}\n', "line 1, column 33")
raw("not-an-object", '[1, 2, 3]\n', "the plan must be a JSON object")
raw("single-quotes", "{'format': 'actionboard-plan/1'}\n", "line 1, column 2")
raw("nan-literal", '{"format": NaN}\n', "line 1, column 12")
raw("duplicate-key", '{"format": "actionboard-plan/1", "format": "x", "plan": {}, "chapters": [], "recommendations": []}\n', '/format: duplicate key "format"')
raw("deep-nesting", "[" * 200 + "]" * 200 + "\n", "nesting is deeper than 64 levels")
variant("wrong-format", lambda d: d.update(format="actionboard-plan/2"), '/format: unsupported format')
variant("missing-plan", lambda d: d.pop("plan"), 'missing required key "plan"')
variant("plan-wrong-type", lambda d: d.update(plan=[]), "/plan: must be an object, not an array")
variant("empty-title", lambda d: d["plan"].update(title="  "), "/plan/title: must not be empty")
variant("missing-title", lambda d: d["plan"].pop("title"), '/plan: missing required key "title"')
variant("bad-as-of", lambda d: d["plan"].update(as_of="2009-02-30"), '/plan/as_of: "2009-02-30" is not a date')
variant("as-of-uk-order", lambda d: d["plan"].update(as_of="07/07/2009"), '/plan/as_of: "07/07/2009" is not a date')
variant("amber-negative", lambda d: d["plan"].update(amber_days=-1), "/plan/amber_days: must be between 0 and 366")
variant("amber-float", lambda d: d["plan"].update(amber_days=30.5), "/plan/amber_days: must be a whole number")
variant("amber-string", lambda d: d["plan"].update(amber_days="30"), "/plan/amber_days: must be an integer, not a string")
variant("unknown-plan-key", lambda d: d["plan"].update(titel="x"), '/plan/titel: unknown key "titel"')
variant("no-chapters", lambda d: d.update(chapters=[]), "/chapters: a plan needs at least one chapter")
variant("duplicate-chapter", lambda d: d["chapters"][1].update(number=1), "/chapters/1/number: duplicate chapter number 1")
variant("chapter-not-object", lambda d: d["chapters"].append("three"), "/chapters/2: a chapter must be an object, not a string")
variant("duplicate-ref", lambda d: R(d)[1].update(ref=1), "/recommendations/1/ref: duplicate ref 1 (first at /recommendations/0)")
variant("unknown-chapter", lambda d: R(d)[0].update(chapter=9), "/recommendations/0/chapter: unknown chapter 9")
variant("ref-empty", lambda d: R(d)[0].update(ref=""), '/recommendations/0/ref: ref "" must not be empty')
variant("ref-slash", lambda d: R(d)[0].update(ref="1/2"), "/recommendations/0/ref: ref \"1/2\" must not contain '/'")
variant("ref-huge", lambda d: R(d)[0].update(ref=2**70), "/recommendations/0/ref: the number 1180591620717411303424 reads back as")
variant("ref-past-64-bits", lambda d: R(d)[0].update(ref=18446744073709551615), "/recommendations/0/ref: ref \"18446744073709551615\" is 20 characters long; a ref has at most 16")
variant("empty-text", lambda d: R(d)[0].update(text=[]), "/recommendations/0/text: must not be empty")
variant("text-is-string", lambda d: R(d)[0].update(text="plain"), "/recommendations/0/text: must be an array of paragraphs and lists, not a string")
variant("empty-list-block", lambda d: R(d)[1].update(text=["x", {"list": []}]), "/recommendations/1/text/1/list: must not be empty")
variant("bad-block", lambda d: R(d)[1].update(text=["x", 3]), "/recommendations/1/text/1: must be a paragraph (string) or")
variant("bad-status", lambda d: R(d)[0].update(status="done"), '/recommendations/0/status: "done" is not one of')
variant("missing-status-reason", lambda d: R(d)[0].pop("status_reason"), '/recommendations/0: missing required key "status_reason"')
variant("bad-audience", lambda d: R(d)[0].update(addressed_to="regional"), '/recommendations/0/addressed_to: "regional" is not one of "national", "local"')
variant("see-missing-ref", lambda d: R(d)[1].update(local_response={"see": 7}), "/recommendations/1/local_response/see: refers to recommendation 7, which is not in the plan")
variant("see-chain", lambda d: (R(d)[0].update(local_response={"see": 2}), R(d)[1].update(local_response={"see": 1})), "whose response is itself a reference")
variant("milestone-no-deadline", lambda d: R(d)[0]["milestones"][0].pop("deadline"), '/recommendations/0/milestones/0: missing required key "deadline"')
variant("milestone-empty-deadline", lambda d: R(d)[0]["milestones"][0].update(deadline=""), "/recommendations/0/milestones/0/deadline: must not be empty")
variant("milestone-bad-completed-on", lambda d: R(d)[0]["milestones"][0].update(completed_on="yesterday"), '/recommendations/0/milestones/0/completed_on: "yesterday" is not a date')
variant("milestone-complete-string", lambda d: R(d)[0]["milestones"][0].update(complete="yes"), "/recommendations/0/milestones/0/complete: must be a boolean, not a string")
variant("lead-number", lambda d: R(d)[0]["milestones"][0].update(lead=5), "/recommendations/0/milestones/0/lead: must be a string, not an integer")
variant("duplicate-part-label", lambda d: R(d)[0].update(parts=[{"label": "a", "text": ["x"]}, {"label": "a", "text": ["y"]}]), '/recommendations/0/parts/1/label: duplicate part label "a"')
variant("recommendations-object", lambda d: d.update(recommendations={}), "/recommendations: must be an array, not an object")
variant("government-deadline-number", lambda d: R(d)[0].update(government_deadline=2010), "/recommendations/0/government_deadline: must be a string, not an integer")
# invalid UTF-8 inside a string
raw_bytes = open("valid/minimal.json", "rb").read().replace(b"Minimal plan", b"Minimal \xff plan")
cases.append(("invalid-utf8", raw_bytes, "line 5, column"))
# Refs as plans write them, and how they go wrong.
def float_ref_clash(d):
    R(d)[0].update(ref="1.1")
    R(d)[1].update(ref="@REF@", local_response={"see": "1.1"})
raw("ref-number-loses-meaning",
    json.dumps((lambda d: (float_ref_clash(d), d)[1])(copy.deepcopy(base)), indent=2, ensure_ascii=False).replace('"@REF@"', "1.10") + "\n",
    "/recommendations/1/ref: the number 1.10 reads back as 1.1, which loses its meaning, and clashes with ref 1.1 at /recommendations/0; write the ref as a string: \"1.10\"")
variant("ref-control-character", lambda d: R(d)[0].update(ref="1\t2"), "/recommendations/0/ref: ref \"1\t2\" must not contain control characters")
variant("ref-duplicate-ignoring-case", lambda d: (R(d)[0].update(ref="3a"), R(d)[1].update(ref="3A", local_response={"see": "3a"})), '/recommendations/1/ref: duplicate ref 3A (the same as "3a": refs ignore case)')
variant("ref-space-at-end", lambda d: R(d)[0].update(ref="3 "), '/recommendations/0/ref: ref "3 " must not start or end with a space')
variant("ref-too-long", lambda d: R(d)[0].update(ref="Recommendation 12"), '/recommendations/0/ref: ref "Recommendation 12" is 17 characters long')
variant("ref-boolean", lambda d: R(d)[0].update(ref=True), "/recommendations/0/ref: must be a string or an integer, not a boolean")
variant("addressed-to-on-some", lambda d: R(d)[1].pop("addressed_to"), '/recommendations/1: missing "addressed_to", which 1 of the 2 recommendations give')
# saved in another encoding: named, with where and the fix (docs/data-format.md, Encoding)
minimal_text = open("valid/minimal.json", encoding="utf-8").read()
cases.append(("utf16le-bom", minimal_text.encode("utf-16"), "the file is UTF-16 (little-endian, with a byte order mark"))
cases.append(("utf16be-no-bom", minimal_text.encode("utf-16-be"), "the file is UTF-16 (big-endian, without a byte order mark), not UTF-8"))
cases.append(("utf32le-bom", minimal_text.encode("utf-32"), "the file is UTF-32 (little-endian, with a byte order mark"))
cases.append(("windows-1252", minimal_text.replace("Minimal plan", "Minimal \u00a35k \u2013 Children\u2019s plan").encode("cp1252"), 'line 5, column 23: byte 0xA3 is not UTF-8 (it looks like Windows-1252 "\u00a3"), and 2 more places'))
cases.append(("overlong-utf8", minimal_text.encode().replace(b"Minimal plan", b"Minimal \xc0\xaf plan"), "line 5, column 23: bytes 0xC0 0xAF are an overlong form of U+002F"))
cases.append(("utf8-cut-short", minimal_text.encode() + b"\xe2\x80", "the file ends inside a UTF-8 character (0xE2 0x80)"))

for f in os.listdir(out):
    os.remove(os.path.join(out, f))
with open(os.path.join(out, "expected.tsv"), "w") as manifest:
    manifest.write("# file\texpected text in one of the problems (format_problem)\n")
    for i, (name, content, expected) in enumerate(cases, 1):
        fname = f"{i:02d}-{name}.json"
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(out, fname), mode) as fh:
            fh.write(content)
        manifest.write(f"{fname}\t{expected}\n")
print(len(cases), "broken files")
