"""Print a certificate's formulas in the user's own notation: ◇ stays ◇.

The prover reads `◇A` as `¬□¬A` (engines work with boxes only), so a proof's sequents hold the
rewritten formulas. `user_notation(goal)` returns a printer that writes `¬[T]¬A` back as
`⟨T⟩A` / `◇A` exactly where the user wrote a diamond in `goal` — a `¬□¬A` the user typed as
such is printed as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from lobkit.formula import DIA, NOT, Formula, fold, postorder, rebuild, without_diamonds
from lobkit.syntax.printers import to_unicode

__all__ = ["user_notation", "with_user_diamonds"]


def with_user_diamonds(formula: Formula, rewritten: frozenset[Formula]) -> Formula:
    """`formula` with every subformula in `rewritten` (a `¬[T]¬A` that came from a diamond)
    turned back into `⟨T⟩A`."""

    def visit(node: Formula, args: tuple[Formula, ...]) -> Formula:
        if node.op == NOT and node in rewritten:
            box = args[0]
            return Formula(DIA, (box.args[0].args[0],), box.label)
        return rebuild(node, args)

    return fold(formula, visit)


def user_notation(goal: Formula | None) -> Callable[[Formula], str]:
    """A Unicode printer for the formulas of `goal`'s certificate, keeping its diamonds."""
    if goal is None:
        return to_unicode
    rewritten = frozenset(without_diamonds(d) for d in postorder(goal) if d.op == DIA)
    if not rewritten:
        return to_unicode

    @lru_cache(maxsize=4096)
    def show(formula: Formula) -> str:
        return to_unicode(with_user_diamonds(formula, rewritten))

    return show
