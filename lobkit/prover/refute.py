"""A small CDCL solver that produces RUP certificates for the `Taut` rule.

The search's engine decides sequents (z3 today, other backends behind `lobkit.sat` later) but
does not hand out propositional proofs; this solver re-derives, for one world's sequent, a
refutation of the clause set `lobkit.kernel.taut.taut_cnf` builds, and returns it in the form the
kernel checks: the learned clauses (each one RUP, being a 1UIP resolvent of the clauses
analysed — Beame, Kautz & Sabharwal 2004) and which input clauses the refutation used. Only the
learned clauses the final conflict depends on are kept (backward trimming, as drat-trim does),
so the certificate and the premises it cites are what the refutation needs.

Conflict-driven clause learning after Marques-Silva & Sakallah (GRASP, 1999) and Moskewicz et
al. (Chaff, 2001): two watched literals, first-UIP learning, VSIDS-style activities, phase
saving. The clause sets are small (one world, boxes as atoms), so no restarts or deletion.
The propagation loop repeats the kernel's (`lobkit.kernel.taut`) on purpose: the checker shares
no code with the producer whose output it checks.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Refutation", "refute"]


@dataclass(frozen=True)
class Refutation:
    """`lemmas`: the RUP steps, in order; `used`: indices of the input clauses they need."""

    lemmas: tuple[tuple[int, ...], ...]
    used: frozenset[int]


def refute(
    clauses: Sequence[Sequence[int]], nvars: int, tick: Callable[[], None] | None = None
) -> Refutation | None:
    """A RUP refutation of `clauses` (over variables 1..`nvars`), or None if satisfiable.
    `tick` is called now and then (to enforce a deadline)."""
    return _Solver(clauses, nvars, tick).refute()


class _Solver:
    def __init__(
        self, clauses: Sequence[Sequence[int]], nvars: int, tick: Callable[[], None] | None
    ) -> None:
        self.nvars = nvars
        self.tick = tick
        self.clauses: list[list[int]] = []
        self.antecedents: list[tuple[int, ...]] = []  # for learned clauses: what they resolve
        self.n_input = len(clauses)
        self.watches: dict[int, list[int]] = {}
        self.value = [0] * (nvars + 1)
        self.level = [0] * (nvars + 1)
        self.reason = [-1] * (nvars + 1)
        self.trail: list[int] = []
        self.limits: list[int] = []  # trail length at each decision
        self.head = 0
        self.activity = [0.0] * (nvars + 1)
        self.bump = 1.0
        self.phase = [False] * (nvars + 1)
        self.heap = [(0.0, v) for v in range(1, nvars + 1)]
        self.pending_units: list[int] = []
        self.empty: int | None = None
        for clause in clauses:
            self._add_input(list(dict.fromkeys(clause)))

    # -- clauses ---------------------------------------------------------------------------------

    def _add_input(self, lits: list[int]) -> None:
        index = len(self.clauses)
        self.clauses.append(lits)
        self.antecedents.append(())
        if any(-lit in lits for lit in lits):
            return  # a tautology: never unit, never conflicting
        if not lits:
            if self.empty is None:
                self.empty = index
        elif len(lits) == 1:
            self.pending_units.append(index)
        else:
            self.watches.setdefault(lits[0], []).append(index)
            self.watches.setdefault(lits[1], []).append(index)

    def _val(self, lit: int) -> int:
        v = self.value[abs(lit)]
        return v if lit > 0 else -v

    def _assign(self, lit: int, reason: int) -> None:
        var = abs(lit)
        self.value[var] = 1 if lit > 0 else -1
        self.level[var] = len(self.limits)
        self.reason[var] = reason
        self.trail.append(lit)

    # -- propagation -----------------------------------------------------------------------------

    def _propagate(self) -> int | None:
        """Unit propagation; the index of a conflicting clause, or None."""
        # Two-watched-literal propagation (Moskewicz et al., Chaff, DAC 2001). The kernel's RUP
        # checker has the same loop (`lobkit.kernel.taut._Propagator._propagate`): the
        # duplication is deliberate — the kernel shares no code with the producer it checks,
        # so one bug cannot fool both. Do not factor the two together.
        value, trail, clauses, watches = self.value, self.trail, self.clauses, self.watches
        while self.head < len(trail):
            false_lit = -trail[self.head]
            self.head += 1
            watching = watches.get(false_lit)
            if not watching:
                continue
            keep: list[int] = []
            conflict: int | None = None
            for ci in watching:
                if conflict is not None:
                    keep.append(ci)
                    continue
                clause = clauses[ci]
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
                        watches.setdefault(lit, []).append(ci)
                        break
                else:
                    keep.append(ci)
                    if v == -1:
                        conflict = ci
                    else:
                        self._assign(other, ci)
            watches[false_lit] = keep
            if conflict is not None:
                return conflict
        return None

    # -- learning --------------------------------------------------------------------------------

    def _analyze(self, conflict: int) -> tuple[list[int], int, tuple[int, ...]]:
        """First-UIP clause, the level to jump back to, the clauses resolved."""
        current = len(self.limits)
        seen = [False] * (self.nvars + 1)
        learned: list[int] = []
        used = [conflict]
        pending = 0
        clause = self.clauses[conflict]
        index = len(self.trail) - 1
        uip = 0
        while True:
            for lit in clause:
                var = abs(lit)
                if lit == uip or seen[var]:
                    continue
                seen[var] = True
                self._bump(var)
                if self.level[var] == current:
                    pending += 1
                else:
                    learned.append(lit)  # level-0 literals are kept: no resolution needed
            while not seen[abs(self.trail[index])]:
                index -= 1
            uip = self.trail[index]
            index -= 1
            pending -= 1
            if pending == 0:
                break
            reason = self.reason[abs(uip)]
            used.append(reason)
            clause = self.clauses[reason]
        learned.insert(0, -uip)
        back = max((self.level[abs(lit)] for lit in learned[1:]), default=0)
        if len(learned) > 1:  # watch the asserting literal and one of the highest level
            k = max(range(1, len(learned)), key=lambda i: self.level[abs(learned[i])])
            learned[1], learned[k] = learned[k], learned[1]
        self.bump *= 1.05
        return learned, back, tuple(used)

    def _bump(self, var: int) -> None:
        self.activity[var] += self.bump
        if self.activity[var] > 1e100:
            self.activity = [a * 1e-100 for a in self.activity]
            self.bump *= 1e-100
        heapq.heappush(self.heap, (-self.activity[var], var))

    def _backjump(self, level: int) -> None:
        if len(self.limits) <= level:
            return
        start = self.limits[level]
        for lit in self.trail[start:]:
            var = abs(lit)
            self.phase[var] = lit > 0
            self.value[var] = 0
            self.reason[var] = -1
            heapq.heappush(self.heap, (-self.activity[var], var))
        del self.trail[start:]
        del self.limits[level:]
        self.head = start

    def _decide(self) -> int | None:
        while self.heap:
            _, var = heapq.heappop(self.heap)
            if self.value[var] == 0:
                return var if self.phase[var] else -var
        return None

    # -- the loop --------------------------------------------------------------------------------

    def _final(self, conflict: int) -> Refutation:
        """Trim: the clauses the level-0 conflict depends on, through learned antecedents."""
        needed: set[int] = set()
        stack = [conflict]
        while stack:
            ci = stack.pop()
            if ci in needed:
                continue
            needed.add(ci)
            for lit in self.clauses[ci]:
                r = self.reason[abs(lit)]
                if r >= 0 and r not in needed:
                    stack.append(r)
            stack.extend(a for a in self.antecedents[ci] if a not in needed)
        lemmas = tuple(tuple(self.clauses[ci]) for ci in sorted(needed) if ci >= self.n_input)
        return Refutation(lemmas, frozenset(ci for ci in needed if ci < self.n_input))

    def refute(self) -> Refutation | None:
        if self.empty is not None:
            return Refutation((), frozenset({self.empty}))
        for ci in self.pending_units:
            lit = self.clauses[ci][0]
            if self._val(lit) == -1:
                return self._final(ci)
            if self._val(lit) == 0:
                self._assign(lit, ci)
        conflicts = 0
        while True:
            conflict = self._propagate()
            if conflict is not None:
                if not self.limits:
                    return self._final(conflict)
                conflicts += 1
                if self.tick is not None and conflicts % 256 == 0:
                    self.tick()
                learned, back, used = self._analyze(conflict)
                self._backjump(back)
                index = len(self.clauses)
                self.clauses.append(learned)
                self.antecedents.append(used)
                if len(learned) > 1:
                    self.watches.setdefault(learned[0], []).append(index)
                    self.watches.setdefault(learned[1], []).append(index)
                self._assign(learned[0], index)
                continue
            decision = self._decide()
            if decision is None:
                return None
            self.limits.append(len(self.trail))
            self._assign(decision, -1)
