"""Explained countermodels: annotations, the refutation chain, every renderer, clean layout."""

from __future__ import annotations

import pytest

from lobkit import Logic, prove
from lobkit.render.countermodel_text import countermodel_dot, countermodel_html, countermodel_tikz
from lobkit.render.scene import build_scene
from lobkit.zoo.verdicts import LOB

BIG = (
    "~(<>(a & <>(b & <>c)) & <>(~a & <>(~b & <>~c)) & <>(a & ~b & <>(c & <>(b & <>a)))"
    " & <>(~a & b & <>(~c & <>a)) & <>(c & <>~a))"
)


def test_reflexion_is_refuted_at_the_root_with_p_failing() -> None:
    model = prove("[]p -> p").countermodel
    assert model is not None
    scene = build_scene(model)
    assert scene.title == "Countermodel to □p → p in GL"
    assert scene.refuting == "w0"
    texts = {(ln.text, ln.marked) for ln in scene.boxes["w0"]}
    assert ("✗ p", True) in texts and ("✓ □p", True) in texts
    assert scene.explanation.failing is not None
    assert str(scene.explanation.failing.formula) == "p"
    assert any("vacuously" in s or "consequent" in s for s in scene.sentences)


def test_every_renderer_carries_title_root_and_marks() -> None:
    model = prove(LOB.text, "K4").countermodel
    assert model is not None
    dot, tikz, html = countermodel_dot(model), countermodel_tikz(model), countermodel_html(model)
    assert "Countermodel to □(□p → p) → □p in K4" in dot and "root" in dot
    assert "\\begin{tikzpicture}" in tikz and "refutes the formula" in tikz
    assert "<svg" in html and "Why it refutes" in html and "w1 ⊭ p" in html
    assert model.to_svg().count("refutes the formula") == 1
    assert model.to_png()[:4] == b"\x89PNG"
    assert "loop right" in tikz  # K4's reflexive point


def test_closure_faint_in_gl_and_absent_in_k() -> None:
    gl = prove("[][][]p -> [][]p").countermodel
    k = prove("[]p -> [][]p", "K").countermodel
    assert gl is not None and k is not None
    assert build_scene(gl).closure  # w0 -> w2 comes from transitivity
    assert not build_scene(k).closure
    assert any("exactly the drawn steps" in n for n in build_scene(k).legend)


def test_indexed_boxes_show_inclusions() -> None:
    logic = Logic("GL", {"T1": {"T0"}})
    model = prove("[T1]p -> [T1][T0]p", logic).countermodel
    assert model is not None
    scene = build_scene(model)
    assert any("[T1] step is also a [T0] step" in n for n in scene.legend)
    assert any(label.startswith("[T1], [T0]") for label in scene.labels.values())


def _inside(
    point: tuple[float, float], centre: tuple[float, float], size: tuple[float, float]
) -> bool:
    (x, y), (cx, cy), (w, h) = point, centre, size
    return abs(x - cx) < w / 2 - 2 and abs(y - cy) < h / 2 - 2


@pytest.mark.parametrize("engine", ["dot", "grandalf"])
def test_no_edge_runs_through_a_box(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    if engine == "dot" and not shutil.which("dot"):
        pytest.skip("graphviz's dot is not installed")
    monkeypatch.setenv("LOBKIT_LAYOUT", engine)
    model = prove(BIG).countermodel
    assert model is not None and len(model.worlds) >= 12
    lay = build_scene(model).layout
    assert lay.engine == engine
    for (a, b), path in lay.paths.items():
        dense = [
            (p[0] + (q[0] - p[0]) * t / 10, p[1] + (q[1] - p[1]) * t / 10)
            for p, q in zip(path, path[1:], strict=False)
            for t in range(11)
        ]
        for w in model.worlds:
            if w not in (a, b):
                assert not any(_inside(pt, lay.centres[w], lay.sizes[w]) for pt in dense), (a, b, w)
    for w in model.worlds:  # no two boxes overlap
        for v in model.worlds:
            if w < v:
                (x1, y1), (x2, y2) = lay.centres[w], lay.centres[v]
                (w1, h1), (w2, h2) = lay.sizes[w], lay.sizes[v]
                assert abs(x1 - x2) >= (w1 + w2) / 2 or abs(y1 - y2) >= (h1 + h2) / 2


def test_explaining_a_deep_countermodel_is_not_quadratic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each sub-formula's truth set comes from one pass and only small sub-formulas are
    printed for ranking (issue 13: `prove '~…~p' --format latex` with 20,000 negations never
    finished): counted, not timed."""
    import lobkit.render.refutation as explain_module
    from lobkit.formula import atom, neg

    deep = atom("p")
    for _ in range(3001):
        deep = neg(deep)
    result = prove(deep)
    assert not result.valid and result.countermodel is not None
    calls = {"truth_set": 0, "printed_nodes": 0}
    real_truth_set, real_print = explain_module.truth_set, explain_module.to_unicode

    def counting_truth_set(*args: object, **kwargs: object) -> object:
        calls["truth_set"] += 1
        return real_truth_set(*args, **kwargs)  # type: ignore[arg-type]

    def counting_print(f: object) -> str:
        text = real_print(f)  # type: ignore[arg-type]
        calls["printed_nodes"] += len(text)
        return text

    monkeypatch.setattr(explain_module, "truth_set", counting_truth_set)
    monkeypatch.setattr(explain_module, "to_unicode", counting_print)
    model = result.countermodel
    found = explain_module.explain(model.kripke(), model.root, deep)
    assert found.rows
    assert calls["truth_set"] <= 40  # the chain's links, not one per sub-formula
    assert calls["printed_nodes"] <= 300 * 3000  # not the 4.5 million of printing them all
