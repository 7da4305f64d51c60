"""The letterless solution of a match's system, the strength of theory that proves the outcome,
and the prover's check of both.

1. *Solution.* The rank traces give the letterless fixed point H: each variable's column read
   as a Boolean combination of □ⁿ⊥ (`lobkit.kernel.linear.normal_form`).
2. *proved_in.* PA + Conᵏ(PA) ⊢ O, with Conᵏ = ¬□ᵏ⊥, iff GL ⊢ □(¬□ᵏ⊥ → O[H]) (Solovay's
   arithmetical completeness, and GL ⊢ ψ iff GL ⊢ □ψ), iff ¬□ᵏ⊥ → O[H] holds at every rank
   (letterless completeness for the linear frame), iff O holds at every rank ≥ k, since ¬□ᵏ⊥
   holds exactly at the ranks ≥ k. So proved_in is one past the last rank where O fails.
3. *Verification.* The prover checks GL ⊢ ∧ᵢ (Hᵢ ↔ φᵢ[H]) ∧ □(¬□ᵏ⊥ → O[H]) and, for k > 0,
   not □(¬□ᵏ⁻¹⊥ → O[H]), all under one time budget (each certificate kernel-checked). These
   formulas are letterless, so their proofs and countermodels are built from the linear frame
   (`lobkit.prover.letterless_certificates`) rather than searched for. A disagreement raises
   `VerificationFailed` naming the equation or bound that fails.
"""

from __future__ import annotations

from collections.abc import Sequence

from lobkit.agents.frame import Trace
from lobkit.agents.system import System
from lobkit.errors import InternalError, VerificationFailed
from lobkit.formula import Formula, bot, box, conjunction, implies, neg, substitute
from lobkit.limits import Budget

__all__ = [
    "letterless_fixed_point",
    "proved_in",
    "consistency_implies",
    "verification_questions",
    "verify_solution",
]


def letterless_fixed_point(system: System, trace: Trace) -> tuple[Formula, ...]:
    """The unique letterless solution H of the system, read off the rank traces."""
    from lobkit.kernel.linear import normal_form  # (the kernel package: only when asked)

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


_DECIDED: dict[Formula, bool] = {}
"""GL's verdict on formulas this process has already had certified (interned formulas: a
game played twice, or two games sharing equations, are proved once). Bounded."""
_DECIDED_MAX = 4096


def _valid(budget: Budget, formula: Formula) -> bool:
    """GL ⊢ formula, by the prover (its certificate checked), remembered for the process:
    a letterless formula (every one this module asks about) by its linear-frame certificate
    (`lobkit.prover.letterless_certificates`), any other by the search."""
    # (the prover: only when verifying)
    from lobkit.prover.letterless_certificates import is_letterless, letterless_valid

    known = _DECIDED.get(formula)
    if known is None:
        if is_letterless(formula):
            known = letterless_valid(formula, budget=budget)
        else:
            from lobkit.prover import is_valid

            known = is_valid(formula, budget=budget)
        if len(_DECIDED) >= _DECIDED_MAX:
            _DECIDED.clear()
        _DECIDED[formula] = known
    return known


def _questions(
    system: System, solution: Sequence[Formula], outcome: Formula, k: int
) -> tuple[list[tuple[str, Formula]], Formula, Formula | None]:
    """Each equation Hᵢ ↔ φᵢ[H] (labelled), □(¬□ᵏ⊥ → O[H]), and for k > 0 the same with
    k − 1 (None for k = 0)."""
    table: dict[str | Formula, Formula] = dict(zip(system.atoms, solution, strict=True))
    equations = [
        (label, hi.iff(substitute(eq, table)))
        for label, hi, eq in zip(system.labels, solution, system.equations, strict=True)
    ]
    solved = substitute(outcome, table)
    weaker = consistency_implies(k - 1, solved) if k > 0 else None
    return equations, consistency_implies(k, solved), weaker


def verification_questions(
    system: System, solution: Sequence[Formula], outcome: Formula, k: int
) -> list[tuple[Formula, bool]]:
    """The GL questions `verify_solution` asks of a correct solution, each with its answer:
    the equations and the outcome's bound together (a theorem) and, for k > 0, the bound with
    k − 1 (not a theorem). All letterless (`benchmarks/bench_combat.py` times them)."""
    equations, proved, weaker = _questions(system, solution, outcome, k)
    questions = [(conjunction([*(e for _, e in equations), proved]), True)]
    if weaker is not None:
        questions.append((weaker, False))
    return questions


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

    The prover calls share one deadline of `timeout` seconds.
    """
    budget = Budget(timeout)
    equations, proved, weaker = _questions(system, solution, outcome, k)
    # One prover call for the solution and the outcome together (GL ⊢ ∧ψᵢ iff GL ⊢ each ψᵢ);
    # the parts are proved one by one only to name what fails, or when the kernel rejects
    # the prover's certificate of the whole (then the parts are certified separately).
    try:
        whole = _valid(budget, conjunction([*(e for _, e in equations), proved]))
    except InternalError:
        whole = False
    if not whole:
        for label, equation in equations:
            if not _valid(budget, equation):
                raise VerificationFailed(
                    f"{what}: the letterless fixed point does not solve the equation of {label}"
                )
        if not _valid(budget, proved):
            raise VerificationFailed(f"{what}: GL does not prove [](~[]^{k}false -> outcome)")
    if weaker is not None and _valid(budget, weaker):
        raise VerificationFailed(f"{what}: already PA+Con^{k - 1} proves the outcome")
