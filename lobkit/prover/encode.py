"""The propositional side of the prover: diamonds translated away, formulas as literals of a
`lobkit.sat` solver.

Formulas become literals through the solver-free Tseitin encoder `lobkit.sat.CnfEncoder`: a box
``[T]A`` is a *fresh* variable, so the propositional engine treats boxed formulas as atoms and
modal reasoning enters only through learned clauses (Goré & Kikkert, "CEGAR-tableaux", 2021).

All clauses given to the solver are valid (definitions and learned modal lemmas), so one
incremental solver serves the whole search; a sequent is asked about by assuming the literal of
each left formula and the negated literal of each right one, and an unsat core (a set of those
assumption literals) maps back to the formulas that carried them.
"""

from __future__ import annotations

from collections.abc import Iterable

from lobkit.formula import ATOM, BOX, Formula, outer_nodes, postorder
from lobkit.sat import CnfEncoder, SatSolver

__all__ = ["Encoder"]

# The engine's only modality is the box: <T>A is read as ~[T]~A (`without_diamonds`, applied
# by the search before encoding).


class Encoder:
    """Formula ↦ solver literal, a deterministic order, and each formula's top-level boxes
    and atoms (what a world's valuation decides)."""

    def __init__(self, solver: SatSolver) -> None:
        self.solver = solver
        self._cnf = CnfEncoder(solver)
        self.lit = self._cnf.lit
        # First-encounter order over every node (under boxes too), independent of the backend
        # and of Python's string hashing: certificates are built in this order.
        self.index: dict[Formula, int] = {}
        self._top: dict[Formula, tuple[tuple[Formula, ...], tuple[Formula, ...]]] = {}

    def literal(self, formula: Formula) -> int:
        """The literal of `formula`, encoding it on first use."""
        lit = self.lit.get(formula)
        if lit is not None:
            return lit
        index = self.index
        if formula not in index:
            for node in postorder(formula):
                if node not in index:
                    index[node] = len(index)
        return self._cnf.literal(formula)

    def order(self, formulas: Iterable[Formula]) -> list[Formula]:
        """`formulas` in a run-independent order (first encoding order)."""
        items = list(formulas)
        new = [f for f in items if f not in self.index]
        if len(new) > 1:  # number them independently of the set order they came in
            new.sort(key=str)
        for f in new:
            self.literal(f)
        return sorted(items, key=self.index.__getitem__)

    def top_level(self, formula: Formula) -> tuple[tuple[Formula, ...], tuple[Formula, ...]]:
        """The boxes and atoms of `formula` not under any box, in a deterministic order."""
        cached = self._top.get(formula)
        if cached is not None:
            return cached
        nodes = list(outer_nodes(formula))
        result = (
            tuple(n for n in nodes if n.op == BOX),
            tuple(n for n in nodes if n.op == ATOM),
        )
        self._top[formula] = result
        return result
