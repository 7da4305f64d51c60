"""Ctrl-C ends a class: `lobkit serve` stops cleanly (exit 0, one line), no "error"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request


def test_ctrl_c_stops_the_server_cleanly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "lobkit", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split(" on ", 1)[1].split()[0]
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "api/health", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert err.strip() == "lobkit classroom stopped", err
