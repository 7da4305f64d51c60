"""The chunked selection gives exactly numpy's quantiles."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.collapse.quantile import quantiles


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=300),
    cuts=st.lists(st.integers(0, 300), max_size=4),
    levels=st.lists(st.floats(0, 1), min_size=1, max_size=4),
)
def test_equals_numpy_on_small_arrays(values: list[float], cuts: list[int], levels: list[float]):
    x = np.array(values)
    chunks = np.split(x, sorted(c for c in cuts if c <= x.size))
    assert np.array_equal(quantiles(chunks, levels), np.quantile(x, levels))


def test_equals_numpy_on_large_skewed_arrays_with_ties() -> None:
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.lognormal(0, 5, 150_000), np.zeros(30_000)])
    rng.shuffle(x)
    chunks = np.array_split(x, 7)
    levels = [0.0, 0.01, 0.05, 0.1, 0.5, 0.95, 1.0]
    assert np.allclose(quantiles(chunks, levels), np.quantile(x, levels), rtol=1e-12, atol=0)
