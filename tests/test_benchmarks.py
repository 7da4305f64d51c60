"""The prover benchmark's baseline is the tests' oracle, and both it and lobkit agree with the
zoo's verdicts before anything is timed (nothing here is timed: speed lives in benchmarks/)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from oracles import provable


def test_prover_benchmark_checks_its_baseline_against_the_zoo(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    bench = load_benchmark("bench_prover")
    assert bench.provable is provable  # one oracle, not a copy
    bench.check_against_zoo()
