"""A real `lobkit serve` on a free port, for the API and browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def serving(timeout: float) -> Iterator[str]:
    """Start `python -m lobkit serve --port 0 --timeout T`, wait for its URL line, stop it."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "lobkit", "serve", "--port", "0", "--timeout", str(timeout)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "lobkit classroom on http://127.0.0.1:" in line, line
        url = line.split(" on ", 1)[1].split()[0]
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "api/health", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The page with a 20 s limit per request."""
    with serving(20) as url:
        yield url


@pytest.fixture(scope="session")
def quick_server() -> Iterator[str]:
    """The page with a 3 s limit: a hard formula reaches it soon (the race and cancel tests)."""
    with serving(3) as url:
        yield url
