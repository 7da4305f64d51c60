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


def test_lwb_all_lists_the_54_families(load_benchmark: Callable[[str], ModuleType]) -> None:
    """`--lwb-all` covers the whole LWB benchmark: 54 families, K, KT, S4, each _p and _n; a
    K _p instance comes from lobkit's own generator and is answered with its certificate."""
    lwb = load_benchmark("lwb_all")
    names = lwb.families()
    assert len(names) == len(set(names)) == 54
    for prefix in ("k_", "kt_", "s4_"):
        assert sum(n.startswith(prefix) for n in names) == 18
    instance = lwb.generated(None, "k_branch_p", 1, 10.0)
    assert instance is not None
    assert lwb.generated(None, "kt_45_p", 1, 10.0) is None  # needs --lwb-generator
    assert lwb.lobkit_time(instance, "K", 30.0, True) is not None
