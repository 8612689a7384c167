#!/usr/bin/env python3
"""The soak test's file writer and checker (run by tests/soak/run.sh; standard library only).

  soak.py selfcheck BINARY LAMING_JSON WORK_DIR
      Every kind of file the churn writes is first given to `BINARY --check`: the valid variants
      must pass and every invalid kind must be refused, or the soak would test nothing.
  soak.py churn --url URL --pid PID --data FILE --laming LAMING_JSON --warmup SECONDS --duration SECONDS
                --ready FILE --load-done FILE --out JSON
      While wrk loads the feed (--warmup, then --duration seconds), replaces FILE every 100 ms (valid variants, invalid files, a
      deleted-then-restored file) once it has created --ready (run.sh then starts wrk), checks every /api/v1/plan body and ETag it fetches, asserts
      /healthz at quiet checkpoints, compares the server's RSS at the end of the warm-up and at
      the end; after FILE --load-done appears
      (wrk has finished), times a handful of requests. Writes its figures and failures to JSON.
  soak.py report --wrk WRK_OUTPUT --soak JSON [--results FILE]
      Checks wrk's counters (printed by load.lua), prints the figures, exits 1 on any failure.

Every valid variant k carries the marker " [soak vK]" at both ends of the plan (the title, and
the last recommendation's status_reason) and changes one recommendation's status, so a body
that mixed two versions, or came from an invalid file (whose markers are never written valid),
is caught. The original file is variant 0 (no marker).
"""

import argparse
import csv
import gzip
import hashlib
import http.client
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

STATUSES = ["compliant", "in_progress", "awaiting_national", "not_started"]
MARKER = " [soak v%d]"
MARKER_RE = re.compile(r" \[soak v(\d+)\]$")
TICK = 0.100             # the churn replaces the file this often
QUIET = 0.400            # a checkpoint waits this long after its write (settle ~50 ms, median reload ~60 ms)
QUIET_MISSING = 1.500    # a missing file is reported after a 1 s grace (LivePlanOptions::missing_grace)
CHECKPOINT_EVERY = 10.0  # seconds of churn between quiet checkpoints
RSS_GROWTH_LIMIT = 0.05
# The RSS is judged in the plain build (make test), with the program's own allocator and the
# 120 s warm-up it needs (docs/reliability.md). Under the sanitizers it is reported, not judged:
# there the soak runs 30 s after a 30 s warm-up (tests/CMakeLists.txt), and much of the RSS is
# the runtime's. ThreadSanitizer's shadow and per-thread state grew 9.4% in a 60 s soak in which
# the release build stays level; AddressSanitizer's allocator holds freed blocks in its
# quarantine, and its LeakSanitizer checks every allocation at exit instead.
RSS_JUDGED = not os.environ.get("ACTIONBOARD_TEST_SANITIZE", "")
RSS_WINDOW = 10.0        # seconds of RSS samples (two a second) whose median is compared
INVALID_KINDS = ["truncated", "wrong_type", "empty"]


def test_time_scale():
    """Sanitizer builds run several times slower: their ctest runs set ACTIONBOARD_TEST_TIME_SCALE
    (tests/CMakeLists.txt) and the time bounds below scale with it. 1 when unset."""
    text = os.environ.get("ACTIONBOARD_TEST_TIME_SCALE", "1")
    if not text.isdigit() or not 1 <= int(text) <= 100:
        sys.exit("soak: ACTIONBOARD_TEST_TIME_SCALE must be a whole number from 1 to 100, not %r"
                 % text)
    return int(text)


TIME_SCALE = test_time_scale()
SETTLE_BOUND = 5.0 * TIME_SCALE    # after the quiet wait, the expected state must show within this (a liveness bound)
LATENCY_BOUND_MS = 100.0 * TIME_SCALE
WRONG_TYPES = ["amber_days", "status", "chapter", "chapters", "title", "top_level"]


def fnv1a(data):
    """The program's content_hash (FNV-1a 64): data_version and the ETag are this, in hex."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def monotonic():
    return time.monotonic()


class Variants:
    """Builds the files the churn writes, from the Laming plan."""

    def __init__(self, laming_path):
        with open(laming_path, encoding="utf-8") as f:
            self.base = json.load(f)
        self.recs = self.base["recommendations"]
        # The feed serves refs as strings ("12", "3a"); the file may write them as integers.
        self.refs = [str(r["ref"]) for r in self.recs]
        self.base_status = {str(r["ref"]): r["status"] for r in self.recs}
        self.last_ref = str(self.recs[-1]["ref"])
        self.base_title = self.base["plan"]["title"]
        self.base_reason = self.recs[-1]["status_reason"]
        self.next_marker = 1

    def new_marker(self):
        k = self.next_marker
        self.next_marker += 1
        return k

    def changed(self, k):
        """The recommendation whose status variant k changes, and the status it is given."""
        ref = self.refs[k % len(self.refs)]
        others = [s for s in STATUSES if s != self.base_status[ref]]
        return ref, others[(k // len(self.refs)) % len(others)]

    def expected_statuses(self, k):
        statuses = dict(self.base_status)
        if k != 0:
            ref, status = self.changed(k)
            statuses[ref] = status
        return statuses

    def document(self, k):
        doc = json.loads(json.dumps(self.base))
        doc["plan"]["title"] = self.base_title + MARKER % k
        doc["recommendations"][-1]["status_reason"] = self.base_reason + MARKER % k
        ref, status = self.changed(k)
        for rec in doc["recommendations"]:
            if str(rec["ref"]) == ref:
                rec["status"] = status
        return doc

    @staticmethod
    def encode(doc):
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")

    def valid(self, k):
        return self.encode(self.document(k))

    def invalid(self, k, kind, rng, which=None):
        if kind == "empty":
            return b""
        if kind == "truncated":
            data = self.valid(k)
            return data[: rng.randint(len(data) // 4, len(data) - 2)]
        if kind == "wrong_type":
            doc = self.document(k)
            which = which if which is not None else rng.choice(WRONG_TYPES)
            rec = doc["recommendations"][k % len(doc["recommendations"])]
            if which == "amber_days":
                doc["plan"]["amber_days"] = "thirty"
            elif which == "status":
                rec["status"] = 3
            elif which == "chapter":
                rec["chapter"] = "two"
            elif which == "chapters":
                doc["chapters"] = {str(c["number"]): c for c in doc["chapters"]}
            elif which == "title":
                doc["plan"]["title"] = 42
            elif which == "top_level":
                doc = [doc]
            return self.encode(doc)
        raise ValueError(kind)


def write_file(path, data, how):
    """how: "rename" (an editor's save: write aside, rename over) or "in_place" (truncate, write)."""
    target = path + ".soak-tmp" if how == "rename" else path
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
    if how == "rename":
        os.replace(target, path)


# ---------------------------------------------------------------------------------------------
# selfcheck


def selfcheck(args):
    variants = Variants(args.laming)
    rng = random.Random(1)
    os.makedirs(args.work, exist_ok=True)
    cases = []
    for k in (1, 2, 3, 59, 117):
        cases.append(("valid variant %d" % k, variants.valid(k), 0))
    # Every recommendation given each other status at once: any single change is then valid too.
    for j in range(3):
        doc = json.loads(json.dumps(variants.base))
        for rec in doc["recommendations"]:
            rec["status"] = [s for s in STATUSES if s != rec["status"]][j]
        cases.append(("every status changed (%d)" % j, variants.encode(doc), 0))
    cases.append(("empty", variants.invalid(7, "empty", rng), 1))
    for cut in (1, 1000, 70000):
        cases.append(("truncated at %d" % cut, variants.valid(7)[:cut], 1))
    cases.append(("truncated (random)", variants.invalid(7, "truncated", rng), 1))
    for which in WRONG_TYPES:
        cases.append(("wrong type: " + which, variants.invalid(7, "wrong_type", rng, which), 1))
    failures = 0
    path = os.path.join(args.work, "selfcheck.json")
    for name, data, expected in cases:
        with open(path, "wb") as f:
            f.write(data)
        run = subprocess.run([args.binary, "--check", "--data", path],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60 * TIME_SCALE)
        if run.returncode != expected:
            failures += 1
            print("soak selfcheck FAIL: %s: --check exit %d, expected %d\n%s"
                  % (name, run.returncode, expected, run.stdout.decode(errors="replace")[:600]))
    os.remove(path)
    if failures:
        return 1
    print("soak selfcheck: %d files, valid ones accepted and invalid ones refused by --check"
          % len(cases))
    return 0


# ---------------------------------------------------------------------------------------------
# churn


class Soak:
    def __init__(self, args):
        self.args = args
        url = urllib.parse.urlsplit(args.url)
        self.host, self.port = url.hostname, url.port
        self.variants = Variants(args.laming)
        self.rng = random.Random(args.seed)
        self.lock = threading.Lock()
        self.failures = []
        self.stop = threading.Event()
        self.stop_sampling = threading.Event()
        # What was written: marker -> monotonic time its write began; markers only ever invalid.
        self.valid_written = {0: 0.0}
        self.invalid_markers = set()
        self.writes = {"valid": 0, "invalid": 0, "missing": 0, "rename": 0, "in_place": 0,
                       "truncated": 0, "wrong_type": 0, "empty": 0, "restored_same": 0,
                       "restored_new": 0}
        self.last_valid = (0, open(args.data, "rb").read())  # (marker, bytes) last written valid
        # What the checkers saw.
        self.plan_etags = {}      # ETag without -gzip -> sha256 of the identity body
        self.plan_body_etag = {}  # sha256 -> ETag
        self.variant_body = {}    # marker -> sha256 (one body per variant)
        self.checked_bodies = {}  # sha256 -> marker (bodies already parsed and checked)
        self.new_etag_events = [] # (monotonic, marker) when a plan ETag was first seen
        self.route_etags = {}     # (path, ETag without -gzip) -> sha256 of the identity body
        self.route_checked = set()
        self.requests = {"plan": 0, "routes": 0, "checkpoint": 0, "postload": 0}
        self.codes = {}
        self.checkpoints = []     # (kind, settle ms)
        self.rss = []             # (seconds since start, VmRSS kB)
        self.figures = {}

    # -- bookkeeping --------------------------------------------------------------------------

    def fail(self, message):
        with self.lock:
            self.failures.append(message)
            count = len(self.failures)
        if count <= 50:
            print("soak FAIL: " + message, flush=True)

    def count(self, who, status):
        with self.lock:
            self.requests[who] += 1
            key = str(status)
            self.codes[key] = self.codes.get(key, 0) + 1

    def rss_sampler(self, start):
        while not self.stop_sampling.wait(0.5):
            self.rss.append((round(monotonic() - start, 1), self.rss_kb()))

    def rss_kb(self, field="VmRSS"):
        with open("/proc/%d/status" % self.args.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise RuntimeError("no %s for pid %d" % (field, self.args.pid))

    # -- HTTP ---------------------------------------------------------------------------------

    def connect(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=30 * TIME_SCALE)

    def get(self, conn, path, headers=None):
        """Returns (status, headers as a lower-case dict, raw body, monotonic time at the end)."""
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        end = monotonic()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body, end

    def decode(self, what, headers, raw):
        """The identity bytes of a 200 body, checking that its ETag names its representation."""
        etag = headers.get("etag")
        if not etag:
            self.fail("%s: 200 without an ETag" % what)
            return None, None
        gzipped = headers.get("content-encoding") == "gzip"
        if gzipped != etag.endswith('-gzip"'):
            self.fail("%s: ETag %s does not match Content-Encoding %r"
                      % (what, etag, headers.get("content-encoding")))
        if gzipped:
            try:
                raw = gzip.decompress(raw)
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                self.fail("%s: gzip body does not decompress: %s" % (what, error))
                return None, None
        return raw, etag.replace('-gzip"', '"')

    # -- what a valid version looks like -------------------------------------------------------

    def marker_of(self, text):
        if not isinstance(text, str):
            return None
        match = MARKER_RE.search(text)
        return int(match.group(1)) if match else 0

    def check_written(self, what, marker, end):
        with self.lock:
            written = self.valid_written.get(marker)
            invalid = marker in self.invalid_markers
        if invalid:
            self.fail("%s: served the content of an invalid file (marker v%d)" % (what, marker))
        elif written is None or written > end:
            self.fail("%s: served variant v%d, which had not been written" % (what, marker))

    def check_plan_body(self, body, sha, end):
        """A new /api/v1/plan body: complete JSON, exactly one valid variant, never a mix."""
        try:
            doc = json.loads(body)
        except ValueError as error:
            self.fail("/api/v1/plan: not complete valid JSON (%s): %r ... %r"
                      % (error, body[:80], body[-80:]))
            return None
        try:
            title_marker = self.marker_of(doc["plan"]["title"])
            recs = {r["ref"]: r for r in doc["recommendations"]}
            end_marker = self.marker_of(recs[self.variants.last_ref]["status_reason"])
            statuses = {ref: r["status"] for ref, r in recs.items()}
            by_status = doc["totals"]["recommendations"]["by_status"]
        except (KeyError, TypeError) as error:
            self.fail("/api/v1/plan: body lacks %s" % error)
            return None
        if title_marker is None or title_marker != end_marker:
            self.fail("/api/v1/plan: a mix of versions: title marker v%s, last recommendation v%s"
                      % (title_marker, end_marker))
            return None
        marker = title_marker
        self.check_written("/api/v1/plan", marker, end)
        expected = self.variants.expected_statuses(marker)
        if statuses != expected:
            wrong = sorted(ref for ref in set(statuses) | set(expected)
                           if statuses.get(ref) != expected.get(ref))
            self.fail("/api/v1/plan: variant v%d with the statuses of another version "
                      "(recommendations %s differ)" % (marker, wrong[:10]))
        counted = {s: list(statuses.values()).count(s) for s in STATUSES}
        if by_status != counted:
            self.fail("/api/v1/plan: totals %s do not match the recommendations %s"
                      % (by_status, counted))
        with self.lock:
            first = self.variant_body.setdefault(marker, sha)
        if first != sha:
            self.fail("/api/v1/plan: variant v%d served with two different bodies" % marker)
        return marker

    # -- the checkers (threads) ---------------------------------------------------------------

    def guarded(self, checker, *args):
        try:
            checker(*args)
        except Exception as error:  # noqa: BLE001 - a checker that dies checks nothing
            self.fail("%s stopped on %r" % (checker.__name__, error))

    def plan_checker(self):
        """GET /api/v1/plan over and over: identity, gzip, and If-None-Match with the last ETag."""
        conn = self.connect()
        last_etag = None
        i = 0
        while not self.stop.is_set():
            i += 1
            mode = ("identity", "gzip", "conditional")[i % 3]
            headers = {}
            if mode == "gzip" or (mode == "conditional" and i % 2):
                headers["Accept-Encoding"] = "gzip"
            if mode == "conditional" and last_etag:
                headers["If-None-Match"] = last_etag
            try:
                status, rh, raw, end = self.get(conn, "/api/v1/plan", headers)
            except (OSError, http.client.HTTPException) as error:
                self.fail("/api/v1/plan: request failed: %r" % error)
                conn.close()
                conn = self.connect()
                time.sleep(0.05)
                continue
            self.count("plan", status)
            sent = headers.get("If-None-Match")
            if status == 304:
                if not sent:
                    self.fail("/api/v1/plan: 304 to an unconditional request")
                elif rh.get("etag") != sent:
                    self.fail("/api/v1/plan: 304 with ETag %s to If-None-Match %s"
                              % (rh.get("etag"), sent))
                continue
            if status != 200:
                self.fail("/api/v1/plan: status %d: %r" % (status, raw[:200]))
                continue
            etag = rh.get("etag")
            if sent and etag == sent:
                self.fail("/api/v1/plan: 200 although If-None-Match %s matches its ETag" % sent)
            body, base = self.decode("/api/v1/plan", rh, raw)
            if body is None:
                continue
            last_etag = etag
            sha = hashlib.sha256(body).hexdigest()
            with self.lock:
                new_etag = base not in self.plan_etags
                known_sha = self.plan_etags.setdefault(base, sha)
                known_etag = self.plan_body_etag.setdefault(sha, base)
                checked = sha in self.checked_bodies
            if known_sha != sha:
                self.fail("/api/v1/plan: ETag %s served two different bodies" % base)
                continue
            if known_etag != base:
                self.fail("/api/v1/plan: the same body under two ETags %s and %s"
                          % (known_etag, base))
            if not checked:
                marker = self.check_plan_body(body, sha, end)
                with self.lock:
                    self.checked_bodies[sha] = marker
            if new_etag:
                with self.lock:
                    self.new_etag_events.append((end, self.checked_bodies.get(sha)))

    def route_checker(self):
        """The other endpoints: status, ETag -> body, complete bodies, monotonic /healthz."""
        paths = ["/", "/healthz", "/metrics", "/api/v1/summary", "/api/v1/chapters",
                 "/api/v1/chapters/3", "/api/v1/recommendations",
                 "/api/v1/recommendations?rag=red&chapter=2", "/api/v1/recommendations/1",
                 "/api/v1/recommendations.csv", "/api/v1/deadlines", "/api/v1/quality",
                 "/api/v1/openapi.json", "/api/v1/summary?as_of=2009-12-01"]
        conn = self.connect()
        last_health = None
        last_etag = {}
        i = 0
        while not self.stop.is_set():
            i += 1
            path = paths[i % len(paths)]
            headers = {}
            if (i // len(paths)) % 2:
                headers["Accept-Encoding"] = "gzip"
            if (i // len(paths)) % 3 == 2 and path in last_etag:
                headers["If-None-Match"] = last_etag[path]
            try:
                status, rh, raw, end = self.get(conn, path, headers)
            except (OSError, http.client.HTTPException) as error:
                self.fail("%s: request failed: %r" % (path, error))
                conn.close()
                conn = self.connect()
                time.sleep(0.05)
                continue
            self.count("routes", status)
            if status == 304:
                if rh.get("etag") != headers.get("If-None-Match"):
                    self.fail("%s: 304 with ETag %s to If-None-Match %s"
                              % (path, rh.get("etag"), headers.get("If-None-Match")))
                continue
            if status != 200:
                self.fail("%s: status %d: %r" % (path, status, raw[:200]))
                continue
            body, base = self.decode(path, rh, raw)
            if body is None:
                continue
            last_etag[path] = rh["etag"]
            sha = hashlib.sha256(body).hexdigest()
            with self.lock:
                known = self.route_etags.setdefault((path, base), sha)
                new_body = (path, sha) not in self.route_checked
                self.route_checked.add((path, sha))
            if known != sha:
                self.fail("%s: ETag %s served two different bodies" % (path, base))
            if path == "/healthz":
                last_health = self.check_health(body, last_health)
            elif new_body:
                self.check_route_body(path, body, end)

    def check_health(self, body, last):
        try:
            health = json.loads(body)
            state = (health["generation"], health["reloads"], health["failed_reloads"])
            status = health["status"]
        except (ValueError, KeyError, TypeError) as error:
            self.fail("/healthz: unreadable (%s): %r" % (error, body[:200]))
            return last
        if status not in ("ok", "degraded"):
            self.fail("/healthz: status %r" % status)
        if last and any(now < before for now, before in zip(state, last)):
            self.fail("/healthz: counters went back from %s to %s "
                      "(generation, reloads, failed_reloads)" % (last, state))
        return state

    def check_route_body(self, path, body, end):
        if path == "/api/v1/recommendations.csv":
            if not body.startswith(b"\xef\xbb\xbf"):
                self.fail("%s: no byte order mark" % path)
            rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"), newline="")))
            if len(rows) != 1 + len(self.variants.refs):
                self.fail("%s: %d rows, expected %d" % (path, len(rows), 1 + len(self.variants.refs)))
            return
        if path == "/metrics":
            if not body.endswith(b"\n") or b"actionboard_http_requests_total" not in body:
                self.fail("/metrics: incomplete: %r" % body[-200:])
            return
        try:
            doc = json.loads(body)
        except ValueError as error:
            self.fail("%s: not complete valid JSON (%s): %r" % (path, error, body[-120:]))
            return
        if path.startswith("/api/v1/summary"):
            marker = self.marker_of(doc.get("plan", {}).get("title"))
            if marker is None:
                self.fail("%s: no title" % path)
            else:
                self.check_written(path, marker, end)

    # -- quiet checkpoints --------------------------------------------------------------------

    def checkpoint_get(self, path):
        """One request on a fresh connection, counted as a checkpoint's: (headers, body) of a 200."""
        conn = self.connect()
        try:
            status, rh, body, _ = self.get(conn, path)
        finally:
            conn.close()
        self.count("checkpoint", status)
        if status != 200:
            raise RuntimeError("%s status %d" % (path, status))
        return rh, body

    def health(self):
        return json.loads(self.checkpoint_get("/healthz")[1])

    def served_plan(self, hash_check):
        """(marker, identity ETag, whether the ETag is the FNV-1a of the body, if checked)."""
        rh, body = self.checkpoint_get("/api/v1/plan")
        doc = json.loads(body)
        etag = rh.get("etag")
        return self.marker_of(doc["plan"]["title"]), etag, not hash_check or etag == '"%s"' % fnv1a(body)

    def expect_state(self, what, written_at, quiet, status, version, marker, error_has=None):
        """After QUIET with no writes, /healthz must show STATUS and the plan on show must be
        VERSION (the last valid file, by content hash) with MARKER, and stay so."""
        time.sleep(max(0.0, written_at + quiet - monotonic()))
        deadline = monotonic() + SETTLE_BOUND
        seen = None
        while True:
            try:
                health = self.health()
                seen = (health.get("status"), health.get("data_version"))
            except Exception as error:  # noqa: BLE001
                self.fail("checkpoint %s: /healthz failed: %r" % (what, error))
                return
            if seen == (status, version) or monotonic() > deadline:
                break
            time.sleep(0.025)
        settle_ms = (monotonic() - written_at) * 1000.0
        if seen != (status, version):
            self.fail("checkpoint %s: /healthz shows %s %s, expected %s %s (%.0f ms after the write)"
                      % (what, seen[0], seen[1], status, version, settle_ms))
            return
        if error_has is not None:  # "" asks for any error
            error = health.get("last_reload_error") or ""
            if not error or error_has not in error:
                self.fail("checkpoint %s: last_reload_error %r, expected one with %r"
                          % (what, health.get("last_reload_error"), error_has))
        for attempt in range(3):  # and it stays so
            try:
                health = self.health()
                served, etag, etag_is_hash = self.served_plan(hash_check=attempt == 0)
            except Exception as error:  # noqa: BLE001
                self.fail("checkpoint %s: request failed: %r" % (what, error))
                return
            now = (health.get("status"), health.get("data_version"))
            if now != (status, version):
                self.fail("checkpoint %s: /healthz went to %s %s" % (what, now[0], now[1]))
            if served != marker:
                self.fail("checkpoint %s: /api/v1/plan serves v%s, expected v%d" % (what, served, marker))
            if not etag_is_hash:
                self.fail("checkpoint %s: /api/v1/plan ETag %s is not the hash of its body" % (what, etag))
            time.sleep(0.05)
        self.checkpoints.append((what, settle_ms))
        return etag

    def checkpoint(self, index, kind=None):
        """A valid file, then (in turn) a missing, truncated, wrong-type or empty one, each
        followed by a quiet period and an assertion of /healthz and of the plan served."""
        k = self.variants.new_marker()
        data = self.variants.valid(k)
        with self.lock:
            self.valid_written[k] = monotonic()
        write_file(self.args.data, data, "rename")
        written = monotonic()
        self.note_valid(k, data, "rename")
        version = fnv1a(data)
        etag = self.expect_state("valid", written, QUIET, "ok", version, k)
        kinds = ["missing"] + INVALID_KINDS
        kind = kind or kinds[index % len(kinds)]
        if kind == "missing":
            os.remove(self.args.data)
            removed = monotonic()
            self.writes["missing"] += 1
            self.expect_state("missing", removed, QUIET_MISSING, "degraded", version, k,
                              "the file is missing")
            how = ("rename", "in_place")[(index // 4) % 2]
            write_file(self.args.data, data, how)  # restored as it was
            restored = monotonic()
            self.writes[how] += 1
            self.writes["restored_same"] += 1
            after = self.expect_state("restored", restored, QUIET, "ok", version, k)
            if etag and after and after != etag:
                self.fail("checkpoint restored: the same file restored gave a new ETag %s (was %s)"
                          % (after, etag))
        else:
            bad = self.variants.new_marker()
            with self.lock:
                self.invalid_markers.add(bad)
            how = ("rename", "in_place")[index % 2]
            write_file(self.args.data, self.variants.invalid(bad, kind, self.rng), how)
            written = monotonic()
            self.writes["invalid"] += 1
            self.writes[kind] += 1
            self.writes[how] += 1
            self.expect_state(kind, written, QUIET, "degraded", version, k, "")

    # -- churn --------------------------------------------------------------------------------

    def note_valid(self, k, data, how):
        self.last_valid = (k, data)
        self.writes["valid"] += 1
        self.writes[how] += 1

    def churn_step(self, state):
        """One 100 ms step. state carries a pending restore after a deletion."""
        path = self.args.data
        how = "in_place" if self.rng.random() < 0.3 else "rename"
        if state.get("deleted"):
            state["deleted"] = False
            if self.rng.random() < 0.5:
                write_file(path, self.last_valid[1], how)  # restored as it was
                self.writes["restored_same"] += 1
                self.writes[how] += 1
                return
            self.writes["restored_new"] += 1
            action = "valid"
        else:
            roll = self.rng.random()
            action = "valid" if roll < 0.45 else "invalid" if roll < 0.85 else "delete"
        if action == "valid":
            k = self.variants.new_marker()
            data = self.variants.valid(k)
            with self.lock:
                self.valid_written[k] = monotonic()
            write_file(path, data, how)
            self.note_valid(k, data, how)
        elif action == "invalid":
            k = self.variants.new_marker()
            with self.lock:
                self.invalid_markers.add(k)
            kind = self.rng.choice(INVALID_KINDS)
            write_file(path, self.variants.invalid(k, kind, self.rng), how)
            self.writes["invalid"] += 1
            self.writes[kind] += 1
            self.writes[how] += 1
        else:
            if os.path.exists(path):
                os.remove(path)
                self.writes["missing"] += 1
            state["deleted"] = True

    def run(self):
        args = self.args
        start = monotonic()
        warmup = args.warmup
        total = args.warmup + args.duration
        threads = [threading.Thread(target=self.guarded, args=(self.plan_checker,), daemon=True),
                   threading.Thread(target=self.guarded, args=(self.route_checker,), daemon=True)]
        sampler = threading.Thread(target=self.guarded, args=(self.rss_sampler, start), daemon=True)
        for thread in threads + [sampler]:
            thread.start()
        with open(args.ready, "w"):
            pass  # run.sh starts wrk now: it runs a little longer than the churn
        next_checkpoint = start + CHECKPOINT_EVERY / 2
        next_progress = start + 60.0
        index = 0
        state = {}
        tick = start
        while True:
            now = monotonic()
            if now - start >= total:
                break
            if now >= next_progress:
                print("soak: %.0f s, %d files written, %d checkpoints, RSS %d kB, %d failures"
                      % (now - start, self.writes["valid"] + self.writes["invalid"],
                         len(self.checkpoints), self.rss[-1][1] if self.rss else 0,
                         len(self.failures)), flush=True)
                next_progress = now + 60.0
            # A checkpoint takes up to ~4 s (a missing file is reported after 1 s): none starts
            # in the last 8 s, so that the end-of-load sample below is taken under load.
            if (now >= next_checkpoint and not state.get("deleted")
                    and now - start < total - 8.0):
                self.checkpoint(index)
                index += 1
                next_checkpoint = monotonic() + CHECKPOINT_EVERY
                tick = monotonic()
                continue
            self.churn_step(state)
            tick += TICK
            time.sleep(max(0.0, tick - monotonic()))
        if state.get("deleted"):
            write_file(args.data, self.last_valid[1], "rename")
        # The end of the load: RSS, then one more checkpoint so the file ends valid.
        self.stop_sampling.set()
        sampler.join(timeout=10)
        hwm = self.rss_kb("VmHWM")
        if os.path.exists(args.load_done):
            self.fail("the load stopped before the end of the churn: the RSS at the end was "
                      "not sampled under load")
        self.checkpoint(index, "missing")  # which leaves the file valid
        churn_seconds = monotonic() - start
        # RSS swings by several MB with the requests in flight (64 connections, bodies up to
        # 200 kB and their gzip buffers), so each end is the median of the RSS_WINDOW seconds
        # of samples (two a second) before it: the end of the warm-up, the end of the load.
        warm = [kb for t, kb in self.rss if warmup - RSS_WINDOW <= t <= warmup]
        end = [kb for t, kb in self.rss if total - RSS_WINDOW <= t <= total]
        if len(warm) < 3 or len(end) < 3:
            self.fail("too few RSS samples: %d after the warm-up, %d at the end"
                      % (len(warm), len(end)))
            warm = warm or [1]
            end = end or [1]
        warm_rss, end_rss = statistics.median(warm), statistics.median(end)
        growth = (end_rss - warm_rss) / warm_rss
        if growth >= RSS_GROWTH_LIMIT and not RSS_JUDGED:
            print("soak: RSS grew %.1f%% after the warm-up; not judged under the sanitizers"
                  % (growth * 100), flush=True)
        elif growth >= RSS_GROWTH_LIMIT:
            self.fail("RSS grew %.1f%% after the warm-up (median %d kB over %.0f-%.0f s, "
                      "%d kB over %.0f-%.0f s), limit %.0f%%"
                      % (growth * 100, warm_rss, warmup - RSS_WINDOW, warmup, end_rss,
                         total - RSS_WINDOW, total, RSS_GROWTH_LIMIT * 100))
        # Wait for wrk to finish, then stop the checkers.
        deadline = monotonic() + 120 * TIME_SCALE
        while not os.path.exists(args.load_done) and monotonic() < deadline:
            time.sleep(0.1)
        if not os.path.exists(args.load_done):
            self.fail("wrk did not finish within %d s of the end of the churn" % (120 * TIME_SCALE))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=60)
            if thread.is_alive():
                self.fail("a checker thread did not stop")
        self.post_load()
        self.check_etag_events()
        self.figures.update({
            "duration_s": args.duration, "churn_s": round(churn_seconds, 1), "seed": args.seed,
            "rss_window_s": RSS_WINDOW,
            "warmup_s": warmup, "rss_warmup_kb": warm_rss, "rss_end_kb": end_rss,
            "rss_growth_percent": round(growth * 100, 2), "vmhwm_kb": hwm,
            "rss_after_warmup_min_kb": min((kb for t, kb in self.rss if t >= warmup - RSS_WINDOW),
                                           default=None),
            "rss_after_warmup_max_kb": max((kb for t, kb in self.rss if t >= warmup - RSS_WINDOW),
                                           default=None),
            "rss_every_10s": self.rss[::20],
            "writes": self.writes,
            "variants_written": len(self.valid_written) - 1,
            "invalid_markers": len(self.invalid_markers),
            "plan_etags": len(self.plan_etags), "plan_variants_seen": len(self.variant_body),
            "checker_requests": self.requests, "checker_codes": self.codes,
            "checkpoints": len(self.checkpoints),
            "checkpoint_kinds": {k: sum(1 for w, _ in self.checkpoints if w == k)
                                 for k in sorted({w for w, _ in self.checkpoints})},
            "checkpoint_settle_ms": {k: {"median": round(statistics.median(v), 1),
                                          "max": round(max(v), 1)}
                                      for k, v in self.settle_by_kind().items()},
        })

    def settle_by_kind(self):
        """Milliseconds from the write (or deletion) to the state seen, by the kind of file."""
        kinds = {}
        for what, ms in self.checkpoints:
            kinds.setdefault(what, []).append(ms)
        return kinds

    def check_etag_events(self):
        """A new ETag only after a valid variant was written: each new /api/v1/plan ETag names a
        distinct valid variant, first seen after that variant's write began."""
        markers = [m for _, m in self.new_etag_events]
        if len(set(markers)) != len(markers):
            dupes = sorted({m for m in markers if markers.count(m) > 1})
            self.fail("/api/v1/plan: new ETags without a new version (variants %s)" % dupes[:10])
        for seen, marker in self.new_etag_events:
            if marker is None:
                continue  # already reported by check_plan_body
            written = self.valid_written.get(marker)
            if written is None or written > seen:
                self.fail("/api/v1/plan: ETag of v%s appeared before it was written" % marker)
        if len(self.plan_etags) < 2:
            self.fail("/api/v1/plan: only %d ETag seen: the checker saw no reload"
                      % len(self.plan_etags))

    def post_load(self):
        """Once wrk has stopped: a handful of normal requests, each under LATENCY_BOUND_MS;
        then the server's own counters: no 5xx."""
        time.sleep(0.5)
        paths = ["/healthz", "/", "/api/v1/summary", "/api/v1/chapters/3",
                 "/api/v1/recommendations?rag=red&chapter=2", "/api/v1/recommendations/1",
                 "/api/v1/recommendations.csv", "/api/v1/deadlines", "/api/v1/plan",
                 "/api/v1/openapi.json"]
        timings = []
        for path in paths:
            for headers in ({}, {"Accept-Encoding": "gzip"}):
                began = monotonic()
                try:
                    conn = self.connect()
                    status, _, _, end = self.get(conn, path, headers)
                    conn.close()
                except (OSError, http.client.HTTPException) as error:
                    self.fail("after the load, %s failed: %r" % (path, error))
                    continue
                self.count("postload", status)
                ms = (end - began) * 1000.0
                timings.append(ms)
                if status != 200:
                    self.fail("after the load, %s: status %d" % (path, status))
                if ms >= LATENCY_BOUND_MS:
                    self.fail("after the load, %s %s took %.1f ms (bound %.0f ms)"
                              % (path, headers, ms, LATENCY_BOUND_MS))
        health = self.health()
        if health.get("status") != "ok":
            self.fail("after the load, /healthz says %s" % health.get("status"))
        conn = self.connect()
        _, _, metrics, _ = self.get(conn, "/metrics")
        conn.close()
        server_codes = {}
        for line in metrics.decode().splitlines():
            match = re.match(r'actionboard_http_requests_total\{(.*)\} (\d+)$', line)
            if match:
                code = re.search(r'code="(\d+)"', match.group(1)).group(1)
                server_codes[code] = server_codes.get(code, 0) + int(match.group(2))
        server_5xx = sum(n for code, n in server_codes.items() if code.startswith("5"))
        if not server_codes:
            self.fail("/metrics: no actionboard_http_requests_total")
        if server_5xx:
            self.fail("/metrics: the server counted %d 5xx responses: %s" % (server_5xx, server_codes))
        self.figures.update({
            "postload_ms": [round(t, 2) for t in timings],
            "postload_ms_median": round(statistics.median(timings), 2) if timings else None,
            "postload_ms_max": round(max(timings), 2) if timings else None,
            "rss_after_load_kb": self.rss_kb(),
            "server_reloads": health.get("reloads"), "server_failed_reloads": health.get("failed_reloads"),
            "server_generation": health.get("generation"), "server_codes": server_codes,
        })


def churn(args):
    soak = Soak(args)
    try:
        soak.run()
    except Exception as error:  # noqa: BLE001 - a crash of the checker is a failure too
        soak.stop.set()
        soak.fail("the checker stopped on %r" % error)
    soak.figures["failures"] = soak.failures
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(soak.figures, f, indent=1, sort_keys=True)
    return 1 if soak.failures else 0


# ---------------------------------------------------------------------------------------------
# report


def report(args):
    failures = []
    wrk = None
    try:
        with open(args.wrk, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("soak-wrk "):
                    wrk = json.loads(line[len("soak-wrk "):])
    except OSError as error:
        failures.append("no wrk output: %s" % error)
    if wrk is None:
        failures.append("wrk printed no counters (see its output above)")
    else:
        classes = wrk["classes"]
        if classes.get("5xx"):
            failures.append("wrk: %d responses 5xx: %s" % (classes["5xx"], wrk["codes"]))
        if wrk["unexpected"]:
            failures.append("wrk: %d responses neither 200 nor 304: %s; first ones: %s"
                            % (wrk["unexpected"], wrk["codes"], wrk["unexpected_samples"]))
        errors = {k: v for k, v in wrk["errors"].items() if v and k != "status"}
        if errors:
            failures.append("wrk: socket errors %s" % errors)
        if wrk["requests"] <= 0 or sum(wrk["codes"].values()) != wrk["requests"]:
            failures.append("wrk: %d requests but %d responses counted"
                            % (wrk["requests"], sum(wrk["codes"].values())))
    try:
        with open(args.soak, encoding="utf-8") as f:
            soak = json.load(f)
    except (OSError, ValueError) as error:
        soak = {}
        failures.append("no checker results: %s" % error)
    failures += soak.get("failures", [])
    results = {"wrk": wrk, "soak": soak, "failures": failures}
    if wrk:
        seconds = wrk["duration_us"] / 1e6
        results["requests_per_second"] = round(wrk["requests"] / seconds, 1)
        print("soak: wrk %d requests in %.1f s (%.0f/s), codes %s, socket errors %s, "
              "latency p50 %.1f ms p99 %.1f ms"
              % (wrk["requests"], seconds, wrk["requests"] / seconds, wrk["codes"], wrk["errors"],
                 wrk["latency_us"]["p50"] / 1000, wrk["latency_us"]["p99"] / 1000))
    if soak.get("writes"):
        w = soak["writes"]
        print("soak: files written: %d valid, %d invalid (%d truncated, %d wrong type, %d empty), "
              "%d deletions; %d renamed, %d in place" % (w["valid"], w["invalid"], w["truncated"],
              w["wrong_type"], w["empty"], w["missing"], w["rename"], w["in_place"]))
        print("soak: server reloads %s, refused %s; %d plan ETags seen; checker requests %s %s"
              % (soak.get("server_reloads"), soak.get("server_failed_reloads"),
                 soak.get("plan_etags", 0), soak.get("checker_requests"), soak.get("checker_codes")))
        settle = ", ".join("%s %.0f ms" % (k, v["max"])
                           for k, v in sorted(soak.get("checkpoint_settle_ms", {}).items()))
        print("soak: %d quiet checkpoints %s; state seen at most this long after the write: %s"
              % (soak.get("checkpoints", 0), soak.get("checkpoint_kinds"), settle))
        print("soak: RSS %.0f kB after %.0f s warm-up, %.0f kB at the end (%+.1f%%), VmHWM %s kB; "
              "after the load: median %s ms, max %s ms"
              % (soak.get("rss_warmup_kb") or 0, soak.get("warmup_s", 0), soak.get("rss_end_kb") or 0,
                 soak.get("rss_growth_percent", 0), soak.get("vmhwm_kb"),
                 soak.get("postload_ms_median"), soak.get("postload_ms_max")))
    if args.results:
        with open(args.results, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, sort_keys=True)
    if failures:
        print("soak: FAILED, %d failures:" % len(failures))
        for failure in failures[:50]:
            print("  - " + failure)
        return 1
    print("soak: all checks passed")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("selfcheck")
    p.add_argument("binary")
    p.add_argument("laming")
    p.add_argument("work")
    p = sub.add_parser("churn")
    p.add_argument("--url", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--laming", required=True)
    p.add_argument("--warmup", type=float, required=True)
    p.add_argument("--duration", type=float, required=True)
    p.add_argument("--load-done", required=True)
    p.add_argument("--ready", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    p = sub.add_parser("report")
    p.add_argument("--wrk", required=True)
    p.add_argument("--soak", required=True)
    p.add_argument("--results")
    args = parser.parse_args()
    return {"selfcheck": selfcheck, "churn": churn, "report": report}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
