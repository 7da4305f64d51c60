"""Parametrised formula families for benchmarks and tests.

* ``boxchain_valid(n) = □ⁿ⊥ → □ⁿ⁺¹⊥`` (a GL, K4 and K theorem);
* ``boxchain_invalid(n) = □ⁿ⁺¹⊥ → □ⁿ⊥`` (refuted only by a chain of n+1 worlds in GL);
* ``nested_lob(n)``: Löb's axiom with Löb's axiom substituted for p, n times (GL theorems);
* ``lob_nest(n)``: n Löb inductions in a row, each using the last (GL theorems, linear size as
  text, so every peer prover can read them);
* ``boxed_php(n)``: □ of the pigeonhole principle for n+1 pigeons and n holes (a theorem of K,
  propositionally hard for plain sequent search; lobkit's own family, not the LWB one).
"""

from __future__ import annotations

from lobkit.formula import Formula, atom, bot, box, conjunction, disjunction, implies, neg

__all__ = ["boxchain_valid", "boxchain_invalid", "nested_lob", "lob_nest", "boxed_php", "FAMILIES"]


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


def lob_nest(n: int) -> Formula:
    """□((□p₁ → p₁) ∧ ⋀_{1<k≤n} (□pₖ₋₁ ∧ □pₖ → pₖ)) → □pₙ.

    Valid in GL by n nested uses of Löb's rule: from □p₁ (Löb on the first conjunct) comes
    □□p₁ (axiom 4), with it □(□p₂ → p₂) from the second conjunct, so □p₂ by Löb, and so on.
    Not valid in K4 (a reflexive point refutes it at n = 1). Its text has size linear in n, but a
    tableau that decomposes the conjuncts before the boxes branches on each of them."""
    if n < 1:
        raise ValueError("lob_nest needs n >= 1")
    p = [atom(f"p{k}") for k in range(n + 1)]
    steps = [implies(box(p[1]), p[1])]
    steps += [implies(box(p[k - 1]) & box(p[k]), p[k]) for k in range(2, n + 1)]
    return implies(box(conjunction(steps)), box(p[n]))


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
    "lob_nest": (lob_nest, True),
    "boxed_php": (boxed_php, True),
}
