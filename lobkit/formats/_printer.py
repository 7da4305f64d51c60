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


def render(formula: Formula, spelling: Spelling) -> str:
    """`formula` written in `spelling`."""

    def visit(node: Formula, args: tuple[tuple[str, bool], ...]) -> tuple[str, bool]:
        # Each result is (text, is_binary): binary results need parentheses as operands.
        op = node.op
        if op == ATOM:
            assert node.label is not None
            return spelling.atom(node.label), False
        if op == TOP:
            return spelling.top, False
        if op == BOT:
            return spelling.bot, False
        if op in (NOT, BOX, DIA):
            text, binary = args[0]
            prefix = (
                spelling.neg
                if op == NOT
                else (spelling.box if op == BOX else spelling.dia)(node.label)
            )
            if binary or spelling.wrap_unary:
                return f"{prefix}({text})", False
            return prefix + text, False
        assert op in BINARY
        (left, left_binary), (right, right_binary) = args
        if left_binary and not (op in (AND, OR) and node.args[0].op == op):
            left = f"({left})"
        if right_binary:
            right = f"({right})"
        return f"{left} {spelling.binary[op]} {right}", True

    return fold(formula, visit)[0]
