"""The independent model checker and frame-condition checker."""

from __future__ import annotations

from lobkit.kernel.kripke import KripkeModel, check_frame, evaluate, holds_everywhere
from lobkit.kernel.logic import Logic
from lobkit.syntax import parse


def chain(n: int) -> KripkeModel:
    worlds = [f"w{i}" for i in range(n)]
    rel = [(worlds[i], worlds[j]) for i in range(n) for j in range(i + 1, n)]
    return KripkeModel.build(worlds, {None: rel}, {})


def test_evaluate_boxchain() -> None:
    m = chain(3)
    assert evaluate(m, parse("[][][]false"), "w0")
    assert not evaluate(m, parse("[][]false"), "w0")
    assert evaluate(m, parse("[][]false"), "w1")
    assert evaluate(m, parse("<>true <-> ~[]false"), "w0")


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
    assert evaluate(ok, parse("[T1]p & [T0]p"), "a")
    bad = KripkeModel.build(["a", "b"], {"T1": [("a", "b")], "T0": []}, {})
    assert any("T1" in msg for msg in check_frame(bad, logic))


def test_valuation_and_global_truth() -> None:
    m = KripkeModel.build(["a", "b"], {None: [("a", "b")]}, {"a": ["p"], "b": ["p", "q"]})
    assert holds_everywhere(m, parse("p"))
    assert not holds_everywhere(m, parse("q"))
    assert evaluate(m, parse("[]q & <>q"), "a")
