"""Closed forms: special functions, and the exact recursion against the closed form."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lobkit.collapse import GaussianChain
from lobkit.collapse.theory import (
    bernoulli_heterozygosity,
    digamma,
    expected_log_variance,
    expected_variance,
    log_drift,
    trigamma,
    variance_recursion,
)

EULER = 0.5772156649015329


def test_digamma_and_trigamma_known_values() -> None:
    assert digamma(1) == pytest.approx(-EULER, abs=1e-12)
    assert digamma(0.5) == pytest.approx(-EULER - 2 * math.log(2), abs=1e-12)
    assert digamma(10) == pytest.approx(-EULER + sum(1 / k for k in range(1, 10)), abs=1e-12)
    assert trigamma(1) == pytest.approx(math.pi**2 / 6, abs=1e-12)
    assert trigamma(0.5) == pytest.approx(math.pi**2 / 2, abs=1e-12)


def test_closed_forms_mle_and_unbiased() -> None:
    mle = expected_variance(GaussianChain(samples=10, generations=5, variance0=2.0))
    assert np.allclose(mle, 2.0 * 0.9 ** np.arange(6))
    unbiased = expected_variance(GaussianChain(samples=10, generations=5, estimator="unbiased"))
    assert np.allclose(unbiased, 1.0)
    # Even the unbiased chain drifts down in log: Jensen.
    assert log_drift(GaussianChain(samples=10, estimator="unbiased")) < 0
    logs = expected_log_variance(GaussianChain(samples=10, generations=3))
    assert logs is not None and logs[0] == 0 and logs[3] == pytest.approx(3 * logs[1])


@given(
    samples=st.integers(2, 200),
    generations=st.integers(0, 30),
    estimator=st.sampled_from(["mle", "unbiased"]),
)
def test_recursion_with_no_real_data_reduces_to_the_closed_form(
    samples: int, generations: int, estimator: str
) -> None:
    chain = GaussianChain(samples=samples, generations=generations, estimator=estimator)  # type: ignore[arg-type]
    assert np.allclose(variance_recursion(chain), expected_variance(chain), rtol=1e-12)


def test_all_real_data_is_one_fit_of_the_reference() -> None:
    theory = expected_variance(GaussianChain(samples=8, generations=4, real_fraction=1.0))
    assert np.allclose(theory[1:], 7 / 8)


def test_mixture_has_a_fixed_point_above_the_collapse() -> None:
    theory = expected_variance(GaussianChain(samples=20, generations=400, real_fraction=0.1))
    assert abs(theory[-1] - theory[-2]) < 1e-12 and 0.5 < theory[-1] < 1


def test_bernoulli_heterozygosity_decays_geometrically() -> None:
    h = bernoulli_heterozygosity(np.array([0.5, 0.1]), 10, 3)
    assert h.shape == (4, 2)
    assert np.allclose(h[:, 0], 0.25 * 0.9 ** np.arange(4))
