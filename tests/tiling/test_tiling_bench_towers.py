"""The tiling benchmark's towers mean what its table says (nothing here is timed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from lobkit.tiling import loads

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_tiling.py"


def test_bench_towers_have_their_depth_and_the_fifteen_queries_hold() -> None:
    spec = importlib.util.spec_from_file_location("bench_tiling", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert loads(bench.tower(4)).depth("A4") == 4
    report = loads(bench.fifteen_queries()).check()
    assert len(report.results) == 15 and report.ok
    # Every answer is exact, Gödel's second theorem (T2 ⊬ [T2]⊥ -> ⊥) by its own case of
    # lobkit.tiling.exact.
    assert [r.query for r in report.results if r.exact is None] == []
    (goedel,) = [r for r in report.results if r.query == "prove T2 : [T2]false -> false"]
    assert "Gödel's second incompleteness theorem" in (goedel.exact or "")
