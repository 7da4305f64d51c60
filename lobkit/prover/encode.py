"""The z3 side of the prover: diamonds translated away, formulas as propositional variables.

Every formula node gets one z3 Bool (Tseitin-style definitions asserted once, so no z3 term is
ever deeper than one operator, whatever the formula's depth). A box ``[T]A`` is a *fresh*
variable: the propositional engine treats boxed formulas as atoms, and modal reasoning enters
only through learned clauses (Goré & Kikkert, "CEGAR-tableaux", 2021).

All facts asserted on the solver are valid (definitions and learned modal lemmas), so one
incremental solver serves the whole search; sequents are asked about through assumption
indicators (`ind → e(f)` for a left formula, `ind → ¬e(f)` for a right one) and unsat cores map
back to formulas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import z3

from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    UnhandledOperator,
    outer_nodes,
    postorder,
)

__all__ = ["Encoder", "LEFT", "RIGHT"]

LEFT, RIGHT = 0, 1

# The Tseitin definition of a connective's variable v from its arguments' variables. The
# engine's only modality is the box (<T>A is read as ~[T]~A, `without_diamonds`), and a box is
# a propositional atom for it, with no definition.
_DEFINE: dict[str, Callable[[z3.BoolRef, tuple[z3.BoolRef, ...]], z3.BoolRef]] = {
    NOT: lambda v, a: v == z3.Not(a[0]),
    AND: lambda v, a: v == z3.And(a[0], a[1]),
    OR: lambda v, a: v == z3.Or(a[0], a[1]),
    IMP: lambda v, a: v == z3.Implies(a[0], a[1]),
    IFF: lambda v, a: v == (a[0] == a[1]),
}


class Encoder:
    """Formula ↦ z3 variable, indicators for signed formulas, and a deterministic order."""

    def __init__(self, solver: z3.Solver) -> None:
        self.solver = solver
        self.var: dict[Formula, z3.BoolRef] = {}
        self.index: dict[Formula, int] = {}
        self._indicator: dict[tuple[int, Formula], z3.BoolRef] = {}
        self.signed: dict[int, tuple[int, Formula]] = {}  # z3 ast id -> (side, formula)
        self._top_boxes: dict[Formula, tuple[tuple[Formula, ...], tuple[Formula, ...]]] = {}

    def encode(self, formula: Formula) -> z3.BoolRef:
        """The variable of `formula`, defining it (and its sub-formulas) on first use."""
        known = self.var.get(formula)
        if known is not None:
            return known
        var, add = self.var, self.solver.add
        for node in postorder(formula):
            if node in var:
                continue
            n = len(self.index)
            self.index[node] = n
            op = node.op
            if op == TOP or op == BOT:
                var[node] = z3.BoolVal(op == TOP)
                continue
            if op == ATOM:
                var[node] = z3.Bool(f"a!{node.label}")
                continue
            v = var[node] = z3.Bool(f"f!{n}")
            if op == BOX:
                continue  # a box is a propositional atom for the engine
            define = _DEFINE.get(op)
            if define is None:
                raise UnhandledOperator(op, "the encoder (diamonds must be translated first)")
            add(define(v, tuple(var[a] for a in node.args)))
        return var[formula]

    def indicator(self, side: int, formula: Formula) -> z3.BoolRef:
        """The assumption literal meaning "`formula` is true" (LEFT) or "false" (RIGHT)."""
        key = (side, formula)
        ind = self._indicator.get(key)
        if ind is None:
            v = self.encode(formula)
            ind = z3.Bool(f"{'L' if side == LEFT else 'R'}!{self.index[formula]}")
            self.solver.add(z3.Implies(ind, v if side == LEFT else z3.Not(v)))
            self._indicator[key] = ind
            self.signed[ind.get_id()] = key
        return ind

    def order(self, formulas: Iterable[Formula]) -> list[Formula]:
        """`formulas` in a run-independent order (first encoding order)."""
        items = list(formulas)
        for f in items:
            self.encode(f)
        return sorted(items, key=self.index.__getitem__)

    def top_level(self, formula: Formula) -> tuple[tuple[Formula, ...], tuple[Formula, ...]]:
        """The boxes and atoms of `formula` not under any box, in a deterministic order."""
        cached = self._top_boxes.get(formula)
        if cached is not None:
            return cached
        nodes = list(outer_nodes(formula))
        result = (
            tuple(n for n in nodes if n.op == BOX),
            tuple(n for n in nodes if n.op == ATOM),
        )
        self._top_boxes[formula] = result
        return result
