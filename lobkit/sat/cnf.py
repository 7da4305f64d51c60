"""Tseitin's CNF encoding of a formula's propositional skeleton; it knows no solver.

Every distinct node gets one literal: a negation is the negated literal of its argument (no
variable), an atom or a modal node (box, diamond) a fresh variable with no definition — the
propositional engine treats modal formulas as atoms, and modal reasoning enters only through
clauses the caller adds (Goré & Kikkert, "CEGAR-tableaux", 2021). Connectives get a fresh
variable and the clauses of its equivalence with the connective (both directions: a formula may
be asserted or denied). Nodes are encoded once, children first, with an explicit stack (no
recursion), so formulas of any depth encode in time linear in their number of distinct nodes.

Clauses go to any `ClauseSink` (a `SatSolver`, or the `Cnf` collector here for DIMACS).
"""

from __future__ import annotations

from collections.abc import Sequence

from lobkit.formula import AND, ATOM, BOT, IFF, IMP, MODAL, NOT, OR, TOP, Formula, postorder
from lobkit.sat.protocol import ClauseSink

__all__ = ["CnfEncoder", "Cnf"]


def _not_modal(node: Formula) -> bool:
    return node.op not in MODAL


class Cnf:
    """A clause list with a variable counter: a `ClauseSink` that keeps what it is given."""

    def __init__(self) -> None:
        self.nvars = 0
        self.clauses: list[list[int]] = []

    def new_var(self) -> int:
        self.nvars += 1
        return self.nvars

    def add_clause(self, clause: Sequence[int]) -> None:
        self.clauses.append(list(clause))

    def dimacs(self) -> str:
        lines = [f"p cnf {self.nvars} {len(self.clauses)}"]
        lines += [" ".join(map(str, c)) + " 0" for c in self.clauses]
        return "\n".join(lines) + "\n"


class CnfEncoder:
    """Formula ↦ literal, defining the skeleton on first use; `index` records the order in
    which nodes were first encoded (a run-independent order for callers that need one)."""

    def __init__(self, sink: ClauseSink) -> None:
        self.sink = sink
        self.lit: dict[Formula, int] = {}
        self.index: dict[Formula, int] = {}
        self._true = 0

    def true_literal(self) -> int:
        """A variable forced true (a unit clause), made on first need."""
        if not self._true:
            self._true = self.sink.new_var()
            self.sink.add_clause([self._true])
        return self._true

    def literal(self, formula: Formula) -> int:
        """The literal of `formula`, encoding it (and its skeleton) on first use."""
        known = self.lit.get(formula)
        if known is not None:
            return known
        lit, index, new, add = self.lit, self.index, self.sink.new_var, self.sink.add_clause
        for node in postorder(formula, _not_modal):
            if node in lit:
                continue
            index[node] = len(index)
            op = node.op
            if op == NOT:
                lit[node] = -lit[node.args[0]]
                continue
            if op == TOP:
                lit[node] = self.true_literal()
                continue
            if op == BOT:
                lit[node] = -self.true_literal()
                continue
            v = lit[node] = new()
            if op == ATOM or op in MODAL:
                continue
            a, b = lit[node.args[0]], lit[node.args[1]]
            if op == AND:
                add([-v, a])
                add([-v, b])
                add([v, -a, -b])
            elif op == OR:
                add([-v, a, b])
                add([v, -a])
                add([v, -b])
            elif op == IMP:
                add([-v, -a, b])
                add([v, a])
                add([v, -b])
            elif op == IFF:
                add([-v, -a, b])
                add([-v, a, -b])
                add([v, a, b])
                add([v, -a, -b])
            else:  # pragma: no cover - the formula module has no other operator
                raise ValueError(f"no CNF encoding for the operator {op!r}")
        return lit[formula]
