"""A real `lobkit serve` under faults: a client that leaves stops its worker, a full queue is a
503, a streamed body is cut off at the cap without the server growing, SIGTERM answers the
requests in flight and leaves no process behind, a bind beyond loopback needs a token."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from lobkit.zoo.lwb_families import k_ph_p

HEAVY = json.dumps({"formula": str(k_ph_p(12)), "logic": "K"}).encode()  # a minute of search


class Server:
    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lobkit", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )
        assert self.process.stdout is not None
        self.line = self.process.stdout.readline()
        self.url = self.line.split(" on ", 1)[1].split()[0]
        parts = urlsplit(self.url)
        self.port = parts.port or 80
        self.token = parts.query.removeprefix("token=") or None
        deadline = time.monotonic() + 30
        while self.get("/api/health")[0] != 200:
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.2)

    def connect(self, timeout: float = 60) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def headers(self) -> dict[str, str]:
        token = {"Authorization": f"token {self.token}"} if self.token else {}
        return {"Content-Type": "application/json", **token}

    def get(self, path: str, **headers: str) -> tuple[int, str]:
        connection = self.connect(5)
        try:
            connection.request("GET", path, headers={**self.headers(), **headers})
            response = connection.getresponse()
            return response.status, response.read().decode()
        except OSError:
            return 0, ""
        finally:
            connection.close()

    def post(self, kind: str, body: bytes, timeout: float = 60) -> tuple[int, dict[str, Any]]:
        connection = self.connect(timeout)
        try:
            connection.request("POST", f"/api/{kind}", body=body, headers=self.headers())
            response = connection.getresponse()
            return response.status, {**json.loads(response.read()), **dict(response.headers)}
        finally:
            connection.close()

    def start(self, kind: str, body: bytes) -> http.client.HTTPConnection:
        """Send a request and leave its connection open (the answer unread)."""
        connection = self.connect()
        connection.request("POST", f"/api/{kind}", body=body, headers=self.headers())
        return connection

    def workers(self) -> set[int]:
        """The worker processes: children of the server's forkserver."""
        servers = children(self.process.pid)
        return {w for s in servers for w in children(s)}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition: Any, seconds: float) -> float:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, f"not within {seconds} s"
        time.sleep(0.05)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def one_worker() -> Iterator[Server]:
    server = Server("--timeout", "60", "--workers", "1", "--queue", "1")
    try:
        yield server
    finally:
        server.stop()


def test_a_client_that_leaves_stops_its_worker(one_worker: Server) -> None:
    before = one_worker.workers()
    heavy = one_worker.start("prove", HEAVY)
    wait_for(lambda: one_worker.workers() - before, 20)
    (worker,) = one_worker.workers() - before
    heavy.close()  # the page aborts a superseded fetch the same way
    assert wait_for(lambda: not alive(worker), 5) < 5
    start = time.monotonic()
    status, answer = one_worker.post("prove", b'{"formula": "[]p -> [][]p", "logic": "K4"}')
    assert status == 200 and answer["verdict"] == "theorem"
    assert time.monotonic() - start < 10  # the slot was free: it did not wait a minute


def test_a_full_queue_is_a_503_with_retry_after(one_worker: Server) -> None:
    before = one_worker.workers()
    running = one_worker.start("prove", HEAVY)
    wait_for(lambda: one_worker.workers() - before, 20)
    waiting = one_worker.start("prove", HEAVY)
    time.sleep(0.5)
    try:
        status, answer = one_worker.post("prove", b'{"formula": "p"}', timeout=10)
        assert status == 503 and "busy" in answer["error"] and int(answer["retry-after"]) >= 1
        # the live syntax check has a lane of its own: it does not wait behind proofs
        status, answer = one_worker.post("parse", b'{"formula": "[]p"}', timeout=10)
        assert status == 200
    finally:
        waiting.close()
        running.close()
    wait_for(lambda: not (one_worker.workers() - before), 5)


def test_a_streamed_body_is_cut_off_at_the_cap(one_worker: Server) -> None:
    connection = one_worker.connect()
    connection.putrequest("POST", "/api/prove")
    for key, value in one_worker.headers().items():
        connection.putheader(key, value)
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    chunk = b"x" * 100_000
    try:
        for _ in range(2000):  # 200 MB
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    except OSError:
        pass  # the server may close the connection: that is the point
    response = connection.getresponse()
    assert response.status == 413 and b"request body over" in response.read()
    connection.close()
    with open(f"/proc/{one_worker.process.pid}/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    assert peak < 150_000, f"the server grew to {peak} KB"


def test_json_nested_100000_deep_is_a_400(one_worker: Server) -> None:
    status, answer = one_worker.post("parse", b"[" * 100_000 + b"]" * 100_000)
    assert status == 400 and "deeper than" in answer["error"]


def test_sigterm_answers_the_requests_in_flight_and_leaves_no_process() -> None:
    server = Server("--timeout", "60")
    try:
        family = {server.process.pid, *children(server.process.pid)}
        answers: list[tuple[int, dict[str, Any]]] = []
        client = threading.Thread(target=lambda: answers.append(server.post("prove", HEAVY)))
        client.start()
        wait_for(lambda: server.workers(), 20)
        family |= server.workers()
        server.process.send_signal(signal.SIGTERM)
        client.join(10)
        assert answers and answers[0][0] == 503, answers
        assert "stopping" in answers[0][1]["error"]
        server.process.wait(10)
        assert server.process.returncode in (0, 143, -signal.SIGTERM)
        assert server.process.stderr is not None
        assert "Traceback" not in server.process.stderr.read()
        wait_for(lambda: not any(alive(pid) for pid in family), 5)
    finally:
        server.stop()


def test_a_bind_beyond_loopback_needs_the_printed_token() -> None:
    server = Server("--host", "0.0.0.0")
    try:
        assert server.token and len(server.token) >= 24, server.line
        assert server.get("/api/health")[0] == 200  # with the token
        token, server.token = server.token, None
        status, text = server.get("/api/health")
        assert status == 403 and "token" in text
        status, _ = server.get(f"/?token={token}")
        assert status == 303
        server.stop()
        assert server.process.stderr is not None
        warning = server.process.stderr.read()
        assert "warning: listening on 0.0.0.0 beyond this machine" in warning
    finally:
        server.stop()


def test_bad_serve_options_are_one_line() -> None:
    """`--host` refuses an address it cannot bind, `--max-memory` one too small for a worker,
    in one line (exit 2)."""
    done = subprocess.run(
        [sys.executable, "-m", "lobkit", "serve", "--host", "256.1.1.1", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "cannot listen on 256.1.1.1" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "lobkit", "serve", "--max-memory", "100", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "--max-memory must be 0 (no limit) or at least 512 MB" in done.stderr


def test_a_fetch_the_page_aborts_stops_its_worker(one_worker: Server) -> None:
    """The page aborts a superseded request with an AbortController: in Chromium that closes
    the connection, and the server stops the worker at once."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("BROWSER TESTS SKIPPED: playwright is not installed (pip install '.[dev]')")
    if chromium is None:
        pytest.skip("BROWSER TESTS SKIPPED: no chromium (apt-get install chromium; .ci/run does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"], headless=True)
        page: Any = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(one_worker.url)
        page.wait_for_selector("#verdict.theorem")
        page.wait_for_selector("#collapse-plot svg")
        wait_for(lambda: not one_worker.workers(), 20)  # the page's own requests are done
        page.evaluate(
            """body => {
                window.__abort = new AbortController();
                window.__outcome = fetch('/api/prove', {method: 'POST', body,
                    headers: {'Content-Type': 'application/json'}, signal: window.__abort.signal})
                  .then(r => 'answered ' + r.status, e => e.name);
            }""",
            HEAVY.decode(),
        )
        wait_for(lambda: one_worker.workers(), 20)
        (worker,) = one_worker.workers()
        page.evaluate("window.__abort.abort()")
        assert page.evaluate("window.__outcome") == "AbortError"
        assert wait_for(lambda: not alive(worker), 5) < 5
        browser.close()
