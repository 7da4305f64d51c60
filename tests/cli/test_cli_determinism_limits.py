"""Same input, same output — whatever Python's hash seed; bad limits are usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lobkit.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_with_hash_seed(seed: int, *argv: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-m", "lobkit", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    return done.stdout


def without_timings(text: str) -> object:
    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "seconds"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(text))


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "theories/tower.lob", "--format", "json"),
        ("prove", "[]([]p -> p) | [](q -> []q) -> [](p & q) | <>(~p & [][]q)", "--format", "json"),
        ("prove", "[](p | q) -> []p | []q", "--logic", "K4", "--format", "json"),
    ],
)
def test_output_does_not_depend_on_the_hash_seed(argv: tuple[str, ...]) -> None:
    first, second = run_with_hash_seed(1, *argv), run_with_hash_seed(2, *argv)
    assert first and without_timings(first) == without_timings(second)


@pytest.mark.parametrize(
    "argv",
    [
        ["prove", "p", "--timeout", "nan"],
        ["prove", "p", "--timeout", "inf"],
        ["prove", "p", "--timeout", "0"],
        ["prove", "p", "--max-proof-nodes", "-5"],
        ["check", "theories/tower.lob", "--timeout", "-1"],
        ["fixpoint", "[]p", "--var", "p", "--timeout", "nan"],
        ["letterless", "[]false", "--timeout", "x"],
        ["interpolate", "p", "p", "--timeout", "inf"],
    ],
)
def test_bad_limits_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("text", ["x\n", "hello world\n", "}\n", '"abc"\n'])
def test_theory_file_with_a_bad_first_token(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.lob"
    path.write_text(text)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lobkit: error: {path}:1:1: ") and "Traceback" not in err


def test_collapse_counts_generations_against_the_cap(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collapse", "-T", "1", "-G", "2000000000"]) == 3
    err = capsys.readouterr().err
    assert "--max-work" in err and len(err.strip().splitlines()) == 1


def test_demo_into_an_unwritable_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "collapse", "--out", "/proc/lobkit-demo"]) == 2
    assert "cannot write there" in capsys.readouterr().err


def test_meaning_errors_in_theory_files_show_a_caret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "unknown.lob"
    path.write_text("theory T0\ntheory T1 extends T9\n")
    assert main(["check", str(path)]) == 2
    first, context, caret = capsys.readouterr().err.rstrip("\n").split("\n")
    assert first == f"lobkit: error: {path}:2:19: unknown theory 'T9'"
    assert context == "  theory T1 extends T9"
    assert caret == "  " + " " * 18 + "^"
