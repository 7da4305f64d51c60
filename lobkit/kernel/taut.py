"""The `Taut` rule's side condition: a propositional refutation, checked by unit propagation.

A `Taut` node concludes Γ ⇒ Δ from proved sequents Π₁ ⇒ Σ₁, …, Πₖ ⇒ Σₖ (its premises) when

    ⋀Γ ∧ ¬⋁Δ ∧ ⋀ᵢ (⋀Πᵢ → ⋁Σᵢ)

is propositionally unsatisfiable, boxes (and any diamond) read as atoms. That is sound: every
premise holds at every world of every model, so a world making Γ true and Δ false would
satisfy the formula. (It is cut plus propositional reasoning; the search's learned modal
lemmas are exactly such premise sequents, each proved by a modal rule.)

The node carries a RUP certificate (Goldberg & Novikov 2003; the format drat-trim checks,
without deletions): clauses over the variables of `taut_cnf`, each of which must follow from the
clauses before it by unit propagation alone (asserting its negation propagates to a conflict),
and after the last one unit propagation must reach a conflict with nothing assumed. The clause
set is built here, from the node's formulas, by Tseitin's definitions — never taken from the
solver that found the certificate — and the checker is a two-watched-literal propagator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from lobkit.errors import ProofError
from lobkit.formula import AND, BOT, IFF, IMP, NOT, OR, TOP, Formula, postorder

__all__ = ["TautCNF", "taut_cnf", "check_rup"]

Clause = tuple[int, ...]
_Add = Callable[[Clause], None]


class TautCNF:
    """The clauses of a `Taut` side condition: `clauses` over variables 1..`nvars`, the
    variable `var[f]` of each formula; `premise_clause[i]` is the index of premise i's clause."""

    def __init__(self) -> None:
        self.var: dict[Formula, int] = {}
        self.clauses: list[Clause] = []
        self.premise_clause: list[int] = []

    @property
    def nvars(self) -> int:
        return len(self.var)

    def literal(self, formula: Formula) -> int:
        """The variable of `formula`, with Tseitin definitions for it and its parts."""
        known = self.var.get(formula)
        if known is not None:
            return known
        var, add = self.var, self.clauses.append
        for node in postorder(formula, enter=_is_connective):
            if node in var:
                continue
            v = var[node] = len(var) + 1
            op = node.op
            if op == TOP:
                add((v,))
            elif op == BOT:
                add((-v,))
            elif op in _DEFINITIONS:
                _DEFINITIONS[op](add, v, [var[a] for a in node.args])
            # atoms, boxes and diamonds are propositional atoms: no definition
        return var[formula]


def _is_connective(node: Formula) -> bool:
    return node.op in _DEFINITIONS


def _not(add: _Add, v: int, a: list[int]) -> None:
    add((-v, -a[0]))
    add((v, a[0]))


def _and(add: _Add, v: int, a: list[int]) -> None:
    add((-v, a[0]))
    add((-v, a[1]))
    add((v, -a[0], -a[1]))


def _or(add: _Add, v: int, a: list[int]) -> None:
    add((-v, a[0], a[1]))
    add((v, -a[0]))
    add((v, -a[1]))


def _imp(add: _Add, v: int, a: list[int]) -> None:
    add((-v, -a[0], a[1]))
    add((v, a[0]))
    add((v, -a[1]))


def _iff(add: _Add, v: int, a: list[int]) -> None:
    add((-v, -a[0], a[1]))
    add((-v, a[0], -a[1]))
    add((v, a[0], a[1]))
    add((v, -a[0], -a[1]))


_DEFINITIONS = {NOT: _not, AND: _and, OR: _or, IMP: _imp, IFF: _iff}


def taut_cnf(
    left: Iterable[Formula],
    right: Iterable[Formula],
    premises: Iterable[tuple[Iterable[Formula], Iterable[Formula]]] = (),
) -> TautCNF:
    """The clauses saying "left true, right false, every premise sequent holds"; variables are
    numbered in this order of first occurrence, so producer and checker agree on them."""
    cnf = TautCNF()
    for f in left:
        cnf.clauses.append((cnf.literal(f),))
    for f in right:
        cnf.clauses.append((-cnf.literal(f),))
    for pl, pr in premises:
        clause = tuple([-cnf.literal(f) for f in pl] + [cnf.literal(f) for f in pr])
        cnf.premise_clause.append(len(cnf.clauses))
        cnf.clauses.append(clause)
    return cnf


class _Propagator:
    """Two watched literals over a growing clause set; `value[v]` is 1, -1 or 0."""

    def __init__(self, nvars: int) -> None:
        self.nvars = nvars
        self.value = [0] * (nvars + 1)
        self.clauses: list[list[int]] = []
        self.watches: dict[int, list[int]] = {}
        self.units: list[int] = []  # literals of unit clauses
        self.empty = False

    def add(self, clause: Sequence[int]) -> None:
        lits = list(dict.fromkeys(clause))
        for lit in lits:
            if lit == 0 or abs(lit) > self.nvars:
                raise ProofError(f"literal {lit} is not a variable of the clause set")
        if any(-lit in lits for lit in lits):
            return  # a tautology constrains nothing
        if not lits:
            self.empty = True
            return
        if len(lits) == 1:
            self.units.append(lits[0])
            return
        index = len(self.clauses)
        self.clauses.append(lits)
        self.watches.setdefault(lits[0], []).append(index)
        self.watches.setdefault(lits[1], []).append(index)

    def conflict_under(self, assumed: Iterable[int]) -> bool:
        """Whether asserting `assumed` and the unit clauses propagates to a conflict."""
        if self.empty:
            return True
        value, trail = self.value, []

        def assign(lit: int) -> bool:
            current = value[abs(lit)] * (1 if lit > 0 else -1)
            if current == 1:
                return True
            if current == -1:
                return False
            value[abs(lit)] = 1 if lit > 0 else -1
            trail.append(lit)
            return True

        try:
            for lit in list(assumed) + self.units:
                if not assign(lit):
                    return True
            head = 0
            while head < len(trail):
                false_lit = -trail[head]
                head += 1
                watching = self.watches.get(false_lit)
                if not watching:
                    continue
                keep: list[int] = []
                conflict = False
                for ci in watching:
                    if conflict:
                        keep.append(ci)
                        continue
                    clause = self.clauses[ci]
                    if clause[0] == false_lit:
                        clause[0], clause[1] = clause[1], clause[0]
                    other = clause[0]
                    if value[abs(other)] * (1 if other > 0 else -1) == 1:
                        keep.append(ci)
                        continue
                    for k in range(2, len(clause)):
                        lit = clause[k]
                        if value[abs(lit)] * (1 if lit > 0 else -1) != -1:
                            clause[1], clause[k] = lit, false_lit
                            self.watches.setdefault(lit, []).append(ci)
                            break
                    else:
                        keep.append(ci)
                        if not assign(other):
                            conflict = True
                self.watches[false_lit] = keep
                if conflict:
                    return True
            return False
        finally:
            for lit in trail:
                value[abs(lit)] = 0


def check_rup(
    clauses: Sequence[Sequence[int]], nvars: int, lemmas: Sequence[Sequence[int]]
) -> None:
    """Raise `ProofError` unless `lemmas` is a RUP refutation of `clauses`: each lemma follows
    by unit propagation from the clauses and the lemmas before it, and then unit propagation
    alone reaches a conflict."""
    prop = _Propagator(nvars)
    for clause in clauses:
        prop.add(clause)
    for i, lemma in enumerate(lemmas):
        lits = list(lemma)
        for lit in lits:
            if not isinstance(lit, int) or lit == 0 or abs(lit) > nvars:
                raise ProofError(f"RUP step {i}: {lit!r} is not a literal of the clause set")
        if not prop.conflict_under(-lit for lit in lits):
            raise ProofError(f"RUP step {i}: the clause {lits} does not follow by unit propagation")
        prop.add(lits)
    if not prop.conflict_under(()):
        raise ProofError("the RUP certificate does not end in a conflict")
