"""The LWB benchmark families for K (the provable ones, ``k_*_p``).

Balsiger, Heuerding and Schwendimann, "A benchmark method for the propositional modal logics
K, KT, S4", J. Automated Reasoning 24(3), 2000 (and Heuerding & Schwendimann, technical report
IAM-96-015, 1996) define nine parametrised families of K theorems; the LWB protocol gives each
prover 100 s per instance and reports the largest n ≤ 21 solved. Every formula here is a K
theorem, hence a GL theorem.

Where the definitions come from (facts, not code, were taken; the code is ours):

* the generators of the Tableau Workbench benchmark suite (OCaml sources with the paper's
  section numbers, e.g. ``(* 6.1 *) let k_branch_p n = ...``) and the Python re-implementation
  ``cormackikkert/LWB-benchmark-generator`` (files ``k_branch_p.py``, ``k_path_p.py``,
  ``k_poly_p.py``, ``k_t4p_p.py``, ``k_d4_p.py``, ``k_dum_p.py``, ``k_lin_p.py``, ``k_ph_p.py``,
  ``defs.py``), which states it reproduces the original LWB files;
* checked against the original instances as shipped in TPTP (problems LCL636+1 ... LCL650+1,
  "Source: Kaminski 2008", "Names: k_*_p [BHS00]"): a naive relational first-order encoding.
  The n = 1 instances of every family but t4p and ph agree with ours up to syntax (order of
  conjuncts/disjuncts, implication written as disjunction, negation normal form, and a renaming
  of atoms); the larger instances we could see (dum 5, 10, 20; grz 10; lin 5, 10; ph 5; poly 5;
  t4p 15) agree in their atom and quantifier counts.

Like the original files, disjuncts that are plainly ⊥ (the "no edge here" cases of k_path_p,
``f(0)`` of k_poly_p) and empty conjunctions are left out. Atoms are named ``p0``, ``p1``, ...,
``p100``, ... as in LWB. Formulas are hash-consed and built bottom-up by loops (never recursion
over n), so sizes that would be exponential as trees stay small as DAGs.

Long module: it transcribes one paper's benchmark section — nine families built from the
paper's shared axiom schemas, its atom naming and its negation normal form — and keeping them
together, in the paper's order, lets each generator be read side by side with its source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    atom,
    bot,
    box,
    conj,
    conjunction,
    diamond,
    disj,
    disjunction,
    fold,
    iff,
    implies,
    neg,
    top,
)

__all__ = [
    "k_branch_p",
    "k_d4_p",
    "k_dum_p",
    "k_grz_p",
    "k_lin_p",
    "k_path_p",
    "k_ph_p",
    "k_poly_p",
    "k_t4p_p",
    "LWB_K_FAMILIES",
    "nnf",
]


def p(i: int) -> Formula:
    """The LWB atom ``p<i>``."""
    return atom(f"p{i}")


def _conj(items: Iterable[Formula]) -> Formula:
    return conjunction(items)


def _disj(items: Iterable[Formula]) -> Formula:
    """Disjunction leaving out ⊥ disjuncts (as the LWB files do)."""
    return disjunction(x for x in items if x is not bot)


# --- the axiom schemas of the paper (instantiated at a formula `a`, default p0) -------------


def ax_t(a: Formula) -> Formula:
    """T: □a → a."""
    return implies(box(a), a)


def ax_d2() -> Formula:
    """D (second form): ◇⊤."""
    return diamond(top)


def ax_4(a: Formula) -> Formula:
    """4: □a → □□a."""
    return implies(box(a), box(a, 2))


def ax_5(a: Formula) -> Formula:
    """5: ¬□a → □¬□a."""
    return implies(neg(box(a)), box(neg(box(a))))


def ax_b(a: Formula) -> Formula:
    """B: a → □◇a."""
    return implies(a, box(diamond(a)))


def ax_h(a: Formula, b: Formula) -> Formula:
    """H: □(a∨b) ∧ □(□a∨b) ∧ □(a∨□b) → □a ∨ □b."""
    hyp = conj(conj(box(disj(a, b)), box(disj(box(a), b))), box(disj(a, box(b))))
    return implies(hyp, disj(box(a), box(b)))


def ax_l(a: Formula, b: Formula) -> Formula:
    """L: □(a ∧ □a → b) ∨ □(b ∧ □b → a)."""
    return disj(box(implies(conj(a, box(a)), b)), box(implies(conj(b, box(b)), a)))


def _grz_hyp(a: Formula) -> Formula:
    return box(implies(box(implies(a, box(a))), a))


def ax_grz(a: Formula) -> Formula:
    """Grz: □(□(a → □a) → a) → a."""
    return implies(_grz_hyp(a), a)


def ax_grz1(a: Formula) -> Formula:
    """Grz₁: □(□(a → □a) → a) → □a."""
    return implies(_grz_hyp(a), box(a))


def ax_dum(a: Formula) -> Formula:
    """Dum: □(□(a → □a) → a) → (◇□a → a)."""
    return implies(_grz_hyp(a), implies(diamond(box(a)), a))


def ax_dum1(a: Formula) -> Formula:
    """Dum₁: □(□(a → □a) → a) → (◇□a → □a)."""
    return implies(_grz_hyp(a), implies(diamond(box(a)), box(a)))


_Pair = tuple[Formula, Formula]  # (NNF of the node, NNF of its negation)


def _nnf_binary(node: Formula, args: tuple[_Pair, ...]) -> _Pair:
    (ap, an), (bp, bn) = args
    return _NNF_BINARY[node.op](ap, an, bp, bn)


_NNF_BINARY: dict[str, Callable[[Formula, Formula, Formula, Formula], _Pair]] = {
    AND: lambda ap, an, bp, bn: (conj(ap, bp), disj(an, bn)),
    OR: lambda ap, an, bp, bn: (disj(ap, bp), conj(an, bn)),
    IMP: lambda ap, an, bp, bn: (disj(an, bp), conj(ap, bn)),
    IFF: lambda ap, an, bp, bn: (
        disj(conj(ap, bp), conj(an, bn)),
        disj(conj(ap, bn), conj(an, bp)),
    ),
}
_NNF: dict[str, Callable[[Formula, tuple[_Pair, ...]], _Pair]] = {
    ATOM: lambda node, args: (node, neg(node)),
    TOP: lambda node, args: (top, bot),
    BOT: lambda node, args: (bot, top),
    NOT: lambda node, args: (args[0][1], args[0][0]),
    BOX: lambda node, args: (box(args[0][0], 1, node.label), diamond(args[0][1], 1, node.label)),
    DIA: lambda node, args: (diamond(args[0][0], 1, node.label), box(args[0][1], 1, node.label)),
    **dict.fromkeys(_NNF_BINARY, _nnf_binary),
}


def nnf(formula: Formula) -> Formula:
    """Negation normal form (¬ only on atoms; →, ↔ expanded; ¬□ = ◇¬, ¬◇ = □¬), as the LWB
    generator applies it to k_d4_p and part of k_t4p_p. Iterative and memoised per node: each
    node's case returns the NNF of the node and of its negation."""
    return fold(formula, _NNF, name="nnf")[0]


# --- the families ---------------------------------------------------------------------------


def branch_layer(n: int) -> Formula:
    """b = bdepth ∧ det ∧ branching of the branch families (Halpern & Moses): p₁₀₀₊ᵢ marks
    depth i, pᵢ is the bit chosen at depth i, and every node at depth < n has two children
    that differ in the next bit."""
    bdepth = _conj(implies(p(100 + i), p(99 + i)) for i in range(1, n + 2))
    det = _conj(
        implies(
            p(100 + i),
            conj(
                implies(p(i), box(implies(p(100 + i), p(i)))),
                implies(neg(p(i)), box(implies(p(100 + i), neg(p(i))))),
            ),
        )
        for i in range(n + 1)
    )
    branching = _conj(
        implies(
            conj(p(100 + i), neg(p(101 + i))),
            conj(
                diamond(conj(conj(p(101 + i), neg(p(102 + i))), p(i + 1))),
                diamond(conj(conj(p(101 + i), neg(p(102 + i))), neg(p(i + 1)))),
            ),
        )
        for i in range(n)
    )
    return conj(conj(bdepth, det), branching) if n > 0 else conj(bdepth, det)


def k_branch_p(n: int) -> Formula:
    """k_branch_p (paper §6.1): the branching formula of Halpern & Moses, which forces a
    binary tree of depth n, negated, plus the disjunct ¬□ⁿp_{⌊n/3⌋+1} that makes it provable.

    With b = bdepth ∧ det ∧ branching (p₁₀₀₊ᵢ marks depth i, pᵢ is the bit chosen at depth i):
    ¬(p100 ∧ ¬p101 ∧ b ∧ □b ∧ … ∧ □ⁿb) ∨ ¬□ⁿp_{⌊n/3⌋+1}.
    """
    b = branch_layer(n)
    layers = []
    current = b
    for _ in range(n + 1):
        layers.append(current)
        current = box(current)
    tree = conj(conj(p(100), neg(p(101))), _conj(layers))
    return disj(neg(tree), neg(box(p(n // 3 + 1), n)))


def k_d4_p(n: int) -> Formula:
    """k_d4_p (paper §6.3): D ∧ 4 (with 4{◇p0/p0}) ∧ B ∧ B{¬p0/p0} imply T, boxed to depth n:
    nnf(⋁_{i=1..n} (□ⁿT ∨ ¬□ⁱD ∨ ¬□ⁱ4 ∨ ¬□ⁱ4{◇p0} ∨ ¬□ⁱB ∨ ¬□ⁱB{¬p0}))."""
    p0 = p(0)
    t_n = box(ax_t(p0), n)
    parts = []
    for i in range(1, n + 1):
        parts.append(
            disjunction(
                [
                    t_n,
                    neg(box(ax_d2(), i)),
                    neg(box(ax_4(p0), i)),
                    neg(box(ax_4(diamond(p0)), i)),
                    neg(box(ax_b(p0), i)),
                    neg(box(ax_b(neg(p0)), i)),
                ]
            )
        )
    return nnf(disjunction(parts))


def k_dum_p(n: int) -> Formula:
    """k_dum_p: a formula with 4 and Dum leading to Dum₁ (paper, family "dum"). With
    c = 4{□(p0→□p0)→p0} ∧ □4 ∧ Dum ∧ Dum{p0→□p0} and m = ⌊n/2⌋:
    (⋀_{i=1..m} □ⁱ(□4 ∧ Dum) ∧ ¬□^{m+1}Dum₁) → (◇^{m+1}¬c ∨ ⋁_{i=m+2..n-1} ◇ⁱ¬(□4 ∧ Dum))."""
    p0 = p(0)
    a4 = box(ax_4(p0))
    dum = ax_dum(p0)
    c = conjunction(
        [ax_4(implies(box(implies(p0, box(p0))), p0)), a4, dum, ax_dum(implies(p0, box(p0)))]
    )
    m = n // 2
    base = conj(a4, dum)
    d1 = [box(base, i) for i in range(1, m + 1)]
    d2 = [diamond(neg(base), i) for i in range(m + 2, n)]
    hyp = neg(box(ax_dum1(p0), m + 1))
    if d1:
        hyp = conj(_conj(d1), hyp)
    return implies(hyp, _disj([diamond(neg(c), m + 1), *d2]))


def grz_lemma_list(indices: Iterable[int], axiom: Callable[[Formula], Formula]) -> list[Formula]:
    """axiom(lᵢ) for each i of `indices`, lᵢ = □l₂(⌊i/4⌋) ∨ p1 ∨ … ∨ p(i mod 4) (just
    l₂(⌊i/4⌋) when 4 | i), l₂(0) = ⊥, l₂(k) = □l₂(k−1) ∨ p1 ∨ p2 ∨ p3 ∨ p4: the grz families'
    lemmas (their order and axiom differ between the families)."""
    wanted = list(indices)
    l2 = [bot]
    for _ in range(max(wanted, default=0) // 4 + 1):
        l2.append(disjunction([box(l2[-1]), p(1), p(2), p(3), p(4)]))

    def lemma(i: int) -> Formula:
        k, r = divmod(i, 4)
        if r == 0:
            return axiom(l2[k])
        return axiom(disjunction([box(l2[k]), *(p(j) for j in range(1, r + 1))]))

    return [lemma(i) for i in wanted]


def k_grz_p(n: int) -> Formula:
    """k_grz_p: □Grz{p2} ∧ ⋀ lᵢ ∧ Grz{c ∧ 4{c}} → Grz₁{p1} ∨ Grz₁{p2} ∨ Grz₁{p3}, with
    c = □(p2 → □p2) → p2 and lᵢ = Grz₁{□l₂(⌊i/4⌋) ∨ p1 ∨ … ∨ p(i mod 4)} (no box and no atoms
    when 4 | i), l₂(0) = ⊥, l₂(k) = □l₂(k−1) ∨ p1 ∨ p2 ∨ p3 ∨ p4; i runs n−2 down to 1."""
    p2 = p(2)
    c = implies(box(implies(p2, box(p2))), p2)
    lemmas = grz_lemma_list(range(n - 2, 0, -1), ax_grz1)
    t2 = ax_grz(conj(c, ax_4(c)))
    hyp = box(ax_grz(p2))
    if lemmas:
        hyp = conj(hyp, _conj(lemmas))
    hyp = conj(hyp, t2)
    return implies(hyp, disjunction([ax_grz1(p(1)), ax_grz1(p(2)), ax_grz1(p(3))]))


def _h2(a: Formula, b: Formula) -> Formula:
    return ax_h(implies(conj(conj(a, box(a)), a), b), implies(neg(a), neg(conj(box(b), b))))


def k_lin_p(n: int) -> Formula:
    """k_lin_p: H₂ implies L (Dummett's linearity), with the relevant instance hidden among
    n−1 irrelevant ones: ⋁_{i≤⌊n/3⌋} ¬H₂(pᵢ,pᵢ₊₁) ∨ L(pₙ,pₙ) ∨ ⋁_{i>⌊n/3⌋} ¬H₂(pᵢ,pᵢ₊₁),
    i ≤ n, where H₂(a,b) = H((a ∧ □a ∧ a) → b, ¬a → ¬(□b ∧ b))."""
    d1 = [neg(_h2(p(i), p(i + 1))) for i in range(1, n // 3 + 1)]
    d2 = [neg(_h2(p(i), p(i + 1))) for i in range(n // 3 + 1, n + 1)]
    return disjunction([*d1, ax_l(p(n), p(n)), *d2])


def _path_el(n: int) -> list[int]:
    """The room of the path at each level 1..n (index 0 unused)."""
    el = [0, 2]
    for level in range(2, n + 1):
        x = el[-1] + (3 if level > n // 2 else 5)
        el.append(x - 6 if x > 6 else x)
    return el


def k_path_p(n: int) -> Formula:
    """k_path_p: a path through a labyrinth of n levels with six rooms each (atoms p1…p6);
    the formula encodes that no path leads through, and is provable. Disjuncts: □p1, □p_{e1},
    □p3, □p5; for each level i and room j the left-to-right and right-to-left moves (a
    disjunction of ◇ⁱ(¬p_j ∧ □p_x) resp. ◇^{i−1}(¬p_x ∧ □p_j)); ◇ⁿ¬p2, ◇ⁿ¬p4, ◇ⁿ¬p_{en},
    ◇ⁿ¬p6 (eᵢ: the room of the path at level i)."""
    el = _path_el(n)

    def others(x: int, ys: tuple[int, int, int]) -> list[int]:
        return [y for y in ys if y != x] if x in ys else list(ys)

    def left_to_right(level: int, k: int) -> Formula:
        if level == n or (k % 2 == 0 and k != el[level]):
            return bot
        x = el[level + 1]
        if k % 2 == 0:
            targets = [x]
        elif k == el[level]:
            targets = [1, 3, x, 5]
        else:
            targets = others(x, (1, 3, 5))
        return _disj(diamond(conj(neg(p(k)), box(p(t))), level) for t in targets)

    def right_to_left(level: int, k: int) -> Formula:
        if level == 1 or k % 2 == 1:
            return bot
        x = el[level - 1]
        return _disj(diamond(conj(neg(p(t)), box(p(k))), level - 1) for t in others(x, (2, 4, 6)))

    d1 = [box(p(i)) for i in (1, el[1], 3, 5)]
    d2 = [
        _disj([left_to_right(i, j), right_to_left(i, j)])
        for i in range(1, n + 1)
        for j in range(1, 7)
    ]
    d3 = [diamond(neg(p(i)), n) for i in (2, 4, el[n], 6)]
    return _disj([*d1, *d2, *d3])


def ph_literal(i: int, j: int) -> Formula:
    """Pigeon i in hole j: □p_{100i+j} if i < j, else p_{100i+j}."""
    x = p(100 * i + j)
    return box(x) if i < j else x


def ph_left(n: int) -> Formula:
    """Every one of n+1 pigeons is in one of n holes: ⋀_{i≤n+1} ⋁_{j≤n} l(i,j)."""
    return _conj(disjunction(ph_literal(i, j) for j in range(1, n + 1)) for i in range(1, n + 2))


def ph_pairs(
    n: int, literal: Callable[[int, int], Formula], wrap: Callable[[Formula], Formula]
) -> Formula:
    """⋁_{j≤n} ⋁_{i<i'≤n+1} wrap(literal(i,j) ∧ literal(i',j)): two pigeons share a hole."""
    return disjunction(
        wrap(conj(literal(i1, j), literal(i2, j)))
        for j in range(1, n + 1)
        for i1 in range(1, n + 2)
        for i2 in range(i1 + 1, n + 2)
    )


def same_formula(formula: Formula) -> Formula:
    return formula


def k_ph_p(n: int) -> Formula:
    """k_ph_p: the pigeonhole principle for n+1 pigeons and n holes, with boxes mixed in:
    ◇⋀_{i≤n+1}⋁_{j≤n} l(i,j) → ◇⋁_{j≤n}⋁_{i<i'≤n+1} (l(i,j) ∧ l(i',j)), where
    l(i,j) = □p_{100i+j} if i < j else p_{100i+j}."""

    return implies(diamond(ph_left(n)), diamond(ph_pairs(n, ph_literal, same_formula)))


def k_poly_p(n: int) -> Formula:
    """k_poly_p: a polygon with m vertices (m = 3n if n is odd, 3n+1 if even — always odd)
    coloured black/white has two adjacent vertices of the same colour, spread over modal
    depths: □^{m+1}⋀_{i≤m+1} pᵢ ∨ f(m) ∨ □^{m+1}⋀_{i≤m+1} ¬p_{2i}, where
    f(i) = ◇(f(i−1) ∨ ◇ⁱ(pᵢ ↔ pᵢ₊₁)) ∨ □p_{i+2} (pₘ ↔ p₁ closing the polygon at i = m) and
    f(0) = ⊥ (left out)."""
    m = 3 * n if n % 2 == 1 else 3 * n + 1
    f = bot
    for i in range(1, m + 1):
        same = iff(p(m), p(1)) if i == m else iff(p(i), p(i + 1))
        f = disj(diamond(_disj([f, diamond(same, i)])), box(p(i + 2)))
    first = box(conjunction(p(i) for i in range(1, m + 2)), m + 1)
    last = box(conjunction(neg(p(2 * i)) for i in range(1, m + 2)), m + 1)
    return disjunction([first, f, last])


def t4p_parts(i: int, closing: bool = True) -> tuple[Formula, Formula]:
    """(C(i), E(i)) of k_t4p_p (see there); without the `closing` conjunct □◇q of C(0) they
    are k_t4p_n's."""
    p0, p1 = p(0), p(1)
    q = conj(p0, diamond(neg(p(3))))
    bdp0 = box(diamond(p0))
    c = conjunction(
        [
            implies(bdp0, diamond(q)),
            box(implies(box(neg(box(diamond(q)))), neg(bdp0))),
            implies(bdp0, box(box(diamond(q)))),
            box(implies(conj(diamond(bdp0), p0), box(q))),
            *([box(diamond(q))] if closing else []),
        ]
    )
    e = diamond(box(p0))
    for _ in range(i):
        c = conjunction([box(ax_4(p1)), box(c), box(ax_4(diamond(p1)))])
        e = disjunction([diamond(neg(ax_4(neg(p1)))), box(e), box(ax_5(p1))])
    return c, e


def k_t4p_p(n: int) -> Formula:
    """k_t4p_p: T{◇p0} ∧ □T{¬□◇p0} ∧ 4{◇p0} ∧ □(◇□◇p0 → (p0 → □p0)) → ◇□p0 ∨ ◇□¬p0 in K,
    with T and 4 replaced by K-instances nested n deep: E(n) ∨ nnf(¬C(n)) ∨ ◇p4 where, with
    q = p0 ∧ ◇¬p3,
    C(0) = (□◇p0 → ◇q) ∧ □(□¬□◇q → ¬□◇p0) ∧ (□◇p0 → □□◇q) ∧ □(◇□◇p0 ∧ p0 → □q) ∧ □◇q,
    C(i) = □4{p1} ∧ □C(i−1) ∧ □4{◇p1}, E(0) = ◇□p0, E(i) = ◇¬4{¬p1} ∨ □E(i−1) ∨ □5{p1}."""
    c, e = t4p_parts(n)
    return disjunction([e, nnf(neg(c)), diamond(p(4))])


LWB_K_FAMILIES: dict[str, Callable[[int], Formula]] = {
    "k_branch_p": k_branch_p,
    "k_d4_p": k_d4_p,
    "k_dum_p": k_dum_p,
    "k_grz_p": k_grz_p,
    "k_lin_p": k_lin_p,
    "k_path_p": k_path_p,
    "k_ph_p": k_ph_p,
    "k_poly_p": k_poly_p,
    "k_t4p_p": k_t4p_p,
}
