"""One infix printer for every exchange format: a table of spellings, parentheses only where
the format's grammar needs them, and an explicit-stack fold (deep formulas print fine).

Binary connectives nest with parentheses around every binary operand, except the left operand
of a left-associative `&`/`|` chain (`a & b & c`), which every format here reads the same way.
That is the TPTP rule (different binary connectives never mix without parentheses) and is
unambiguous for LWB and InToHyLo whatever their own precedences, so a printed formula reads
back as the same tree: parse ∘ print = id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lobkit.formula import AND, ATOM, BINARY, BOT, BOX, DIA, NOT, OR, TOP, Formula, fold

__all__ = ["Spelling", "render"]


@dataclass(frozen=True)
class Spelling:
    """How a format writes each connective.

    `box(label)` / `dia(label)` return the prefix for a box or diamond (label None: the plain
    one); `atom(name)` checks or maps an atom's name; `wrap_unary` puts every operand of a
    prefix operator in parentheses (TPTP's `{$box} @ (…)`).
    """

    top: str
    bot: str
    neg: str
    binary: dict[str, str]
    box: Callable[[str | None], str]
    dia: Callable[[str | None], str]
    atom: Callable[[str], str]
    wrap_unary: bool = False


_Text = tuple[str, bool]  # a printed operand, and whether it is binary (needs parentheses)


def render(formula: Formula, spelling: Spelling) -> str:
    """`formula` written in `spelling`."""

    def unary(prefix: str, operand: _Text) -> _Text:
        text, binary = operand
        if binary or spelling.wrap_unary:
            return f"{prefix}({text})", False
        return prefix + text, False

    def binary(node: Formula, args: tuple[_Text, ...]) -> _Text:
        op = node.op
        (left, left_binary), (right, right_binary) = args
        if left_binary and not (op in (AND, OR) and node.args[0].op == op):
            left = f"({left})"
        if right_binary:
            right = f"({right})"
        return f"{left} {spelling.binary[op]} {right}", True

    def variable(node: Formula, args: tuple[_Text, ...]) -> _Text:
        assert node.label is not None
        return spelling.atom(node.label), False

    cases: dict[str, Callable[[Formula, tuple[_Text, ...]], _Text]] = {
        ATOM: variable,
        TOP: lambda node, args: (spelling.top, False),
        BOT: lambda node, args: (spelling.bot, False),
        NOT: lambda node, args: unary(spelling.neg, args[0]),
        BOX: lambda node, args: unary(spelling.box(node.label), args[0]),
        DIA: lambda node, args: unary(spelling.dia(node.label), args[0]),
        **dict.fromkeys(BINARY, binary),
    }
    return fold(formula, cases, name="the exchange-format printer")[0]
