"""Parametrised formula families for benchmarks and tests.

* ``boxchain_valid(n) = □ⁿ⊥ → □ⁿ⁺¹⊥`` (a GL, K4 and K theorem);
* ``boxchain_invalid(n) = □ⁿ⁺¹⊥ → □ⁿ⊥`` (refuted only by a chain of n+1 worlds in GL);
* ``nested_lob(n)``: Löb's axiom with Löb's axiom substituted for p, n times (GL theorems);
* ``boxed_php(n)``: □ of the pigeonhole principle for n+1 pigeons and n holes (a theorem of K,
  propositionally hard for plain sequent search; lobkit's own family, not the LWB one).
"""

from __future__ import annotations

from lobkit.formula import Formula, atom, bot, box, conjunction, disjunction, implies, neg

__all__ = ["boxchain_valid", "boxchain_invalid", "nested_lob", "boxed_php", "FAMILIES"]


def boxchain_valid(n: int) -> Formula:
    """□ⁿ⊥ → □ⁿ⁺¹⊥."""
    return implies(box(bot, n), box(bot, n + 1))


def boxchain_invalid(n: int) -> Formula:
    """□ⁿ⁺¹⊥ → □ⁿ⊥: its GL countermodels need n+1 worlds."""
    return implies(box(bot, n + 1), box(bot, n))


def nested_lob(n: int) -> Formula:
    """L₁ = □(□p → p) → □p, Lₖ₊₁ = □(□Lₖ → Lₖ) → □Lₖ (shared sub-formulas: linear size)."""
    f = atom("p")
    for _ in range(n):
        f = implies(box(implies(box(f), f)), box(f))
    return f


def boxed_php(n: int) -> Formula:
    """□¬(every pigeon i ≤ n has a hole j < n ∧ no hole holds two pigeons)."""
    x = {(i, j): atom(f"p{i}_{j}") for i in range(n + 1) for j in range(n)}
    some_hole = [disjunction(x[i, j] for j in range(n)) for i in range(n + 1)]
    no_share = [
        neg(x[i, j] & x[k, j]) for j in range(n) for i in range(n + 1) for k in range(i + 1, n + 1)
    ]
    return box(neg(conjunction(some_hole + no_share)))


FAMILIES = {
    "boxchain_valid": (boxchain_valid, True),
    "boxchain_invalid": (boxchain_invalid, False),
    "nested_lob": (nested_lob, True),
    "boxed_php": (boxed_php, True),
}
