"""The `Taut` rule's side condition: a propositional refutation, checked by unit propagation.

A `Taut` node concludes Γ ⇒ Δ from proved sequents Π₁ ⇒ Σ₁, …, Πₖ ⇒ Σₖ (its premises) when

    ⋀Γ ∧ ¬⋁Δ ∧ ⋀ᵢ (⋀Πᵢ → ⋁Σᵢ)

is propositionally unsatisfiable, boxes (and any diamond) read as atoms. That is sound: every
premise holds at every world of every model, so a world making Γ true and Δ false would
satisfy the formula. (It is cut plus propositional reasoning; the search's learned modal
lemmas are exactly such premise sequents, each proved by a modal rule.)

The node carries a certificate in one of two forms, both checked here:

* RUP (Goldberg & Novikov 2003; the format drat-trim checks, without deletions): clauses over
  the variables of `taut_cnf`, each of which must follow from the clauses before it by unit
  propagation alone (asserting its negation propagates to a conflict), and after the last one
  unit propagation must reach a conflict with nothing assumed. Checked by a two-watched-literal
  propagator: each step costs a propagation over the whole clause set.
* hinted RUP, i.e. LRAT without deletions (Cruz-Filipe, Heule, Hunt, Kaufmann & Schneider-Kamp,
  "Efficient certified RAT verification", CADE 2017): each step is ``lits… 0 hints…``; input
  clause i (from 1) and step k (from 0, id ``len(clauses) + 1 + k``) are named by number, and
  under the negation of ``lits`` every hinted clause, in order, must be unit (its one open
  literal is then set) until one is falsified. The last step derives the empty clause. Each step
  costs the length of its hints, which is what makes large refutations (pigeonhole) checkable.

The clause set is built here, from the node's formulas, by Tseitin's definitions — never taken
from the solver that found the certificate. The sequent's sides and ⊤/⊥ are asserted under one
guard variable (variable 1), and the only unit clause, the guard itself, comes last: a solver
that numbers clauses as they arrive (CaDiCaL's LRAT output) then numbers them exactly as listed
here, since no clause before the last can be simplified on arrival.
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

    GUARD = 1  # the guard variable: asserted by the last clause

    def __init__(self) -> None:
        self.var: dict[Formula, int] = {}
        self.clauses: list[Clause] = []
        self.premise_clause: list[int] = []

    @property
    def nvars(self) -> int:
        return len(self.var) + 1

    def _add(self, clause: Clause) -> None:
        """Append `clause` without repeated literals; a tautology is left out (it never helps)."""
        lits = tuple(dict.fromkeys(clause))
        for x in lits:
            if -x in lits:
                return
        self.clauses.append(lits)

    def literal(self, formula: Formula) -> int:
        """The variable of `formula`, with Tseitin definitions for it and its parts."""
        var = self.var
        known = var.get(formula)
        if known is not None:
            return known
        if formula.op not in _DEFINITIONS:  # an atom, box or diamond: a variable, no definition
            v = var[formula] = len(var) + 2
            return v
        add = self._add
        for node in postorder(formula, enter=_is_connective):
            if node in var:
                continue
            v = var[node] = len(var) + 2  # variable 1 is the guard
            define = _DEFINITIONS.get(node.op)
            if define is not None:  # atoms, boxes and diamonds are atoms: no definition
                define(add, v, [var[a] for a in node.args])
        return var[formula]


def _is_connective(node: Formula) -> bool:
    return node.op in _DEFINITIONS  # the walk does not enter boxes: they are atoms here


def _top(add: _Add, v: int, a: list[int]) -> None:
    add((-TautCNF.GUARD, v))


def _bot(add: _Add, v: int, a: list[int]) -> None:
    add((-TautCNF.GUARD, -v))


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
    """The clauses saying "left true, right false, every premise sequent holds" (the sides
    under the guard, which the last clause asserts); variables are numbered in this order of
    first occurrence, so producer and checker agree on them. A premise whose clause is a
    tautology has no clause: its `premise_clause` entry is -1."""
    cnf = TautCNF()
    guard = TautCNF.GUARD
    for f in left:
        cnf._add((-guard, cnf.literal(f)))
    for f in right:
        cnf._add((-guard, -cnf.literal(f)))
    for pl, pr in premises:
        clause = tuple([-cnf.literal(f) for f in pl] + [cnf.literal(f) for f in pr])
        before = len(cnf.clauses)
        cnf._add(clause)
        cnf.premise_clause.append(before if len(cnf.clauses) > before else -1)
    cnf.clauses.append((guard,))
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
        nvars = self.nvars
        for lit in clause:
            if not isinstance(lit, int) or lit == 0 or abs(lit) > nvars:
                raise ProofError(f"literal {lit!r} is not a variable of the clause set")
        if self.conflict:
            return
        lits = list(dict.fromkeys(clause))
        value = self.value
        open_lits: list[int] = []
        for lit in lits:
            v = value[lit] if lit > 0 else -value[-lit]
            if v == 1:
                return  # true at level 0 for good: it can never propagate or conflict
            if v == 0:
                open_lits.append(lit)
        if not open_lits:
            self.conflict = True
        elif len(open_lits) == 1:
            trail = [open_lits[0]]
            self._set(open_lits[0])
            if self._propagate(trail):
                self.conflict = True
        else:
            first, second = open_lits[0], open_lits[1]
            watched = [first, second, *(lit for lit in lits if lit != first and lit != second)]
            index = len(self.clauses)
            self.clauses.append(watched)
            self.watches.setdefault(watched[0], []).append(index)
            self.watches.setdefault(watched[1], []).append(index)

    def _set(self, lit: int) -> None:
        self.value[abs(lit)] = 1 if lit > 0 else -1

    def _propagate(self, trail: list[int]) -> bool:
        """Propagate the assignments on `trail` (extending it); True on a conflict."""
        # Two-watched-literal propagation (Moskewicz et al., Chaff, DAC 2001). The same loop is
        # in the producer, `lobkit.prover.refute._Solver._propagate`: the duplication is
        # deliberate — the checker shares no code with what it checks, so one bug cannot make
        # both accept a wrong step. Keep the two apart when changing either.
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
    """Raise `ProofError` unless `lemmas` is a refutation of `clauses`: hinted (every step has
    a 0 between its literals and its hints, see the module docstring) or plain RUP (each lemma
    follows by unit propagation from the clauses and the lemmas before it, and then unit
    propagation alone reaches a conflict). `tick`, if given, is called every 256 RUP lemmas or
    4096 hinted steps (it may raise, to stop a check that runs past its caller's deadline)."""
    if lemmas and all(0 in lemma for lemma in lemmas):
        _check_hinted(clauses, nvars, lemmas, tick)
        return
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


def _check_hinted(
    clauses: Sequence[Sequence[int]],
    nvars: int,
    steps: Sequence[Sequence[int]],
    tick: Callable[[], None] | None,
) -> None:
    """The hinted (LRAT) check: each step's hints, in order, are unit under the negation of
    its literals until one is falsified; the last step is the empty clause."""
    db: list[Sequence[int]] = [()]  # db[i] is clause number i (inputs from 1, then the steps)
    db.extend(clauses)
    mark = [0] * (2 * nvars + 1)  # mark[lit] == stamp: lit is true (negative indices wrap)
    for k, step in enumerate(steps):
        if tick is not None and k % 4096 == 4095:
            tick()
        where = list(step).index(0)
        lits, hints = step[:where], step[where + 1 :]
        for lit in lits:
            if not isinstance(lit, int) or lit == 0 or abs(lit) > nvars:
                raise ProofError(f"hinted RUP step {k}: {lit!r} is not a literal of the clause set")
        stamp = k + 1
        for lit in lits:
            mark[-lit] = stamp
        own = len(db)
        for hint in hints:
            if not isinstance(hint, int) or not 0 < hint < own:
                raise ProofError(f"hinted RUP step {k}: {hint!r} names no earlier clause")
            unit = 0
            for lit in db[hint]:
                if mark[lit] == stamp:
                    raise ProofError(f"hinted RUP step {k}: clause {hint} is satisfied, not unit")
                if mark[-lit] == stamp or lit == unit:
                    continue
                if unit:
                    raise ProofError(f"hinted RUP step {k}: clause {hint} is not unit")
                unit = lit
            if not unit:  # falsified: the step holds (any later hints are not needed)
                break
            mark[unit] = stamp
        else:
            raise ProofError(f"hinted RUP step {k}: the hints reach no conflict")
        db.append(tuple(lits))
    if steps[-1][0] != 0:
        raise ProofError("the hinted RUP certificate does not end with the empty clause")
