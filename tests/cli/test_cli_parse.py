"""`lobkit parse` and the command-line conventions (exit codes, JSON, one-line errors)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lobkit import __version__
from lobkit.cli import main
from lobkit.syntax import parse
from lobkit.syntax.printers import from_dag
from lobkit.zoo.verdicts import LOB


def test_unicode_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", LOB.text, "--format", "unicode"]) == 0
    assert capsys.readouterr().out == LOB.unicode + "\n"


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "[PA]p & <>q", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ascii"] == "[PA]p & <>q"
    assert data["unicode"] == "□_PA p ∧ ◇q"
    assert data["atoms"] == ["p", "q"]
    assert data["modal_depth"] == 1
    assert from_dag(data["tree"]) is parse("[PA]p & <>q")


def test_syntax_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "[](p ->"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0] == (
        "lobkit: error: <formula>:1:8: expected a formula after '->', found the end of the input"
    )
    assert lines[1:] == ["  [](p ->", "         ^"]


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["parse", "p", "--format", "nope"])
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_console_script_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "lobkit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"lobkit {__version__}"


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out
