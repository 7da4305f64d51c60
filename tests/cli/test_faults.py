"""Faults around a command (issue 13): a full stdout, unwritable output folders, signals in
the middle of a z3 call, hostile numbers, messages that stay short, nothing half-written."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lobkit import formula as F
from lobkit.cli import main
from lobkit.outputs import write_text
from lobkit.syntax.printers import to_latex
from lobkit.zoo.lwb_families import k_ph_p


class _Full(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_stdout_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _Full())
    monkeypatch.setattr("lobkit.cli.silence_stdout", lambda: None)
    assert main(["prove", "[]p"]) == 2
    assert (
        capsys.readouterr().err
        == "lobkit: error: cannot write the output: no space left on device\n"
    )


def test_dev_full_through_the_real_command() -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "lobkit", "prove", "[]p"], stdout=full, stderr=subprocess.PIPE
        )
    assert run.returncode == 2
    assert run.stderr.decode().strip().splitlines() == [
        "lobkit: error: cannot write the output: no space left on device"
    ]


def test_unwritable_output_folders(capsys: pytest.CaptureFixture[str]) -> None:
    # /sys refuses new files even to root, where a chmod-ed folder would not.
    assert main(["collapse", "-T", "10", "-G", "3", "--plot", "/sys/lobkit.png"]) == 2
    err = capsys.readouterr().err
    assert err == "lobkit: error: cannot write /sys/lobkit.png: permission denied\n"
    assert main(["demo", "paralysis", "--out", "/sys/lobkit-demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lobkit: error:") and "Traceback" not in err


def test_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def broken(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(Exception, match="cannot write"):
        write_text(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize(
    ("signum", "solver"),
    [(signal.SIGINT, "z3"), (signal.SIGTERM, "z3"), (signal.SIGINT, "minisat")],
)
def test_a_signal_inside_the_solver_exits_promptly(signum: int, solver: str) -> None:
    # z3 is imported lazily, after the watcher: its own Ctrl-C handler must still be off
    # (it turned SIGINT into "the z3 solver gave up", exit 3).
    formula = str(k_ph_p(12))  # the SAT solver works on this far longer than the test waits
    process = subprocess.Popen(
        [sys.executable, "-m", "lobkit", "prove", formula, "--logic", "K", "--solver", solver],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(4)  # start-up, parsing, and well into the search
    sent = time.monotonic()
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    waited = time.monotonic() - sent
    word = "interrupted" if signum == signal.SIGINT else "terminated"
    assert process.returncode == 128 + signum
    assert err.decode().strip().splitlines() == [f"lobkit: error: {word}"]
    assert waited < 5  # GRACE is 1.5 s; the rest is a loaded machine's slack


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["combat", "FairBot_99999999999999999999", "FairBot"], "at most 1,000"),
        (["combat", "FairBot_١", "FairBot"], "ASCII digits"),
        (["prove", "p", "--max-proof-nodes", "99999999999999999999"], "at most"),
        (["collapse", "-N", "١٠"], "ASCII digits"),
    ],
)
def test_numbers_are_bounded_ascii(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(argv)
    except SystemExit as usage:  # argparse's own exit, for a bad flag value
        code = int(usage.code or 0)
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and len(err.splitlines()) == 1


def test_a_huge_k_in_an_agent_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.agents"
    path.write_text("agent A = [99999999999999999999]them\n")
    assert main(["combat", "--agents", str(path), "A", "FairBot"]) == 2
    assert "a.agents:1:11: the k of [k] must be at most 1,000" in capsys.readouterr().err


def test_box_counts_are_bounded() -> None:
    with pytest.raises(ValueError, match="box count must be at most 1,000,000"):
        F.box(F.atom("p"), 10**12)


def test_errors_do_not_echo_a_huge_input(capsys: pytest.CaptureFixture[str]) -> None:
    big = " & ".join(["p"] * 30000)
    assert main(["fixpoint", big, "--var", "p"]) == 2
    assert len(capsys.readouterr().err) < 400
    assert main(["letterless", big]) == 2
    assert len(capsys.readouterr().err) < 400


def test_long_and_deep_formulas_print() -> None:
    p = F.atom("p")
    chain = F.conjunction([p] * 64000)
    assert str(chain) == " & ".join(["p"] * 64000)
    deep = p
    for _ in range(20000):
        deep = F.neg(deep)
    assert to_latex(deep) == r"\neg " * 20000 + "p"
    assert main(["parse", str(deep), "--format", "json"]) == 0
