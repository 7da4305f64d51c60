"""Formula → text in three notations (ASCII, Unicode, LaTeX), with minimal parentheses.

ASCII and Unicode output parse back to the same formula (the round trip is tested). Precedence
and associativity follow `formula.lark`: unary tightest, then &, |, -> (right), <-> (right).
Printing walks an explicit stack and emits pieces that are joined once, so it takes time and
memory linear in the output, however long or deep the formula.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lobkit.display import renders
from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    UnhandledOperator,
    postorder,
)

# Binding strength: higher binds tighter.
PRECEDENCE = {IFF: 1, IMP: 2, OR: 3, AND: 4, NOT: 5, BOX: 5, DIA: 5, ATOM: 6, TOP: 6, BOT: 6}
# (Associativity: `_STEPS` below prints & and | as left-, -> and <-> as right-associative.)


@dataclass(frozen=True)
class Notation:
    """The symbols of one notation."""

    top: str
    bot: str
    neg: str
    binary: dict[str, str]
    box: str
    diamond: str
    theory_box: str  # a format string with {theory}
    theory_diamond: str

    def atom(self, name: str) -> str:
        return name


class _Latex(Notation):
    def atom(self, name: str) -> str:
        # p, q1 → q_{1}, safe → \mathit{safe}
        stem = name.rstrip("0123456789")
        digits = name[len(stem) :]
        if len(stem) == 1:
            body = stem
        else:
            body = r"\mathit{" + stem.replace("_", r"\_") + "}"
        return body + (f"_{{{digits}}}" if digits else "")


ASCII = Notation(
    top="true",
    bot="false",
    neg="~",
    binary={AND: " & ", OR: " | ", IMP: " -> ", IFF: " <-> "},
    box="[]",
    diamond="<>",
    theory_box="[{theory}]",
    theory_diamond="<{theory}>",
)
UNICODE = Notation(
    top="⊤",
    bot="⊥",
    neg="¬",
    binary={AND: " ∧ ", OR: " ∨ ", IMP: " → ", IFF: " ↔ "},
    # The space after □_T keeps `□_T p` from lexing as the theory name `Tp`.
    box="□",
    diamond="◇",
    theory_box="□_{theory} ",
    theory_diamond="◇_{theory} ",
)
LATEX = _Latex(
    top=r"\top",
    bot=r"\bot",
    neg=r"\neg ",
    binary={AND: r" \wedge ", OR: r" \vee ", IMP: r" \to ", IFF: r" \leftrightarrow "},
    box=r"\Box ",
    diamond=r"\Diamond ",
    theory_box=r"\Box_{{\mathrm{{{theory}}}}} ",
    theory_diamond=r"\Diamond_{{\mathrm{{{theory}}}}} ",
)


_Item = str | tuple[Formula, int]  # a piece of text, or a node with the precedence it needs
# One function per operator: what a node prints before its operands, having pushed onto the
# stack what follows it (its operands and the text between them) in reverse order.
_Step = Callable[[Formula, Notation, int, Callable[[_Item], None]], str]


def _atom(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    assert node.label is not None
    return notation.atom(node.label)


def _top(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    return notation.top


def _bot(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    return notation.bot


def _neg(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    push((node.args[0], prec))
    return notation.neg


_Push = Callable[[_Item], None]


def _modal(node: Formula, prec: int, push: _Push, plain: str, indexed: str) -> str:
    """A box or diamond: its prefix (`plain`, or `indexed` with the theory), then its body."""
    push((node.args[0], prec))
    return plain if node.label is None else indexed.format(theory=node.label)


def _box(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    return _modal(node, prec, push, notation.box, notation.theory_box)


def _diamond(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    return _modal(node, prec, push, notation.diamond, notation.theory_diamond)


def _left(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    """A left-associative connective: a same-precedence right operand is parenthesised."""
    left, right = node.args
    push((right, prec + 1))
    push(notation.binary[node.op])
    push((left, prec))
    return ""


def _right(node: Formula, notation: Notation, prec: int, push: Callable[[_Item], None]) -> str:
    """A right-associative connective: a same-precedence left operand is parenthesised."""
    left, right = node.args
    push((right, prec))
    push(notation.binary[node.op])
    push((left, prec + 1))
    return ""


_STEPS: dict[str, _Step] = {
    ATOM: _atom,
    TOP: _top,
    BOT: _bot,
    NOT: _neg,
    BOX: _box,
    DIA: _diamond,
    AND: _left,
    OR: _left,
    IMP: _right,
    IFF: _right,
}


def _pieces(formula: Formula, notation: Notation) -> Iterator[str]:
    """The printed text of `formula` as a stream of pieces, left to right.

    An explicit stack of pending items (a piece of text, or a node with the precedence its
    context needs) is worked front to back, so the work is proportional to the output: joining
    the pieces is O(n) where building each sub-formula's string and concatenating would be
    O(n²) on long chains (64,000 conjuncts: seconds, not milliseconds) and deep nesting. That
    is why printing is not a bottom-up `fold`; it is table-driven all the same (`_STEPS`, one
    function per operator, `UnhandledOperator` for a missing one).
    """
    stack: list[_Item] = [(formula, 0)]
    push, pop = stack.append, stack.pop
    steps = _STEPS
    while stack:
        item = pop()
        if isinstance(item, str):
            yield item
            continue
        node, needed = item
        op = node.op
        step = steps.get(op)
        if step is None:
            raise UnhandledOperator(op, "the printer")
        prec = PRECEDENCE[op]
        if prec < needed:  # parenthesise; the closing one comes after the contents
            push(")")
            push((node, 0))
            yield "("
            continue
        text = step(node, notation, prec, push)
        if text:
            yield text


def render(formula: Formula, notation: Notation) -> str:
    """Print `formula` in `notation` with the fewest parentheses that parse back the same."""
    return "".join(_pieces(formula, notation))


def brief(formula: Formula, limit: int = 80, notation: Notation | None = None) -> str:
    """The start of `formula`'s text, at most about `limit` characters, with "…" when cut:
    for messages, which must stay one short line whatever the input (O(limit) work)."""
    out: list[str] = []
    length = 0
    for piece in _pieces(formula, notation or ASCII):
        out.append(piece)
        length += len(piece)
        if length > limit:
            return "".join(out)[:limit] + "…"
    return "".join(out)


@renders("lobkit.formula.Formula", "text")
def to_ascii(formula: Formula) -> str:
    """`[](p -> q)`: the ASCII syntax, parseable by `lobkit.parse` (also `str(formula)`)."""
    return render(formula, ASCII)


def to_unicode(formula: Formula) -> str:
    """`□(p → q)`: the Unicode syntax, parseable by `lobkit.parse`."""
    return render(formula, UNICODE)


def to_latex(formula: Formula) -> str:
    r"""`\Box (p \to q)`: LaTeX math-mode text (no surrounding dollars)."""
    return render(formula, LATEX)


@renders("lobkit.formula.Formula", "latex")
def latex_math(formula: Formula) -> str:
    """`$\\Box p$`: `to_latex` between dollars (Jupyter's `_repr_latex_` of a formula)."""
    return f"${to_latex(formula)}$"


def to_dag(formula: Formula) -> dict[str, Any]:
    """A JSON-able DAG: `{"nodes": [{"op", "label", "args": [indices]}], "root": index}`.

    Shared sub-formulas appear once and nesting depth never reaches the JSON encoder's limits.
    """
    index: dict[Formula, int] = {}
    nodes: list[dict[str, Any]] = []
    for node in postorder(formula):
        index[node] = len(nodes)
        entry: dict[str, Any] = {"op": node.op, "args": [index[a] for a in node.args]}
        if node.label is not None:
            entry["label"] = node.label
        nodes.append(entry)
    return {"nodes": nodes, "root": index[formula]}


def from_dag(data: dict[str, Any]) -> Formula:
    """Inverse of `to_dag`."""
    built: list[Formula] = []
    for entry in data["nodes"]:
        args = tuple(built[i] for i in entry["args"])
        built.append(Formula(entry["op"], args, entry.get("label")))
    root: int = data["root"]
    return built[root]
