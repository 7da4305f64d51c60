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

import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from lobkit.errors import InternalError, ResourceLimit
from lobkit.formula import BOX, Formula, atoms_of, bot, box, theories_of
from lobkit.kernel import Logic
from lobkit.limits import Budget
from lobkit.prover import ProofResult, prove
from lobkit.tiling.exact import Exactness, negative_reason, proof_citation
from lobkit.tiling.logic import Closure, file_closure, query_logic
from lobkit.tiling.pool import CountermodelPool
from lobkit.tiling.reading import AXIOM_PREFIX, Reading, reading
from lobkit.tiling.refine import box_instances, narrow, violated
from lobkit.tiling.results import Certificate
from lobkit.tiling.theory_file import TheoryFile

__all__ = ["Limits", "Oracle"]

TIME_UP = "the refinement stopped at its time limit"


@dataclass(frozen=True)
class Limits:
    """Where the refinement stops: a countermodel past `worlds` worlds, or `rounds` rounds.
    Countermodels grow fast with the premises; past these the answer is `undecided`. `seconds`
    bounds the refinement of one query (issue 25: a query answers within 10 s by default);
    unlike the other two it depends on the machine, and an answer it stops is `undecided`
    and not memoised (a later query may decide it)."""

    worlds: int = 64
    rounds: int = 6
    # the refinement time of one query, so that it answers (or says undecided) in time;
    # None: no limit. The first round of each goal always runs (its answer is often final).
    seconds: float | None = 8.0

    def advice(self) -> str:
        time = "" if self.seconds is None else f" --refine-seconds {self.seconds * 4:g}"
        return (
            f"raise the limits (lobkit check --refine-worlds {self.worlds * 4} --refine-rounds "
            f"{self.rounds * 2}{time}; Python: Checker(spec, limits=Limits(worlds=…, rounds=…, "
            f"seconds=…)))"
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
        # an undecided goal: how many answers there were when it was last settled
        self._settled_at: dict[Formula, int] = {}
        # every prover question asked, by (goal, logic): links share many
        self._answers: dict[tuple[Formula, Logic], ProofResult] = {}
        self._deadline: float | None = None  # the current query's refinement time (monotonic)
        self._budget: Budget | None = None  # the budget of the goal being decided (its facts')
        self.countermodels = CountermodelPool()
        # the first rounds' countermodels of goals with reflecting boxes: reused only where a
        # theorem makes the negative exact (`_refine`), never as a refinement's model
        self.reflecting = CountermodelPool()

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
            if cert.undecided and self._settled_at.get(goal, -1) < len(self.proofs):
                # proofs found since may settle it now (monotonicity, reflection, T ⊢ ⊥):
                # an answer must not depend on which query asked first (the fuzz)
                cert = self._settle_memoised(goal, cert, budget)
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
                self.proofs.pop(goal, None)
            return cert
        read = self.reading
        whole = self.closure()
        for g in (goal, *also):
            whole = whole.with_goal(read.translate(g))
        with self.query_time():
            self._deciding.add(goal)
            outer, self._budget = self._budget, budget or self._budget
            try:
                cert = self._refine(goal, whole, (), self._budget)
            finally:
                self._deciding.discard(goal)
                self._budget = outer
            # A countermodel of the whole closure is already coherent with every answer of
            # the file (one logic); only an undecided answer may still be settled by another
            # proof.
            if cert.undecided:
                settled = self._settle(goal, whole, budget)
                if settled is not None:
                    cert = settled
        if cert.undecided and cert.undecided.startswith(TIME_UP):
            return cert  # not memoised: with time of its own, a later query may decide it
        self.proofs[goal] = cert
        if cert.undecided:
            self._settled_at[goal] = len(self.proofs)
        self._record(goal, cert)
        return cert

    def _settle_memoised(
        self, goal: Formula, cert: Certificate, budget: Budget | None
    ) -> Certificate:
        """A memoised undecided `goal`, settled again with the proofs found since."""
        if goal in self._deciding:
            return cert
        self._settled_at[goal] = len(self.proofs)
        whole = self.closure().with_goal(self.reading.translate(goal))
        with self.query_time():
            self._deciding.add(goal)
            try:
                settled = self._settle(goal, whole, budget)
            finally:
                self._deciding.discard(goal)
        if settled is None:
            return cert
        self.proofs[goal] = settled
        self._record(goal, settled)
        return settled

    def _record(self, goal: Formula, cert: Certificate) -> None:
        if cert.valid and goal.label is not None and goal.op == BOX:
            self._proved.setdefault(goal.args[0], []).append((goal.label, cert))

    def _refine(
        self, goal: Formula, whole: Closure, seed: tuple[Formula, ...], budget: Budget | None
    ) -> Certificate:
        read = self.reading
        target = read.translate(goal)
        public = read.premises_for((target,))
        # the first round has the instances the goal's own boxes ask for (`box_instances`)
        extra: list[Formula] = list(dict.fromkeys((*seed, *box_instances(read, (target, *public)))))
        exactness: Exactness | None | bool = False  # False: not computed yet
        rounds = 0
        narrowed = False
        last: tuple[ProofResult, tuple[Formula, ...], int] | None = None  # the last round's
        one_box = read.reflection_free((target, *public))  # (`solve` pools those itself)
        while True:
            rounds += 1
            ql = query_logic(read, target, extra)
            kept = None if one_box or rounds > 1 else self.reflecting.refute(target, ql.logic)
            if kept is not None:
                # a kept countermodel serves a negative answer that a theorem makes exact
                # whatever the countermodel (no refinement: it need not fit the closure)
                exactness = negative_reason(self.spec, goal, self._fact)
                if isinstance(exactness, Exactness) and set(exactness.needs) <= set(
                    ql.logic.premises
                ):
                    return Certificate(kept, ql.instances, citation=exactness.reason, query=goal)
            if last is None:  # the first round always runs (within the caller's budget)
                opening = self.solve(target, ql.logic, budget)
                if rounds == 1 and not one_box and not opening.valid:
                    self.reflecting.add(opening)
                result: ProofResult | None = opening
            else:
                result = self._solve_in_time(target, ql.logic, budget)
            if result is None:  # the query's refinement time is up
                assert last is not None
                previous, instances, missing_count = last
                return Certificate(
                    previous,
                    instances,
                    query=goal,
                    undecided=(
                        f"{TIME_UP} ({self.limits.seconds:g} s "
                        f"for the query) after {rounds - 1} round(s) with {len(instances)} "
                        f"reflection instance(s): the last countermodel "
                        f"({len(previous.countermodel.worlds) if previous.countermodel else 0} "
                        f"worlds) still violates {missing_count} instance(s) of the file's "
                        f"closure; {self.limits.advice()}"
                    ),
                )
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
                last = (result, ql.instances, len(needs))
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
            last = (result, ql.instances, len(missing))
            if not narrowed:  # first the goal's own boxes' instances (`narrow`), once
                narrowed, first = True, narrow(missing, target)
                if first:  # a round not counted against the limit
                    rounds -= 1
                    extra += first
                    continue
            extra += missing

    def _solve_in_time(
        self, goal: Formula, logic: Logic, budget: Budget | None
    ) -> ProofResult | None:
        """`solve` within what is left of the query's refinement time (`Limits.seconds`) as
        well as `budget`; None when that time is up (the caller's budget still raises)."""
        if self._deadline is None:
            return self.solve(goal, logic, budget)
        left = self._deadline - time.monotonic()
        if left <= 0:
            return None
        theirs = None if budget is None else budget.deadline
        if theirs is not None and theirs <= self._deadline:
            return self.solve(goal, logic, budget)  # the caller's limit comes first
        mine = Budget(left)
        try:
            return self.solve(goal, logic, mine)
        except ResourceLimit:
            if mine.expired:
                return None
            raise

    @contextmanager
    def query_time(self) -> Iterator[None]:
        """Count the refinement time of one query (`Limits.seconds`) from here; nested uses
        (a query's goals, each goal's settling) share the outermost one's."""
        if self._deadline is not None or self.limits.seconds is None:
            yield
            return
        self._deadline = time.monotonic() + self.limits.seconds
        try:
            yield
        finally:
            self._deadline = None

    def _fact(self, formula: Formula) -> bool | None:
        """An exact provability fact for `lobkit.tiling.exact` (None: not exactly known, or
        being decided — no goal waits on itself)."""
        if formula in self._deciding:
            return None
        cert = self.decide(formula, budget=self._budget)  # within the asking goal's budget
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
        # (not while T ⊢ ⊥ is itself being decided: a fact it asked for is settling here)
        if goal != inconsistent and inconsistent not in self._deciding:
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
        """`goal` in `logic`: asked once per file (memoised), refuted — when the goal and
        its logic have PA's box only — by a countermodel already found when one of its
        worlds falsifies it (`CountermodelPool`: that countermodel depends on the file's
        earlier goals, the verdict never), else one prover call within `budget` (the prover
        turns it into a timeout), a fresh engine per call (issue 11)."""
        key = (goal, logic)
        found = self._answers.get(key)
        if found is None:
            # Only where nothing is refined: PA's one box (a reflection-free theory read by
            # the deduction theorem), even in a file where other theories reflect. A
            # refinement wants the prover's small countermodels, and a kept model may
            # violate more instances (the fuzz found a link 7x slower with it).
            reuse = self.reading.reflection_free((goal, *logic.premises))
            found = self.countermodels.refute(goal, logic) if reuse else None
            if found is None:
                found = prove(goal, logic, budget=budget)
                if reuse:
                    self.countermodels.add(found)
            self._answers[key] = found
        return found

    def lemma(self, formula: Formula, budget: Budget | None) -> ProofResult:
        """A theorem of the file's logic without reflection instances (the boxes of the
        translated `formula`, their inclusions, the definitions it needs), with its proof."""
        read = self.reading
        logic = query_logic(read, formula).logic
        # Löb's theorem with the inclusion needs no premise when one α (or none) occurs:
        # asked first without them (a proof in a weaker logic is one in the file's).
        alphas = {a for a in atoms_of(formula) if a.startswith(AXIOM_PREFIX)}
        result = None
        if len(alphas) <= 1 and logic.premises:
            result = self.solve(formula, Logic(logic.frame, dict(logic.direct)), budget)
        if result is None or not result.valid:
            result = self.solve(formula, logic, budget)
        if not result.valid:  # pragma: no cover - Löb's theorem with the inclusion
            raise InternalError(f"the Löbian lemma {formula} has no proof")
        return result

    def boxes(self, goal: Formula) -> frozenset[str | None]:
        """The boxes of the translated `goal`."""
        return theories_of(self.reading.translate(goal))
