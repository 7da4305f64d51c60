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
from itertools import islice

from lobkit.formula import AND, ATOM, BOT, IFF, IMP, MODAL, NOT, OR, TOP, Formula, Visit, fold
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
        self._cases = self._encoding()

    def true_literal(self) -> int:
        """A variable forced true (a unit clause), made on first need."""
        if not self._true:
            self._true = self.sink.new_var()
            self.sink.add_clause([self._true])
        return self._true

    def literal(self, formula: Formula) -> int:
        """The literal of `formula`, encoding it (and its skeleton) on first use."""
        lit = self.lit
        known = lit.get(formula)
        if known is not None:
            return known
        start = len(lit)
        result = fold(formula, self._cases, name="the CNF encoding", memo=lit, enter=_not_modal)
        index = self.index
        for node in islice(lit, start, None):  # the new nodes, in the order they were encoded
            index[node] = len(index)
        return result

    def _encoding(self) -> dict[str, Visit[int]]:
        """One case per operator: the node's literal from its arguments' literals, adding the
        clauses of the definition `v ↔ connective(a, b)` for a fresh variable `v`."""
        new, add = self.sink.new_var, self.sink.add_clause

        def fresh(node: Formula, args: tuple[int, ...]) -> int:  # atoms and modal nodes
            return new()

        def negation(node: Formula, args: tuple[int, ...]) -> int:
            return -args[0]

        def true(node: Formula, args: tuple[int, ...]) -> int:
            return self.true_literal()

        def false(node: Formula, args: tuple[int, ...]) -> int:
            return -self.true_literal()

        def conjunction(node: Formula, args: tuple[int, ...]) -> int:
            v, (a, b) = new(), args
            add([-v, a])
            add([-v, b])
            add([v, -a, -b])
            return v

        def disjunction(node: Formula, args: tuple[int, ...]) -> int:
            v, (a, b) = new(), args
            add([-v, a, b])
            add([v, -a])
            add([v, -b])
            return v

        def implication(node: Formula, args: tuple[int, ...]) -> int:
            v, (a, b) = new(), args
            add([-v, -a, b])
            add([v, a])
            add([v, -b])
            return v

        def equivalence(node: Formula, args: tuple[int, ...]) -> int:
            v, (a, b) = new(), args
            add([-v, -a, b])
            add([-v, a, -b])
            add([v, a, b])
            add([v, -a, -b])
            return v

        cases: dict[str, Visit[int]] = dict.fromkeys(MODAL, fresh)
        cases.update(
            {
                ATOM: fresh,
                NOT: negation,
                TOP: true,
                BOT: false,
                AND: conjunction,
                OR: disjunction,
                IMP: implication,
                IFF: equivalence,
            }
        )
        return cases
