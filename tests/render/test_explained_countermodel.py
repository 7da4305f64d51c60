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
    assert any("□_T1 step is also a □_T0 step" in n for n in scene.legend)
    assert any(label.startswith("□_T1, □_T0") for label in scene.labels.values())


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
    # the chain's links (at most CHAIN_LIMIT of them), not one per sub-formula
    assert calls["truth_set"] <= explain_module.CHAIN_LIMIT + 5
    assert not found.complete  # 3,002 links would be needed: the chain says where it stopped
    assert found.sentences()[-1] == "… stopped after 200 steps (the explanation's limit)"
    assert calls["printed_nodes"] <= 300 * 3000  # not the 4.5 million of printing them all


def test_a_long_conjunction_is_one_step_and_every_diamond_names_its_witness() -> None:
    """Issue 24: `~(<>p1 & … & <>p15)` was explained by 14 "both conjuncts hold" and cut there;
    now the conjunction is one link, each ◇ names the world that makes it true, and the root's
    box shows the conjunction once (not its six truncated prefixes)."""
    from lobkit.render.refutation import explain
    from lobkit.syntax import parse

    formula = parse("~(" + " & ".join(f"<>p{i}" for i in range(1, 16)) + ")")
    result = prove(formula)
    assert result.countermodel is not None
    model = result.countermodel
    ex = explain(model.kripke(), model.root, formula)
    sentences = ex.sentences()
    assert ex.complete and len(sentences) == 2 + 2 * 15
    assert sentences[1].endswith("all 15 conjuncts hold")
    witnesses = [s for s in sentences if "reaches the witness" in s]
    assert len(witnesses) == 15
    for i in range(1, 16):  # the witness of ◇p_i is a world where p_i holds by the valuation
        line = next(s for s in witnesses if s.startswith(f"w0 ⊨ ◇p{i}:"))
        world = line.split("reaches the witness ")[1].split(",")[0]
        assert f"p{i}" in model.valuation[world]
        assert f"{world} ⊨ p{i}: by the valuation" in sentences
    from lobkit.formula import AND

    conjunctions = [f for f, _ in ex.rows[model.root] if f.op == AND]
    assert len(conjunctions) == 1  # no prefix `◇p1 ∧ … ∧ ◇p14` beside the whole
    # 16 worlds: each box shows only what the refutation uses there
    assert all(len(rows) <= 2 for w, rows in ex.rows.items() if w != model.root)


def test_a_false_conjunct_is_named_by_its_place() -> None:
    from lobkit.render.refutation import explain
    from lobkit.syntax import parse

    formula = parse("p1 & p2 & p3 & p4")
    result = prove(formula)
    assert result.countermodel is not None
    model = result.countermodel
    ex = explain(model.kripke(), model.root, formula)
    assert " fails" in ex.sentences()[0] and "of 4 fails" in ex.sentences()[0]


def test_proofs_keep_the_users_diamonds() -> None:
    """The prover reads ◇A as ¬□¬A; the drawn proof writes ◇ back where the user wrote it,
    and leaves a ¬□¬ the user typed alone."""
    from lobkit.render.notation import user_notation
    from lobkit.render.proof_tree import proof_svg
    from lobkit.syntax import parse

    goal = parse("<>p -> <>(p & []~p)")
    result = prove(goal)
    assert result.proof is not None
    svg = proof_svg(result.proof, show=user_notation(goal))
    assert "◇(p ∧ □¬p)" in svg and "¬□¬" not in svg
    typed = parse("~[]~p -> ~[]~(p & []~p)")
    svg = proof_svg(prove(typed).proof, show=user_notation(typed))  # type: ignore[arg-type]
    assert "¬□¬p" in svg and "◇" not in svg
