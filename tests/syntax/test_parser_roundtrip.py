"""Every printer round-trips through the parser; malformed input reports its exact position."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from strategies import deep_chains, formulas

from lobkit import formula as F
from lobkit.errors import ParseError
from lobkit.syntax import parse, to_ascii, to_latex, to_unicode
from lobkit.zoo.verdicts import EXAMPLES

any_formula = formulas(theories=(None, "PA", "T1"))


@given(any_formula)
def test_ascii_round_trip(f: F.Formula) -> None:
    assert parse(to_ascii(f)) is f


@given(any_formula)
def test_unicode_round_trip(f: F.Formula) -> None:
    assert parse(to_unicode(f)) is f


# LaTeX is not parsed by lobkit; map its symbols back to ASCII to check the parenthesisation.
LATEX_TO_ASCII = [  # \top before \to
    (r"\top", "true"),
    (r"\bot", "false"),
    (r"\leftrightarrow", "<->"),
    (r"\to", "->"),
    (r"\wedge", "&"),
    (r"\vee", "|"),
    (r"\neg", "~"),
]


def latex_to_ascii(text: str) -> str:
    text = re.sub(r"\\Box_\{\\mathrm\{(\w+)\}\}", r"[\1]", text)
    text = re.sub(r"\\Diamond_\{\\mathrm\{(\w+)\}\}", r"<\1>", text)
    text = text.replace(r"\Box", "[]").replace(r"\Diamond", "<>")
    for latex, ascii_ in LATEX_TO_ASCII:
        text = text.replace(latex, ascii_)
    return text


@given(formulas(theories=(None, "PA")))
def test_latex_parenthesisation_matches(f: F.Formula) -> None:
    assert parse(latex_to_ascii(to_latex(f))) is f


@given(deep_chains())
def test_deep_chains_round_trip(f: F.Formula) -> None:
    assert parse(to_ascii(f)) is f
    assert parse(to_unicode(f)) is f


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *((e.text, e.unicode) for e in EXAMPLES),
        ("p & q & r", "p ∧ q ∧ r"),
        ("p & (q & r)", "p ∧ (q ∧ r)"),
        ("p -> q -> r", "p → q → r"),
        ("(p -> q) -> r", "(p → q) → r"),
        ("p <-> q <-> r", "p ↔ q ↔ r"),
        ("~~[PA]p | <T1>~q", "¬¬□_PA p ∨ ◇_T1 ¬q"),
        ("true & ~false", "⊤ ∧ ¬⊥"),
        ("[](p | q) & <>r -> p", "□(p ∨ q) ∧ ◇r → p"),
    ],
)
def test_known_unicode_prints(text: str, expected: str) -> None:
    assert to_unicode(parse(text)) == expected
    assert parse(expected) is parse(text)


def test_precedence_and_associativity() -> None:
    p, q, r = F.atoms("p q r")
    assert parse("p | q & r") is F.disj(p, F.conj(q, r))
    assert parse("~p & q") is F.conj(F.neg(p), q)
    assert parse("[]p -> q") is F.implies(F.box(p), q)
    assert parse("p -> q -> r") is F.implies(p, F.implies(q, r))
    assert parse("p <-> q -> r") is F.iff(p, F.implies(q, r))
    # a <-> b <-> c reads a <-> (b <-> c)
    assert parse("p <-> q <-> r") is F.iff(p, F.iff(q, r))
    assert parse("p & q & r") is F.conj(F.conj(p, q), r)


def test_keywords_and_identifiers() -> None:
    assert parse("true") is F.top
    assert parse("⊥") is F.bot
    assert parse("truex") is F.atom("truex")
    assert parse("false_alarm") is F.atom("false_alarm")
    assert parse("pressed_eventually & q1") is F.conj(F.atom("pressed_eventually"), F.atom("q1"))


def test_comments_and_newlines() -> None:
    assert parse("[]p   # a comment\n -> p") is F.implies(F.box(F.atom("p")), F.atom("p"))


def test_latex_symbols() -> None:
    assert to_latex(parse("[PA]safe1 -> <>~q")) == (
        r"\Box_{\mathrm{PA}} \mathit{safe}_{1} \to \Diamond \neg q"
    )


MALFORMED = [
    # text, line, column, words the message must contain
    ("[](p ->", 1, 8, "expected a formula after '->'"),
    ("", 1, 1, "expected a formula"),
    ("p q", 1, 3, "found 'q'"),
    ("p & )", 1, 5, "expected a formula after '&'"),
    ("(p", 1, 3, "expected ')' after 'p'"),
    ("p $ q", 1, 3, "unexpected character '$'"),
    ("P -> q", 1, 1, "atoms start lowercase"),
    ("[]p ->\n  (q &", 2, 7, "expected a formula after '&'"),
    ("p ->\n\n  -> q", 3, 3, "expected a formula after '->'"),
    ("[T p", 1, 1, "unexpected character '['"),
    ("p <- q", 1, 3, "unexpected character '<'"),
    ("~", 1, 2, "expected a formula after '~'"),
]


@pytest.mark.parametrize(("text", "line", "column", "words"), MALFORMED)
def test_malformed_input_reports_position(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(ParseError, match=re.escape(words)) as caught:
        parse(text)
    error = caught.value
    assert (error.line, error.column) == (line, column)
    assert words in error.message
    first, context, caret = str(error).split("\n")
    assert first.startswith(f"<input>:{line}:{column}: ")
    assert context == "  " + text.splitlines()[line - 1] if text else context == "  "
    assert caret == "  " + " " * (column - 1) + "^"
    # never an internal token name in the message
    assert not re.search(r"\b[A-Z]{3,}(_[A-Z]+)*\b", error.message.replace("'", ""))


def test_caret_sits_under_the_column() -> None:
    with pytest.raises(ParseError, match=re.escape("<input>:1:10:")) as caught:
        parse("p & (q | )")
    _, context, caret = str(caught.value).split("\n")
    assert context == "  p & (q | )"
    assert caret == "  " + " " * 9 + "^"


def test_ten_thousand_boxes() -> None:
    text = "[]" * 10_000 + "p"
    f = parse(text)
    assert f.modal_depth == 10_000 and f.height == 10_001
    assert f is F.box(F.atom("p"), 10_000)
    assert hash(f) == hash(F.box(F.atom("p"), 10_000))
    assert to_ascii(f) == text
    assert to_unicode(f) == "□" * 10_000 + "p"
    assert to_latex(f).count(r"\Box") == 10_000
    assert len(F.subformulas(f)) == 10_001
    assert F.substitute(f, {"p": F.atom("q")}) is F.box(F.atom("q"), 10_000)


def test_ten_thousand_parentheses_and_negations() -> None:
    f = parse("(" * 10_000 + "p" + ")" * 10_000)
    assert f is F.atom("p")
    g = parse("~" * 10_000 + "p")
    assert g.size == 10_001
    right = parse(" -> ".join(["p"] * 5_000))
    assert right.height == 5_000 and parse(to_ascii(right)) is right
