"""The LWB benchmark families for KT (= T): nine provable (``kt_*_p``) and nine unprovable
(``kt_*_n``).

Balsiger, Heuerding and Schwendimann, "A benchmark method for the propositional modal logics
K, KT, S4", J. Automated Reasoning 24(3), 2000, §7: the K families recast so that reflexivity
is what makes (or fails to make) them theorems — T instead of D among the 45 axioms, one box
layer instead of n in branch, ph without the outer ◇, md's modal chains, path with an atom per
level and room. Written from the paper's definitions; the public Python re-implementation
(sarwagya-p/CEGARBoxCPP, ``LWB-benchmark-generator``) pinned the details down and is the
reference the tests compare against, formula for formula (left-nested ∧/∨, ⊥ disjuncts kept).
"""

from __future__ import annotations

from collections.abc import Callable

from lobkit.formula import (
    Formula,
    box,
    conj,
    conjunction,
    diamond,
    disj,
    disjunction,
    implies,
    neg,
)
from lobkit.zoo.lwb_families import (
    ax_4,
    ax_5,
    ax_b,
    ax_d2,
    ax_dum,
    ax_dum1,
    ax_grz,
    ax_grz1,
    ax_t,
    branch_layer,
    nnf,
    p,
    ph_left,
    ph_literal,
    ph_pairs,
    same_formula,
    t4p_parts,
)
from lobkit.zoo.lwb_k_n import grz_c, grz_lemmas, path_el, path_moves, ph_flipped, poly

__all__ = ["LWB_KT_FAMILIES", "md_chain", "path_atom", "t4p_kt_core"]


def kt_45_p(n: int) -> Formula:
    """kt_45_p: in KT, D₂, 5{◇¬p0}, □5 and B under i boxes give 4 under n boxes:
    nnf(⋁_{i=1..n} (□ⁿ4 ∨ ¬□ⁱD₂ ∨ ¬□ⁱ5{◇¬p0} ∨ ¬□ⁱ□5 ∨ ¬□ⁱB))."""
    p0 = p(0)
    return nnf(
        disjunction(
            disjunction(
                [
                    box(ax_4(p0), n),
                    neg(box(ax_d2(), i)),
                    neg(box(ax_5(diamond(neg(p0))), i)),
                    neg(box(box(ax_5(p0)), i)),
                    neg(box(ax_b(p0), i)),
                ]
            )
            for i in range(1, n + 1)
        )
    )


def kt_45_n(n: int) -> Formula:
    """kt_45_n: 4, 4{◇p0}, T, 4{◇p0 → p0}, 4{□p0 → p0} under i boxes do not give
    □ⁿ(□p0 ∨ □◇¬p0) (that needs 5)."""
    p0 = p(0)
    goal = box(disj(box(p0), box(diamond(neg(p0)))), n)
    return nnf(
        disjunction(
            disjunction(
                [
                    goal,
                    neg(box(ax_4(p0), i)),
                    neg(box(ax_4(diamond(p0)), i)),
                    neg(box(ax_t(p0), i)),
                    neg(box(ax_4(implies(diamond(p0), p0)), i)),
                    neg(box(ax_4(implies(box(p0), p0)), i)),
                ]
            )
            for i in range(1, n + 1)
        )
    )


def _branch_root(n: int, layers: Formula) -> Formula:
    return conj(conj(p(100), neg(p(101))), layers)


def kt_branch_p(n: int) -> Formula:
    """kt_branch_p: ¬(p100 ∧ ¬p101 ∧ □ⁿb) ∨ ¬□ⁿp_{⌊n/3⌋+1} — with reflexivity one layer □ⁿb
    carries all the shallower ones."""
    return disj(neg(_branch_root(n, box(branch_layer(n), n))), neg(box(p(n // 3 + 1), n)))


def kt_branch_n(n: int) -> Formula:
    """kt_branch_n: ¬(p100 ∧ ¬p101 ∧ □ⁿb): the binary tree of depth n is its countermodel."""
    return neg(_branch_root(n, box(branch_layer(n), n)))


def dum_c(axiom: Callable[[Formula], Formula]) -> Formula:
    """c = 4{□(p0 → □p0) → p0} ∧ □4 ∧ X ∧ X{p0 → □p0} for the dum families' axiom X."""
    p0 = p(0)
    return conjunction(
        [
            ax_4(implies(box(implies(p0, box(p0))), p0)),
            box(ax_4(p0)),
            axiom(p0),
            axiom(implies(p0, box(p0))),
        ]
    )


def _dum(n: int, lemma: Formula, refuted: Formula, c: Formula) -> Formula:
    m = n // 2
    d1 = conjunction(box(lemma, i) for i in range(1, m + 1))
    d2 = disjunction(diamond(neg(lemma), i) for i in range(m + 2, n))
    return implies(conj(d1, neg(box(refuted, m + 1))), disj(diamond(neg(c), m + 1), d2))


def kt_dum_p(n: int) -> Formula:
    """kt_dum_p: (⋀_{i≤⌊n/2⌋} □ⁱ4 ∧ ¬□^{⌊n/2⌋+1}Dum₁) → ◇^{⌊n/2⌋+1}¬c ∨ ⋁_{i=⌊n/2⌋+2..n−1} ◇ⁱ¬4,
    c = 4{□(p0 → □p0) → p0} ∧ □4 ∧ Dum ∧ Dum{p0 → □p0}."""
    return _dum(n, ax_4(p(0)), ax_dum1(p(0)), dum_c(ax_dum))


def kt_dum_n(n: int) -> Formula:
    """kt_dum_n: kt_dum_p with □4 ∧ Dum as the lemma and Grz to refute (not a KT theorem)."""
    return _dum(n, conj(box(ax_4(p(0))), ax_dum(p(0))), ax_grz(p(0)), dum_c(ax_dum))


def kt_grz_p(n: int) -> Formula:
    """kt_grz_p: □Grz{p2} ∧ ⋀ Grz{lᵢ} ∧ Grz{c ∧ 4{c}} → Grz₁{p1} ∨ (Grz₁{p2} ∧ ◇□¬p0) ∨
    Grz₁{p3} ∨ (Grz₁{p2} ∧ ◇p0)."""
    c = grz_c()
    hyp = conjunction([box(ax_grz(p(2))), grz_lemmas(n, ax_grz), ax_grz(conj(c, ax_4(c)))])
    goal = disjunction(
        [
            ax_grz1(p(1)),
            conj(ax_grz1(p(2)), diamond(box(neg(p(0))))),
            ax_grz1(p(3)),
            conj(ax_grz1(p(2)), diamond(p(0))),
        ]
    )
    return implies(hyp, goal)


def kt_grz_n(n: int) -> Formula:
    """kt_grz_n: □Grz₁{p2} ∧ ⋀ Grz₁{lᵢ} ∧ Grz₁{c ∧ 4{c}} → 5{p1} ∨ 5{p2} ∨ 5{p3}."""
    c = grz_c()
    hyp = conjunction([box(ax_grz1(p(2))), grz_lemmas(n, ax_grz1), ax_grz1(conj(c, ax_4(c)))])
    return implies(hyp, disjunction([ax_5(p(1)), ax_5(p(2)), ax_5(p(3))]))


Chain = Callable[[int, int, Formula], Formula]  # f(i, n, a) of the md families


def _kt_chain(i: int, n: int, a: Formula) -> Formula:
    """KT's f(i, n, a) = ◇^{i−1}□◇^{n−i}a."""
    return diamond(box(diamond(a, n - i)), i - 1)


def md_chain(f: Chain, i: int, n: int, a: Formula) -> Formula:
    """g(i, n, a) = f(i, n, f(i−1, n, … f(2, n, a))) (g(1, n, a) = a) of the md families."""
    for j in range(2, i + 1):
        a = f(j, n, a)
    return a


def md_p(n: int, f: Chain) -> Formula:
    """p1 ∨ ⋁_{i=1..n−1} (g(i,¬p1 ∧ ◇f(1,p2)) ∨ g(i,¬p1 ∧ ◇f(1,p1)) ∨ g(i,¬p2 ∧ ◇f(1,p1)))
    ∨ g(n, ¬p1): the md (modal depth) families' theorem."""
    seeds = [
        conj(neg(p(1)), diamond(f(1, n, p(2)))),
        conj(neg(p(1)), diamond(f(1, n, p(1)))),
        conj(neg(p(2)), diamond(f(1, n, p(1)))),
    ]
    middle = disjunction(
        disjunction(md_chain(f, i, n, seed) for seed in seeds) for i in range(1, n)
    )
    return disjunction([p(1), middle, md_chain(f, n, n, neg(p(1)))])


def md_n(n: int, f: Chain) -> Formula:
    """p1 ∨ ⋁_{i=1..n−1} g(i, ¬p1 ∧ ◇f(1,p1)): the md families' non-theorem."""
    seed = conj(neg(p(1)), diamond(f(1, n, p(1))))
    return disj(p(1), disjunction(md_chain(f, i, n, seed) for i in range(1, n)))


def kt_md_p(n: int) -> Formula:
    """kt_md_p: md_p with f(i, n, a) = ◇^{i−1}□◇^{n−i}a."""
    return md_p(n, _kt_chain)


def kt_md_n(n: int) -> Formula:
    """kt_md_n: md_n with f(i, n, a) = ◇^{i−1}□◇^{n−i}a."""
    return md_n(n, _kt_chain)


def path_atom(level: int, room: int) -> Formula:
    """The KT/S4 labyrinth's atom: p_{10·level+room} (one atom per level and room)."""
    return p(10 * level + room)


def path_formula(
    levels: int,
    closed: bool,
    wall: Callable[[Formula], Formula],
    exits: Callable[[list[Formula]], Formula],
) -> Formula:
    """The KT/S4 path families: ⋁ wall(□p_{1r}) over r ∈ {1, e₁, 3, 5}, the moves, and
    exits([◇-free ¬p_{levels·10+r}, r ∈ {2, 4, e_levels, 6}])."""
    d1 = disjunction(wall(box(path_atom(1, r))) for r in (1, path_el(1, levels), 3, 5))
    d2 = disjunction(path_moves(levels, path_atom, levels, closed))
    ends = [neg(path_atom(levels, r)) for r in (2, 4, path_el(levels, levels), 6)]
    return disjunction([d1, d2, exits(ends)])


def kt_path_p(n: int) -> Formula:
    """kt_path_p: the labyrinth with n levels, an atom per level and room; ◇ⁿ on the exits."""
    return path_formula(
        n, False, same_formula, lambda ends: disjunction(diamond(e, n) for e in ends)
    )


def kt_path_n(n: int) -> Formula:
    """kt_path_n: n+1 levels, the path's middle step removed."""
    m = n + 1
    return path_formula(
        m, True, same_formula, lambda ends: disjunction(diamond(e, m) for e in ends)
    )


def kt_ph_p(n: int) -> Formula:
    """kt_ph_p: left(n) → ◇⋁(l(i,j) ∧ l(i',j)) — k_ph_p without the outer ◇ on the left."""
    return implies(ph_left(n), diamond(ph_pairs(n, ph_literal, same_formula)))


def kt_ph_n(n: int) -> Formula:
    """kt_ph_n: kt_ph_p with the diagonal literal at ⌊2n/3⌋+1 negated on the right."""
    return implies(ph_left(n), diamond(ph_pairs(n, ph_flipped(n), same_formula)))


def kt_poly_p(n: int) -> Formula:
    """kt_poly_p: the odd polygon poly(m), m = 5n (n odd) or 5n+1 (n even), with ◇^{i+2}."""
    return poly(5 * n if n % 2 == 1 else 5 * n + 1, 2)


def kt_poly_n(n: int) -> Formula:
    """kt_poly_n: the even polygon poly(m), m = 3n (n even) or 3n+1 (n odd), with ◇^{i+2}."""
    return poly(3 * n if n % 2 == 0 else 3 * n + 1, 2)


def t4p_kt_core(base: Formula, step: Callable[[Formula], Formula], depth: int) -> Formula:
    """C(depth) with C(0) = base and C(i) = step(C(i−1)) — the t4p families' hypotheses."""
    c = base
    for _ in range(depth):
        c = step(c)
    return c


def _t4p_pieces() -> tuple[Formula, Formula, Formula, Formula]:
    """(□◇p0, q = p0 ∧ ◇¬p3, □(◇□◇p0 ∧ p0 → □q), ◇p4) shared by the t4p families."""
    p0 = p(0)
    q = conj(p0, diamond(neg(p(3))))
    bdp0 = box(diamond(p0))
    return bdp0, q, box(implies(conj(diamond(bdp0), p0), box(q))), diamond(p(4))


def _kt_step(c: Formula) -> Formula:
    return conj(box(ax_4(p(1))), box(c))


def kt_t4p_p(n: int) -> Formula:
    """kt_t4p_p: E(n) ∨ nnf(¬C(n)) ∨ ◇p4, E of k_t4p_p, C(0) = (□◇p0 → □□◇q) ∧
    □(◇□◇p0 ∧ p0 → □q) ∧ □◇q, C(i) = □4{p1} ∧ □C(i−1)."""
    bdp0, q, back, dp4 = _t4p_pieces()
    base = conjunction([implies(bdp0, box(box(diamond(q)))), back, box(diamond(q))])
    c = t4p_kt_core(base, _kt_step, n)
    return disjunction([t4p_parts(n)[1], nnf(neg(c)), dp4])


def kt_t4p_n(n: int) -> Formula:
    """kt_t4p_n: E(2n−1) ∨ nnf(¬C(2n−1)) ∨ ◇p4 with C(0) = (□◇p0 → ◇q) ∧ (□◇p0 → □□◇q) ∧
    □(◇□◇p0 ∧ p0 → □q) (no □◇q)."""
    bdp0, q, back, dp4 = _t4p_pieces()
    base = conjunction([implies(bdp0, diamond(q)), implies(bdp0, box(box(diamond(q)))), back])
    c = t4p_kt_core(base, _kt_step, 2 * n - 1)
    return disjunction([t4p_parts(2 * n - 1)[1], nnf(neg(c)), dp4])


LWB_KT_FAMILIES: dict[str, Callable[[int], Formula]] = {
    "kt_45_p": kt_45_p,
    "kt_45_n": kt_45_n,
    "kt_branch_p": kt_branch_p,
    "kt_branch_n": kt_branch_n,
    "kt_dum_p": kt_dum_p,
    "kt_dum_n": kt_dum_n,
    "kt_grz_p": kt_grz_p,
    "kt_grz_n": kt_grz_n,
    "kt_md_p": kt_md_p,
    "kt_md_n": kt_md_n,
    "kt_path_p": kt_path_p,
    "kt_path_n": kt_path_n,
    "kt_ph_p": kt_ph_p,
    "kt_ph_n": kt_ph_n,
    "kt_poly_p": kt_poly_p,
    "kt_poly_n": kt_poly_n,
    "kt_t4p_p": kt_t4p_p,
    "kt_t4p_n": kt_t4p_n,
}
