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
            define = _DEFINITIONS.get(node.op)
            if define is not None:  # atoms, boxes and diamonds are atoms: no definition
                define(add, v, [var[a] for a in node.args])
        return var[formula]


def _is_connective(node: Formula) -> bool:
    return node.op in _DEFINITIONS  # the walk does not enter boxes: they are atoms here


def _top(add: _Add, v: int, a: list[int]) -> None:
    add((v,))


def _bot(add: _Add, v: int, a: list[int]) -> None:
    add((-v,))


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


_DEFINITIONS = {TOP: _top, BOT: _bot, NOT: _not, AND: _and, OR: _or, IMP: _imp, IFF: _iff}


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
    """Two watched literals over a growing clause set. Level-0 consequences (of unit clauses and
    of clauses that became unit) are kept between checks, so checking a lemma costs only the
    propagation of its negation; `value[v]` is 1, -1 or 0, `conflict` marks a level-0 conflict.
    """

    def __init__(self, nvars: int) -> None:
        self.nvars = nvars
        self.value = [0] * (nvars + 1)
        self.clauses: list[list[int]] = []
        self.watches: dict[int, list[int]] = {}
        self.conflict = False

    def _val(self, lit: int) -> int:
        return self.value[lit] if lit > 0 else -self.value[-lit]

    def add(self, clause: Sequence[int]) -> None:
        for lit in clause:
            if not isinstance(lit, int) or lit == 0 or abs(lit) > self.nvars:
                raise ProofError(f"literal {lit!r} is not a variable of the clause set")
        if self.conflict:
            return
        lits = list(dict.fromkeys(clause))
        if any(self._val(lit) == 1 for lit in lits):
            return  # true at level 0 for good: it can never propagate or conflict
        open_lits = [lit for lit in lits if self._val(lit) == 0]
        if not open_lits:
            self.conflict = True
        elif len(open_lits) == 1:
            trail = [open_lits[0]]
            self._set(open_lits[0])
            if self._propagate(trail):
                self.conflict = True
        else:
            rest = [lit for lit in lits if lit not in open_lits[:2]]
            watched = open_lits[:2] + rest
            index = len(self.clauses)
            self.clauses.append(watched)
            self.watches.setdefault(watched[0], []).append(index)
            self.watches.setdefault(watched[1], []).append(index)

    def _set(self, lit: int) -> None:
        self.value[abs(lit)] = 1 if lit > 0 else -1

    def _propagate(self, trail: list[int]) -> bool:
        """Propagate the assignments on `trail` (extending it); True on a conflict."""
        value = self.value
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
                v = value[other] if other > 0 else -value[-other]
                if v == 1:
                    keep.append(ci)
                    continue
                for k in range(2, len(clause)):
                    lit = clause[k]
                    if (value[lit] if lit > 0 else -value[-lit]) != -1:
                        clause[1], clause[k] = lit, false_lit
                        self.watches.setdefault(lit, []).append(ci)
                        break
                else:
                    keep.append(ci)
                    if v == -1:
                        conflict = True
                    else:
                        value[abs(other)] = 1 if other > 0 else -1
                        trail.append(other)
            self.watches[false_lit] = keep
            if conflict:
                return True
        return False

    def conflict_under(self, assumed: Iterable[int]) -> bool:
        """Whether asserting `assumed` on top of level 0 propagates to a conflict."""
        if self.conflict:
            return True
        trail: list[int] = []
        try:
            for lit in assumed:
                v = self._val(lit)
                if v == -1:
                    return True
                if v == 0:
                    self._set(lit)
                    trail.append(lit)
            return self._propagate(trail)
        finally:
            for lit in trail:
                self.value[abs(lit)] = 0


def check_rup(
    clauses: Sequence[Sequence[int]],
    nvars: int,
    lemmas: Sequence[Sequence[int]],
    tick: Callable[[], None] | None = None,
) -> None:
    """Raise `ProofError` unless `lemmas` is a RUP refutation of `clauses`: each lemma follows
    by unit propagation from the clauses and the lemmas before it, and then unit propagation
    alone reaches a conflict. `tick`, if given, is called every 256 lemmas (it may raise, to
    stop a check that runs past its caller's deadline)."""
    prop = _Propagator(nvars)
    for clause in clauses:
        prop.add(clause)
    for i, lemma in enumerate(lemmas):
        if tick is not None and i % 256 == 255:
            tick()
        lits = list(lemma)
        for lit in lits:
            if not isinstance(lit, int) or lit == 0 or abs(lit) > nvars:
                raise ProofError(f"RUP step {i}: {lit!r} is not a literal of the clause set")
        if not prop.conflict_under(-lit for lit in lits):
            raise ProofError(f"RUP step {i}: the clause {lits} does not follow by unit propagation")
        prop.add(lits)
    if not prop.conflict_under(()):
        raise ProofError("the RUP certificate does not end in a conflict")
