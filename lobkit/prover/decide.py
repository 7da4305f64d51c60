"""The prover's one-call entry points: `prove` (GL, K4, K — and Solovay's S by his reduction),
`is_valid`, `is_satisfiable`, `entails`. Each call makes a fresh `Prover`; to share what is
learned across many queries, use `Prover` or `shared_prover` (`lobkit.prover.pipeline`).

>>> prove("[]([]p -> p) -> []p").valid
True
>>> result = prove("[]([]p -> p) -> []p", "K4")
>>> result.valid, result.countermodel.worlds
(False, ('w0', 'w1'))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lobkit.formula import Formula, neg
from lobkit.kernel import Logic
from lobkit.limits import Budget
from lobkit.prover.build import DEFAULT_MAX_PROOF_NODES
from lobkit.prover.pipeline import ProofResult, Prover, is_truth_logic
from lobkit.prover.search import DEFAULT_MAX_WORLDS
from lobkit.sat import DEFAULT_SOLVER
from lobkit.syntax.parser import as_formula

__all__ = ["prove", "is_valid", "is_satisfiable", "entails"]


def prove(
    formula: Formula | str,
    logic: Logic | str = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    timeout: float | None = None,
    budget: Budget | None = None,
    max_proof_nodes: int = DEFAULT_MAX_PROOF_NODES,
    max_worlds: int = DEFAULT_MAX_WORLDS,
    solver: str = DEFAULT_SOLVER,
    proof_style: str = "taut",
) -> ProofResult:
    """Decide `formula` in `logic` (with extra global `premises`); return a checked proof or
    a checked countermodel. Raises `ResourceLimit` when `timeout` seconds (or what is left of
    `budget`, a `lobkit.limits.Budget` shared by a whole question), `max_worlds` search worlds
    or `max_proof_nodes` proof nodes are exceeded, `Interrupted` after
    `lobkit.prover.interrupt()`. `solver` names the SAT backend (`lobkit.sat.SOLVERS`).
    `proof_style` "taut" (the default) closes each world of the search by one RUP-certified
    `Taut` step, so proofs grow with the search; "g3" gives a cut-free G3 tree (what
    interpolation needs), possibly exponentially larger.

    Each call uses a fresh engine, so the certificate depends on nothing but the arguments;
    to share what is learned across many queries, use `Prover` or `shared_prover`.

    `logic="S"` is Solovay's logic of truth in the standard model, decided by his reduction
    to GL (`lobkit.prover.solovay`): the answer is a `TruthResult`, whose certificate is GL's
    on the reduced formula."""
    if is_truth_logic(logic):
        from lobkit.prover.solovay import prove_truth  # the logic S only: loaded on first use

        return prove_truth(
            formula,
            premises=premises,
            timeout=timeout,
            budget=budget,
            max_proof_nodes=max_proof_nodes,
            max_worlds=max_worlds,
            solver=solver,
            proof_style=proof_style,
        )
    return Prover(logic, premises=premises, solver=solver).prove(
        formula,
        timeout=timeout,
        budget=budget,
        max_proof_nodes=max_proof_nodes,
        max_worlds=max_worlds,
        proof_style=proof_style,
    )


def is_valid(
    formula: Formula | str,
    logic: Logic | str = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    timeout: float | None = None,
    budget: Budget | None = None,
) -> bool:
    """Whether `formula` is a theorem of `logic`: `prove(...).valid`, so the answer too rests
    on a checked certificate."""
    return prove(formula, logic, premises=premises, timeout=timeout, budget=budget).valid


def is_satisfiable(
    formula: Formula | str,
    logic: Logic | str = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    timeout: float | None = None,
    budget: Budget | None = None,
) -> bool:
    """Whether `formula` holds at some world of some model of `logic` (premises global): the
    negation is refuted by a checked countermodel."""
    goal = neg(as_formula(formula))
    return not prove(goal, logic, premises=premises, timeout=timeout, budget=budget).valid


def entails(
    premises: Iterable[Formula | str],
    goal: Formula | str,
    logic: Logic | str = "GL",
    **options: Any,
) -> ProofResult:
    """`prove(goal, logic, premises=premises)`: the premises hold in every world."""
    return prove(goal, logic, premises=premises, **options)
