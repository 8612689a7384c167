#!/usr/bin/env python3
"""Writes the hand-made earlier and later versions of the Laming plan used by the history tests.

TEST DATA. These are not Sunderland's documents: the council's plan is v1.5 alone
(data/laming-2009.json, embedded in the binary). v1.3, v1.4, v1.6 and v1.7 are made here from
v1.5 by the edits listed below, so that the tests and the screenshots in docs/history.md have
arrows, slips and a trend across five committee meetings. Every file says so in its id, title,
source and notes, and none is ever embedded.

Usage: make_laming_history.py [REPO_ROOT]   (rewrites tests/data/history/laming/*.json)
"""
import copy
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[3])
seed = json.load(open(root / "data/laming-2009.json", encoding="utf-8"))
out_dir = root / "tests/data/history/laming"

MEETINGS = ["2009-04-28", "2009-06-02", "2009-07-07", "2009-09-29", "2009-12-08"]


def rec(plan, ref):
    for r in plan["recommendations"]:
        if str(r["ref"]) == ref:
            return r
    raise KeyError(ref)


def row(plan, ref, part=None):
    r = rec(plan, ref)
    if part is None:
        return r.setdefault("milestones", [])
    for p in r["parts"]:
        if p["label"] == part:
            return p.setdefault("milestones", [])
    raise KeyError(f"{ref}{part}")


def status(plan, ref, value, reason):
    r = rec(plan, ref)
    r["status"] = value
    r["status_reason"] = reason + " (test data)"


def deadline(plan, ref, part, index, old, new):
    m = row(plan, ref, part)[index]
    assert m["deadline"] == old, (ref, part, index, m["deadline"], old)
    m["deadline"] = new


def complete(plan, ref, part, index, on):
    m = row(plan, ref, part)[index]
    m["complete"] = True
    m["completed_on"] = on


def version(label, as_of, note, edits):
    plan = copy.deepcopy(seed)
    info = plan["plan"]
    info["id"] = "laming-2009-test-history"
    info["title"] = "[TEST DATA, not the council's] " + info["title"]
    info["version"] = label + " (test)"
    info["source"] = ("Hand-made test version for actionboard's history tests, made from "
                      "data/laming-2009.json (v1.5) by tests/data/history/make_laming_history.py. "
                      "Not a document of Sunderland's.")
    info["as_of"] = as_of
    info["as_of_note"] = note + " (test data)"
    info["notes"] = ["TEST DATA: a hand-made version of the plan for actionboard's tests, not the council's."] + info.get("notes", [])
    info["meetings"] = MEETINGS
    edits(plan)
    return plan


def v13(plan):
    status(plan, "7", "in_progress", "Compliance being confirmed")
    status(plan, "9", "in_progress", "Compliance being confirmed")
    deadline(plan, "6", None, 1, "July 2009", "June 2009")
    deadline(plan, "11", None, 1, "July 2009", "June 2009")
    deadline(plan, "8", None, 0, "June 2009", "May 2009")


def v14(plan):
    status(plan, "9", "in_progress", "Compliance being confirmed")
    deadline(plan, "6", None, 1, "July 2009", "June 2009")
    deadline(plan, "8", None, 0, "June 2009", "May 2009")


def v16(plan):
    complete(plan, "2", "b", 0, "2009-07-20")
    deadline(plan, "6", None, 1, "July 2009", "October 2009")
    deadline(plan, "10", None, 0, "September 2009", "December 2009")
    status(plan, "8", "compliant", "Regional briefings held; procedures revised")
    status(plan, "3", "in_progress", "Local work started ahead of the Cabinet Office outcome")
    status(plan, "36", "in_progress", "PPU review begun")
    row(plan, "12").append({"deadline": "March 2010", "lead": "PCT",
                            "action": "PCT to extend the electronic flag to walk-in centres"})


def v17(plan):
    v16(plan)
    deadline(plan, "6", None, 1, "October 2009", "February 2010")
    status(plan, "14", "compliant", "New guidance adopted")
    status(plan, "11", "compliant", "SSCB procedures revised")
    complete(plan, "52", None, 0, "2009-11-20")
    status(plan, "36", "not_started", "PPU review paused")
    deadline(plan, "45", None, 0, "Jan/Feb 2010 September 2009", "Jan/Feb 2010")
    deadline(plan, "23", None, 1, "July 2009", "TBC")


VERSIONS = [
    ("v1.3", "2009-04-21", "Prepared for the Children's Trust meeting on 28 April 2009", v13),
    ("v1.4", "2009-05-26", "Prepared for the Children's Trust meeting on 2 June 2009", v14),
    ("v1.6", "2009-09-22", "Prepared for the Children's Trust meeting on 29 September 2009", v16),
    ("v1.7", "2009-12-01", "Prepared for the Children's Trust meeting on 8 December 2009", v17),
]

out_dir.mkdir(parents=True, exist_ok=True)
for label, as_of, note, edits in VERSIONS:
    plan = version(label, as_of, note, edits)
    path = out_dir / f"laming-{label}-test.json"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(path.relative_to(root))
