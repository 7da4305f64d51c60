"""Fixed points (de Jongh–Sambin): the classic table, systems, errors, random formulas."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import modalized_in_p

from lobkit.classics.fixed_points import fixed_point, solve_fixed_points
from lobkit.cli import main
from lobkit.errors import InputError
from lobkit.formula import Formula, atoms_of, dotbox, iff, implies, substitute
from lobkit.prover import is_valid
from lobkit.syntax import parse

CLASSICS = [
    ("~[]p", "~[]false"),  # Gödel: the sentence saying "I am unprovable" ↔ consistency
    ("[]p", "true"),  # Henkin: "I am provable" is provable
    ("[]~p", "[]false"),  # "I am refutable" ↔ inconsistency
    ("[]p -> q", "[]q -> q"),  # Löb: "if I am provable then q"
    ("<>p", "false"),
    ("~[]~p", "false"),
    ("[]p <-> []~p", "[][]false -> []false"),
]


@pytest.mark.parametrize(("text", "expected"), CLASSICS)
def test_classic_fixed_points(text: str, expected: str) -> None:
    result = fixed_point(parse(text), "p")
    assert result.verified
    assert is_valid(iff(result.solution, parse(expected)))
    assert str(result.solution) == expected  # and in exactly this readable form


def _is_fixed_point(a: Formula, h: Formula, var: str = "p") -> bool:
    p = parse(var)
    return is_valid(iff(h, substitute(a, {var: h}))) and is_valid(
        implies(dotbox(iff(p, a)), iff(p, h))
    )


def test_several_boxes_and_parameters() -> None:
    a = parse("[]([]p -> q) -> [][]~p & r")
    result = fixed_point(a, "p")
    assert "p" not in atoms_of(result.solution)
    assert _is_fixed_point(a, result.solution)


def test_variable_given_as_formula_and_other_name() -> None:
    result = fixed_point(parse("~[]x"), parse("x"))
    assert str(result.solution) == "~[]false"
    assert result.to_json() == {"fixpoint": "~[]false", "verified": True}


def test_not_modalized_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not modalized in p"):
        fixed_point(parse("p & []p"), "p")


def test_system_solved_jointly() -> None:
    system = solve_fixed_points({"p": parse("~[]q"), "q": parse("[]p")})
    assert system.verified
    assert str(system.solution("p")) == "~[][]false"
    assert str(system.solution("q")) == "[]false"


def test_system_with_parameter_is_verified() -> None:
    equations: dict[str, Formula] = {"p": parse("[](q -> r)"), "q": parse("~[]p | <>(q & r)")}
    system = solve_fixed_points(equations)
    sol: dict[str | Formula, Formula] = dict(system.solutions)
    assert all(not ({"p", "q"} & atoms_of(h)) for h in sol.values())
    for name, a in equations.items():
        assert is_valid(iff(sol[name], substitute(a, sol)))


def test_system_rejects_unmodalized_equation() -> None:
    with pytest.raises(InputError, match="not modalized in q"):
        solve_fixed_points({"p": parse("[]q"), "q": parse("q | []p")})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modalized_in_p())
def test_random_fixed_points_verify(a: Formula) -> None:
    h = fixed_point(a, "p").solution
    assert "p" not in atoms_of(h)
    assert atoms_of(h) <= atoms_of(a)
    assert _is_fixed_point(a, h)


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fixpoint", "[]p -> q", "--var", "p", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"fixpoint": "[]q -> q", "verified": True}


def test_cli_system(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["fixpoint", "--equation", "p=~[]q", "--equation", "q=[]p", "--format", "json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"fixpoints": {"p": "~[][]false", "q": "[]false"}, "verified": True}


def test_cli_not_modalized_exit_2_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fixpoint", "p | []p", "--var", "p"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not modalized in p" in err


def test_cli_parse_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fixpoint", "[]p ->"]) == 2
