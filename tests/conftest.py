"""Shared test configuration: hypothesis profiles (CI runs the same, deterministic profile),
and `load_benchmark`, for tests that check what a benchmark script means before it is timed."""

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

settings.register_profile(
    "lobkit",
    derandomize=True,  # the same examples on every run: failures reproduce
    deadline=None,  # no timed tests: speed lives in benchmarks/
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("lobkit")


@pytest.fixture
def load_benchmark() -> Callable[[str], ModuleType]:
    """`load_benchmark("bench_prover")`: a script of benchmarks/ imported as a module (the
    scripts are not a package)."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
