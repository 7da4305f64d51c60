"""Letterless sentences: normal form, truth in ℕ, provability, traces."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import letterless

from lobkit.classics.letterless import (
    letterless_normal_form,
    rank_values,
    standard_model_truth,
    trace,
)
from lobkit.cli import main
from lobkit.errors import InputError
from lobkit.formula import BOT, BOX, TOP, Formula, atoms_of, bot, box, iff, postorder
from lobkit.prover import is_valid
from lobkit.syntax import parse

# (formula, true in ℕ, provable in GL) — the table of issue 4.
TABLE = [
    ("~[]false", True, False),  # Con(PA): true, unprovable (Gödel II)
    ("~[][]false", True, False),
    ("<>[]false", True, False),
    ("[][]false -> []false", True, False),
    ("[]false", False, False),
    ("[]~[]false", False, False),  # "PA proves its consistency": false
    ("[]<>true", False, False),
    ("[]([]false -> false) -> []false", True, True),  # Löb for ⊥
]


@pytest.mark.parametrize(("text", "true", "provable"), TABLE)
def test_table(text: str, true: bool, provable: bool) -> None:
    report = standard_model_truth(parse(text))
    assert report.true_in_standard_model is true
    assert report.provable is provable
    assert report.trace[-1] is true
    assert is_valid(iff(parse(text), report.normal_form))


def test_traces_and_normal_forms() -> None:
    assert trace(parse("~[]false")) == (False, True)
    assert trace(parse("[][]false -> []false")) == (True, False, True)
    assert trace(parse("true")) == (True,)
    assert str(letterless_normal_form(parse("<>[]false"))) == "~[]false"
    assert str(letterless_normal_form(parse("[]([]false -> false) -> []false"))) == "true"


def test_rank_values_constant_from_modal_depth() -> None:
    f = box(bot, 5)
    assert rank_values(f) == (True,) * 5 + (False,)


def test_atoms_rejected() -> None:
    with pytest.raises(InputError, match="not letterless"):
        standard_model_truth(parse("[]p"))


def _is_boolean_in_box_n_bot(f: Formula) -> bool:
    for node in postorder(f):
        if node.op == BOX and node.args[0].op not in (BOT, BOX):
            return False
        if node.op == "dia":
            return False
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letterless())
def test_random_letterless(f: Formula) -> None:
    report = standard_model_truth(f)
    nf = report.normal_form
    assert not atoms_of(nf)
    assert _is_boolean_in_box_n_bot(nf) or nf.op == TOP
    assert is_valid(iff(f, nf))
    # The eventual value is the value at every rank beyond the modal depth.
    assert report.true_in_standard_model == rank_values(f)[-1]
    assert report.provable == is_valid(f) == all(rank_values(f))


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letterless", "~[][]false", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "normal_form": "~[][]false",
        "true_in_standard_model": True,
        "provable": False,
        "trace": [False, False, True],
    }


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letterless", "[]false"]) == 0
    out = capsys.readouterr().out
    assert "normal form: []false" in out and "true in the standard model: no" in out


def test_cli_letter_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letterless", "[]p"]) == 2
    assert "not letterless" in capsys.readouterr().err
