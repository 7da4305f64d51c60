"""Letterless sentences: their normal form and their truth in the standard model of arithmetic.

A letterless formula (no atoms, only ⊤ ⊥ and connectives) has the same truth value at every
world of a finite GL model (transitive, irreflexive, conversely well-founded) that has the same
*rank* (the length of the longest path going up from it). So it is enough to evaluate it on the
linear frame 0 < 1 < 2 < … where rank k sees exactly the ranks j < k:

    □φ is true at k  iff  φ is true at every j < k.

Eventual constancy. A formula of modal depth d has the same value at every rank k ≥ d. By
induction: atoms are absent and ⊤, ⊥ are constant; connectives preserve the property; if φ has
depth d − 1 it is constant from rank d − 1 on, so for k ≥ d the ranks j < k seen by k are
0 … d − 1 plus ranks where φ already has its final value — the value of □φ at k is ⋀_{j<d} φ(j),
the same for all k ≥ d. The *trace* is the list of values at ranks 0, 1, … up to the first rank
from which the value no longer changes.

Normal form (Boolos, *The Logic of Provability*, 1993, ch. 7 "Letterless sentences"): every
letterless φ is GL-equivalent to a Boolean combination of the □ⁿ⊥ ("rank < n"), namely the
union of rank intervals where φ is true: [a, b) is ¬□ᵃ⊥ ∧ □ᵇ⊥ and [a, ∞) is ¬□ᵃ⊥. GL proves
φ iff φ is true at every rank (completeness for finite models), and the prover confirms
GL ⊢ φ ↔ normal form.

Arithmetic (Boolos ch. 7; Solovay 1976): read □ as provability in a sound theory such as PA.
Then every □ⁿ⊥ is false in ℕ (PA ⊬ ⊥, PA ⊬ □⊥ by soundness, …), and by the normal form a
letterless sentence is true in ℕ iff it is true at all sufficiently large ranks — its eventual
value, the last entry of the trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lobkit.classics._prover import Budget, require_plain_box
from lobkit.classics.simplify import simplify
from lobkit.errors import InputError, InternalError
from lobkit.formula import (
    AND,
    BOT,
    BOX,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    atoms_of,
    bot,
    box,
    conj,
    disjunction,
    fold,
    iff,
    neg,
    top,
)
from lobkit.syntax.parser import as_formula

__all__ = [
    "LetterlessReport",
    "rank_values",
    "trace",
    "letterless_normal_form",
    "standard_model_truth",
]


def _require_letterless(formula: Formula) -> None:
    names = atoms_of(formula)
    if names:
        raise InputError(
            f"{formula} is not letterless: it contains the atom(s) {', '.join(sorted(names))}"
        )
    require_plain_box(formula)


def rank_values(formula: Formula) -> tuple[bool, ...]:
    """Truth values of a letterless formula at ranks 0 … d (d = modal depth) of the linear
    frame; the value at every rank ≥ d equals the last entry (see the module docstring)."""
    _require_letterless(formula)
    width = formula.modal_depth + 1

    def visit(node: Formula, args: tuple[tuple[bool, ...], ...]) -> tuple[bool, ...]:
        op = node.op
        if op == TOP:
            return (True,) * width
        if op == BOT:
            return (False,) * width
        if op == NOT:
            return tuple(not v for v in args[0])
        if op in (AND, OR, IMP, IFF):
            a, b = args
            if op == AND:
                return tuple(x and y for x, y in zip(a, b, strict=True))
            if op == OR:
                return tuple(x or y for x, y in zip(a, b, strict=True))
            if op == IMP:
                return tuple((not x) or y for x, y in zip(a, b, strict=True))
            return tuple(x == y for x, y in zip(a, b, strict=True))
        # □: true at k iff the argument holds at all j < k; ◇: at some j < k.
        values: list[bool] = []
        acc = op == BOX
        for k in range(width):
            values.append(acc)
            acc = (acc and args[0][k]) if op == BOX else (acc or args[0][k])
        return tuple(values)

    return fold(formula, visit)


def trace(formula: Formula) -> tuple[bool, ...]:
    """Values at ranks 0, 1, … up to (and including) the first rank from which it is constant."""
    values = rank_values(formula)
    end = len(values) - 1
    while end > 0 and values[end - 1] == values[-1]:
        end -= 1
    return values[: end + 1]


def _interval(a: int, b: int | None) -> Formula:
    """The ranks in [a, b) (b None: [a, ∞)) as a Boolean combination of □ⁿ⊥."""
    low = top if a == 0 else neg(box(bot, a))
    if b is None:
        return low
    high = box(bot, b)
    return high if a == 0 else conj(low, high)


def _from_trace(values: tuple[bool, ...]) -> Formula:
    """The union of the rank intervals where the trace is true (the tail is [len − 1, ∞))."""
    pieces: list[Formula] = []
    k = 0
    last = len(values) - 1
    while k <= last:
        if not values[k]:
            k += 1
            continue
        start = k
        while k <= last and values[k]:
            k += 1
        pieces.append(_interval(start, None if k > last else k))
    return disjunction(pieces) if pieces else bot


def letterless_normal_form(
    formula: Formula | str, *, timeout: float | None = None, budget: Budget | None = None
) -> Formula:
    """A Boolean combination of □ⁿ⊥ that GL proves equivalent to `formula` (checked)."""
    formula = as_formula(formula)
    budget = budget or Budget(timeout)
    candidate = simplify(_from_trace(trace(formula)), verify=False)
    if not budget.valid(iff(formula, candidate)):
        raise InternalError(f"normal form {candidate} of {formula} failed its check")
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
    provable = budget.valid(formula)
    if provable != all(values):
        raise InternalError(f"prover and rank semantics disagree on {formula}")
    return LetterlessReport(formula, normal, values[-1], provable, values)
