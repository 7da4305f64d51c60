"""Renderings for people: countermodel pictures (PNG, and SVG for Jupyter)."""

from __future__ import annotations

from pathlib import Path

from lobkit.prover import prove
from lobkit.render.kripke_plot import plot_countermodel
from lobkit.zoo.verdicts import LOB


def test_reflexive_k4_countermodel_is_drawn(tmp_path: Path) -> None:
    model = prove(LOB.text, "K4").countermodel
    assert model is not None and ("w1", "w1") in model.relation
    path = plot_countermodel(model, tmp_path / "k4.png", title="K4")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = model._repr_svg_()
    assert "<svg" in svg and svg.count("<path") >= 2  # two arrows, the loop among them


def test_jupyter_reprs() -> None:
    refuted = prove("[]p -> p")._repr_html_()
    assert "not a theorem" in refuted and "<svg" in refuted and "w0 · root" in refuted
    proved = prove(LOB.text)
    assert "[GLR]" in proved._repr_html_() and "<svg" not in proved._repr_html_()
    assert proved.proof is not None
    assert "\\begin{prooftree}" in proved.proof._repr_latex_()
