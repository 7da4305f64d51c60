"""The LWB benchmark families for S4: nine provable (``s4_*_p``) and nine unprovable
(``s4_*_n``).

Balsiger, Heuerding and Schwendimann, "A benchmark method for the propositional modal logics
K, KT, S4", J. Automated Reasoning 24(3), 2000, §8: in S4 □□ = □, so nesting depth no longer
makes instances hard; the families instead hide the relevant part among irrelevant boxes
(45's h, md's p2 disjuncts), use Dum and Grz where 4 is free, and add S4-specific ones (ipc:
a formula of intuitionistic logic under Gödel's translation; s5: an S5 theorem that S4 proves
only in a weakened form). Written from the paper's definitions; the public Python
re-implementation (sarwagya-p/CEGARBoxCPP, ``LWB-benchmark-generator``) pinned the details down
and is the reference the tests compare against, formula for formula (left-nested ∧/∨, ⊥
disjuncts and ⊤/⊥ constants kept).
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
    top,
)
from lobkit.zoo.lwb_families import (
    ax_4,
    ax_5,
    ax_b,
    ax_d2,
    ax_dum,
    ax_grz,
    ax_grz1,
    ax_t,
    branch_layer,
    nnf,
    p,
    ph_left,
    ph_literal,
    ph_pairs,
    t4p_parts,
)
from lobkit.zoo.lwb_k_n import grz_c, grz_lemmas, ph_flipped
from lobkit.zoo.lwb_kt import md_n, md_p, path_formula, t4p_kt_core

__all__ = ["LWB_S4_FAMILIES", "hidden"]


def hidden(i: int, a: Formula) -> Formula:
    """h(i, a): a under i layers of □p0 ∨ □(…) ∨ □p1 — the 45 families' camouflage."""
    for _ in range(i):
        a = disjunction([box(p(0)), box(a), box(p(1))])
    return a


def s4_45_p(n: int) -> Formula:
    """s4_45_p: nnf(⋁_{i=1..n} (h(n, 5) ∨ ¬h(i, D₂) ∨ ¬h(i, 5{◇¬p0}) ∨ ¬h(i, □5) ∨ ¬h(i, B)))."""
    p0 = p(0)
    return nnf(
        disjunction(
            disjunction(
                [
                    hidden(n, ax_5(p0)),
                    neg(hidden(i, ax_d2())),
                    neg(hidden(i, ax_5(diamond(neg(p0))))),
                    neg(hidden(i, box(ax_5(p0)))),
                    neg(hidden(i, ax_b(p0))),
                ]
            )
            for i in range(1, n + 1)
        )
    )


def s4_45_n(n: int) -> Formula:
    """s4_45_n: h(n, □p0 ∨ □◇¬p0) from 4, 4{◇p0}, T, 4{□p0 → p0}, T{□p0 → p0} under h."""
    p0 = p(0)
    return nnf(
        disjunction(
            disjunction(
                [
                    hidden(n, disj(box(p0), box(diamond(neg(p0))))),
                    neg(hidden(i, ax_4(p0))),
                    neg(hidden(i, ax_4(diamond(p0)))),
                    neg(hidden(i, ax_t(p0))),
                    neg(hidden(i, ax_4(implies(box(p0), p0)))),
                    neg(hidden(i, ax_t(implies(box(p0), p0)))),
                ]
            )
            for i in range(1, n + 1)
        )
    )


def _branch_root(n: int) -> Formula:
    return conj(conj(p(100), neg(p(101))), box(branch_layer(n)))


def s4_branch_p(n: int) -> Formula:
    """s4_branch_p: ¬(p100 ∧ ¬p101 ∧ □b) ∨ ¬□p_{⌊n/3⌋+1} (one □: in S4 it reaches every depth)."""
    return disj(neg(_branch_root(n)), neg(box(p(n // 3 + 1))))


def s4_branch_n(n: int) -> Formula:
    """s4_branch_n: ¬(p100 ∧ ¬p101 ∧ □b)."""
    return neg(_branch_root(n))


def s4_grz_p(n: int) -> Formula:
    """s4_grz_p: □Grz{p2} ∧ ⋀ Grz{lᵢ} ∧ Grz{c ∧ 4{c}} → Grz₁{p1} ∨ (Grz₁{p2} ∧ ¬□◇p0) ∨
    Grz₁{p3} ∨ (Grz₁{p2} ∧ ¬◇¬(□◇p0 ∨ p1))."""
    c = grz_c()
    hyp = conjunction([box(ax_grz(p(2))), grz_lemmas(n, ax_grz), ax_grz(conj(c, ax_4(c)))])
    goal = disjunction(
        [
            ax_grz1(p(1)),
            conj(ax_grz1(p(2)), neg(box(diamond(p(0))))),
            ax_grz1(p(3)),
            conj(ax_grz1(p(2)), neg(diamond(neg(disj(box(diamond(p(0))), p(1)))))),
        ]
    )
    return implies(hyp, goal)


def s4_grz_n(n: int) -> Formula:
    """s4_grz_n: □Grz₁{p2} ∧ ⋀ Grz₁{lᵢ} ∧ Grz₁{c ∧ 4{c}} → 5{p1} ∨ 5{p2} ∨ 5{p3}."""
    c = grz_c()
    hyp = conjunction([box(ax_grz1(p(2))), grz_lemmas(n, ax_grz1), ax_grz1(conj(c, ax_4(c)))])
    return implies(hyp, disjunction([ax_5(p(1)), ax_5(p(2)), ax_5(p(3))]))


def _ipc_clause(i: int, n: int) -> Formula:
    """□(□(□pᵢ → ⋀_{j≤n} □pⱼ) → ⊥)."""
    return box(
        implies(box(implies(box(p(i)), conjunction(box(p(j)) for j in range(1, n + 1)))), bot)
    )


def s4_ipc_p(n: int) -> Formula:
    """s4_ipc_p: ⋀_{i≤n} □(□(□pᵢ → ⋀ⱼ □pⱼ) → ⊥) → ⊥."""
    return implies(conjunction(_ipc_clause(i, n) for i in range(1, n + 1)), bot)


def s4_ipc_n(n: int) -> Formula:
    """s4_ipc_n: s4_ipc_p with the clause i = ⌊(n+1)/2⌋ replaced by ⊤."""
    middle = (n + 1) // 2
    clauses = (top if i == middle else _ipc_clause(i, n) for i in range(1, n + 1))
    return implies(conjunction(clauses), bot)


def _s4_chain(i: int, n: int, a: Formula) -> Formula:
    """S4's md f(i, n, a) = h(i−1, □h(n−i, a)) with h(0, a) = a, h(k, a) = ◇h(k−1, a) ∨ p2."""

    def h(k: int, b: Formula) -> Formula:
        for _ in range(k):
            b = disj(diamond(b), p(2))
        return b

    return h(i - 1, box(h(n - i, a)))


def s4_md_p(n: int) -> Formula:
    """s4_md_p: the md theorem with f(i, n, a) = h(i−1, □h(n−i, a))."""
    return md_p(n, _s4_chain)


def s4_md_n(n: int) -> Formula:
    """s4_md_n: the md non-theorem with f(i, n, a) = h(i−1, □h(n−i, a))."""
    return md_n(n, _s4_chain)


def _s4_exits(ends: list[Formula]) -> Formula:
    return diamond(disjunction(diamond(e) for e in ends))


def s4_path_p(n: int) -> Formula:
    """s4_path_p: kt_path_p with □□ on the walls and ◇⋁◇¬… on the exits."""
    return path_formula(n, False, box, _s4_exits)


def s4_path_n(n: int) -> Formula:
    """s4_path_n: kt_path_n with □□ on the walls and ◇⋁◇¬… on the exits."""
    return path_formula(n + 1, True, box, _s4_exits)


def s4_ph_p(n: int) -> Formula:
    """s4_ph_p: left(n) → ◇⋁◇(l(i,j) ∧ l(i',j))."""
    return implies(ph_left(n), diamond(ph_pairs(n, ph_literal, diamond)))


def s4_ph_n(n: int) -> Formula:
    """s4_ph_n: s4_ph_p with the diagonal literal at ⌊2n/3⌋+1 negated on the right."""
    return implies(ph_left(n), diamond(ph_pairs(n, ph_flipped(n), diamond)))


def _s5_f(start: int, end: int) -> Formula:
    """f(i, m) = ◇((pᵢ ∧ ¬pᵢ₊₁) ∨ (¬pᵢ ∧ pᵢ₊₁)) ∨ □f(i+1, m), f(m, m) = ⊥, from i = start."""
    f = bot
    for i in range(end - 1, start - 1, -1):
        differ = disj(conj(p(i), neg(p(i + 1))), conj(neg(p(i)), p(i + 1)))
        f = disj(diamond(differ), box(f))
    return f


def s4_s5_p(n: int) -> Formula:
    """s4_s5_p: □◇(□⋁_{i≤3n−2}(pᵢ ↔ pᵢ₊₁) ∨ □p_{3n} ∨ f(1, 3n−1)) ∨ □(◇p1 → ¬p_{3n})."""
    m = 3 * n
    same = box(disjunction(iff(p(i), p(i + 1)) for i in range(1, m - 1)))
    left = box(diamond(disjunction([same, box(p(m)), _s5_f(1, m - 1)])))
    return disj(left, box(implies(diamond(p(1)), neg(p(m)))))


def s4_s5_n(n: int) -> Formula:
    """s4_s5_n: □◇(□p_{6n} ∨ f(1, 6n−5)) ∨ □(◇p1 → ¬p_{6n})."""
    m = 6 * n
    left = box(diamond(disj(box(p(m)), _s5_f(1, m - 5))))
    return disj(left, box(implies(diamond(p(1)), neg(p(m)))))


def _t4p(e_depth: int, base: Formula, c_depth: int) -> Formula:
    c = t4p_kt_core(base, lambda prev: conj(ax_dum(p(1)), box(prev)), c_depth)
    return disjunction([t4p_parts(e_depth)[1], nnf(neg(c)), diamond(p(4))])


def _t4p_q() -> tuple[Formula, Formula, Formula]:
    p0 = p(0)
    q = conj(p0, diamond(neg(p(3))))
    bdp0 = box(diamond(p0))
    return bdp0, q, box(implies(conj(diamond(bdp0), p0), box(q)))


def s4_t4p_p(n: int) -> Formula:
    """s4_t4p_p: E(n) ∨ nnf(¬C(2n−1)) ∨ ◇p4, C(0) = □(◇□◇p0 ∧ p0 → □q) ∧ □◇q,
    C(i) = Dum{p1} ∧ □C(i−1)."""
    _, q, back = _t4p_q()
    return _t4p(n, conj(back, box(diamond(q))), 2 * n - 1)


def s4_t4p_n(n: int) -> Formula:
    """s4_t4p_n: E(2n−1) ∨ nnf(¬C(4n−1)) ∨ ◇p4, C(0) = (□◇p0 → ◇q) ∧ □(◇□◇p0 ∧ p0 → □q)."""
    bdp0, q, back = _t4p_q()
    return _t4p(2 * n - 1, conj(implies(bdp0, diamond(q)), back), 4 * n - 1)


LWB_S4_FAMILIES: dict[str, Callable[[int], Formula]] = {
    "s4_45_p": s4_45_p,
    "s4_45_n": s4_45_n,
    "s4_branch_p": s4_branch_p,
    "s4_branch_n": s4_branch_n,
    "s4_grz_p": s4_grz_p,
    "s4_grz_n": s4_grz_n,
    "s4_ipc_p": s4_ipc_p,
    "s4_ipc_n": s4_ipc_n,
    "s4_md_p": s4_md_p,
    "s4_md_n": s4_md_n,
    "s4_path_p": s4_path_p,
    "s4_path_n": s4_path_n,
    "s4_ph_p": s4_ph_p,
    "s4_ph_n": s4_ph_n,
    "s4_s5_p": s4_s5_p,
    "s4_s5_n": s4_s5_n,
    "s4_t4p_p": s4_t4p_p,
    "s4_t4p_n": s4_t4p_n,
}
