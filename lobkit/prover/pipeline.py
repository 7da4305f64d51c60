"""The prover's pipeline: search, then build and check a proof or extract, shrink and check a
countermodel. `lobkit.prover` re-exports the public part.

>>> from lobkit.syntax import parse
>>> prove(parse("[]([]p -> p) -> []p")).valid
True
>>> result = prove(parse("[]([]p -> p) -> []p"), "K4")
>>> result.valid, result.countermodel.worlds
(False, ('w0', 'w1'))
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lobkit.errors import InternalError, ProofError
from lobkit.formula import Formula, neg, theories_of
from lobkit.kernel.checker import check_proof
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.kripke import check_frame, evaluate, holds_everywhere
from lobkit.kernel.logic import Logic
from lobkit.kernel.proof import Proof
from lobkit.limits import check_size
from lobkit.prover.build import DEFAULT_MAX_PROOF_NODES, build_proof
from lobkit.prover.countermodel import extract, shrink
from lobkit.prover.encode import normalize
from lobkit.prover.search import DEFAULT_MAX_WORLDS, Engine, Sequent, UnsatCore
from lobkit.syntax.parser import as_formula

__all__ = [
    "prove",
    "is_valid",
    "is_satisfiable",
    "entails",
    "ProofResult",
    "countermodel_problems",
]


@dataclass(frozen=True, eq=False)
class ProofResult:
    """The verdict on `formula` in `logic`: `valid` with a `proof`, or not with a
    `countermodel`. (No truth value on purpose: test `.valid`.)"""

    formula: Formula
    logic: Logic
    valid: bool
    proof: Proof | None
    countermodel: Countermodel | None
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (see docs/prover.md)."""
        out: dict[str, Any] = {
            "formula": str(self.formula),
            "logic": self.logic.frame,
        }
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

    def _repr_html_(self) -> str:
        """Jupyter: the headline, then the countermodel's picture or the proof tree."""
        import html

        head = html.escape(self.render_text().splitlines()[0])
        if self.countermodel is not None:
            return f"<p><b>{head}</b></p>{self.countermodel._repr_html_()}"
        assert self.proof is not None
        return f"<p><b>{head}</b></p>{self.proof._repr_html_()}"

    def __repr__(self) -> str:
        verdict = "valid" if self.valid else "invalid"
        return f"<ProofResult {self.formula} {verdict} in {self.logic} ({self.seconds:.3f}s)>"


def _theories(formula: Formula, logic: Logic) -> set[str | None]:
    names = set(theories_of(formula))
    for p in logic.premises:
        names |= theories_of(p)
    return names


def prove(
    formula: Formula | str,
    logic: Logic | str = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    timeout: float | None = None,
    max_proof_nodes: int = DEFAULT_MAX_PROOF_NODES,
    max_worlds: int = DEFAULT_MAX_WORLDS,
) -> ProofResult:
    """Decide `formula` in `logic` (with extra global `premises`); return a checked proof or
    a checked countermodel. Raises `ResourceLimit` when `timeout` seconds, `max_worlds`
    search worlds or `max_proof_nodes` proof nodes are exceeded."""
    start = time.perf_counter()
    goal = as_formula(formula)
    lg = Logic.coerce(logic).with_premises(as_formula(p, "premise") for p in premises)
    max_proof_nodes = check_size(max_proof_nodes, "max_proof_nodes")
    engine = Engine(lg, timeout=timeout, max_worlds=max_worlds)
    root = Sequent(frozenset(), frozenset((normalize(goal),)))
    answer = engine.sat(root)
    if isinstance(answer, UnsatCore):
        proof = build_proof(engine, root, max_proof_nodes)
        try:
            check_proof(proof, lg, goal)
        except ProofError as error:  # pragma: no cover - a bug, never a user error
            raise InternalError(f"the proof failed its check: {error}") from error
        return ProofResult(goal, lg, True, proof, None, time.perf_counter() - start)
    model = shrink(
        extract(answer, lg, _theories(goal, lg)),
        lambda smaller: not countermodel_problems(smaller, goal, lg, frame=False),
    )
    problems = countermodel_problems(model, goal, lg)
    if problems:  # pragma: no cover - a bug, never a user error
        raise InternalError(f"the countermodel failed its check: {problems[0]}")
    return ProofResult(goal, lg, False, None, model, time.perf_counter() - start)


def countermodel_problems(
    model: Countermodel, goal: Formula, logic: Logic, *, frame: bool = True
) -> list[str]:
    """Why `model` is not a countermodel to `goal` in `logic` (empty: it is one), by the
    kernel's model checker (`lobkit.kernel.kripke`): frame conditions (unless `frame` is False),
    the goal false at the root, premises true everywhere."""
    kripke = model.kripke()
    problems = check_frame(kripke, logic) if frame else []
    if evaluate(kripke, goal, model.root):
        problems.append("the formula is true at the root")
        return problems
    for p in logic.premises:
        if not holds_everywhere(kripke, p):
            problems.append(f"the premise {p} fails somewhere")
    return problems


def is_valid(
    formula: Formula | str,
    logic: Logic | str = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    timeout: float | None = None,
) -> bool:
    """Whether `formula` is a theorem of `logic`: `prove(...).valid`, so the answer too rests
    on a checked certificate."""
    return prove(formula, logic, premises=premises, timeout=timeout).valid


def is_satisfiable(
    formula: Formula | str,
    logic: Logic | str = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    timeout: float | None = None,
) -> bool:
    """Whether `formula` holds at some world of some model of `logic` (premises global): the
    negation is refuted by a checked countermodel."""
    return not prove(neg(as_formula(formula)), logic, premises=premises, timeout=timeout).valid


def entails(
    premises: Iterable[Formula | str],
    goal: Formula | str,
    logic: Logic | str = "GL",
    **options: Any,
) -> ProofResult:
    """`prove(goal, logic, premises=premises)`: the premises hold in every world."""
    return prove(goal, logic, premises=premises, **options)
