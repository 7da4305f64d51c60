"""Formulas as MIRI's program prints them (machine-intelligence/provability src/Modal/
Formulas.hs `showFormula`: ⊤ ⊥ ¬ ∧ ∨ → ↔ □ ◇, its precedences and parentheses), with each
atom shown by a name — a game's variables, `U()=$10`, `FairBot(PrudentBot)=C`.
"""

from __future__ import annotations

from lobkit.formula import AND, ATOM, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula

__all__ = ["miri_formula"]

_BINARY = {
    AND: (" ∧ ", 7, 7, 8),
    OR: (" ∨ ", 6, 6, 7),
    IMP: (" → ", 5, 6, 5),
    IFF: (" ↔ ", 4, 5, 4),
}


def miri_formula(formula: Formula, names: dict[str, str]) -> str:
    """Formulas.hs `showFormula` with (⊤ ⊥ ¬ ∧ ∨ → ↔ □ ◇): the same parentheses, atoms by
    `names` (a system's variable labels)."""
    out: list[str] = []
    stack: list[tuple[Formula, int] | str] = [(formula, 0)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node, p = item
        op = node.op
        if op == TOP or op == BOT:
            out.append("⊤" if op == TOP else "⊥")
        elif op == ATOM:
            assert node.label is not None
            out.append(names.get(node.label, node.label))
        elif op in (NOT, BOX, DIA):
            symbol = {NOT: "¬", BOX: "□", DIA: "◇"}[op]
            parts: list[tuple[Formula, int] | str] = [symbol, (node.args[0], 8)]
            if p > 8:
                parts = ["(", *parts, ")"]
            stack.extend(reversed(parts))
        else:
            symbol, level, left, right = _BINARY[op]
            parts = [(node.args[0], left), symbol, (node.args[1], right)]
            if p > level:
                parts = ["(", *parts, ")"]
            stack.extend(reversed(parts))
    return "".join(out)
