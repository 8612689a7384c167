#!/usr/bin/env python3
"""Markdown report of a soak run (bench/soak/run.sh): the figures tests/soak/run.sh wrote with
SOAK_RESULTS, and the machine it ran on.
Usage: report.py RESULTS_JSON EXIT_CODE BINARY DURATION WARMUP STARTED LOAD_BEFORE"""

import json
import os
import platform
import sys


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        total_kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    return "%d CPUs, %s, %.1f GiB RAM; %s %s" % (os.cpu_count(), model, total_kb / 1048576,
                                                 platform.system(), platform.release())


def mib(kb):
    return "%.1f MiB" % (kb / 1024) if kb is not None else "n/a"


def counts(mapping):
    return ", ".join("%s: %s" % (k, v) for k, v in sorted((mapping or {}).items())) or "none"


def main():
    path, code, binary, duration, warmup, started, load_before = sys.argv[1:8]
    try:
        with open(path, encoding="utf-8") as f:
            results = json.load(f)
    except (OSError, ValueError):
        results = {}
    wrk = results.get("wrk") or {}
    soak = results.get("soak") or {}
    failures = results.get("failures")
    if failures is None:
        failures = ["the soak wrote no results (see its output)"]
    load_after = open("/proc/loadavg", encoding="utf-8").read().split()[:3]

    print("## Soak under live reload: %s s after a %s s warm-up" % (duration, warmup))
    print()
    print("Machine: %s. Load average before the run: %s, after: %s. Started %s."
          % (machine(), load_before, " ".join(load_after), started))
    print()
    print("Command: `bench/soak/run.sh %s %s %s` (`tests/soak/run.sh`: `actionboard --mode headless "
          "--port 0 --data FILE`; `wrk -t%s -c64 --timeout 10s -s tests/soak/load.lua` rotating "
          "through %s requests on every endpoint; the file replaced every 100 ms)."
          % (binary, duration, warmup, wrk.get("threads", 2), wrk.get("routes", "?")))
    print()
    print("Result: **%s**" % ("passed" if code == "0" and not failures else
                             "FAILED (%d failures)" % max(len(failures), 1)))
    for failure in failures[:20]:
        print("- %s" % failure)
    print()
    print("| figure | value |")
    print("|---|---|")
    if wrk:
        seconds = wrk["duration_us"] / 1e6
        lat = wrk["latency_us"]
        print("| wrk requests | %d in %.0f s: **%.0f requests/s**, %.1f GB read |"
              % (wrk["requests"], seconds, wrk["requests"] / seconds, wrk["bytes"] / 1e9))
        print("| wrk status codes | %s (classes: %s); unexpected: %d |"
              % (counts(wrk["codes"]), counts(wrk["classes"]), wrk["unexpected"]))
        print("| wrk socket errors | %s |" % counts(wrk["errors"]))
        print("| wrk latency under load | p50 %.1f ms, p99 %.1f ms, max %.1f ms |"
              % (lat["p50"] / 1000, lat["p99"] / 1000, lat["max"] / 1000))
    if soak.get("writes"):
        w = soak["writes"]
        print("| checker requests | %s; status codes: %s |"
              % (counts(soak.get("checker_requests")), counts(soak.get("checker_codes"))))
        print("| server's request count (/metrics) | %s |" % counts(soak.get("server_codes")))
        print("| files written | %d valid, %d invalid (%d truncated, %d wrong type, %d empty), "
              "%d deletions (restored as they were: %d, with a new variant: %d); %d by rename, "
              "%d in place |" % (w["valid"], w["invalid"], w["truncated"], w["wrong_type"],
                                 w["empty"], w["missing"], w["restored_same"], w["restored_new"],
                                 w["rename"], w["in_place"]))
        print("| reloads counted by the server | %s loaded, %s refused (in-place writes can be "
              "read half-written and refused, then loaded) |"
              % (soak.get("server_reloads"), soak.get("server_failed_reloads")))
        print("| /api/v1/plan | %d distinct ETags seen, %d variants served, each one whole |"
              % (soak.get("plan_etags", 0), soak.get("plan_variants_seen", 0)))
        settle = "; ".join("%s: median %.0f ms, max %.0f ms" % (k, v["median"], v["max"])
                           for k, v in sorted(soak.get("checkpoint_settle_ms", {}).items()))
        print("| quiet checkpoints | %d (%s) |" % (soak.get("checkpoints", 0),
                                                counts(soak.get("checkpoint_kinds"))))
        print("| state seen after the write | %s (quiet wait: 400 ms, 1500 ms for a missing "
              "file) |" % settle)
        window = soak.get("rss_window_s", 10)
        print("| RSS at the end of the warm-up (%.0f s) | %s (median of the last %.0f s) |"
              % (soak.get("warmup_s", 0), mib(soak.get("rss_warmup_kb")), window))
        print("| RSS at the end of the load | %s (median of the last %.0f s): **%+.1f%%** |"
              % (mib(soak.get("rss_end_kb")), window, soak.get("rss_growth_percent", 0)))
        print("| RSS from the end of the warm-up, min / max | %s / %s; VmHWM %s; after the load %s |"
              % (mib(soak.get("rss_after_warmup_min_kb")), mib(soak.get("rss_after_warmup_max_kb")),
                 mib(soak.get("vmhwm_kb")), mib(soak.get("rss_after_load_kb"))))
        series = soak.get("rss_every_10s") or []
        step = max(1, len(series) // 12)
        points = ", ".join("%.0f s: %.1f" % (t, kb / 1024) for t, kb in series[::step])
        print("| RSS over the run (MiB) | %s |" % points)
        print("| after the load: %d requests, fresh connection each | median %s ms, max %s ms |"
              % (len(soak.get("postload_ms", [])), soak.get("postload_ms_median"),
                 soak.get("postload_ms_max")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
