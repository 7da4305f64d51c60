"""The prover benchmark's baseline is the tests' oracle, and both it and lobkit agree with the
zoo's verdicts before anything is timed (nothing here is timed: speed lives in benchmarks/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from oracles import provable

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_prover.py"


def test_prover_benchmark_checks_its_baseline_against_the_zoo() -> None:
    spec = importlib.util.spec_from_file_location("bench_prover", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.provable is provable  # one oracle, not a copy
    bench.check_against_zoo()
