"""The letterless solution of a match's system, the strength of theory that proves the outcome,
and the prover's check of both.

1. *Solution.* The rank traces give the letterless fixed point H: each variable's column read
   as a Boolean combination of □ⁿ⊥ (`lobkit.kernel.linear.normal_form`).
2. *proved_in.* PA + Conᵏ(PA) ⊢ O, with Conᵏ = ¬□ᵏ⊥, iff GL ⊢ □(¬□ᵏ⊥ → O[H]) (Solovay's
   arithmetical completeness, and GL ⊢ ψ iff GL ⊢ □ψ), iff ¬□ᵏ⊥ → O[H] holds at every rank
   (letterless completeness for the linear frame), iff O holds at every rank ≥ k, since ¬□ᵏ⊥
   holds exactly at the ranks ≥ k. So proved_in is one past the last rank where O fails.
3. *Verification.* The prover checks GL ⊢ ∧ᵢ (Hᵢ ↔ φᵢ[H]) and GL ⊢ □(¬□ᵏ⊥ → O[H]) and, for
   k > 0, not for k − 1, all under one time budget. A disagreement raises `VerificationFailed`.
"""

from __future__ import annotations

from collections.abc import Sequence

from lobkit.agents.frame import Trace
from lobkit.agents.system import System
from lobkit.errors import VerificationFailed
from lobkit.formula import Formula, bot, box, conjunction, implies, neg, substitute
from lobkit.kernel.linear import normal_form
from lobkit.limits import Budget
from lobkit.prover import is_valid

__all__ = ["letterless_fixed_point", "proved_in", "consistency_implies", "verify_solution"]


def letterless_fixed_point(system: System, trace: Trace) -> tuple[Formula, ...]:
    """The unique letterless solution H of the system, read off the rank traces."""
    return tuple(normal_form(trace.column(i)) for i in range(len(system)))


def proved_in(outcome_by_rank: Sequence[bool]) -> int:
    """Least k with the outcome true at every rank ≥ k (the last entry repeats forever)."""
    if not outcome_by_rank[-1]:
        raise ValueError("the outcome fails in ℕ: no theory PA + Con^k proves it")
    k = len(outcome_by_rank)
    while k > 0 and outcome_by_rank[k - 1]:
        k -= 1
    return k


def consistency_implies(k: int, formula: Formula) -> Formula:
    """□(¬□ᵏ⊥ → φ): "PA + Conᵏ(PA) proves φ" (for k = 0 just □φ)."""
    return box(formula if k == 0 else implies(neg(box(bot, k)), formula))


def verify_solution(
    system: System,
    solution: Sequence[Formula],
    outcome: Formula,
    k: int,
    *,
    what: str,
    timeout: float | None = None,
) -> None:
    """Check with the GL prover that `solution` solves `system` and that PA + Conᵏ(PA), and
    no weaker theory of the series, proves `outcome`; `VerificationFailed` naming `what` if not.

    The three prover calls share one deadline of `timeout` seconds.
    """
    budget = Budget(timeout)
    table: dict[str | Formula, Formula] = dict(zip(system.atoms, solution, strict=True))
    equations = conjunction(
        hi.iff(substitute(eq, table)) for hi, eq in zip(solution, system.equations, strict=True)
    )
    if not is_valid(equations, budget=budget):
        raise VerificationFailed(f"{what}: the letterless fixed point does not solve the system")
    solved = substitute(outcome, table)
    if not is_valid(consistency_implies(k, solved), budget=budget):
        raise VerificationFailed(f"{what}: GL does not prove [](~[]^{k}false -> outcome)")
    if k > 0 and is_valid(consistency_implies(k - 1, solved), budget=budget):
        raise VerificationFailed(f"{what}: already PA+Con^{k - 1} proves the outcome")
