"""The parse stage: frozen declarations with the places of their parts, as data."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from strategies import formulas

from lobkit.formula import Formula, theories_of
from lobkit.tiling import parsed as P
from lobkit.tiling.parse import parse_file
from lobkit.tiling.spec import Location
from lobkit.tiling.templates import SOURCE

ISSUE_EXAMPLE = """\
theory T[k] for k in 0..8 { extends T[k-1] if k > 0; reflect T[k-1] if k > 0 }
agent A[k] for k in 0..8 { theory T[k]; goal safe; actions build, halt }
depth A[8] expect 8
"""


def test_the_declarations_are_typed_frozen_and_located() -> None:
    file = parse_file(ISSUE_EXAMPLE, "i.lob")
    theory, agent, depth = file.statements
    assert isinstance(theory, P.TheoryDecl) and isinstance(agent, P.AgentDecl)
    assert theory.family == P.Family("k", 0, 8, Location("i.lob", 1, 22))
    extends, reflect = theory.items
    assert isinstance(extends, P.Extends) and isinstance(reflect, P.Reflect)
    assert extends.theory.label == "T[k-1]" and extends.location == Location("i.lob", 1, 29)
    assert extends.guard is not None and extends.guard.comparisons == (
        P.Comparison(">", P.Variable("k", Location("i.lob", 1, 47)), P.Number(0)),
    )
    assert depth == P.DepthDecl(
        P.Ref("A", P.Number(8), Location("i.lob", 3, 7)),
        P.Expectation("8", Location("i.lob", 3, 19)),
        Location("i.lob", 3, 1),
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        depth.location = Location("x", 1, 1)  # type: ignore[misc]
    assert SOURCE.get() == "<input>"  # the parse left no state behind


def test_the_issue_example_expands_to_nine_members() -> None:
    from lobkit.tiling import loads

    spec = loads(ISSUE_EXAMPLE)  # loading only: a depth over nine agents is slow to decide
    assert list(spec.agents) == [f"A_{k}" for k in range(9)]
    assert spec.theories["T_8"].reflects == ("T_7",) and spec.theories["T_0"].reflects == ()


def _boxes_in_text(text: str) -> list[tuple[str, int]]:
    """The test's oracle: where each theory box or diamond starts in the text, by regex."""
    return [
        (m.group(1), m.start() + 1) for m in re.finditer(r"[\[<]([A-Z][A-Za-z0-9_]*)[\]>]", text)
    ]


@settings(max_examples=80)
@given(formulas(theories=(None, "A", "Bee"), max_leaves=10))
def test_every_theory_box_is_located_at_its_token(formula: Formula) -> None:
    text = f"prove {formula}"
    (prove,) = parse_file(text, "f.lob").statements
    assert isinstance(prove, P.ProveDecl) and prove.formula.formula == formula
    found = [(use.ref.name, use.ref.location.column) for use in prove.formula.uses]
    assert all(use.ref.location.line == 1 and use.kind == "theory" for use in prove.formula.uses)
    assert found == _boxes_in_text(text)
    assert {name for name, _ in found} == {t for t in theories_of(formula) if t is not None}


def test_indexed_names_are_placeholders_with_their_expressions() -> None:
    (prove,) = parse_file("prove [T[2*k+1]]wait[k] -> <U[(k)]>p", "f.lob").statements
    assert isinstance(prove, P.ProveDecl)
    uses = prove.formula.uses
    assert [(u.kind, u.ref.label, u.ref.location.column) for u in uses] == [
        ("theory", "T[2*k+1]", 7),
        ("atom", "wait[k]", 17),
        ("theory", "U[k]", 28),
    ]
    assert str(prove.formula.formula) == "[T[2*k+1]]wait[k] -> <U[k]>p"


@pytest.mark.parametrize(
    ("written", "shown"),
    [("k-(j-1)", "k-(j-1)"), ("(k-j)-1", "k-j-1"), ("2*(k+1)", "2*(k+1)"), ("k+(1-j)", "k+1-j")],
)
def test_index_expressions_print_with_the_parentheses_they_need(written: str, shown: str) -> None:
    (consistent,) = parse_file(f"consistent T[{written}]", "f.lob").statements
    assert isinstance(consistent, P.ConsistentDecl)
    assert str(consistent.theory.index) == shown
