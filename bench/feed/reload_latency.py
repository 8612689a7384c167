#!/usr/bin/env python3
"""Reload latency: from replacing the plan file (an editor's save: write aside, rename over) to
the new ETag being served on /api/v1/summary. Usage: reload_latency.py FEED_URL PLAN_FILE RUNS"""
import http.client
import json
import os
import random
import statistics
import sys
import time
import urllib.parse


def main():
    url, plan_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)

    def etag():
        connection.request("HEAD", "/api/v1/summary")
        response = connection.getresponse()
        response.read()
        return response.getheader("ETag")

    plan = json.load(open(plan_path, encoding="utf-8"))
    title = plan["plan"]["title"]
    latencies = []
    for run in range(runs):
        before = etag()
        plan["plan"]["title"] = f"{title} (edit {run})"
        text = json.dumps(plan, ensure_ascii=False)
        with open(plan_path + ".tmp", "w", encoding="utf-8") as out:
            out.write(text)
        start = time.perf_counter()
        os.replace(plan_path + ".tmp", plan_path)
        while etag() == before:
            if time.perf_counter() - start > 5:
                raise SystemExit("reload: no new ETag within 5 s")
            time.sleep(0.0005)
        latencies.append((time.perf_counter() - start) * 1000)
        # Let the watcher settle, and land the next edit at a random point of its poll cycle.
        time.sleep(random.uniform(0.1, 0.2))
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"Reload latency (file replaced -> new ETag served), {runs} edits: "
          f"median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
          f"max {latencies[-1]:.1f} ms, min {latencies[0]:.1f} ms.")


if __name__ == "__main__":
    main()
