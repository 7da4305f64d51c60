"""Formula → text in three notations (ASCII, Unicode, LaTeX), with minimal parentheses.

ASCII and Unicode output parse back to the same formula (the round trip is tested). Precedence
and associativity follow `formula.lark`: unary tightest, then &, |, -> (right), <-> (right).
Printing is a bottom-up `fold`, so deep formulas print without recursion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    fold,
    postorder,
)

# Binding strength: higher binds tighter.
PRECEDENCE = {IFF: 1, IMP: 2, OR: 3, AND: 4, NOT: 5, BOX: 5, DIA: 5, ATOM: 6, TOP: 6, BOT: 6}
RIGHT_ASSOCIATIVE = {IMP, IFF}


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


def render(formula: Formula, notation: Notation) -> str:
    """Print `formula` in `notation` with the fewest parentheses that parse back the same."""

    def wrap(text: str, inner: int, needed: int) -> str:
        return text if inner >= needed else f"({text})"

    def visit(node: Formula, args: tuple[tuple[str, int], ...]) -> tuple[str, int]:
        op = node.op
        prec = PRECEDENCE[op]
        if op == ATOM:
            assert node.label is not None
            return notation.atom(node.label), prec
        if op == TOP:
            return notation.top, prec
        if op == BOT:
            return notation.bot, prec
        if op in (NOT, BOX, DIA):
            if op == NOT:
                symbol = notation.neg
            elif node.label is None:
                symbol = notation.box if op == BOX else notation.diamond
            else:
                template = notation.theory_box if op == BOX else notation.theory_diamond
                symbol = template.format(theory=node.label)
            text, inner = args[0]
            return symbol + wrap(text, inner, prec), prec
        (left, left_prec), (right, right_prec) = args
        # A same-precedence child needs parentheses on the side the operator does not group.
        if op in RIGHT_ASSOCIATIVE:
            left_text, right_text = wrap(left, left_prec, prec + 1), wrap(right, right_prec, prec)
        else:
            left_text, right_text = wrap(left, left_prec, prec), wrap(right, right_prec, prec + 1)
        return left_text + notation.binary[op] + right_text, prec

    return fold(formula, visit)[0]


def to_ascii(formula: Formula) -> str:
    """`[](p -> q)`: the ASCII syntax, parseable by `lobkit.parse`."""
    return render(formula, ASCII)


def to_unicode(formula: Formula) -> str:
    """`□(p → q)`: the Unicode syntax, parseable by `lobkit.parse`."""
    return render(formula, UNICODE)


def to_latex(formula: Formula) -> str:
    r"""`\Box (p \to q)`: LaTeX math-mode text (no surrounding dollars)."""
    return render(formula, LATEX)


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
    return built[data["root"]]
