"""The tiling benchmark's towers mean what its table says (nothing here is timed)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from lobkit.tiling import loads


def test_bench_towers_have_their_depth_and_the_fifteen_queries_hold(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    bench = load_benchmark("bench_tiling")
    assert loads(bench.tower(4)).depth("A4") == 4
    report = loads(bench.fifteen_queries()).check()
    assert len(report.results) == 15 and report.ok
    # Every answer is exact, Gödel's second theorem (T2 ⊬ [T2]⊥ -> ⊥) by its own case of
    # lobkit.tiling.exact.
    assert [r.query for r in report.results if not r.exact] == []
    (goedel,) = [r for r in report.results if r.query == "prove T2 : [T2]false -> false"]
    assert "Gödel's second incompleteness theorem" in (goedel.citation or "")
