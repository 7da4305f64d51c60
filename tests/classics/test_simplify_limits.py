"""The sympy-based simplifier (checked by the prover) and the time limits of the classics."""

from __future__ import annotations

import pytest

from lobkit.classics.fixed_points import fixed_point
from lobkit.classics.simplify import simplify
from lobkit.cli import main
from lobkit.errors import InputError, ResourceLimit
from lobkit.syntax import parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[](true -> q) -> q", "[]q -> q"),
        ("~[]~true", "~[]false"),
        ("[]true & p", "p"),
        ("~[]~(p & q)", "<>(p & q)"),
        ("(p & q) | (p & ~q)", "p"),
        ("<>false | r", "r"),
        ("[](p | ~p) -> []q", "[]q"),
    ],
)
def test_simplify(text: str, expected: str) -> None:
    assert str(simplify(parse(text))) == expected


def test_unconfirmed_simplification_is_discarded(monkeypatch: pytest.MonkeyPatch) -> None:
    import lobkit.classics.simplify

    monkeypatch.setattr(lobkit.classics.simplify, "is_valid", lambda formula, budget: False)
    f = parse("[](true -> q) -> q")
    assert simplify(f) is f


def test_timeout_gives_resource_limit() -> None:
    with pytest.raises(ResourceLimit, match="time limit"):
        fixed_point(parse("[]([]p -> q) -> [][]~p & r"), "p", timeout=1e-9)


def test_bad_timeout_is_input_error() -> None:
    with pytest.raises(InputError, match="timeout must be a positive, finite number"):
        fixed_point(parse("[]p"), "p", timeout=-1)


def test_cli_timeout_exit_3() -> None:
    assert main(["letterless", "[][]false -> []false", "--timeout", "1e-9"]) == 3


def test_theory_boxes_rejected() -> None:
    with pytest.raises(InputError, match="theory-indexed"):
        fixed_point(parse("[PA]p"), "p")
