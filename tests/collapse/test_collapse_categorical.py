"""The categorical chain: martingale frequencies, decaying E[p(1−p)], rare symbols lost first."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lobkit.collapse import CategoricalChain, simulate_categorical
from lobkit.errors import InputError


def test_bernoulli_closed_forms_within_four_standard_errors() -> None:
    chain = CategoricalChain(samples=20, generations=15, trajectories=20_000, symbols=5)
    result = simulate_categorical(chain, seed=1)
    p0 = result.initial
    t = chain.trajectories
    for g in (1, 5, 15):
        # Var[p_g] = p₀(1−p₀)(1 − (1−1/N)^g) for the Wright–Fisher chain.
        var_p = p0 * (1 - p0) * (1 - (1 - 1 / 20) ** g)
        assert np.all(np.abs(result.mean_probability[g] - p0) <= 4 * np.sqrt(var_p / t))
        # p(1−p) ∈ [0, 1/4], so its standard deviation is at most 1/8.
        theory = result.theory_heterozygosity[g]
        assert np.all(np.abs(result.heterozygosity[g] - theory) <= 4 * 0.125 / math.sqrt(t))


def test_rare_symbols_vanish_first_and_never_return() -> None:
    result = simulate_categorical(samples=50, generations=60, trajectories=2000, seed=2)
    lost = result.lost_fraction
    assert np.all(np.diff(lost, axis=0) >= 0)  # absorbing
    assert lost[-1, -1] > lost[-1, 0]  # the rarest is lost more often than the commonest
    median = result.median_loss_generation()
    assert median[-1] < median[len(median) // 2]
    assert result.loss_generation.shape == (2000, 20)
    assert set(result.to_json()) >= {"lost_fraction", "median_loss_generation"}


def test_deterministic_for_a_seed() -> None:
    a = simulate_categorical(generations=10, trajectories=300, seed=5)
    b = simulate_categorical(generations=10, trajectories=300, seed=5)
    assert np.array_equal(a.loss_generation, b.loss_generation)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"samples": 1}, "--samples must be an integer of at least 2"),
        ({"symbols": 1}, "--symbols must be at least 2"),
        ({"probabilities": (0.5, 0.6)}, "probabilities must sum to 1"),
        ({"trajectories": -2}, "--trajectories must be an integer of at least 1"),
    ],
)
def test_bad_parameters(kwargs: dict, text: str) -> None:
    with pytest.raises(InputError, match=text):
        simulate_categorical(**kwargs)
