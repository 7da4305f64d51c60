"""`evaluate_model`: the value at every world agrees with the kernel's model checker, each
reason names what it should, and the frame conditions carry their witnesses."""

from __future__ import annotations

from hypothesis import given, settings
from strategies import formulas

from lobkit.kernel.kripke import holds_at
from lobkit.models import read_model
from lobkit.models.evaluation import evaluate_model
from lobkit.syntax import parse

MODELS = [
    "w0 -> w1, w2; w1 -> w2; w1: p; w2: p q",
    "w0 -> w0; w0: q",
    "w0 -> w1 -> w0; w1: p",
    "w0 -> w1; w0 -[PA]-> w2; w2: p r",
]


@given(formulas(theories=(None, "PA")))
@settings(max_examples=150, deadline=None)
def test_values_agree_with_the_kernel_at_every_world(f) -> None:  # type: ignore[no-untyped-def]
    for text in MODELS:
        m = read_model(text)
        report = evaluate_model(m, f)
        for v in report.worlds:
            assert v.holds == holds_at(m.kripke(), f, v.world)
            assert v.reason
            assert v.chain is not None and v.chain[0].startswith(v.world)


def test_reasons_name_the_witness_world() -> None:
    m = read_model("w0 -> w1, w2; w2: p")
    report = evaluate_model(m, parse("[]p -> p"))
    assert report.worlds[0].reason == "the antecedent fails"
    assert report.worlds[1].reason == "the antecedent holds and the consequent fails"
    box = evaluate_model(m, parse("[]p"))
    assert box.worlds[0].reason == "w0 reaches w1 by □, where the body fails"
    assert box.worlds[1].reason == "w1 reaches no world by □: it holds vacuously"
    dia = evaluate_model(m, parse("<>p"))
    assert dia.worlds[0].reason == "w0 reaches w2, where the body holds"
    assert report.fails_at == ["w1"] and report.holds_at == ["w0", "w2"]


def test_frame_conditions_and_logics() -> None:
    m = read_model("w0 -> w1; w1 -> w1")
    report = evaluate_model(m, parse("[]([]p -> p) -> []p"))
    broken = {c.condition: c.violation for c in report.conditions if not c.holds}
    assert str(broken["irreflexive"]) == "not irreflexive: w1 → w1"
    assert broken["acyclic"] is not None and broken["acyclic"].witness == ("w1",)
    assert "transitive" not in broken
    logics = report.logics()
    assert not logics["K4"] and not logics["K"]
    assert [c.condition for c in logics["GL"]] == ["irreflexive", "acyclic"]
    data = report.to_json()
    assert data["logics"]["K4"] == {"frame": True, "broken": []}
    assert data["logics"]["GL"]["frame"] is False
    assert data["holds_at_root"] is False and data["fails_at"] == ["w0", "w1"]
    text = report.render_text()
    assert "a frame of K, D, K4, K5, KD45; not of T, B, S4, S5, GL, Grz" in text
    assert "✗ not irreflexive: w1 → w1" in text


def test_indexed_relations_get_their_own_conditions() -> None:
    m = read_model("w0 -[PA]-> w0; w0 -> w1")
    report = evaluate_model(m, parse("[PA]p"))
    pa = [c for c in report.conditions if c.relation == "PA"]
    plain = [c for c in report.conditions if c.relation is None]
    assert {c.condition for c in pa if not c.holds} >= {"irreflexive"}
    assert all(c.condition != "irreflexive" or c.holds for c in plain)
    assert "frame of [PA]" in report.render_text()


def test_large_models_give_reasons_and_chains_only_where_asked() -> None:
    text = "; ".join(f"w{i} -> w{i + 1}" for i in range(1000)) + "; w1000: p"
    report = evaluate_model(read_model(text), parse("<><>p"), why=["w998"])
    assert report.worlds[0].chain is None
    assert report.worlds[998].chain == (
        "w998 ⊨ ◇◇p: w998 reaches the witness w999, where the body holds",
        "w999 ⊨ ◇p: w999 reaches the witness w1000, where p is true",
        "w1000 ⊨ p: by the valuation",
    )
    assert report.holds_at == ["w998"]
    assert report.worlds[998].reason == "w998 reaches w999, where the body holds"
