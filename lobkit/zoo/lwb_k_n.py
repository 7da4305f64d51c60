"""The LWB benchmark families for K that are *not* K theorems (``k_*_n``).

Balsiger, Heuerding and Schwendimann, "A benchmark method for the propositional modal logics
K, KT, S4", J. Automated Reasoning 24(3), 2000, §6: each provable family ``k_X_p`` has an
unprovable twin ``k_X_n`` — the same shape with one ingredient weakened (a missing layer, a
swapped axiom, a flipped literal, an odd polygon made even) — so that a prover must find a
countermodel of about the same size. Written from the paper's definitions; the public Python
re-implementation (sarwagya-p/CEGARBoxCPP, ``LWB-benchmark-generator``) was read to pin the
details down and is the reference the tests compare against (formula for formula).

Conjunctions and disjunctions are left-nested, empty ones ⊤ and ⊥, and ⊥ disjuncts are kept,
exactly as in that generator; formulas are hash-consed and built by loops.
"""

from __future__ import annotations

from collections.abc import Callable

from lobkit.formula import (
    Formula,
    bot,
    box,
    conj,
    conjunction,
    diamond,
    disj,
    disjunction,
    iff,
    implies,
    neg,
)
from lobkit.zoo.lwb_families import (
    ax_4,
    ax_d2,
    ax_dum,
    ax_grz,
    ax_grz1,
    ax_l,
    branch_layer,
    grz_lemma_list,
    nnf,
    p,
    ph_left,
    ph_literal,
    ph_pairs,
    same_formula,
    t4p_parts,
)

__all__ = ["LWB_K_N_FAMILIES", "ax_d", "ax_dum4", "ax_lplus", "grz_lemmas", "path_el", "poly"]


def ax_d(a: Formula) -> Formula:
    """D: □a → ◇a."""
    return implies(box(a), diamond(a))


def ax_dum4(a: Formula) -> Formula:
    """Dum₄: □(□(a → □a) → a) → (◇□a → a ∨ □a)."""
    return implies(
        box(implies(box(implies(a, box(a))), a)), implies(diamond(box(a)), disj(a, box(a)))
    )


def ax_lplus(a: Formula, b: Formula) -> Formula:
    """L⁺: □(□a → b) ∨ □(□b → a)."""
    return disj(box(implies(box(a), b)), box(implies(box(b), a)))


def k_branch_n(n: int) -> Formula:
    """k_branch_n: the Halpern–Moses branching formula of k_branch_p, negated, without the
    disjunct ¬□ⁿp_{⌊n/3⌋+1}: a binary tree of depth n is its countermodel."""
    b = branch_layer(n)
    return neg(conj(conj(p(100), neg(p(101))), conjunction(box(b, i) for i in range(n + 1))))


def k_d4_n(n: int) -> Formula:
    """k_d4_n: D, 4, 4{◇p0}, D₂, 4{◇p0 → p0}, 4{□p0 → p0} do not give □p0 ∨ □◇¬p0 at
    depth n: nnf(⋁_{i=1..n} (□ⁿ(□p0 ∨ □◇¬p0) ∨ ¬□ⁱD₂ ∨ ¬□ⁱ4 ∨ ¬□ⁱ4{◇p0} ∨ ¬□ⁱD ∨ …))."""
    p0 = p(0)
    goal = box(disj(box(p0), box(diamond(neg(p0)))), n)
    parts = [
        disjunction(
            [
                goal,
                neg(box(ax_d2(), i)),
                neg(box(ax_4(p0), i)),
                neg(box(ax_4(diamond(p0)), i)),
                neg(box(ax_d(p0), i)),
                neg(box(ax_4(implies(diamond(p0), p0)), i)),
                neg(box(ax_4(implies(box(p0), p0)), i)),
            ]
        )
        for i in range(1, n + 1)
    ]
    return nnf(disjunction(parts))


def k_dum_n(n: int) -> Formula:
    """k_dum_n: k_dum_p with Dum₄ for Dum in the hypotheses and □^{n+1}Dum to refute:
    (⋀_{i≤⌊n/2⌋} □ⁱ(□4 ∧ Dum₄) ∧ ¬□^{n+1}Dum) → ◇^{n+1}¬c ∨ ⋁_{i=⌊n/2⌋+2..n−1} ◇ⁱ¬(□4 ∧ Dum₄)."""
    p0 = p(0)
    a4 = box(ax_4(p0))
    c = conjunction(
        [
            ax_4(implies(box(implies(p0, box(p0))), p0)),
            a4,
            ax_dum4(p0),
            ax_dum4(implies(p0, box(p0))),
        ]
    )
    base = conj(a4, ax_dum4(p0))
    d1 = conjunction(box(base, i) for i in range(1, n // 2 + 1))
    d2 = disjunction(diamond(neg(base), i) for i in range(n // 2 + 2, n))
    return implies(conj(d1, neg(box(ax_dum(p0), n + 1))), disj(diamond(neg(c), n + 1), d2))


def grz_lemmas(n: int, axiom: Callable[[Formula], Formula]) -> Formula:
    """⋀_{i=1..n−1} axiom(lᵢ) — the grz families' lemmas (`grz_lemma_list`)."""
    return conjunction(grz_lemma_list(range(1, n), axiom))


def grz_c() -> Formula:
    """c = □(p2 → □p2) → p2, the grz families' hypothesis instance."""
    p2 = p(2)
    return implies(box(implies(p2, box(p2))), p2)


def k_grz_n(n: int) -> Formula:
    """k_grz_n: k_grz_p with Grz and Grz₁ swapped: □Grz₁{p2} ∧ ⋀ Grz₁{lᵢ} ∧ Grz₁{c ∧ 4{c}}
    → Grz{p1} ∨ Grz{p2} ∨ Grz{p3}."""
    c = grz_c()
    hyp = conjunction([box(ax_grz1(p(2))), grz_lemmas(n, ax_grz1), ax_grz1(conj(c, ax_4(c)))])
    return implies(hyp, disjunction([ax_grz(p(1)), ax_grz(p(2)), ax_grz(p(3))]))


def _not_l(i: int) -> Formula:
    return disj(
        neg(ax_l(diamond(p(i)), p(i + 1))), neg(ax_l(implies(p(i), box(p(i + 1))), p(i + 1)))
    )


def k_lin_n(n: int) -> Formula:
    """k_lin_n: instances of L that do not give L⁺: ⋁_{i=1..2n−2} ¬Lᵢ ∨ L⁺(pₙ, pₙ) ∨
    ⋁_{i=2n..4n−4} ¬Lᵢ, with ¬Lᵢ = ¬L(◇pᵢ, pᵢ₊₁) ∨ ¬L(pᵢ → □pᵢ₊₁, pᵢ₊₁)."""
    d1 = disjunction(_not_l(i) for i in range(1, 2 * n - 1))
    d2 = disjunction(_not_l(i) for i in range(2 * n, 4 * n - 3))
    return disjunction([d1, ax_lplus(p(n), p(n)), d2])


def path_el(level: int, n: int) -> int:
    """The room (1..6) of the labyrinth's path at `level` (of n levels): 2 at level 1, then
    +5 (mod 6) per level up to ⌊n/2⌋ and +3 (mod 6) after."""
    x = 2
    for at in range(2, level + 1):
        x += 3 if at > n // 2 else 5
        if x > 6:
            x -= 6
    return x


def _others(x: int, ys: tuple[int, int, int]) -> list[int]:
    return [y for y in ys if y != x] if x in ys else list(ys)


PathAtom = Callable[[int, int], Formula]  # (level, room) -> the atom saying "not there"


def path_moves(n: int, atom_at: PathAtom, levels: int, closed_middle: bool) -> list[Formula]:
    """The labyrinth's moves, one disjunction per level 1..`levels` and room 1..6 (left to
    right ∨ right to left), of the path families: ◇ˡ(¬room ∧ □next-room). `closed_middle`
    removes the path's step at level ⌊n/2⌋ (the _n twins: no way through)."""

    def move(level: int, here: int, there: int, back: bool) -> Formula:
        if back:
            return diamond(conj(neg(atom_at(level, there)), box(atom_at(level + 1, here))), level)
        return diamond(conj(neg(atom_at(level, here)), box(atom_at(level + 1, there))), level)

    def left_to_right(level: int, k: int) -> Formula:
        if level == n:
            return bot
        on_path = k == path_el(level, n)
        if k % 2 == 0 and not on_path:
            return bot
        middle = closed_middle and level == n // 2
        if k % 2 == 0 and middle:
            return bot
        x = path_el(level + 1, n)
        if k % 2 == 0:
            targets = [x]
        elif on_path:
            targets = [1, 3, 5] if middle else [1, 3, x, 5]
        else:
            targets = _others(x, (1, 3, 5))
        return disjunction(move(level, k, t, False) for t in targets)

    def right_to_left(level: int, k: int) -> Formula:
        if level == 1 or k % 2 == 1:
            return bot
        x = path_el(level - 1, n)
        return disjunction(move(level - 1, k, t, True) for t in _others(x, (2, 4, 6)))

    return [
        disj(left_to_right(i, j), right_to_left(i, j))
        for i in range(1, levels + 1)
        for j in range(1, 7)
    ]


def k_path_n(n: int) -> Formula:
    """k_path_n: the labyrinth of k_path_p with n+1 levels and the path's step at the middle
    level removed, so a path leads through (the countermodel)."""
    m = n + 1

    def room(level: int, k: int) -> Formula:
        return p(k)

    d1 = disjunction(box(p(i)) for i in (1, path_el(1, m), 3, 5))
    d2 = disjunction(path_moves(m, room, m, True))
    d3 = disjunction(diamond(neg(p(i)), m) for i in (2, 4, path_el(m, m), 6))
    return disjunction([d1, d2, d3])


def ph_flipped(n: int) -> Callable[[int, int], Formula]:
    """The _n twins' literal: l(i,j) negated on the diagonal at i = j = ⌊2n/3⌋+1."""
    flip = (2 * n) // 3 + 1

    def literal(i: int, j: int) -> Formula:
        return neg(ph_literal(i, j)) if i == j == flip else ph_literal(i, j)

    return literal


def k_ph_n(n: int) -> Formula:
    """k_ph_n: k_ph_p with one literal of the conclusion negated (at i = j = ⌊2n/3⌋+1), so
    the pigeonhole argument no longer closes: ◇left → ◇⋁(l'(i,j) ∧ l'(i',j))."""
    return implies(diamond(ph_left(n)), diamond(ph_pairs(n, ph_flipped(n), same_formula)))


def poly(m: int, extra_depth: int) -> Formula:
    """LWB's poly(m): □^{m+1}⋀_{i≤m+1} pᵢ ∨ f(m) ∨ □^{m+1}⋀_{i≤m+1} ¬p_{2i}, with
    f(0) = ⊥, f(i) = ◇(f(i−1) ∨ ◇^{i+extra_depth}(pᵢ ↔ pᵢ₊₁)) ∨ □p_{i+2} (pₘ ↔ p₁ at i = m);
    K uses extra_depth 0, KT 2. A polygon with m vertices: provable iff m is odd."""
    f = bot
    for i in range(1, m + 1):
        same = iff(p(m), p(1)) if i == m else iff(p(i), p(i + 1))
        f = disj(diamond(disj(f, diamond(same, i + extra_depth))), box(p(i + 2)))
    first = box(conjunction(p(i) for i in range(1, m + 2)), m + 1)
    last = box(conjunction(neg(p(2 * i)) for i in range(1, m + 2)), m + 1)
    return disjunction([first, f, last])


def k_poly_n(n: int) -> Formula:
    """k_poly_n: an even polygon (m = 3n if n is even, 3n+1 if odd), which can be coloured."""
    return poly(3 * n if n % 2 == 0 else 3 * n + 1, 0)


def k_t4p_n(n: int) -> Formula:
    """k_t4p_n: E(2n−1) ∨ nnf(¬C(2n−1)) ∨ ◇p4 with k_t4p_p's E and C, but C(0) without its
    last conjunct □◇q."""
    c, e = t4p_parts(2 * n - 1, closing=False)
    return disjunction([e, nnf(neg(c)), diamond(p(4))])


LWB_K_N_FAMILIES: dict[str, Callable[[int], Formula]] = {
    "k_branch_n": k_branch_n,
    "k_d4_n": k_d4_n,
    "k_dum_n": k_dum_n,
    "k_grz_n": k_grz_n,
    "k_lin_n": k_lin_n,
    "k_path_n": k_path_n,
    "k_ph_n": k_ph_n,
    "k_poly_n": k_poly_n,
    "k_t4p_n": k_t4p_n,
}
