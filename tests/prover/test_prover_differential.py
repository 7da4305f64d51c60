"""Differential tests: the prover against an independent naive sequent search (written here),
certificates checked, random small models never refute a proved formula, K ⊢ ⇒ K4 ⊢ ⇒ GL ⊢."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lobkit.formula import BOX, DIA, NOT, Formula, atom, box, diamond, fold, neg
from lobkit.kernel.checker import check_proof
from lobkit.kernel.kripke import KripkeModel, check_frame, evaluate
from lobkit.prover import Logic, prove

# -- an independent decision procedure: plain backtracking G3 search ---------------------------


def _nnf_free(f: Formula) -> Formula:
    def visit(node: Formula, args: tuple[Formula, ...]) -> Formula:
        if node.op == DIA:
            return neg(box(neg(args[0])))
        return node if args == node.args else Formula(node.op, args, node.label)

    return fold(f, visit)


def naive_provable(formula: Formula, frame: str) -> bool:
    """Backtracking G3GL / G3K4 (loop check) / G3K search on set sequents."""

    @cache
    def prov(left: frozenset, right: frozenset, history: frozenset) -> bool:
        if left & right or any(f.op == "bot" for f in left) or any(f.op == "top" for f in right):
            return True
        for f in left:
            if f.op in ("not", "and", "or", "imp", "iff"):
                g = left - {f}
                a = f.args[0]
                if f.op == "not":
                    return prov(g, right | {a}, history)
                b = f.args[1]
                if f.op == "and":
                    return prov(g | {a, b}, right, history)
                if f.op == "or":
                    return prov(g | {a}, right, history) and prov(g | {b}, right, history)
                if f.op == "imp":
                    return prov(g, right | {a}, history) and prov(g | {b}, right, history)
                return prov(g | {a, b}, right, history) and prov(g, right | {a, b}, history)
        for f in right:
            if f.op in ("not", "and", "or", "imp", "iff"):
                d = right - {f}
                a = f.args[0]
                if f.op == "not":
                    return prov(left | {a}, d, history)
                b = f.args[1]
                if f.op == "or":
                    return prov(left, d | {a, b}, history)
                if f.op == "imp":
                    return prov(left | {a}, d | {b}, history)
                if f.op == "and":
                    return prov(left, d | {a}, history) and prov(left, d | {b}, history)
                return prov(left | {a}, d | {b}, history) and prov(left | {b}, d | {a}, history)
        boxes = frozenset(f for f in left if f.op == BOX)
        bodies = frozenset(f.args[0] for f in boxes)
        for f in right:
            if f.op != BOX:
                continue
            if frame == "GL":
                if prov(boxes | bodies | {f}, frozenset({f.args[0]}), frozenset()):
                    return True
            elif frame == "K":
                if prov(bodies, frozenset({f.args[0]}), frozenset()):
                    return True
            else:
                seq = (boxes | bodies, frozenset({f.args[0]}))
                if seq in history:
                    continue
                if prov(seq[0], seq[1], history | {seq}):
                    return True
        return False

    return prov(frozenset(), frozenset({_nnf_free(formula)}), frozenset())


# -- random formulas ----------------------------------------------------------------------------

P, Q = atom("p"), atom("q")
leaves = st.sampled_from([P, Q, Formula("top"), Formula("bot")])


def _extend(children: st.SearchStrategy[Formula]) -> st.SearchStrategy[Formula]:
    return st.one_of(
        children.map(neg),
        children.map(box),
        children.map(diamond),
        st.tuples(st.sampled_from(["and", "or", "imp", "iff"]), children, children).map(
            lambda t: Formula(t[0], (t[1], t[2]))
        ),
    )


formulas = st.recursive(leaves, _extend, max_leaves=8).filter(lambda f: f.modal_depth <= 3)


def _random_models(frame: str, rng: random.Random, count: int) -> list[KripkeModel]:
    models = []
    for _ in range(count):
        n = rng.randint(1, 4)
        worlds = [f"v{i}" for i in range(n)]
        rel = {(a, b) for a in worlds for b in worlds if rng.random() < 0.4}
        if frame == "GL":
            rel = {(a, b) for a, b in rel if a < b}
        if frame in ("GL", "K4"):
            changed = True
            while changed:
                extra = {(a, d) for a, b in rel for c, d in rel if b == c} - rel
                changed = bool(extra)
                rel |= extra
        val = {w: {x for x in ("p", "q") if rng.random() < 0.5} for w in worlds}
        models.append(KripkeModel.build(worlds, {None: rel}, val))
    return models


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas, st.randoms(use_true_random=False))
def test_agrees_with_naive_search(formula: Formula, rng: random.Random) -> None:
    verdicts = {}
    for frame in ("K", "K4", "GL"):
        logic = Logic.named(frame)
        result = prove(formula, frame)
        verdicts[frame] = result.valid
        assert result.valid == naive_provable(formula, frame), (str(formula), frame)
        if result.valid:
            check_proof(result.proof, logic, formula)
            for model in _random_models(frame, rng, 5):
                assert check_frame(model, logic) == []
                assert all(evaluate(model, formula, w) for w in model.worlds)
        else:
            cm = result.countermodel
            model = cm.kripke()
            assert check_frame(model, logic) == []
            assert not evaluate(model, formula, cm.root)
    assert not verdicts["K"] or verdicts["K4"]
    assert not verdicts["K4"] or verdicts["GL"]


def test_naive_oracle_sanity() -> None:
    from lobkit.syntax import parse

    assert naive_provable(parse("[]([]p -> p) -> []p"), "GL")
    assert not naive_provable(parse("[]([]p -> p) -> []p"), "K4")
    assert naive_provable(parse("[]p -> [][]p"), "K4")
    assert not naive_provable(parse("[]p -> [][]p"), "K")
    assert NOT == "not"
