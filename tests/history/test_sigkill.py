#!/usr/bin/env python3
"""SIGKILL while versions are being recorded, many times; then sqlite3's integrity_check, and
every version committed before each kill there and whole (docs/history.md, "Crash safety").

  test_sigkill.py ACTIONBOARD PLAN_JSON [ROUNDS]

Two ways of recording are killed:
  * --history-import of 40 new versions: killed just after the Nth "recorded as version" line
    (N random), so the kill lands while the next version's transaction is being written;
  * --mode headless --data FILE while the file is rewritten as fast as it reloads: killed after
    the Nth "history: recorded version" line.
A version counts as committed when the program said so (it says so after COMMIT returns). Every
one of those must be in the database, and every version in the database (said or not) must be
whole: as many recommendation and milestone rows as the version row says, and as the plan has.
No rows may belong to no version.
"""
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

binary, plan_path = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 24
scale = int(os.environ.get("ACTIONBOARD_TEST_TIME_SCALE", "1") or 1)
random.seed(20091208)
plan = json.load(open(plan_path, encoding="utf-8"))
work = tempfile.mkdtemp(prefix="actionboard-sigkill-")
db = os.path.join(work, "history.sqlite3")
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message, flush=True)


def sqlite3_cli(sql):
    """The sqlite3 shell, as an operator would run it."""
    return subprocess.run(["sqlite3", db, sql], capture_output=True, text=True, check=True).stdout.strip()


def write_version(path, title):
    plan["plan"]["title"] = title
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        json.dump(plan, out, ensure_ascii=False)
    os.replace(path + ".tmp", path)


# How many rows one version of this plan has: recorded once, cleanly, in a database of its own.
reference = os.path.join(work, "reference.sqlite3")
write_version(os.path.join(work, "reference.json"), "reference")
subprocess.run([binary, "--history", reference, "--history-import", os.path.join(work, "reference.json")],
               check=True, capture_output=True)
with sqlite3.connect(reference) as connection:
    rec_rows, milestone_rows = connection.execute(
        "SELECT (SELECT count(*) FROM recommendations), (SELECT count(*) FROM milestones)").fetchone()
assert rec_rows == len(plan["recommendations"]), rec_rows
assert milestone_rows > 0


def check_database(said, label):
    """said: {version id: source} the program reported as recorded."""
    integrity = sqlite3_cli("PRAGMA integrity_check")
    if integrity != "ok":
        fail(f"{label}: integrity_check: {integrity}")
        return
    connection = sqlite3.connect(db)
    versions = {row[0]: row[1:] for row in connection.execute(
        "SELECT id, source, recommendations, milestones FROM versions")}
    for version_id, source in said.items():
        if version_id not in versions:
            fail(f"{label}: version {version_id} was reported recorded but is not in the database")
        elif source is not None and versions[version_id][0] != source:
            fail(f"{label}: version {version_id} is from {versions[version_id][0]}, not {source}")
    counts = {}
    for table in ("recommendations", "milestones"):
        for version_id, count in connection.execute(f"SELECT version_id, count(*) FROM {table} GROUP BY version_id"):
            counts[(table, version_id)] = count
        orphans = connection.execute(
            f"SELECT count(*) FROM {table} WHERE version_id NOT IN (SELECT id FROM versions)").fetchone()[0]
        if orphans:
            fail(f"{label}: {orphans} {table} rows belong to no version")
    for version_id, (source, recs, milestones) in versions.items():
        whole = (recs == rec_rows and milestones == milestone_rows and
                 counts.get(("recommendations", version_id), 0) == rec_rows and
                 counts.get(("milestones", version_id), 0) == milestone_rows)
        if not whole:
            fail(f"{label}: version {version_id} is not whole: says {recs}/{milestones}, has "
                 f"{counts.get(('recommendations', version_id), 0)}/{counts.get(('milestones', version_id), 0)}")
    connection.close()
    return len(versions)


said_everywhere = {}
killed_mid_run = 0
recorded_pattern = re.compile(r"^(.*): plan .*: recorded as version (\d+)$")

# 1. Imports, killed while recording.
for r in range(rounds):
    files = []
    for i in range(40):
        path = os.path.join(work, f"import-{r:02}-{i:02}.json")
        write_version(path, f"Kill test: import round {r}, version {i}")
        files.append(path)
    kill_after = random.randrange(0, 38)
    process = subprocess.Popen([binary, "--history", db, "--history-import", *files],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said = {}
    for line in process.stdout:
        match = recorded_pattern.match(line.strip())
        if match:
            said[int(match.group(2))] = match.group(1)
            if len(said) > kill_after:
                time.sleep(random.random() * 0.004)  # into the next transaction
                process.send_signal(signal.SIGKILL)
                break
    process.wait(timeout=60 * scale)
    if process.returncode == -signal.SIGKILL and len(said) < 40:
        killed_mid_run += 1
    said_everywhere.update(said)
    check_database(said_everywhere, f"import round {r}")
    for path in files:
        os.unlink(path)

# 2. The live path: a watched file rewritten as fast as it reloads, killed after N records.
live_file = os.path.join(work, "plan.json")
live_pattern = re.compile(r"history: recorded version (\d+) ")
for r in range(max(4, rounds // 4)):
    write_version(live_file, f"Kill test: live round {r}, first")
    process = subprocess.Popen([binary, "--mode", "headless", "--port", "0", "--history", db,
                                "--data", live_file], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    kill_after = random.randrange(1, 6)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)
    reader.start()

    def reported():
        return {int(m.group(1)): None for line in list(lines) for m in [live_pattern.search(line)] if m}

    n = 0
    deadline = time.monotonic() + 60 * scale
    while time.monotonic() < deadline and len(reported()) <= kill_after:
        n += 1
        write_version(live_file, f"Kill test: live round {r}, edit {n}")
        time.sleep(0.06)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60 * scale)
    reader.join(timeout=10 * scale)
    said = reported()
    buffer = "".join(lines)
    if not said:
        fail(f"live round {r}: nothing was recorded before the kill: {buffer[-500:]}")
    said_everywhere.update(said)
    check_database(said_everywhere, f"live round {r}")

if killed_mid_run < rounds // 2:
    fail(f"only {killed_mid_run} of {rounds} import runs were killed while recording: the test proved little")

# 3. Read back by the program itself: what the feed serves is what sqlite3 counts (the version it
# loads itself included, recorded before the history is first published).
process = subprocess.Popen([binary, "--mode", "headless", "--port", "0", "--history", db, "--data", live_file],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = process.stdout.readline().strip().replace("listening on ", "")
served = None
for _ in range(200 * scale):
    try:
        import urllib.request
        history = json.load(urllib.request.urlopen(url + "/api/v1/history", timeout=5))
        if history["status"] == "ok":
            served = history
            break
    except Exception:
        pass
    time.sleep(0.05)
process.send_signal(signal.SIGTERM)
process.wait(timeout=30 * scale)
total = int(sqlite3_cli("SELECT count(*) FROM versions"))
check_database(said_everywhere, "after the read back")
if served is None:
    fail("the program did not serve the history after the kills")
elif len([v for v in served["versions"] if v["recorded"]]) != total:
    fail(f"the feed serves {served['count']} versions, sqlite3 counts {total}")

print(f"sigkill: {rounds} import runs ({killed_mid_run} killed while recording) and "
      f"{max(4, rounds // 4)} live runs killed; {total} versions, {len(said_everywhere)} reported, all whole")
subprocess.run(["rm", "-rf", work])
sys.exit(1 if failures else 0)
