"""The prover's pipeline: search, then build a proof or extract and shrink a countermodel, and
have the kernel accept it (`check_proof`, `check_countermodel`). `Prover` is the engine kept
across queries; `lobkit.prover.decide` holds the one-call entry points.

>>> from lobkit.syntax import parse
>>> gl, k4 = Prover("GL"), Prover("K4")
>>> gl.prove(parse("[]([]p -> p) -> []p")).valid
True
>>> result = k4.prove(parse("[]([]p -> p) -> []p"))
>>> result.valid, result.countermodel.worlds
(False, ('w0', 'w1'))
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from lobkit.errors import InputError, InternalError, ProofError
from lobkit.formula import Displayable, Formula, theories_of, without_diamonds
from lobkit.kernel import (
    REFLEXIVE_BASE,
    Countermodel,
    LabelledProof,
    Logic,
    Proof,
    ReflexiveProof,
    check_countermodel,
    check_labelled_proof,
    check_proof,
    check_reflexive_proof,
    countermodel_problems,
)
from lobkit.limits import Budget, check_size
from lobkit.prover.build import DEFAULT_MAX_PROOF_NODES, build_proof
from lobkit.prover.build_taut import build_taut_proof
from lobkit.prover.cube import CubeClock, decide_cube
from lobkit.prover.extract import extract, shrink
from lobkit.prover.local_reduction import reflexive_closure, reflexive_translation
from lobkit.prover.search import (
    DEFAULT_MAX_WORLDS,
    Engine,
    Sequent,
    UnsatCore,
    collector_paused,
)
from lobkit.sat import DEFAULT_SOLVER, check_solver_name
from lobkit.syntax.parser import as_formula, as_formulas

PROOF_STYLES = ("taut", "g3")
#: The logics the SAT-based engine (`lobkit.prover.search`) decides — T and S4 too, as K and
#: K4 on the reflexive translation (`REFLEXIVE_BASE`); the others go to the labelled search
#: of `lobkit.prover.cube`.
ENGINE_FRAMES = ("GL", "K4", "K")

__all__ = ["PROOF_STYLES", "Prover", "shared_prover", "ProofResult", "is_truth_logic"]


@dataclass(frozen=True, eq=False)
class ProofResult(Displayable):
    """The verdict on `formula` in `logic`: `valid` with a `proof`, or not with a
    `countermodel`. (No truth value on purpose: test `.valid`.)"""

    formula: Formula
    logic: Logic
    valid: bool
    proof: Proof | ReflexiveProof | LabelledProof | None
    countermodel: Countermodel | None
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (see docs/prover.md)."""
        out: dict[str, Any] = {
            "formula": str(self.formula),
            "logic": self.logic.frame,
        }
        inclusions = {str(k): sorted(map(str, v)) for k, v in self.logic.direct.items() if v}
        if inclusions:
            out["extends"] = dict(sorted(inclusions.items()))
        if self.logic.premises:
            out["premises"] = [str(p) for p in self.logic.premises]
        out["valid"] = self.valid
        out["proof"] = None if self.proof is None else self.proof.to_json()
        out["countermodel"] = None if self.countermodel is None else self.countermodel.to_json()
        out["seconds"] = round(self.seconds, 6)
        return out

    def __bool__(self) -> bool:
        # `if prove(...)` would otherwise be true for every answer, theorem or not.
        raise TypeError("a ProofResult has no truth value: test result.valid")

    def render_text(self) -> str:
        """A headline, then the proof tree or the countermodel."""
        verdict = "theorem" if self.valid else "not a theorem"
        head = f"{self.formula}: {verdict} of {self.logic}"
        body = self.proof.render_text() if self.proof else self.countermodel.render_text()  # type: ignore[union-attr]
        return f"{head}\n{body}"

    def __repr__(self) -> str:
        verdict = "valid" if self.valid else "invalid"
        return f"<ProofResult {self.formula} {verdict} in {self.logic} ({self.seconds:.3f}s)>"


def _theories(formula: Formula, logic: Logic) -> set[str | None]:
    names = set(theories_of(formula))
    for p in logic.premises:
        names |= theories_of(p)
    return names


class Prover:
    """**The shared engine**: one search engine per (logic, premises, solver), reused across
    queries. Everything its SAT solver learns (definitions, modal lemmas) and every refuted or
    satisfied sequent it caches is valid in the logic with those premises, so each query helps
    the next: use one `Prover` (or `shared_prover`) for a spec's queries, a `depth` tower, a
    batch of formulas, fixed-point and combat verifications.

    Answers are certified exactly as by `prove` (each proof and countermodel is checked); only
    their shape may differ from a fresh engine's, since cores depend on what was learned.
    Thread-safe (one query at a time); `interrupt()` stops the running query.

    >>> gl = Prover("GL")
    >>> gl.prove("[]([]p -> p) -> []p").valid, gl.prove("[]p -> p").valid
    (True, False)
    """

    def __init__(
        self,
        logic: Logic | str = "GL",
        *,
        premises: Iterable[Formula | str] = (),
        solver: str = DEFAULT_SOLVER,
    ) -> None:
        if is_truth_logic(logic):
            raise InputError(
                "the logic S is decided by lobkit.prove(formula, 'S') (Solovay's reduction to "
                "GL), not by a shared engine of its own"
            )
        self.logic = Logic.coerce(logic).with_premises(as_formulas(premises, "premise"))
        frame = self.logic.frame
        #: T and S4: the logic (K, K4) whose engine decides the reflexive translation.
        self.reflexive_base = REFLEXIVE_BASE.get(frame)
        #: The cube's other logics (all but GL, K4, K, T, S4) are decided by the labelled search.
        self.cube: CubeClock | None = None
        if frame not in ENGINE_FRAMES:
            if any(t is not None for t in self.logic.theories()):
                raise InputError(f"theory inclusions are supported in GL, K4 and K, not in {frame}")
            if self.reflexive_base is None:
                if self.logic.premises:
                    raise InputError(
                        f"premises are supported in GL, K4, K, T and S4, not in {frame}"
                    )
                self.cube = CubeClock()
        if frame in ENGINE_FRAMES:
            engine_logic = self.logic
        elif self.reflexive_base is not None:  # T, S4: the base logic, premises translated
            if any(t is not None for p in self.logic.premises for t in theories_of(p)):
                raise InputError(f"{frame} has one box; indexed boxes [T] need GL, K4 or K")
            translated = [reflexive_translation(p) for p in self.logic.premises]
            engine_logic = Logic(self.reflexive_base, premises=tuple(translated))
        else:  # the labelled search's logics: unused
            engine_logic = Logic("K")
        self.engine = Engine(engine_logic, solver=solver)
        self.queries = 0
        self._lock = threading.Lock()

    def prove(
        self,
        formula: Formula | str,
        *,
        timeout: float | None = None,
        budget: Budget | None = None,
        max_proof_nodes: int = DEFAULT_MAX_PROOF_NODES,
        max_worlds: int = DEFAULT_MAX_WORLDS,
        proof_style: str = "taut",
    ) -> ProofResult:
        """Decide `formula`; the limits are per query (see `lobkit.prover.prove`). With a
        `budget` (a deadline shared by a whole question's calls), the query gets what is left
        of it, and running out names the whole budget: the one place a budget becomes a
        timeout."""
        if budget is None:
            return self._prove(formula, timeout, max_proof_nodes, max_worlds, proof_style)
        with budget.spending():
            left = budget.remaining()
            if left is not None:
                timeout = left if timeout is None else min(timeout, left)
            return self._prove(formula, timeout, max_proof_nodes, max_worlds, proof_style)

    def _prove(
        self,
        formula: Formula | str,
        timeout: float | None,
        max_proof_nodes: int,
        max_worlds: int,
        proof_style: str,
    ) -> ProofResult:
        start = time.perf_counter()
        goal = as_formula(formula)
        max_proof_nodes = check_size(max_proof_nodes, "max_proof_nodes")
        if proof_style not in PROOF_STYLES:
            raise InputError(
                f"unknown proof style {proof_style!r}; choose from {', '.join(PROOF_STYLES)}"
            )
        with self._lock:
            self.queries += 1
            if self.cube is not None:
                self.cube.start(timeout)
                return self._decide_cube(goal, start, max_worlds, max_proof_nodes)
            self.engine.start(timeout=timeout, max_worlds=max_worlds)
            with collector_paused():  # the search's, its certificate's and the check's objects
                if self.reflexive_base is not None:
                    return self._decide_reflexive(goal, max_proof_nodes, start, proof_style)
                return self._decide(goal, max_proof_nodes, start, proof_style)

    def _decide_cube(
        self, goal: Formula, start: float, max_worlds: int, max_proof_nodes: int
    ) -> ProofResult:
        """The labelled search (`lobkit.prover.cube`); its proof and countermodel are checked
        by the kernel like the engine's."""
        assert self.cube is not None
        lg, tick = self.logic, self.cube.tick
        if any(t is not None for t in theories_of(goal)):
            raise InputError(f"{lg.frame} has one box; indexed boxes [T] need GL, K4 or K")
        outcome = decide_cube(
            goal, lg.frame, tick=tick, max_worlds=max_worlds, max_proof_nodes=max_proof_nodes
        )
        if outcome.proof is not None:
            try:
                check_labelled_proof(outcome.proof, goal, tick=tick)
            except ProofError as error:  # pragma: no cover - a bug, never a user error
                raise InternalError(f"the proof failed its check: {error}") from error
            return ProofResult(goal, lg, True, outcome.proof, None, time.perf_counter() - start)
        assert outcome.countermodel is not None
        model = shrink(
            outcome.countermodel,
            lambda smaller: not countermodel_problems(smaller, lg, goal, tick=tick),
        )
        try:
            check_countermodel(model, lg, goal, tick=tick)
        except ProofError as error:  # pragma: no cover - a bug, never a user error
            raise InternalError(f"the countermodel failed its check: {error}") from error
        model = replace(model, formula=goal, logic=lg)
        return ProofResult(goal, lg, False, None, model, time.perf_counter() - start)

    def _search(
        self, goal: Formula, max_proof_nodes: int, proof_style: str
    ) -> Proof | Countermodel:
        """The engine on ``⇒ goal``: its proof, or the model its search found (unchecked)."""
        engine = self.engine
        root = Sequent(frozenset(), frozenset((without_diamonds(goal),)))
        answer = engine.sat(root)
        if isinstance(answer, UnsatCore):
            if proof_style == "taut":
                proof = build_taut_proof(engine, root, answer, max_proof_nodes)
            else:
                proof = build_proof(engine, root, max_proof_nodes)
            engine.tick()  # the query's deadline covers building and checking the certificate
            return proof
        return extract(answer, engine.logic, _theories(goal, engine.logic))

    def _decide(
        self, goal: Formula, max_proof_nodes: int, start: float, proof_style: str
    ) -> ProofResult:
        engine, lg = self.engine, self.logic
        found = self._search(goal, max_proof_nodes, proof_style)
        if isinstance(found, Proof):
            proof = found
            try:
                check_proof(proof, lg, goal, tick=engine.tick)
            except ProofError as error:  # pragma: no cover - a bug, never a user error
                raise InternalError(f"the proof failed its check: {error}") from error
            return ProofResult(goal, lg, True, proof, None, time.perf_counter() - start)
        return self._refuted(goal, found, start)

    def _refuted(self, goal: Formula, found: Countermodel, start: float) -> ProofResult:
        """The engine's countermodel shrunk, checked by the kernel in the logic's frames
        against `goal`, and labelled with it (for the explained pictures)."""
        engine, lg = self.engine, self.logic
        model = shrink(
            found,
            lambda smaller: (
                not countermodel_problems(smaller, lg, goal, frame=False, tick=engine.tick)
            ),
        )
        engine.tick()
        try:
            check_countermodel(model, lg, goal, tick=engine.tick)
        except ProofError as error:  # pragma: no cover - a bug, never a user error
            raise InternalError(f"the countermodel failed its check: {error}") from error
        model = replace(model, formula=goal, logic=lg)
        return ProofResult(goal, lg, False, None, model, time.perf_counter() - start)

    def _decide_reflexive(
        self, goal: Formula, max_proof_nodes: int, start: float, proof_style: str
    ) -> ProofResult:
        """T and S4: the engine of K (K4) on the reflexive translation φ*
        (`lobkit.prover.local_reduction`). Its proof of φ* is the certificate — the kernel checks it
        against its own φ* (`check_reflexive_proof`); its countermodel of φ*, closed
        reflexively, is checked by the kernel in the logic's frames against φ itself."""
        engine, lg = self.engine, self.logic
        if any(t is not None for t in theories_of(goal)):
            raise InputError(f"{lg.frame} has one box; indexed boxes [T] need GL, K4 or K")
        found = self._search(reflexive_translation(goal), max_proof_nodes, proof_style)
        if isinstance(found, Proof):
            certificate = ReflexiveProof(lg.frame, found)
            try:
                check_reflexive_proof(certificate, goal, lg.premises, tick=engine.tick)
            except ProofError as error:  # pragma: no cover - a bug, never a user error
                raise InternalError(f"the proof failed its check: {error}") from error
            return ProofResult(goal, lg, True, certificate, None, time.perf_counter() - start)
        return self._refuted(goal, reflexive_closure(found), start)

    def interrupt(self) -> None:
        """Stop the running query (it raises `Interrupted`); thread- and signal-safe."""
        if self.cube is not None:
            self.cube.interrupt()
        self.engine.interrupt()

    @property
    def solver_seconds(self) -> float:
        """Time spent inside the SAT solver's own calls, over all queries so far."""
        return self.engine.solver.solve_seconds

    def __repr__(self) -> str:
        return f"<Prover {self.logic} ({self.engine.solver.name}, {self.queries} queries)>"


_SHARED: OrderedDict[tuple[Logic, str], Prover] = OrderedDict()
_SHARED_LOCK = threading.Lock()
_SHARED_MAX = 16


def shared_prover(
    logic: Logic | str = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    solver: str = DEFAULT_SOLVER,
) -> Prover:
    """The process-wide `Prover` for (logic, premises, solver), made on first use (the 16 most
    recently used are kept). Callers that decide many formulas in one logic — the tiling
    checker, batches, classics — should ask here rather than call `prove` each time."""
    lg = Logic.coerce(logic).with_premises(as_formulas(premises, "premise"))
    key = (lg, check_solver_name(solver))
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            found = _SHARED[key] = Prover(lg, solver=solver)
            while len(_SHARED) > _SHARED_MAX:
                _SHARED.popitem(last=False)
        _SHARED.move_to_end(key)
        return found


def is_truth_logic(logic: object) -> bool:
    """True for the name of Solovay's logic S ("S", any case), which no `Logic` frame is."""
    return isinstance(logic, str) and logic.strip().upper() == "S"
