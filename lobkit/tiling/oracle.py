"""The tiling checker's oracle: decide one goal of a spec in the file's logic, with its
certificate, its citation (`lobkit.tiling.exact`) and a memo of every answer.

`licensing`, `soundness` and the `Checker` receive an `Oracle`; nothing below it calls back
up. A goal `[T]φ` is read arithmetically (`lobkit.tiling.reading`: `[R_T](α_T → φ)`) and
decided counterexample-guided: the prover starts with no reflection instances (only those a
cited theorem needs); a proof from some instances is a proof from the schema; a countermodel
is checked against every instance of the file's closure (`lobkit.tiling.refine`) and the
violated ones are added, until a proof comes back or a countermodel of the whole closure.

Coherence is guaranteed, not sampled: a negative answer is given only with a countermodel of
the file's whole closure (so it is an answer in the one logic all the file's answers share)
or with a cited theorem. Before giving up, the oracle tries what already settles the goal —
T ⊢ ⊥, a theory T includes that proves φ (monotonicity), a theory T reflects that proves φ
(Σ1-completeness plus reflection) — and decides again with those proofs' instances. When
the refinement does not converge within its limits (`Limits`), the answer is *undecided*,
never `unprovable`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from lobkit.errors import InternalError
from lobkit.formula import BOX, Formula, bot, box, theories_of
from lobkit.kernel import Logic
from lobkit.limits import Budget
from lobkit.prover import ProofResult, prove
from lobkit.tiling.exact import Exactness, negative_reason, proof_citation
from lobkit.tiling.logic import Closure, file_closure, query_logic
from lobkit.tiling.reading import Reading, reading
from lobkit.tiling.refine import narrow, violated
from lobkit.tiling.results import Certificate
from lobkit.tiling.theory_file import TheoryFile

__all__ = ["Limits", "Oracle"]


@dataclass(frozen=True)
class Limits:
    """Where the refinement stops: a countermodel past `worlds` worlds, or `rounds` rounds.
    Countermodels grow fast with the premises; past these the answer is `undecided`."""

    worlds: int = 64
    rounds: int = 6

    def advice(self) -> str:
        return (
            f"raise the limits (lobkit check --refine-worlds {self.worlds * 4} --refine-rounds "
            f"{self.rounds * 2}; Python: Checker(spec, limits=Limits(worlds=…, rounds=…)))"
        )


class Oracle:
    """Decides goals of one spec; every answer memoised by goal. Holds the spec weakly (the
    checker memoises one oracle per spec, which must not keep the spec alive)."""

    def __init__(self, spec: TheoryFile, limits: Limits | None = None) -> None:
        self._spec = weakref.ref(spec)
        self.limits = limits or Limits()
        self.proofs: dict[Formula, Certificate] = {}
        # proved goals [T]X by X: what monotonicity and reflection may settle another with
        self._proved: dict[Formula, list[tuple[str, Certificate]]] = {}
        self._closure: Closure | None = None
        self._deciding: set[Formula] = set()  # goals being decided (no fact may wait on one)

    @property
    def spec(self) -> TheoryFile:
        spec = self._spec()
        if spec is None:  # pragma: no cover - an oracle is used only through its spec
            raise ReferenceError("the spec of this oracle is gone")
        return spec

    @property
    def reading(self) -> Reading:
        return reading(self.spec)

    def closure(self) -> Closure:
        """The file's closure (`lobkit.tiling.logic.file_closure`), made on first use."""
        if self._closure is None:
            self._closure = file_closure(self.spec)
        return self._closure

    def decide(
        self,
        goal: Formula,
        *,
        budget: Budget | None = None,
        also: tuple[Formula, ...] = (),
        limits: Limits | None = None,
    ) -> Certificate:
        """Decide the (untranslated) `goal` in the file's logic, with the sub-formulas of
        `goal` and of the goals `also` decided beside it in the closure. `limits` narrower
        than the oracle's ask a quick question: an undecided answer then is not memoised."""
        cert = self.proofs.get(goal)
        if cert is not None:
            return cert
        if goal in self._deciding:
            raise InternalError(f"{goal} waits on itself")
        if limits is not None:
            mine, self.limits = self.limits, limits
            try:
                cert = self.decide(goal, budget=budget, also=also)
            finally:
                self.limits = mine
            if cert.undecided:
                del self.proofs[goal]
            return cert
        read = self.reading
        whole = self.closure()
        for g in (goal, *also):
            whole = whole.with_goal(read.translate(g))
        self._deciding.add(goal)
        try:
            cert = self._refine(goal, whole, (), budget)
        finally:
            self._deciding.discard(goal)
        # A countermodel of the whole closure is already coherent with every answer of the
        # file (one logic); only an undecided answer may still be settled by another proof.
        if cert.undecided:
            settled = self._settle(goal, whole, budget)
            if settled is not None:
                cert = settled
        self.proofs[goal] = cert
        if cert.valid and goal.label is not None and goal.op == BOX:
            self._proved.setdefault(goal.args[0], []).append((goal.label, cert))
        return cert

    def _refine(
        self, goal: Formula, whole: Closure, seed: tuple[Formula, ...], budget: Budget | None
    ) -> Certificate:
        read = self.reading
        target = read.translate(goal)
        public = read.premises_for((target,))
        extra: list[Formula] = list(seed)
        exactness: Exactness | None | bool = False  # False: not computed yet
        rounds = 0
        narrowed = False
        while True:
            rounds += 1
            ql = query_logic(read, target, extra)
            result = self.solve(target, ql.logic, budget)
            if result.valid:
                return Certificate(
                    result, ql.instances, citation=proof_citation(self.spec.frame), query=goal
                )
            assert result.countermodel is not None
            given = set(ql.logic.premises)
            if exactness is False:
                exactness = negative_reason(self.spec, goal, self._fact)
            if isinstance(exactness, Exactness):
                needs = [f for f in exactness.needs if f not in given]
                if not needs:
                    return Certificate(result, ql.instances, citation=exactness.reason, query=goal)
                extra += needs
                continue
            missing = [f for f in violated(result.countermodel, whole, public) if f not in given]
            if not missing:  # a countermodel of the whole closure: the file's answer
                return Certificate(result, ql.instances, whole, query=goal)
            worlds = len(result.countermodel.worlds)
            if worlds > self.limits.worlds or rounds >= self.limits.rounds:
                return Certificate(
                    result,
                    ql.instances,
                    query=goal,
                    undecided=(
                        f"the refinement stopped after {rounds} round(s) with "
                        f"{len(ql.instances)} reflection instance(s): the last countermodel "
                        f"({worlds} worlds) still violates {len(missing)} instance(s) of the "
                        f"file's closure (limits: {self.limits.worlds} worlds, "
                        f"{self.limits.rounds} rounds); {self.limits.advice()}"
                    ),
                )
            if not narrowed:  # first the goal's own boxes' instances (`narrow`), once
                narrowed, first = True, narrow(missing, target)
                if first:  # a round not counted against the limit
                    rounds -= 1
                    extra += first
                    continue
            extra += missing

    def _fact(self, formula: Formula) -> bool | None:
        """An exact provability fact for `lobkit.tiling.exact` (None: not exactly known, or
        being decided — no goal waits on itself)."""
        if formula in self._deciding:
            return None
        cert = self.decide(formula)
        return cert.valid if cert.citation is not None and not cert.undecided else None

    def _settle(self, goal: Formula, whole: Closure, budget: Budget | None) -> Certificate | None:
        """A proof of `[T]X` from what already settles it, or None: T ⊢ ⊥; a theory T
        includes proves X (monotonicity); a theory T reflects proves X (Σ1-completeness gives
        T ⊢ [S]X, reflection T ⊢ [S]X → X). Each is decided again with the instances of
        the settling proof (and the reflection instance), so the certificate is a proof."""
        theory = goal.label if goal.op == BOX else None
        if theory is None or theory not in self.spec.theories:
            return None
        read = self.reading
        body = goal.args[0]
        seeds: list[tuple[Formula, ...]] = []
        inconsistent = box(bot, theory=theory)
        if goal != inconsistent:
            proof = self.decide(inconsistent, budget=budget)
            if proof.valid:
                seeds.append(proof.used_instances)
        for other, cert in self._proved.get(body, []):
            if read.includes(other, theory):
                seeds.append(cert.used_instances)
            elif other in read.reflected[theory]:
                instance = read.instance(read.label(theory), other, read.translate(body))
                seeds.append((*cert.used_instances, instance))
        for seed in seeds:
            cert = self._refine(goal, whole, seed, budget)
            if cert.valid:
                return cert
        return None

    def solve(self, goal: Formula, logic: Logic, budget: Budget | None) -> ProofResult:
        """One prover call, within `budget` (the prover turns it into a timeout). A fresh
        engine per call: a certificate depends only on its goal and logic (issue 11)."""
        return prove(goal, logic, budget=budget)

    def lemma(self, formula: Formula, budget: Budget | None) -> ProofResult:
        """A theorem of the file's logic without reflection instances (the boxes of the
        translated `formula`, their inclusions, the definitions it needs), with its proof."""
        read = self.reading
        logic = query_logic(read, formula).logic
        result = self.solve(formula, logic, budget)
        if not result.valid:  # pragma: no cover - Löb's theorem with the inclusion
            raise InternalError(f"the Löbian lemma {formula} has no proof")
        return result

    def boxes(self, goal: Formula) -> frozenset[str | None]:
        """The boxes of the translated `goal`."""
        return theories_of(self.reading.translate(goal))
