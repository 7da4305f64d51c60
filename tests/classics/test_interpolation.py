"""Craig interpolation (Maehara's method on the prover's proofs)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import formulas

from lobkit.classics.interpolation import NotATheorem, interpolant
from lobkit.cli import main
from lobkit.formula import Formula, atoms_of, box, conj, disj, implies
from lobkit.prover import is_valid
from lobkit.syntax import parse

EXAMPLES = [
    ("[]p & []q", "[](p | r)", "[]p"),
    ("p & q", "q | r", "q"),
    ("~[]~(p & r)", "<>p", "<>p"),
    ("a & ~a", "b", "false"),
    ("a", "b | ~b", "true"),
    ("[]([]p -> p) & s", "[]p | t", None),
    ("[]false & a", "[]b", None),
    ("[](p -> q) & []p", "p -> []q", "[]q"),
    ("p & r", "[](p -> q) & []p -> []q | r", "r"),  # a body of the GL rule equals an atom
]


def _check(a: Formula, b: Formula, i: Formula) -> None:
    assert atoms_of(i) <= atoms_of(a) & atoms_of(b)
    assert is_valid(implies(a, i)) and is_valid(implies(i, b))


@pytest.mark.parametrize(("a", "b", "expected"), EXAMPLES)
def test_examples(a: str, b: str, expected: str | None) -> None:
    result = interpolant(parse(a), parse(b))
    _check(parse(a), parse(b), result.interpolant)
    if expected is not None:
        assert str(result.interpolant) == expected


def test_no_shared_atoms_gives_letterless() -> None:
    result = interpolant(parse("[]false & a"), parse("[]b"))
    assert result.shared_atoms == ()
    assert str(result.interpolant) == "[]false"


def test_not_a_theorem() -> None:
    with pytest.raises(NotATheorem, match="no interpolant exists") as info:
        interpolant(parse("[]p"), parse("p"))
    assert info.value.exit_code == 1
    assert info.value.result.countermodel is not None


# Valid implications by construction, with private atoms a (left) and b (right).
_shared = formulas(("p", "q"), max_leaves=4)
_left = formulas(("p", "a"), max_leaves=4)
_right = formulas(("q", "b"), max_leaves=4)


@st.composite
def _valid_pairs(draw: st.DrawFn) -> tuple[Formula, Formula]:
    x, y, c, d = draw(_shared), draw(_shared), draw(_left), draw(_right)
    shape = draw(st.integers(0, 2))
    if shape == 0:  # propositional weakening
        return conj(x, c), disj(x, d)
    if shape == 1:  # K: □(c → x) ∧ □c → □x
        return conj(box(implies(c, x)), box(c)), disj(box(x), d)
    return conj(box(implies(box(x), x)), c), disj(box(conj(x, y) | x), d)  # Löb


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_valid_pairs())
def test_random_interpolants(pair: tuple[Formula, Formula]) -> None:
    a, b = pair
    _check(a, b, interpolant(a, b).interpolant)


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interpolate", "[]p & []q", "[](p | r)", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"interpolant": "[]p", "shared_atoms": ["p"], "verified": True}


def test_cli_not_a_theorem_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interpolate", "[]p", "p"]) == 1
    assert "not a theorem of GL" in capsys.readouterr().err
