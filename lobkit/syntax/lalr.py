"""The Lark side of formula parsing: the LALR parser over `formula.lark` and its Transformer
(`FormulaBuilder`, which the theory, agent and file-format grammars reuse). Lark's errors are
put into words by `lobkit.syntax.messages`.

`lobkit.syntax.parse` reads a well-formed formula without Lark (`lobkit.syntax.reader`); this
module is imported when a text is not one, to say why, and by the grammars built on this one.
The Transformer runs inline in the LALR parser (no parse tree is built), so a formula nested
10,000 deep parses without recursion.
"""

from __future__ import annotations

from functools import cache

from lark import Lark, Token, Transformer

from lobkit import formula as F
from lobkit.formula import Formula
from lobkit.syntax.frontend import open_grammar, parse_text

__all__ = ["FormulaBuilder", "parse_with_lark"]


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
    return _formula(parse_text(_parser(), text, source))
