"""Jupyter displays of every result type: HTML with coloured verdicts, short text reprs."""

from __future__ import annotations

import lobkit
from lobkit.collapse import simulate


def test_formula_has_an_html_fallback() -> None:
    f = lobkit.parse("[]([]p -> p) -> []p")
    assert f._repr_html_() == '<code style="font-size:1.05em">□(□p → p) → □p</code>'


def test_report_is_a_table_with_relative_paths_and_coloured_verdicts() -> None:
    report = lobkit.load("theories/tower.lob").check()
    page = report._repr_html_()
    assert page.startswith("<table") and "theories/tower.lob" in page
    assert "/work" not in page and "#1a7f37" in page and "#c62828" in page
    assert repr(report).startswith("<Report tower.lob: 12 queries")


def test_link_collapse_and_combat() -> None:
    spec = lobkit.load_example("tower")
    link = spec.licenses("A3", "A3")
    assert "blocked-lob" in link._repr_html_() and "certificate: countermodel" in link._repr_html_()
    result = simulate(samples=20, generations=10, trajectories=50, seed=1)
    assert repr(result).startswith("<CollapseResult N=20 G=10 T=50") and len(repr(result)) < 120
    html = result._repr_html_()
    assert "final mean σ²" in html and "data:image/png;base64" in html and "array" not in html
    match = lobkit.combat("FairBot", "FairBot")
    assert repr(match) == "<CombatResult FairBot#1 vs FairBot#2: C/C, proved with k = 0>"
    assert match._repr_html_().count("<tr>") == 3


def test_plots_return_figures() -> None:
    from matplotlib.figure import Figure

    from lobkit.collapse.plot import plot_variance

    result = simulate(samples=20, generations=10, trajectories=50, seed=1)
    assert isinstance(plot_variance([("x", result)]), Figure)
    model = lobkit.prove("[]p -> p").countermodel
    assert model is not None and isinstance(model.plot(), Figure)


def test_sound_is_green_and_unsound_red_in_a_report() -> None:
    """Issue 24: `sound` was coloured like `unprovable` (red)."""
    from lobkit.render.notebook import BAD, GOOD, report_html
    from lobkit.tiling.loader import loads

    spec = loads(
        "theory T\ntheory E { axiom [E]p -> p }\nsound T expect sound\nsound E\n", source="s"
    )
    report = spec.check()
    verdicts = [r.verdict for r in report.results]
    assert verdicts == ["sound", "unsound"], verdicts
    html = report_html(report)
    assert f'<b style="color:{GOOD}">sound</b>' in html
    assert f'<b style="color:{BAD}">unsound</b>' in html


def test_printing_a_result_prints_the_answer() -> None:
    """Issue 24: `print(prove(f))` printed only a repr."""
    from lobkit import prove

    result = prove("[]p -> p")
    assert str(result).startswith("[]p -> p: not a theorem of GL\n")
    assert "w0" in str(result)
    assert repr(result).startswith("<ProofResult")
    assert str(prove("~[]false", "S")).startswith("~[]false: theorem of S")


def test_t_and_s4_proofs_display_as_the_translations_proof() -> None:
    """A T (S4) proof shows what it is — the K (K4) proof of φ* — then that proof drawn (HTML),
    as a text tree and as bussproofs."""
    result = lobkit.prove("[]p -> [][]p", "S4")
    html = result._repr_html_()
    assert "theorem" in html and "a K4 proof of φ* = " in html and "lobkit-proof" in html
    assert "K4R" in str(result.proof) and str(result.proof).startswith("a K4 proof of φ*")
    assert "\\begin{prooftree}" in result.proof._repr_latex_()
    assert "a K proof of φ* = p ∧ □p → p" in str(lobkit.prove("[]p -> p", "T"))
