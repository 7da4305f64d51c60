"""The Lark-free reader (`lobkit.syntax.reader`) accepts exactly what `formula.lark` accepts and
builds the very node Lark's Transformer builds; everything else it leaves to Lark."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.errors import ParseError
from lobkit.formula import Formula, box, implies
from lobkit.syntax import parse
from lobkit.syntax.lalr import parse_with_lark
from lobkit.syntax.reader import read

# Pieces that make formulas, near-formulas and lexer corner cases when strung together.
PIECES = (
    "p q p1 true false truex false_ tru ⊤ ⊥ ~ ¬ & ∧ | ∨ -> → <-> ↔ [] □ <> ◇ [T] [PA] <T> □_T "
    "◇_PA □_ [t] ( ) # - < > [ ] T _ 0 é"
).split() + [" ", "\n", "\t", "# c\n", "\u00a0"]


def lark_outcome(text: str) -> Formula | str:
    try:
        return parse_with_lark(text, "<t>")
    except ParseError as error:
        return f"ParseError: {error}"


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_the_reader_agrees_with_lark(text: str) -> None:
    expected = lark_outcome(text)
    got = read(text)
    if isinstance(expected, Formula):
        assert got is expected
    else:
        assert got is None
        assert f"ParseError: {_error(text)}" == expected  # parse's error is Lark's


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="pq~&|-><[]()TF_#\n ", max_size=40))
def test_the_reader_agrees_with_lark_on_any_text(text: str) -> None:
    expected = lark_outcome(text)
    got = read(text)
    assert got is expected if isinstance(expected, Formula) else got is None


SPACE = st.sampled_from(["", " ", "  ", "\n", " # c\n"])
ATOMS = st.sampled_from(["p", "q", "p1", "truex", "false_", "true", "false", "⊤", "⊥"])
PREFIX = st.sampled_from(["~", "¬", "[]", "□", "<>", "◇", "[T]", "<PA>", "□_T", "◇_PA"])
BINARY = st.sampled_from(["&", "∧", "|", "∨", "->", "→", "<->", "↔"])


TEXTS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.tuples(PREFIX, SPACE, inner).map("".join),
        st.tuples(inner, SPACE, BINARY, SPACE, inner).map("".join),
        st.tuples(st.just("("), SPACE, inner, SPACE, st.just(")")).map("".join),
    ),
    max_leaves=12,
)


@settings(max_examples=700, deadline=None)
@given(TEXTS, st.data())
def test_the_reader_agrees_with_lark_on_near_formulas(text: str, data: st.DataObject) -> None:
    # Mostly formulas (all of precedence and associativity), sometimes with a piece cut out.
    if text and data.draw(st.booleans()):
        start = data.draw(st.integers(0, len(text) - 1))
        text = text[:start] + text[start + data.draw(st.integers(1, 3)) :]
    expected = lark_outcome(text)
    got = read(text)
    assert got is expected if isinstance(expected, Formula) else got is None


def _error(text: str) -> str:
    with pytest.raises(ParseError) as caught:
        parse(text, source="<t>")
    return str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "p -> q -> r",
        "p <-> q <-> r",
        "p & q & r | s & t",
        "~p & []q -> <>r | [T]s <-> <PA>t",
        "□_PA p ∧ ◇_T q → ¬⊥ ∨ ⊤",
        "((p))",
        "[][]~~p # a comment",
    ],
)
def test_precedence_and_grouping(text: str) -> None:
    assert read(text) is parse_with_lark(text, "<t>")


def test_deep_nesting_needs_no_recursion() -> None:
    depth = 20_000
    assert read("(" * depth + "p" + ")" * depth) is Formula("atom", (), "p")
    assert read("[]" * depth + "p") is box(Formula("atom", (), "p"), depth)
    assert read(" -> ".join(["p"] * depth)) is not None
    assert read("[]p -> p") is implies(box(Formula("atom", (), "p")), Formula("atom", (), "p"))


def test_parsing_a_formula_does_not_import_lark() -> None:
    code = (
        "import sys; from lobkit.syntax import parse; parse('[]([]p -> p) -> []p');"
        "print('lark' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
