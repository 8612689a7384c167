#!/usr/bin/env python3
"""systemd's notify protocol, as actionboard.service (Type=notify, WatchdogSec=) sees it.

This script plays systemd: it binds the datagram socket NOTIFY_SOCKET names and sets
WATCHDOG_USEC, starts `actionboard --mode headless`, and checks that READY=1 comes only once
the feed accepts connections, that WATCHDOG=1 follows every half interval (each one sent after
the feed answered /healthz), that STOPPING=1 comes on SIGTERM before a clean exit, and that a
follower whose source is down is READY (its feed answers 503 saying why) with a STATUS that
says it waits. Bounds are liveness bounds, multiplied by ACTIONBOARD_TEST_TIME_SCALE.

Usage: test_notify.py ACTIONBOARD
"""

import os
import socket
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
SCALE = int(os.environ.get("ACTIONBOARD_TEST_TIME_SCALE", "1"))
failures = []


def check(condition, message):
    if not condition:
        print("FAIL: " + message, flush=True)
        failures.append(message)
    return condition


def run(work, name, args, watchdog_usec):
    path = os.path.join(work, name + ".sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.1)
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC=str(watchdog_usec))
    env.pop("WATCHDOG_PID", None)
    env.pop("DISPLAY", None)
    process = subprocess.Popen([BIN, "--mode", "headless", "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    return sock, process


def messages(sock, seconds):
    """Every datagram for `seconds`, as (time, {key: value}) pairs."""
    out, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            data = sock.recv(4096).decode()
        except socket.timeout:
            continue
        fields = dict(line.split("=", 1) for line in data.split("\n") if "=" in line)
        out.append((time.monotonic(), fields))
    return out


def wait_ready(sock, seconds):
    deadline = time.monotonic() + seconds * SCALE
    seen = []
    while time.monotonic() < deadline:
        for stamp, fields in messages(sock, 0.1):
            seen.append(fields)
            if fields.get("READY") == "1":
                return fields, seen
    return None, seen


def main():
    work = tempfile.mkdtemp(prefix="actionboard-notify-")

    # A feed on the embedded plan, with a 1 s watchdog.
    sock, process = run(work, "feed", [], 1_000_000)
    ready, seen = wait_ready(sock, 10)
    if check(ready is not None, f"no READY=1 (got {seen})"):
        line = process.stdout.readline().strip()
        check(line.startswith("listening on http://127.0.0.1:"), f"stdout: {line}")
        port = int(line.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass  # READY=1 came after the feed listened: this connects
        check(ready.get("STATUS", "").startswith("serving embedded:laming-2009.json on http://127.0.0.1:"),
              f"STATUS with READY: {ready.get('STATUS')}")
        pets = [m for m in messages(sock, 3 * SCALE) if m[1].get("WATCHDOG") == "1"]
        # every 0.5 s: about 6 in 3 s; at least 3 even on a loaded machine
        check(len(pets) >= 3, f"{len(pets)} WATCHDOG=1 in {3 * SCALE} s with WatchdogSec=1s")
        gaps = [b[0] - a[0] for a, b in zip(pets, pets[1:])]
        check(all(gap < 1.0 * SCALE for gap in gaps), f"a gap between pets of more than the interval: {gaps}")
        process.terminate()
        stopping = [m for m in messages(sock, 2 * SCALE) if m[1].get("STOPPING") == "1"]
        check(len(stopping) == 1, "no STOPPING=1 after SIGTERM")
        check(process.wait(timeout=5 * SCALE) == 0, f"exit code {process.returncode} after SIGTERM")
    process.kill()
    sock.close()

    # No watchdog asked for: no WATCHDOG=1 at all.
    sock, process = run(work, "nowatchdog", [], 0)
    ready, _ = wait_ready(sock, 10)
    check(ready is not None, "no READY=1 without a watchdog")
    pets = [m for m in messages(sock, 1.5) if m[1].get("WATCHDOG") == "1"]
    check(not pets, f"{len(pets)} WATCHDOG=1 although WATCHDOG_USEC=0")
    process.terminate()
    process.wait(timeout=5 * SCALE)
    sock.close()

    # A follower whose source is down: ready (its feed listens, 503 with the reason), waiting.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    sock, process = run(work, "follower", ["--data", f"http://127.0.0.1:{dead}"], 2_000_000)
    ready, seen = wait_ready(sock, 10)
    if check(ready is not None, f"a follower with its source down never got READY=1 ({seen})"):
        check(ready.get("STATUS", "").startswith(f"waiting for the first plan from http://127.0.0.1:{dead}"),
              f"the follower's STATUS: {ready.get('STATUS')}")
        pets = [m for m in messages(sock, 2.5 * SCALE) if m[1].get("WATCHDOG") == "1"]
        check(len(pets) >= 1, "a follower waiting for its source is not alive to the watchdog")
    process.terminate()
    check(process.wait(timeout=5 * SCALE) == 0, "the waiting follower did not stop cleanly")
    sock.close()

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
