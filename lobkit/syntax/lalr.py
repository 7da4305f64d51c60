"""The Lark side of formula parsing: the LALR parser over `formula.lark`, its Transformer
(`FormulaBuilder`, which the theory, agent and file-format grammars reuse) and the translation
of Lark's errors into `ParseError`s that say what was expected in words ("expected a formula
after '->'"), never an internal token name.

`lobkit.syntax.parse` reads a well-formed formula without Lark (`lobkit.syntax.reader`); this
module is imported when a text is not one, to say why, and by the grammars built on this one.
The Transformer runs inline in the LALR parser (no parse tree is built), so a formula nested
10,000 deep parses without recursion.
"""

from __future__ import annotations

from functools import cache

from lark import Lark, Token, Transformer, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from lobkit import formula as F
from lobkit.errors import ParseError
from lobkit.formula import Formula
from lobkit.syntax.frontend import open_grammar, run
from lobkit.syntax.parser import FORMULA_START, TERMINAL_WORDS

__all__ = ["FormulaBuilder", "parse_with_lark", "syntax_error"]


class FormulaBuilder(Transformer[Token, Formula]):
    """One method per grammar alias; builds interned `Formula` nodes."""

    def atom(self, items: list[Token]) -> Formula:
        return F.atom(str(items[0]))

    def top(self, items: list[Token]) -> Formula:
        return F.top

    def bot(self, items: list[Token]) -> Formula:
        return F.bot

    def neg(self, items: list[object]) -> Formula:
        return F.neg(_formula(items[1]))

    def box(self, items: list[object]) -> Formula:
        return F.box(_formula(items[1]))

    def diamond(self, items: list[object]) -> Formula:
        return F.diamond(_formula(items[1]))

    def theory_box(self, items: list[object]) -> Formula:
        return F.box(_formula(items[1]), theory=_theory_name(items[0]))

    def theory_diamond(self, items: list[object]) -> Formula:
        return F.diamond(_formula(items[1]), theory=_theory_name(items[0]))

    def conj(self, items: list[object]) -> Formula:
        return F.conj(_formula(items[0]), _formula(items[2]))

    def disj(self, items: list[object]) -> Formula:
        return F.disj(_formula(items[0]), _formula(items[2]))

    def implies(self, items: list[object]) -> Formula:
        return F.implies(_formula(items[0]), _formula(items[2]))

    def iff(self, items: list[object]) -> Formula:
        return F.iff(_formula(items[0]), _formula(items[2]))

    def primary(self, items: list[object]) -> Formula:
        # `( formula )`: the parentheses are tokens around the one sub-formula.
        return _formula(items[1])


def _formula(item: object) -> Formula:
    assert isinstance(item, Formula), item
    return item


def _theory_name(token: object) -> str:
    """`[PA]`, `<PA>`, `□_PA` or `◇_PA` → `PA`."""
    text = str(token)
    return text[1:-1] if text[0] in "[<" else text[2:]


@cache
def _parser(start: str = "start") -> Lark:
    return open_grammar("formula.lark", transformer=FormulaBuilder(), start=start)


def parse_with_lark(text: str, source: str) -> Formula:
    """`text` parsed by Lark: the formula, or the `ParseError` that says what is wrong."""
    return _formula(run(_parser(), text, source))


def syntax_error(
    error: UnexpectedInput,
    text: str,
    source: str,
    words: dict[str, str] | None = None,
    lark: Lark | None = None,
) -> ParseError:
    """Translate a Lark error into a `ParseError` whose message is written for people.

    `words` extends `TERMINAL_WORDS` and `lark` replaces the formula lexer, for grammars that
    import this one (theory files).
    """
    table = {**TERMINAL_WORDS, **(words or {})}
    lines = text.splitlines() or [""]
    if isinstance(error, UnexpectedToken):
        token = error.token
        at_end = token.type == "$END"
        # `accepts` (from the interactive parser) is exact; LALR's `expected` may over-report.
        expected = set(getattr(error, "accepts", None) or error.expected)
        wanted = _words(expected, table)
        end = len(text) if at_end else (error.pos_in_stream or 0)
        previous = _previous_token(lark or _parser(), text, end)
        found = "the end of the input" if at_end else repr(str(token))
        message = f"expected {wanted}" + (f" after {previous!r}" if previous else "")
        message += f", found {found}"
        if at_end:
            line = len(lines)
            column = len(lines[-1]) + 1
            if text.endswith("\n"):
                line, column = line + 1, 1
                lines.append("")
        else:
            line, column = token.line or 1, token.column or 1
    elif isinstance(error, UnexpectedCharacters):
        line, column = error.line, error.column
        position = error.pos_in_stream or 0
        char = text[position] if position < len(text) else ""
        message = f"unexpected character {char!r}"
        if char.isupper():
            message += " (atoms start lowercase; theory names appear in boxes like [T]p)"
        elif char in "[<" and text[position + 1 : position + 2].islower():
            message += " (a theory name in a box starts uppercase: [T]p, <T>p)"
        elif error.allowed:
            message += f"; expected {_words(set(error.allowed), table)}"
    else:  # pragma: no cover - other Lark errors carry the same position fields
        line, column = getattr(error, "line", 1), getattr(error, "column", 1)
        message = "syntax error"
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    return ParseError(message, line=line, column=column, source_line=source_line, source=source)


def _words(expected: set[str], table: dict[str, str]) -> str:
    """Words for expected terminal names: 'a formula', "')'", "'&' or ')'"."""
    # Grammars importing this one see our terminals namespaced, as `formula__ATOM`.
    names = {name.rsplit("__", 1)[-1] for name in expected}
    words = []
    if names & FORMULA_START:
        words.append("a formula")
        names -= FORMULA_START
    words += sorted({table.get(n, n.lower().replace("_", " ")) for n in names})
    if not words:
        return "something else"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _previous_token(lark: Lark, text: str, position: int) -> str | None:
    """The text of the last token that ends before `position` (for 'after ...' messages)."""
    head = text[:position].rstrip()
    if not head:
        return None
    try:
        tokens = list(lark.lex(head))
    except UnexpectedInput:
        return None
    return str(tokens[-1]) if tokens else None
