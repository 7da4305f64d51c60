"""`lobkit prove` exit codes and formats."""

from __future__ import annotations

import json

import pytest

from lobkit.cli import main
from lobkit.zoo.verdicts import LOB


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["prove", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_theorem(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, LOB.text)
    assert code == 0 and "GLR" in out


def test_not_theorem_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, LOB.text, "--logic", "K4", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["valid"] is False and data["logic"] == "K4"
    assert data["countermodel"]["root"] == "w0" and data["proof"] is None


def test_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "[]p -> p", "--format", "dot")[1].startswith("digraph")
    assert "prooftree" in run(capsys, "[]p -> [][]p", "--format", "latex")[1]
    assert run(capsys, "[]p -> [][]p", "--format", "dot")[1].startswith("digraph proof")


def test_bad_input_and_limits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "[](p")
    assert code == 2 and out == ""
    code, out, err = run(
        capsys, "[][][][][][][][][]false -> [][][][][][][][]false", "--timeout", "0.000001"
    )
    assert code == 3 and out == "" and "time limit" in err
