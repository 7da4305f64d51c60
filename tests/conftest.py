"""Shared test configuration: hypothesis profiles (CI runs the same, deterministic profile)."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "lobkit",
    derandomize=True,  # the same examples on every run: failures reproduce
    deadline=None,  # no timed tests: speed lives in benchmarks/
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("lobkit")
