#!/usr/bin/env python3
"""Follower displays as real processes on loopback (docs/deploy.md, "Follower displays").

A source (actionboard --data FILE), followers of it (--data http://127.0.0.1:PORT --poll 1), a
follower of a follower, and followers behind a small proxy that this script can make hang,
send an invalid plan or send too much. Then HTTPS against a Python TLS server with a
self-signed certificate: refused with a clear error, accepted once the system store
(SSL_CERT_FILE) trusts it, refused again for another host name.

Bounds are liveness bounds the issue sets ("within one poll"), with slack for a loaded machine,
multiplied by ACTIONBOARD_TEST_TIME_SCALE; nothing is measured.

Usage: test_followers.py ACTIONBOARD LAMING_JSON
"""

import http.server
import json
import os
import signal
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BIN, LAMING = sys.argv[1], sys.argv[2]
SCALE = int(os.environ.get("ACTIONBOARD_TEST_TIME_SCALE", "1"))
POLL = 1  # --poll for every follower here, seconds
failures = []
processes = []


def fail(message):
    print("FAIL: " + message, flush=True)
    failures.append(message)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


# ---- HTTP without proxies from the environment (loopback only) ----

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(url, headers=None, method="GET", timeout=10):
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def health(url):
    status, _, body = get(url + "/healthz")
    assert status == 200, f"{url}/healthz gave {status}"
    return json.loads(body)


def etag(url, path="/api/v1/source"):
    status, headers, _ = get(url + path)
    return headers.get("ETag") if status == 200 else None


def wait_for(what, predicate, seconds):
    """Polls predicate every 50 ms for at most seconds x scale; returns its last value."""
    deadline = time.monotonic() + seconds * SCALE
    value = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except (OSError, AssertionError, ValueError) as error:
            value = None
            last_error = error
        if value:
            return value
        time.sleep(0.05)
    fail(f"{what}: not within {seconds * SCALE} s")
    return value


# ---- processes ----

class Feed:
    def __init__(self, name, work, *args, env=None):
        self.name = name
        self.out = open(os.path.join(work, name + ".out"), "w+")
        self.err_path = os.path.join(work, name + ".err")
        self.err = open(self.err_path, "w")
        full_env = dict(os.environ)
        full_env.pop("DISPLAY", None)
        full_env.pop("WAYLAND_DISPLAY", None)
        full_env.update(env or {})
        self.process = subprocess.Popen(
            [BIN, "--mode", "headless", *args], stdout=self.out, stderr=self.err, env=full_env)
        processes.append(self.process)
        self.url = None

    def wait_listening(self, seconds=15):
        deadline = time.monotonic() + seconds * SCALE
        while time.monotonic() < deadline:
            self.out.seek(0)
            for line in self.out.read().splitlines():
                if line.startswith("listening on "):
                    self.url = line[len("listening on "):].strip()
                    return self.url
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        fail(f"{self.name} did not start listening; stderr: {self.stderr()}")
        return None

    def stderr(self):
        with open(self.err_path) as err:
            return err.read()

    def port(self):
        return int(self.url.rsplit(":", 1)[1])

    def kill(self, sig=signal.SIGKILL):
        self.process.send_signal(sig)
        return self.process.wait(timeout=10 * SCALE)


# ---- a proxy the test can make misbehave ----

class FlakyProxy(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.mode = "pass"
        self.closing = threading.Event()
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        head = b""
        while b"\r\n\r\n" not in head:
            data = self.request.recv(65536)
            if not data:
                return
            head += data
        mode = self.server.mode
        if mode == "hang":  # accepts, reads the request, never answers
            self.server.closing.wait(120)
            return
        if mode == "garbage":  # an answer that is not a plan
            body = b'{"title": "half a plan'
            self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
                                 + body)
            return
        if mode == "big":  # 17 MiB, more than any plan may be
            size = 17 * 1024 * 1024
            try:
                self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                     b"Content-Length: %d\r\nConnection: close\r\n\r\n" % size)
                chunk = b" " * 65536
                for _ in range(size // len(chunk)):
                    self.request.sendall(chunk)
            except OSError:
                pass  # the follower hung up, as it should
            return
        try:
            with socket.create_connection(("127.0.0.1", self.server.upstream_port),
                                          timeout=10) as up:
                up.sendall(head)
                while True:
                    data = up.recv(65536)
                    if not data:
                        break
                    self.request.sendall(data)
        except OSError:
            pass  # the source is down (killed in step 4): the follower sees a closed connection


# ---- plans ----

with open(LAMING, encoding="utf-8") as laming_file:
    LAMING_TEXT = laming_file.read()


def variant(n):
    plan = json.loads(LAMING_TEXT)
    plan["plan"]["title"] = f"Variant {n}"
    return json.dumps(plan, ensure_ascii=False, indent=1)


def write_plan(path, text):
    aside = path + ".new"
    with open(aside, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(aside, path)


def title_of(url):
    status, _, body = get(url + "/api/v1/summary")
    return json.loads(body)["plan"]["title"] if status == 200 else None


def main():
    work = tempfile.mkdtemp(prefix="actionboard-follow-")
    plan = os.path.join(work, "plan.json")
    write_plan(plan, variant(0))
    # Old enough for a distinct Last-Modified to be visible down the chain.
    os.utime(plan, (time.time() - 86400 * 3, time.time() - 86400 * 3))

    poll = ["--poll", str(POLL), "--port", "0"]
    # 0. A follower that starts before its source (a building after a power cut): it listens,
    #    answers 503 saying why, and shows the plan once the source is up.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        source_port = probe.getsockname()[1]
    early = Feed("early-follower", work, "--data", f"http://127.0.0.1:{source_port}", *poll)
    early.wait_listening()
    status, _, body = get(early.url + "/api/v1/summary")
    check(status == 503 and b"no plan is loaded yet: source unreachable since" in body,
          f"before its source is up, a follower answers {status}: {body[:300]!r}")
    source = Feed("source", work, "--port", str(source_port), "--data", plan)
    source.wait_listening()
    wait_for("the early follower shows the plan once its source is up",
             lambda: title_of(early.url) == "Variant 0", 2 + 4 + 3)  # two back-offs
    check("no plan yet: source unreachable since" in early.stderr(),
          f"the early follower's wait is not logged: {early.stderr()[:300]}")
    early.kill(signal.SIGTERM)
    f1 = Feed("follower1", work, "--data", source.url, *poll)
    f2 = Feed("follower2", work, "--data", source.url, *poll)
    for f in (f1, f2):
        f.wait_listening()
    f3 = Feed("follower-of-follower", work, "--data", f1.url, *poll)
    f3.wait_listening()
    proxies = {mode: FlakyProxy(source.port()) for mode in ("hang", "garbage", "big")}
    flaky = {mode: Feed("behind-" + mode, work, "--data", proxy.url, *poll)
             for mode, proxy in proxies.items()}
    for f in flaky.values():
        f.wait_listening()
    everyone = [source, f1, f2, f3, *flaky.values()]

    # 1. One plan everywhere: the same bytes, so the same version and ETags down the chain.
    tags = {f.name: etag(f.url) for f in everyone}
    check(len(set(tags.values())) == 1 and None not in tags.values(), f"source ETags differ: {tags}")
    summaries = {f.name: etag(f.url, "/api/v1/summary") for f in everyone}
    check(len(set(summaries.values())) == 1, f"summary ETags differ: {summaries}")
    versions = {f.name: health(f.url)["data_version"] for f in everyone}
    check(len(set(versions.values())) == 1, f"data versions differ: {versions}")
    status, _, body = get(f1.url + "/api/v1/source")
    check(status == 200 and body.decode("utf-8") == variant(0),
          "a follower's /api/v1/source is not the source file, byte for byte")
    updated = {f.name: health(f.url)["data_updated_at"] for f in (source, f1, f3)}
    check(len(set(updated.values())) == 1,
          f"data_updated_at (the stale banner's date) is not passed down the chain: {updated}")
    status, _, _ = get(source.url + "/api/v1/source", method="POST")
    check(status == 405, f"POST /api/v1/source gave {status}, not 405")
    check(health(f1.url)["source"] == source.url, "a follower's /healthz names its source URL")

    # 2. An edit at the source shows at each follower within one poll (plus time to load it),
    #    and at the follower of a follower within two.
    write_plan(plan, variant(1))
    wait_for("the source loads its edited file", lambda: title_of(source.url) == "Variant 1", 5)
    seen = time.monotonic()
    for f in (f1, f2, *flaky.values()):
        wait_for(f"{f.name} shows the edit within one poll",
                 lambda f=f: title_of(f.url) == "Variant 1", POLL + 2)
    wait_for("the follower of a follower shows the edit within two polls",
             lambda: title_of(f3.url) == "Variant 1", 2 * POLL + 3)
    print(f"edit seen everywhere {time.monotonic() - seen:.2f} s after the source loaded it")
    tags = {f.name: etag(f.url) for f in everyone}
    check(len(set(tags.values())) == 1, f"after the edit, source ETags differ: {tags}")
    good = etag(f1.url, "/api/v1/summary")

    # 3. The source misbehaves behind the proxies: the last good plan stays, and /healthz says
    #    why. The feed keeps answering meanwhile.
    for proxy_mode, proxy in proxies.items():
        proxy.mode = proxy_mode
    expected = {"hang": "source unreachable since ", "garbage": "source sent an invalid plan",
                "big": "larger than the 16 MiB limit"}
    for proxy_mode, f in flaky.items():
        state = wait_for(f"{f.name} reports it", lambda f=f, m=proxy_mode: (
            (lambda h: h if h["status"] == "degraded" and expected[m] in (h["last_reload_error"] or "")
             else None)(health(f.url))), 10 + POLL + 5)  # 10 s: the read timeout of a hang
        if state:
            print(f"{f.name}: {state['last_reload_error']}")
        started = time.monotonic()
        check(etag(f.url, "/api/v1/summary") == good and title_of(f.url) == "Variant 1",
              f"{f.name} no longer serves the last good plan")
        check(time.monotonic() - started < 2 * SCALE, f"{f.name} answered slowly while its source misbehaved")
    check("source unreachable since" in flaky["hang"].stderr(), "the hang is not logged")
    for proxy in proxies.values():
        proxy.mode = "pass"
    # Back to normal: each recovers once its back-off (a few failures: at most 2^4 s) ends.
    for f in flaky.values():
        wait_for(f"{f.name} recovers", lambda f=f: health(f.url)["status"] == "ok", 16 + 10 + 3)

    # 4. The source is killed: its followers keep the plan and say since when it is gone; the
    #    follower of a follower still has a working source (its follower) and stays ok.
    source_port = source.port()
    source.kill()
    for f in (f1, f2):
        state = wait_for(f"{f.name} reports the source unreachable",
                         lambda f=f: (lambda h: h if h["status"] == "degraded" and
                                      (h["last_reload_error"] or "").startswith("source unreachable since ")
                                      else None)(health(f.url)), POLL + 3)
        if state:
            print(f"{f.name}: {state['last_reload_error']}")
        check(etag(f.url, "/api/v1/summary") == good, f"{f.name} lost its plan with the source")
    check(health(f3.url)["status"] == "ok", "the follower of a follower should not be degraded")

    # 5. Restarted on the same port with a newer plan: everyone catches up within the back-off.
    time.sleep(2)
    write_plan(plan, variant(2))
    source = Feed("source-restarted", work, "--port", str(source_port), "--data", plan)
    source.wait_listening()
    for f in (f1, f2, f3):
        wait_for(f"{f.name} shows the restarted source's plan",
                 lambda f=f: title_of(f.url) == "Variant 2", 16 + 2 * POLL + 3)
    for f in (f1, f2):
        wait_for(f"{f.name} is ok again", lambda f=f: health(f.url)["status"] == "ok", 3)
    tags = {f.name: etag(f.url) for f in (source, f1, f2, f3)}
    check(len(set(tags.values())) == 1, f"after the restart, source ETags differ: {tags}")

    https_checks(work, plan)

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


# ---- HTTPS ----

class SourceHandler(http.server.BaseHTTPRequestHandler):
    plan_bytes = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("ETag", '"tls-1"')
        self.send_header("Content-Length", str(len(self.plan_bytes)))
        self.end_headers()
        self.wfile.write(self.plan_bytes)

    def log_message(self, *args):
        pass


def https_checks(work, plan):
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", key, "-out", cert], capture_output=True, text=True)
    if not check(made.returncode == 0, f"openssl could not make a certificate: {made.stderr}"):
        return
    with open(plan, "rb") as plan_file:
        SourceHandler.plan_bytes = plan_file.read()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SourceHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    url = f"https://127.0.0.1:{port}"
    empty_store = os.path.join(work, "no-ca.pem")
    open(empty_store, "w").close()

    def check_run(env, data_url):
        full_env = dict(os.environ, **env)
        return subprocess.run([BIN, "--check", "--data", data_url], capture_output=True,
                              text=True, env=full_env, timeout=30 * SCALE)

    # Not trusted (a store without it): refused, and the reason is named.
    run = check_run({"SSL_CERT_FILE": empty_store, "SSL_CERT_DIR": work}, url)
    output = run.stdout + run.stderr
    check(run.returncode == 1, f"an untrusted certificate gave exit {run.returncode}")
    check("certificate of 127.0.0.1 was refused: self-signed certificate" in output,
          f"untrusted certificate, unclear message: {output.strip()[:400]}")
    # Trusted by the store OpenSSL reads (the system's, here pointed at this certificate).
    run = check_run({"SSL_CERT_FILE": cert}, url)
    check(run.returncode == 0, f"a trusted certificate was refused: {(run.stdout + run.stderr)[:400]}")
    # Trusted, but for another name.
    run = check_run({"SSL_CERT_FILE": cert}, f"https://localhost:{port}")
    output = run.stdout + run.stderr
    check(run.returncode == 1 and "was refused: it is not for localhost" in output,
          f"a certificate for another host: exit {run.returncode}, {output.strip()[:400]}")
    # A follower over HTTPS serves the same plan as the source.
    follower = Feed("https-follower", work, "--data", url, "--poll", "1", "--port", "0",
                    env={"SSL_CERT_FILE": cert})
    if follower.wait_listening():
        status, _, body = get(follower.url + "/api/v1/source")
        check(status == 200 and body == SourceHandler.plan_bytes,
              "the HTTPS follower does not serve the source's bytes")
    server.shutdown()


if __name__ == "__main__":
    code = 1
    try:
        code = main()
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    sys.exit(code)
