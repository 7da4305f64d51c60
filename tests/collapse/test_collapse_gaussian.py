"""Simulated Gaussian chains against the closed forms (fixed seeds, ±4 standard errors)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lobkit.collapse import DriftBreaker, GaussianChain, simulate
from lobkit.collapse.theory import (
    expected_log_variance,
    log_variance_spread,
    variance_second_moment,
)
from lobkit.errors import InputError, ResourceLimit


def _within(simulated: float, expected: float, se: float) -> bool:
    return abs(simulated - expected) <= 4 * se


@pytest.mark.parametrize("estimator", ["mle", "unbiased"])
def test_mean_variance_matches_closed_form(estimator: str) -> None:
    chain = GaussianChain(samples=10, generations=8, trajectories=40_000, estimator=estimator)  # type: ignore[arg-type]
    result = simulate(chain, seed=1)
    theory = result.theory_mean_variance
    assert theory is not None
    # Exact standard error from E[σ⁴_g] = σ₀⁴(k(k+2)/d²)^g.
    second = variance_second_moment(chain)
    se = np.sqrt((second - theory**2) / chain.trajectories)
    for g in range(1, 9):
        assert _within(result.mean_variance[g], theory[g], se[g]), g


def test_log_variance_drifts_down_linearly_even_when_unbiased() -> None:
    chain = GaussianChain(samples=6, generations=30, trajectories=20_000, estimator="unbiased")
    result = simulate(chain, seed=2, keep_trajectories=True)
    assert result.variances is not None
    expected = expected_log_variance(chain)
    assert expected is not None and expected[-1] < -1
    spread = log_variance_spread(chain)
    for g in (1, 10, 30):
        se = math.sqrt(g * spread / chain.trajectories)
        assert _within(np.log(result.variances[:, g]).mean(), expected[g], se), g
    # The mean stays at σ₀² while the median sinks.
    assert result.median_variance[-1] < 0.5


@pytest.mark.parametrize(
    "real_fraction, accumulate, estimator",
    [(0.3, False, "mle"), (0.5, False, "unbiased"), (0.0, True, "mle"), (0.25, True, "unbiased")],
)
def test_real_data_and_accumulation_match_the_recursion(
    real_fraction: float, accumulate: bool, estimator: str
) -> None:
    chain = GaussianChain(
        samples=8,
        generations=12,
        trajectories=30_000,
        real_fraction=real_fraction,
        accumulate=accumulate,
        estimator=estimator,  # type: ignore[arg-type]
    )
    result = simulate(chain, seed=3, keep_trajectories=True)
    theory, variances = result.theory_mean_variance, result.variances
    assert theory is not None and variances is not None
    for g in (1, 2, 5, 12):
        se = variances[:, g].std(ddof=1) / math.sqrt(chain.trajectories)
        assert _within(variances[:, g].mean(), theory[g], se), g


def _ks(a: np.ndarray, b: np.ndarray) -> float:
    grid = np.sort(np.concatenate([a, b]))
    fa = np.searchsorted(np.sort(a), grid, side="right") / a.size
    fb = np.searchsorted(np.sort(b), grid, side="right") / b.size
    return float(np.abs(fa - fb).max())


@pytest.mark.parametrize("real_fraction, accumulate", [(0.0, False), (0.25, False), (0.25, True)])
def test_explicit_and_sufficient_agree_in_distribution(
    real_fraction: float, accumulate: bool
) -> None:
    chain = GaussianChain(
        samples=8,
        generations=6,
        trajectories=6000,
        real_fraction=real_fraction,
        accumulate=accumulate,
    )
    fast = simulate(chain, seed=4, keep_trajectories=True)
    slow = simulate(
        GaussianChain(**{**chain.__dict__, "method": "explicit"}), seed=5, keep_trajectories=True
    )
    assert fast.variances is not None and slow.variances is not None
    assert fast.means is not None and slow.means is not None
    n = chain.trajectories
    critical = 2.3 * math.sqrt(2 / n)  # two-sample KS at α ≈ 1e-4
    for g in (1, 3, 6):
        assert _ks(np.log(fast.variances[:, g]), np.log(slow.variances[:, g])) < critical, g
        assert _ks(fast.means[:, g], slow.means[:, g]) < critical, g


def test_deterministic_and_independent_of_threads_and_kept_arrays() -> None:
    chain = GaussianChain(samples=5, generations=4, trajectories=150_000)
    one = simulate(chain, seed=7, workers=1)
    two = simulate(chain, seed=7, workers=2)
    kept = simulate(chain, seed=7, workers=2, keep_trajectories=True)
    for other in (two, kept):
        assert np.array_equal(one.mean_variance, other.mean_variance)
        assert np.array_equal(one.median_variance, other.median_variance)
        assert np.array_equal(one.quantiles[0.05], other.quantiles[0.05])
    different = simulate(chain, seed=8, workers=1)
    assert not np.array_equal(one.mean_variance, different.mean_variance)


def test_summaries_are_the_population_statistics() -> None:
    result = simulate(samples=4, generations=40, trajectories=3000, seed=9, collapse_threshold=1e-3)
    v = result.variances
    assert v is not None and v.shape == (3000, 41)
    assert np.allclose(result.mean_variance, v.mean(axis=0))
    assert np.allclose(result.median_variance, np.median(v, axis=0))
    assert np.allclose(result.quantiles[0.95], np.quantile(v, 0.95, axis=0))
    assert np.allclose(result.collapsed_fraction, (v < 1e-3).mean(axis=0))
    assert result.collapsed_fraction[-1] > 0.05


def test_breaker_holds_the_variance() -> None:
    chain = GaussianChain(samples=5, generations=60, trajectories=2000)
    free = simulate(chain, seed=10)
    held = simulate(
        chain, seed=10, breaker=DriftBreaker(0.5, metric="variance-loss"), keep_trajectories=True
    )
    assert held.theory_mean_variance is None and held.breaker is not None
    assert held.variances is not None and held.variances.min() >= 0.5
    assert 0 < held.breaker.mean_accepted < 60 and held.breaker.min_variance_held >= 0.5
    assert held.median_variance[-1] > 10 * free.median_variance[-1]
    assert held.to_json()["breaker"]["threshold"] == 0.5


def test_latched_breaker_freezes_after_the_first_refusal() -> None:
    result = simulate(
        samples=5,
        generations=30,
        trajectories=500,
        seed=11,
        breaker=DriftBreaker(0.4, latch=True),
        keep_trajectories=True,
    )
    v, report = result.variances, result.breaker
    assert v is not None and report is not None and report.tripped_fraction > 0.5
    changed = np.diff(v, axis=1) != 0
    # After the first generation without change, nothing changes again.
    frozen = np.cumsum(~changed, axis=1) > 0
    assert not np.any(changed & frozen)


@pytest.mark.parametrize(
    "kwargs, text",
    [
        ({"samples": 1}, "--samples must be at least 2"),
        ({"real_fraction": 1.5}, "--real-fraction"),
        ({"real_fraction": -0.1}, "--real-fraction"),
        ({"trajectories": -1}, "--trajectories"),
        ({"generations": -1}, "--generations"),
        ({"estimator": "median"}, "--estimator"),
        ({"collapse_threshold": 0}, "--collapse-threshold"),
    ],
)
def test_bad_parameters(kwargs: dict, text: str) -> None:
    with pytest.raises(InputError, match=text):
        simulate(**kwargs)


def test_bad_breaker_and_limits() -> None:
    with pytest.raises(InputError, match="--breaker must be positive"):
        DriftBreaker(-1)
    with pytest.raises(InputError, match="variance-loss threshold must be below 1"):
        DriftBreaker(1.5, metric="variance-loss")
    with pytest.raises(ResourceLimit, match="--max-work"):
        simulate(trajectories=10**6, generations=10**4)
    with pytest.raises(ResourceLimit, match="explicit sampling .*--max-work"):
        simulate(trajectories=10**4, generations=10**3, samples=10**4, method="explicit")
    with pytest.raises(ResourceLimit, match="fewer trajectories or generations"):
        simulate(trajectories=10**6, generations=200, keep_trajectories=True)
