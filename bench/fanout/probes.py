#!/usr/bin/env python3
"""Edits the origin's plan and times how long followers take to see each edit (bench/fanout).

PROBES threads each behave as an actionboard follower does: a new connection per poll, GET
PATH with Accept-Encoding: gzip and If-None-Match (their own last ETag), then a wait drawn from
3/4 to all of POLL seconds. Meanwhile the plan file is rewritten every EDIT_EVERY seconds with
a new title; an edit's time is when the origin first serves it (this script polls the origin
every 20 ms after writing). A probe sees an edit when it first gets a 200 with the new ETag.
Prints one line, "fanout-probes {json}": edits, propagation p50/p99/max in seconds, counts.

Usage: probes.py CACHE_URL ORIGIN_URL PLAN_FILE PROBES POLL EDIT_EVERY DURATION [PATH]
"""

import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

cache_url, origin_url, plan_file = sys.argv[1:4]
probes, poll, edit_every, duration = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
path = sys.argv[8] if len(sys.argv) > 8 else "/api/v1/source"
stop = threading.Event()
lock = threading.Lock()
edits = {}      # etag (identity, of the origin) -> time the origin served it
seen = []       # (etag, time a probe first saw it)
statuses = {}


def get(url, etag=None, gzip=True):
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    headers = {"Connection": "close"}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    if etag:
        headers["If-None-Match"] = etag
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("ETag")


def base(tag):
    return tag.strip('"').removesuffix("-gzip") if tag else None


def probe(index):
    random.seed(index * 7919 + int(time.time()))
    etag = None
    time.sleep(random.uniform(0, poll))
    while not stop.is_set():
        try:
            status, tag = get(cache_url, etag)
        except OSError:
            status, tag = "error", None
        now = time.time()
        with lock:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
            if status == 200 and tag and tag != etag:
                if etag is not None:
                    seen.append((base(tag), now))
                etag = tag
        stop.wait(random.uniform(poll * 3 / 4, poll))


def editor():
    with open(plan_file, encoding="utf-8") as plan:
        original = json.load(plan)
    n = 0
    while not stop.wait(edit_every):
        n += 1
        plan = json.loads(json.dumps(original))
        plan["plan"]["title"] = f"Fan-out edit {n} at {time.time():.3f}"
        aside = plan_file + ".new"
        with open(aside, "w", encoding="utf-8") as out:
            json.dump(plan, out, ensure_ascii=False)
        os.replace(aside, plan_file)
        _, before = get(origin_url, gzip=False)
        deadline = time.time() + 5
        while time.time() < deadline:
            status, tag = get(origin_url, gzip=False)
            if status == 200 and tag != before:
                with lock:
                    edits[base(tag)] = time.time()
                break
            time.sleep(0.02)


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


threads = [threading.Thread(target=probe, args=(i,), daemon=True) for i in range(probes)]
threads.append(threading.Thread(target=editor, daemon=True))
for thread in threads:
    thread.start()
time.sleep(duration)
stop.set()
time.sleep(0.5)
with lock:
    delays = [when - edits[tag] for tag, when in seen if tag in edits]
print("fanout-probes " + json.dumps({
    "edits": len(edits), "observations": len(delays), "probes": probes, "poll_s": poll,
    "propagation_s": {"p50": percentile(delays, 50), "p99": percentile(delays, 99),
                      "max": max(delays) if delays else None},
    "statuses": statuses}), flush=True)
