#!/usr/bin/env python3
"""The Markdown table of one fan-out run (bench/fanout/run.sh, bench/fanout/direct.sh).

Usage: report.py TARGET FOLLOWERS MODE ELAPSED_S ORIGIN_REQUESTS CPU_TICKS CLK_TCK LOAD WRK_OUT [PROBES_OUT]
TARGET names what was measured (nginx, or the feed itself); CPU_TICKS are its processes'.
"""

import json
import sys

target, followers, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
elapsed, origin, ticks, hz = float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
load, wrk_out = sys.argv[8], sys.argv[9]
probes_out = sys.argv[10] if len(sys.argv) > 10 else None


def line(prefix, path):
    with open(path) as file:
        for text in file:
            if text.startswith(prefix + " "):
                return json.loads(text[len(prefix) + 1:])
    return None


print("| figure | value |")
print("|---|---|")
print(f"| followers (wrk connections), mode | {followers}, {mode} |")
print(f"| run | {elapsed:.0f} s, load average before {load} |")
print(f"| requests reaching the origin | {origin} in {elapsed:.0f} s: **{origin / elapsed:.2f} per second** |")
print(f"| {target} CPU | **{ticks / hz / elapsed * 100:.1f} %** of one CPU |")
wrk = line("fanout-wrk", wrk_out)
if wrk:
    rate = wrk["requests"] / wrk["duration_s"]
    print(f"| polls (wrk) | {wrk['requests']} in {wrk['duration_s']} s: {rate:.0f}/s; statuses {wrk['codes']} |")
    print(f"| wrk socket errors | {wrk['errors']} |")
    lat = wrk["latency_ms"]
    print(f"| poll answered in (wrk latency) | p50 {lat['p50']:.2f} ms, p90 {lat['p90']:.2f} ms, "
          f"p99 **{lat['p99']:.2f} ms**, p99.9 {lat['p999']:.2f} ms, max {lat['max']:.2f} ms |")
else:
    print("| wrk | no summary line (see its output) |")
if probes_out:
    probes = line("fanout-probes", probes_out)
    if probes:
        spread = probes["propagation_s"]
        fmt = lambda v: "n/a" if v is None else f"{v:.2f} s"
        print(f"| edit to follower ({probes['probes']} probes, {probes['edits']} edits, "
              f"{probes['observations']} seen) | p50 {fmt(spread['p50'])}, p99 **{fmt(spread['p99'])}**, "
              f"max {fmt(spread['max'])} |")
        print(f"| probes' statuses | {probes['statuses']} |")
