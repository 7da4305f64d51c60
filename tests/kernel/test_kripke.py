"""The independent model checker and frame-condition checker: known small models; its two
representations of world sets (bit masks, frozensets) agree with each other and with the
textbook clauses written out here, the frame checker with a naive triple-by-triple check; and
`tick` stops model and proof checking (the query's deadline)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import formulas

from lobkit import formula as F
from lobkit.errors import ResourceLimit
from lobkit.formula import Formula
from lobkit.kernel import kripke
from lobkit.kernel.kripke import KripkeModel, check_frame, holds_at, holds_everywhere, truth_set
from lobkit.kernel.logic import Logic
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import prove
from lobkit.syntax import parse

WORLDS = ("a", "b", "c", "d")


@st.composite
def models(draw: st.DrawFn, theories: tuple[str | None, ...] = (None,)) -> KripkeModel:
    n = draw(st.integers(1, len(WORLDS)))
    worlds = WORLDS[:n]
    pairs = list(itertools.product(worlds, worlds))
    relations = {t: draw(st.sets(st.sampled_from(pairs))) for t in theories}
    valuation = {w: draw(st.sets(st.sampled_from(("p", "q")))) for w in worlds}
    return KripkeModel.build(worlds, relations, valuation)


def textbook(model: KripkeModel, f: Formula, w: str) -> bool:
    """The satisfaction clauses, recursively (the formulas here are small)."""
    op, args = f.op, f.args
    if op == F.ATOM:
        return f.label in model.valuation.get(w, ())
    if op in (F.TOP, F.BOT):
        return op == F.TOP
    values = [textbook(model, a, w) for a in args] if op not in F.MODAL else []
    if op == F.NOT:
        return not values[0]
    if op == F.AND:
        return values[0] and values[1]
    if op == F.OR:
        return values[0] or values[1]
    if op == F.IMP:
        return not values[0] or values[1]
    if op == F.IFF:
        return values[0] == values[1]
    succ = [b for a, b in model.relations.get(f.label, ()) if a == w]
    inner = [textbook(model, args[0], v) for v in succ]
    return all(inner) if op == F.BOX else any(inner)


@settings(max_examples=150, deadline=None)
@given(models(), formulas(("p", "q"), max_leaves=8))
def test_every_representation_follows_the_textbook(model: KripkeModel, f: Formula) -> None:
    expected = frozenset(w for w in model.worlds if textbook(model, f, w))
    assert truth_set(model, f) == expected
    sets = kripke._Sets(model, None, bits=False)
    assert sets.names(kripke._truth(sets, f)) == expected
    pairs = kripke._Sets(model, None, sparse=True)  # bit masks and lists of pairs
    assert pairs.names(kripke._truth(pairs, f)) == expected


def naive_frame_ok(model: KripkeModel, logic: Logic) -> bool:
    names = set(model.relations) | set(logic.theories()) or {None}
    rel = {t: set(model.relations.get(t, ())) for t in names}
    for t, s in itertools.product(names, names):
        if t != s and logic.extends_theory(t, s) and not rel[t] <= rel[s]:
            return False
    if logic.frame in ("GL", "K4"):
        for t, s in itertools.product(names, names):
            for (a, b), (b2, c) in itertools.product(rel[t], rel[s]):
                if b == b2 and (a, c) not in rel[s]:
                    return False
    if logic.frame == "GL":
        union = set().union(*rel.values())
        reach = set(union)
        while True:  # transitive closure, the slow obvious way
            more = {(a, d) for a, b in reach for c, d in reach if b == c} - reach
            if not more:
                break
            reach |= more
        if any(a == b for a, b in reach):
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(
    models(("S", "T")),
    st.sampled_from(("GL", "K4", "K")),
    st.booleans(),
    st.booleans(),
)
def test_frame_check_agrees_with_the_naive_one(
    model: KripkeModel, frame: str, include: bool, bits: bool
) -> None:
    logic = Logic(frame, {"T": {"S"}} if include else {})
    before = kripke.BITSET_WORLDS
    kripke.BITSET_WORLDS = len(WORLDS) if bits else 0
    try:
        problems = check_frame(model, logic)
    finally:
        kripke.BITSET_WORLDS = before
    assert (problems == []) == naive_frame_ok(model, logic), problems


def test_a_frame_problem_names_a_fixed_witness() -> None:
    gap = KripkeModel.build(["a", "b", "c"], {None: [("a", "b"), ("b", "c")]}, {})
    assert check_frame(gap, "K4") == ["R[None];R[None] ⊄ R[None]: a→b→c but not a→c in R[None]"]
    cycle = KripkeModel.build(
        ["a", "b"], {"S": [("a", "b")], "T": [("b", "a")]}, {}
    )  # each relation alone is fine; together they loop
    problems = check_frame(cycle, "GL")
    assert problems[-1] == "the relations have a cycle through a"


class _Clock:
    """A `tick` that raises once it has been called `budget` times."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        if self.calls > self.budget:
            raise ResourceLimit("time limit reached")


def chain(n: int) -> KripkeModel:
    worlds = [f"w{i}" for i in range(n)]
    pairs = [(worlds[i], worlds[j]) for i in range(n) for j in range(i + 1, n)]
    return KripkeModel.build(worlds, {None: pairs}, {})


def test_tick_stops_model_checking() -> None:
    model = chain(600)
    f = F.box(F.atom("p"), 300)
    clock = _Clock(2)
    with pytest.raises(ResourceLimit):
        truth_set(model, f, tick=clock)
    with pytest.raises(ResourceLimit):
        check_frame(model, "GL", tick=_Clock(0))
    free = _Clock(10**9)
    assert check_frame(model, "GL", tick=free) == [] and free.calls > 0


def test_tick_stops_proof_checking() -> None:
    result = prove(" & ".join(f"([]p{i} -> [][]p{i})" for i in range(40)), "K4")
    assert result.valid and result.proof is not None
    check_proof(result.proof, result.logic, result.formula, tick=_Clock(10**9))
    with pytest.raises(ResourceLimit):
        check_proof(result.proof, result.logic, result.formula, tick=_Clock(0))


def test_evaluate_boxchain() -> None:
    m = chain(3)
    assert holds_at(m, parse("[][][]false"), "w0")
    assert not holds_at(m, parse("[][]false"), "w0")
    assert holds_at(m, parse("[][]false"), "w1")
    assert holds_at(m, parse("<>true <-> ~[]false"), "w0")


def test_frame_conditions() -> None:
    assert check_frame(chain(4), "GL") == []
    loop = KripkeModel.build(["a"], {None: [("a", "a")]}, {})
    assert check_frame(loop, "K4") == []
    assert check_frame(loop, "GL")
    gap = KripkeModel.build(["a", "b", "c"], {None: [("a", "b"), ("b", "c")]}, {})
    assert check_frame(gap, "K") == []
    assert check_frame(gap, "K4")


def test_multi_theory_frames() -> None:
    logic = Logic("GL", {"T1": {"T0"}})
    ok = KripkeModel.build(["a", "b"], {"T1": [("a", "b")], "T0": [("a", "b")]}, {"b": ["p"]})
    assert check_frame(ok, logic) == []
    assert holds_at(ok, parse("[T1]p & [T0]p"), "a")
    bad = KripkeModel.build(["a", "b"], {"T1": [("a", "b")], "T0": []}, {})
    assert any("T1" in msg for msg in check_frame(bad, logic))


def test_valuation_and_global_truth() -> None:
    m = KripkeModel.build(["a", "b"], {None: [("a", "b")]}, {"a": ["p"], "b": ["p", "q"]})
    assert holds_everywhere(m, parse("p"))
    assert not holds_everywhere(m, parse("q"))
    assert holds_at(m, parse("[]q & <>q"), "a")


@settings(max_examples=100, deadline=None)
@given(models(), formulas(("p", "q"), max_leaves=8))
def test_truth_sets_gives_every_subformulas_truth_set(model: KripkeModel, f: Formula) -> None:
    every = kripke.truth_sets(model, f)
    assert set(every) == set(F.postorder(f))
    assert all(every[g] == truth_set(model, g) for g in every)
