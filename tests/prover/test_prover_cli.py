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


@pytest.mark.parametrize("solver", ["minisat", "glucose", "cadical", "z3"])
def test_every_solver_from_the_command_line(capsys: pytest.CaptureFixture[str], solver) -> None:
    code, out, _ = run(capsys, LOB.text, "--solver", solver, "--format", "json")
    assert code == 0 and json.loads(out)["valid"] is True
    code, out, _ = run(capsys, "[]p -> p", "--solver", solver, "--format", "json")
    assert code == 1 and json.loads(out)["countermodel"] is not None


def test_unknown_solver_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "p", "--solver", "picosat")
    assert exit_info.value.code == 2
    assert "invalid choice: 'picosat'" in capsys.readouterr().err


def test_start_up_loads_neither_z3_nor_numpy() -> None:
    """`lobkit prove` imports only what it needs (start-up time, issue 11)."""
    import subprocess
    import sys

    code = (
        "import sys; from lobkit.cli import main; main(['prove', 'p -> p', '--format', 'json']);"
        "print(sorted(m for m in ('z3', 'numpy', 'sympy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
