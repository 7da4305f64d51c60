"""One infix printer for every exchange format: a table of spellings, parentheses only where
the format's grammar needs them, and an explicit stack of pieces (deep and long formulas print
in time linear in the output).

Binary connectives nest with parentheses around every binary operand, except the left operand
of a left-associative `&`/`|` chain (`a & b & c`), which every format here reads the same way.
That is the TPTP rule (different binary connectives never mix without parentheses) and is
unambiguous for LWB and InToHyLo whatever their own precedences, so a printed formula reads
back as the same tree: parse ∘ print = id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lobkit.formula import (
    AND,
    ATOM,
    BINARY,
    BOT,
    BOX,
    DIA,
    NOT,
    OR,
    TOP,
    Formula,
    UnhandledOperator,
)

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


_Item = str | tuple[Formula, bool]  # a piece of text, or a node and whether to parenthesise it
_Push = Callable[[_Item], None]
_Step = Callable[[Formula, Spelling, _Push], str]


def _atom(node: Formula, spelling: Spelling, push: _Push) -> str:
    assert node.label is not None
    return spelling.atom(node.label)


def _top(node: Formula, spelling: Spelling, push: _Push) -> str:
    return spelling.top


def _bot(node: Formula, spelling: Spelling, push: _Push) -> str:
    return spelling.bot


def _operand(node: Formula, spelling: Spelling, push: _Push) -> None:
    """The operand of a prefix operator: in parentheses when binary (or always, for TPTP)."""
    push((node, node.op in BINARY or spelling.wrap_unary))


def _neg(node: Formula, spelling: Spelling, push: _Push) -> str:
    _operand(node.args[0], spelling, push)
    return spelling.neg


def _box(node: Formula, spelling: Spelling, push: _Push) -> str:
    _operand(node.args[0], spelling, push)
    return spelling.box(node.label)


def _dia(node: Formula, spelling: Spelling, push: _Push) -> str:
    _operand(node.args[0], spelling, push)
    return spelling.dia(node.label)


def _binary(node: Formula, spelling: Spelling, push: _Push) -> str:
    """Binary operands in parentheses, except the left one of a same-connective & or | chain."""
    op, (left, right) = node.op, node.args
    push((right, right.op in BINARY))
    push(f" {spelling.binary[op]} ")
    push((left, left.op in BINARY and not (op in (AND, OR) and left.op == op)))
    return ""


_STEPS: dict[str, _Step] = {
    ATOM: _atom,
    TOP: _top,
    BOT: _bot,
    NOT: _neg,
    BOX: _box,
    DIA: _dia,
    **dict.fromkeys(BINARY, _binary),
}


def render(formula: Formula, spelling: Spelling) -> str:
    """`formula` written in `spelling`.

    Top-down, with an explicit stack of pending pieces joined once (as `lobkit.syntax.printers`):
    time linear in the output, where concatenating each sub-formula's string would be quadratic
    on long chains (64,000 conjuncts: seconds).
    """
    pieces: list[str] = []
    stack: list[_Item] = [(formula, False)]
    push, pop, out = stack.append, stack.pop, pieces.append
    while stack:
        item = pop()
        if isinstance(item, str):
            out(item)
            continue
        node, parenthesised = item
        if parenthesised:
            push(")")
            push((node, False))
            out("(")
            continue
        step = _STEPS.get(node.op)
        if step is None:
            raise UnhandledOperator(node.op, "the exchange-format printer")
        out(step(node, spelling, push))
    return "".join(pieces)
