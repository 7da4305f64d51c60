"""`lobkit demo spurious`: the naive agent's spurious proof, and the chicken rule and modal UDT
taking $10 — every answer certified (derived by hand in tests/agents/test_miri_language.py)."""

from __future__ import annotations

from pathlib import Path

from lobkit.demos import available
from lobkit.demos.spurious import AGENTS, run


def test_spurious_demo(tmp_path: Path) -> None:
    result = run(tmp_path, seed=0)
    assert result.data["takes"] == dict(zip(AGENTS, ["5", "10", "10", "10"], strict=True))
    assert result.data["proved_in"]["naive"] == 0  # Löb: PA itself proves the bad conditional
    assert result.data["proved_in"]["chicken rule"] == 1
    assert result.data["verified"] and result.data["spurious_proof_certified"]
    assert result.data["chicken_countermodel_certified"]
    assert "[GLR]" in result.text and "□S ⇒ □P" in result.text
    assert {f.name for f in result.files} == {"spurious.png", "spurious.json"}
    assert (tmp_path / "spurious.png").stat().st_size > 10_000
    assert "spurious" in available()
