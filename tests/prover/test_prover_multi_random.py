"""Multi-theory GL with inclusions and global premises, on random formulas: the prover agrees
with a naive sequent search written here, its certificates check, and random frames of the
logic (built here from labelled edges) never refute what it proves."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import event, given
from hypothesis import strategies as st
from strategies import formulas

from lobkit.formula import BOX, DIA, Formula, box, fold, neg
from lobkit.kernel.checker import check_proof
from lobkit.kernel.kripke import KripkeModel, check_frame, evaluate, holds_everywhere
from lobkit.prover import Logic, prove

EXTENDS = {"T1": {"T0"}}  # T1 extends T0: [T0]φ → [T1]φ
LOGIC = Logic("GL", EXTENDS)


def extends(sub: str | None, sup: str | None) -> bool:
    return sub == sup or sup in EXTENDS.get(str(sub), set())


def without_diamonds(f: Formula) -> Formula:
    def visit(node: Formula, args: tuple[Formula, ...]) -> Formula:
        if node.op == DIA:
            return neg(box(neg(args[0]), theory=node.label))
        return node if args == node.args else Formula(node.op, args, node.label)

    return fold(f, visit)


def naive_provable(goal: Formula, premises: tuple[Formula, ...]) -> bool:
    """Backtracking multi-theory G3GL: the rule for [T]A keeps every left box and adds the
    bodies of the boxes of the theories T extends; global premises join every sequent."""
    prems = frozenset(without_diamonds(p) for p in premises)

    @cache
    def prov(left: frozenset[Formula], right: frozenset[Formula]) -> bool:
        left = left | prems
        if left & right or any(f.op == "bot" for f in left) or any(f.op == "top" for f in right):
            return True
        for f in left:
            if f.op in ("not", "and", "or", "imp", "iff"):
                g, a = left - {f}, f.args[0]
                if f.op == "not":
                    return prov(g, right | {a})
                b = f.args[1]
                if f.op == "and":
                    return prov(g | {a, b}, right)
                if f.op == "or":
                    return prov(g | {a}, right) and prov(g | {b}, right)
                if f.op == "imp":
                    return prov(g, right | {a}) and prov(g | {b}, right)
                return prov(g | {a, b}, right) and prov(g, right | {a, b})
        for f in right:
            if f.op in ("not", "and", "or", "imp", "iff"):
                d, a = right - {f}, f.args[0]
                if f.op == "not":
                    return prov(left | {a}, d)
                b = f.args[1]
                if f.op == "or":
                    return prov(left, d | {a, b})
                if f.op == "imp":
                    return prov(left | {a}, d | {b})
                if f.op == "and":
                    return prov(left, d | {a}) and prov(left, d | {b})
                return prov(left | {a}, d | {b}) and prov(left | {b}, d | {a})
        boxes = frozenset(f for f in left if f.op == BOX)
        for f in right:
            if f.op == BOX and f not in left:
                bodies = {b.args[0] for b in boxes if extends(f.label, b.label)}
                if prov(boxes | bodies | {f}, frozenset({f.args[0]})):
                    return True
        return False

    return prov(frozenset(), frozenset({without_diamonds(goal)}))


def random_model(rng: random.Random) -> KripkeModel:
    """Labelled edges on an acyclic order; (a, c) ∈ R_S iff a path from a to c ends with an
    edge labelled by a theory extending S."""
    worlds = [f"v{i}" for i in range(rng.randint(1, 4))]
    edges = [
        (a, b, rng.choice(["T0", "T1"]))
        for i, a in enumerate(worlds)
        for b in worlds[i + 1 :]
        if rng.random() < 0.5
    ]
    reach = {(a, b) for a, b, _ in edges}
    for _ in worlds:
        reach |= {(a, d) for a, b in reach for c, d in reach if b == c}
    relations: dict[str | None, set[tuple[str, str]]] = {}
    for s in ("T0", "T1"):
        last = {(a, b) for a, b, t in edges if extends(t, s)}
        relations[s] = last | {(a, c) for a, b in reach for b2, c in last if b == b2}
    valuation = {w: {x for x in ("p", "q") if rng.random() < 0.5} for w in worlds}
    return KripkeModel.build(worlds, relations, valuation)


multi = formulas(atom_names=("p", "q"), theories=("T0", "T1"), max_leaves=7).filter(
    lambda f: f.modal_depth <= 3
)


@given(multi, st.booleans(), st.randoms(use_true_random=False))
def test_multi_theory_agrees_with_naive_search(
    goal: Formula, with_premise: bool, rng: random.Random
) -> None:
    premises = (box(goal.args[0], theory="T1"),) if with_premise and goal.args else ()
    result = prove(goal, LOGIC, premises=premises)
    assert result.valid == naive_provable(goal, premises), (str(goal), [str(p) for p in premises])
    logic = result.logic
    event("valid" if result.valid else "refuted")
    if result.valid:
        check_proof(result.proof, logic, goal)
        for _ in range(5):
            model = random_model(rng)
            assert check_frame(model, logic) == []
            if all(holds_everywhere(model, p) for p in premises):
                assert all(evaluate(model, goal, w) for w in model.worlds)
    else:
        model = result.countermodel.kripke()
        assert check_frame(model, logic) == []
        assert all(holds_everywhere(model, p) for p in premises)
        assert not evaluate(model, goal, result.countermodel.root)
