"""docs/tour.ipynb runs from top to bottom (nbclient) and shows what it says it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_tour_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(ROOT / "docs" / "tour.ipynb", as_version=4)
    monkeypatch.chdir(ROOT)
    nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    html = [
        out.get("data", {}).get("text/html", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    ]
    text = "\n".join(html)
    assert "theorem</b> of GL" in text and 'class="step modal"' in text  # Löb, drawn
    assert "refutes the formula" in text and "w0 ⊭ □p → p" in text  # the countermodel
    assert "theories/tower.lob" in text and "/work" not in text  # relative paths only
    assert 'class="matrix"' in text and "licensed" in text
    assert "unbounded" in text  # the procrastinator tiles forever
    assert "final mean σ²" in text and "data:image/png;base64" in text
    assert "FairBot" in text
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
