"""Letterless sentences: their normal form and their truth in the standard model of arithmetic.

The semantics is that of the linear frame 0 < 1 < 2 < …, where rank k sees exactly the ranks
j < k; it lives in the trusted kernel (`lobkit.kernel.linear`, with the eventual-constancy
argument and the normal form theorem of Boolos, *The Logic of Provability*, 1993, ch. 7). This
module reads it in arithmetic and checks every answer with the prover: GL proves φ iff φ is true
at every rank (completeness for finite models), and GL ⊢ φ ↔ normal form.

Arithmetic (Boolos ch. 7; Solovay 1976): read □ as provability in a sound theory such as PA.
Then every □ⁿ⊥ is false in ℕ (PA ⊬ ⊥, PA ⊬ □⊥ by soundness, …), and by the normal form a
letterless sentence is true in ℕ iff it is true at all sufficiently large ranks — its eventual
value, the last entry of the trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lobkit.classics.simplify import simplify
from lobkit.errors import InternalError
from lobkit.formula import Formula, iff
from lobkit.kernel.linear import normal_form, rank_values, trace
from lobkit.limits import Budget
from lobkit.prover import is_valid
from lobkit.syntax.parser import as_formula
from lobkit.syntax.printers import brief

__all__ = [
    "LetterlessReport",
    "rank_values",
    "trace",
    "letterless_normal_form",
    "standard_model_truth",
]


def letterless_normal_form(
    formula: Formula | str, *, timeout: float | None = None, budget: Budget | None = None
) -> Formula:
    """A Boolean combination of □ⁿ⊥ that GL proves equivalent to `formula` (checked)."""
    formula = as_formula(formula)
    budget = budget or Budget(timeout)
    candidate = simplify(normal_form(trace(formula)), verify=False)
    if not is_valid(iff(formula, candidate), budget=budget):
        raise InternalError(f"normal form {brief(candidate)} of {brief(formula)} failed its check")
    return candidate


@dataclass(frozen=True)
class LetterlessReport:
    """A letterless sentence read in arithmetic: normal form, truth in ℕ, GL-provability."""

    formula: Formula
    normal_form: Formula
    true_in_standard_model: bool
    provable: bool
    trace: tuple[bool, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "normal_form": str(self.normal_form),
            "true_in_standard_model": self.true_in_standard_model,
            "provable": self.provable,
            "trace": list(self.trace),
        }


def standard_model_truth(
    formula: Formula | str, *, timeout: float | None = None
) -> LetterlessReport:
    """Evaluate a letterless sentence with □ read as provability in a sound theory (PA).

    `provable` is decided by the prover and must agree with "true at every rank".
    """
    formula = as_formula(formula)
    values = trace(formula)
    budget = Budget(timeout)
    normal = letterless_normal_form(formula, budget=budget)
    provable = is_valid(formula, budget=budget)
    if provable != all(values):
        raise InternalError(f"prover and rank semantics disagree on {brief(formula)}")
    return LetterlessReport(formula, normal, values[-1], provable, values)
