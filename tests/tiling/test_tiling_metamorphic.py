"""The metamorphic and coherence fuzz of `benchmarks/fuzz_tiling.py` on a few small seeded files
(issue 25): renaming, reordering, splitting a theory, adding a reflection instance as an
axiom and adding unrelated queries change no decided verdict, and every file's answers obey
the laws (no negative about an inconsistent theory or against what an included or reflected
theory proves). The bigger seeded run is the script's (its counts are in the notes)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st


def _fuzz() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz_tiling.py"
    spec = importlib.util.spec_from_file_location("fuzz_tiling", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_tiling"] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


FUZZ = _fuzz()


@settings(max_examples=3, deadline=None)
@given(st.integers(0, 10**9))
def test_no_transformation_changes_a_verdict(seed: int) -> None:
    fuzz = FUZZ
    tally = fuzz.Tally()
    findings: list[str] = []
    fuzz.run_one(seed, tally, findings, most=3, random_probes=0)
    # a change between two decided answers, or an incoherence, is a finding (time aside)
    assert [f for f in findings if " took " not in f] == []
    assert tally.files >= 4 and tally.compared > 0


def test_the_transformations_keep_the_theories() -> None:
    """Each transformation writes the same theories: split keeps T = T_0 + the rest, the
    added axiom is an instance of T's own reflection, unrelated queries come after."""
    import random

    from lobkit.tiling import loads

    fuzz = FUZZ
    file = fuzz.File(
        [
            fuzz.Theory("Ta", axioms=["p"]),
            fuzz.Theory("Tb", ["Ta"], ["Ta"], ["q", "[Ta]p"]),
        ],
        ["agent Aa { theory Tb; goal safe; actions build }"],
        ["prove Tb : p", "consistent Tb"],
    )
    rng = random.Random(0)
    split, index = fuzz.split(file, rng)
    spec = loads(split)
    assert len(spec.theories) == 3 and index == [0, 1]
    instance, _ = fuzz.instance(file, rng)
    assert "axiom [Ta](" in instance
    unrelated, index = fuzz.unrelated(file, rng)
    assert unrelated.count("\nprove") + unrelated.startswith("prove") > 1 and index == [0, 1]
    for text in (split, instance, unrelated, fuzz.rename(file, rng)[0], fuzz.reorder(file, rng)[0]):
        assert [r.verdict for r in loads(text).check().results][:2] == ["proved", "consistent"]
