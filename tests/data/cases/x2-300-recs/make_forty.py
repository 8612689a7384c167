#!/usr/bin/env python3
"""Writes forty-exceptions.json from plan.json: the same 300 recommendations in one chapter, of
which 20 are red (due December 2009), 20 amber (January 2010), 20 complete (compliant), 40 with
no timescale and 200 green (March 2010), at the plan's as-of date of 15 January 2010."""
import json
import pathlib

here = pathlib.Path(__file__).parent
plan = json.loads((here / "plan.json").read_text())
for i, rec in enumerate(plan["recommendations"]):
    kind = i % 15
    deadline = "March 2010"
    if kind == 0:
        deadline = "December 2009"
    elif kind == 1:
        deadline = "January 2010"
    elif kind in (2, 3):
        deadline = "JL TO PROVIDE TIMESCALE"
    rec["milestones"] = [{"deadline": deadline, "lead": "SSCB"}]
    rec["status"] = "compliant" if kind == 4 else "in_progress"
    rec["status_reason"] = "Done." if kind == 4 else "Under way."
plan["plan"]["title"] = "300 recommendations, 40 red or amber"
(here / "forty-exceptions.json").write_text(json.dumps(plan, indent=1) + "\n")
