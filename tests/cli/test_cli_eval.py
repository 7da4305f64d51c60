"""`lobkit eval` and `lobkit exercises` on the command line: output, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lobkit.cli import main


def test_eval_prints_every_world_with_its_reason_and_the_frame(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["eval", "w0 -> w1; w1: p", "[]p -> p"]) == 1  # fails at the root
    out = capsys.readouterr().out
    assert "w0 (root) ⊭ □p → p: the antecedent holds and the consequent fails" in out
    assert "w1 ⊨ □p → p: the consequent holds" in out
    assert "✗ not reflexive: no arrow w0 → w0" in out
    assert "a frame of K, K4, GL; not of" in out
    assert main(["eval", "w0 -> w1; w1: p", "[]p"]) == 0


def test_eval_reads_files_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    path = tmp_path / "model.json"
    path.write_text(json.dumps({"worlds": ["a", "b"], "relations": {"": [["a", "b"]]}}))
    assert main(["eval", str(path), "<>true", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["holds_at"] == ["a"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a -> a\n")))
    assert main(["eval", "-", "[]false"]) == 1


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["eval", "w0 -> w1; w1: P", "p"], 2, "lobkit: error: <model>:1:15: 'P' is not an atom"),
        (["eval", "missing.json", "p"], 2, "lobkit: error: cannot read missing.json"),
        (["eval", "w0", "p ->"], 2, "lobkit: error: <formula>:1:5"),
        (["eval", "w0 -> w1 -> w2", "p", "--max-model-worlds", "2"], 3, "--max-model-worlds"),
        (["exercises", "k-to-gl", "--answer", "nope", "--model", "w0"], 2, "no exercise 'nope'"),
        (["exercises", "k-to-gl", "--answer", "T-in-K"], 2, "--answer needs --model"),
        (["exercises", "k-to-gl", "--steps", "R-imp"], 2, "give --answer ID too"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith(message) or message in err.splitlines()[0]


def test_exercises_answers_exit_0_when_right_and_1_when_wrong(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["exercises", "k-to-gl", "--answer", "Lob-in-K4", "--model", "w0->w1;w1->w1"]) == 0
    assert "correct: a frame of K4" in capsys.readouterr().out
    assert main(["exercises", "k-to-gl", "--answer", "Lob-in-GL", "--model", "w0->w1;w1->w1"]) == 1
    assert "wrong: not a frame of GL: the relation is not irreflexive: w1 → w1" in (
        capsys.readouterr().out
    )
    assert main(["exercises", "k-to-gl", "--answer", "Lob-in-GL", "--steps", "R-imp; GLR"]) == 0
