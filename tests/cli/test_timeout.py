"""`--timeout` on a hard instance ends cleanly: exit 3, one line naming the seconds the user
gave, nothing on stdout, nothing written beside the output (issue 11).

Not a timing test: the bound (the timeout plus 10 s) only checks that the command ends at
all; the measured overruns are in docs/limits.md.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from lobkit.cli import main
from lobkit.zoo.lwb_families import k_ph_p

HARD = str(k_ph_p(10))  # the pigeonhole family: tens of seconds in GL, far above the limit


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_timeout_fails_cleanly_in_a_real_process(tmp_path: Path, fmt: str) -> None:
    timeout = 1.0
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "lobkit", "prove", "--logic", "GL", "--timeout", str(timeout)]
        + ["--format", fmt, HARD],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=timeout + 60,
    )
    elapsed = time.monotonic() - start
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr == (
        "lobkit: error: time limit of 1 s reached (raise it with --timeout, or timeout=)\n"
    )
    assert list(tmp_path.iterdir()) == []  # no temporary or partial file left behind
    assert elapsed < timeout + 10  # liveness only


def test_the_message_names_the_whole_budget_not_what_was_left(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # parsing takes part of the budget; the prover gets the rest, and reports the user's 0.5 s
    code = main(["prove", "--timeout", "0.5", HARD])
    out, err = capsys.readouterr()
    assert code == 3 and out == ""
    assert (
        err == "lobkit: error: time limit of 0.5 s reached (raise it with --timeout, or timeout=)\n"
    )


def test_a_run_that_finishes_keeps_its_certificate(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["prove", "--timeout", "60", "--format", "json", "[]([]p -> p) -> []p"])
    out, err = capsys.readouterr()
    assert code == 0 and err == "" and '"valid": true' in out
