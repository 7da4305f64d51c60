"""Exact quantiles of a large array held in chunks, without sorting it (Floyd–Rivest style).

A strided sample brackets each target rank between two values a ≤ b; one pass per chunk counts
the values below a and keeps those in [a, b]; a small partition of the kept values finishes the
job. If a bracket misses (the sample was unlucky) that level falls back to a full partition, so
the answer always equals `np.quantile(x, levels)` (linear interpolation) up to rounding.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
#: Sample size used to place the brackets; below this many values, sort directly.
SAMPLE = 8192


@dataclass(frozen=True)
class Bracket:
    """Target ranks k_lo ≤ k_hi of one level (position h) and the value bracket [low, high]."""

    position: float
    k_lo: int
    k_hi: int
    low: float
    high: float


def stride_for(total: int) -> int:
    """Take every stride-th value of each chunk as the sample (1 when the array is small)."""
    return max(1, total // SAMPLE)


def brackets(sample: FloatArray, total: int, levels: Sequence[float]) -> list[Bracket]:
    """Brackets from a sample: ±(5 binomial sd + 5) sample ranks around each target rank."""
    s = np.sort(sample)
    out = []
    for q in levels:
        h = q * (total - 1)
        k_lo = math.floor(h)
        k_hi = min(k_lo + 1, total - 1)
        r = q * (s.size - 1)
        margin = 5 * math.sqrt(s.size * q * (1 - q)) + 5
        lo_i, hi_i = math.floor(r - margin), math.ceil(r + margin)
        low = -math.inf if lo_i < 0 else float(s[lo_i])
        high = math.inf if hi_i >= s.size else float(s[hi_i])
        out.append(Bracket(h, k_lo, k_hi, low, high))
    return out


def bracket_counts(x: FloatArray, bounds: Sequence[Bracket]) -> list[tuple[int, FloatArray]]:
    """For one chunk: per bracket, how many values fall below it and the values inside it."""
    out = []
    for b in bounds:
        below = int(np.count_nonzero(x < b.low))
        inside = x[(x >= b.low) & (x <= b.high)]
        out.append((below, inside))
    return out


def finish(
    bounds: Sequence[Bracket],
    parts: Iterable[list[tuple[int, FloatArray]]],
    everything: Callable[[], FloatArray],
) -> FloatArray:
    """Combine the chunks' counts into the quantiles; `everything()` gives the full array."""
    parts = list(parts)
    result = np.empty(len(bounds))
    full: FloatArray | None = None
    for i, b in enumerate(bounds):
        below = sum(p[i][0] for p in parts)
        inside = np.concatenate([p[i][1] for p in parts])
        if below <= b.k_lo and below + inside.size > b.k_hi:
            values, offset = inside, below
        else:  # the bracket missed: select in the whole array
            if full is None:
                full = everything()
            values, offset = full, 0
        picked = np.partition(values, (b.k_lo - offset, b.k_hi - offset))
        v_lo, v_hi = picked[b.k_lo - offset], picked[b.k_hi - offset]
        result[i] = _lerp(v_lo, v_hi, b.position - b.k_lo)
    return result


def quantiles(chunks: Sequence[FloatArray], levels: Sequence[float]) -> FloatArray:
    """Sequential convenience: the same answer as `np.quantile(concatenate(chunks), levels)`."""
    total = sum(c.size for c in chunks)
    stride = stride_for(total)
    bounds = brackets(np.concatenate([c[::stride] for c in chunks]), total, levels)
    return finish(
        bounds, (bracket_counts(c, bounds) for c in chunks), lambda: np.concatenate(chunks)
    )


def _lerp(a: float, b: float, t: float) -> float:
    """numpy's linear interpolation, including its t ≥ 0.5 branch (so results match exactly)."""
    diff = b - a
    return float(b - diff * (1 - t)) if t >= 0.5 else float(a + diff * t)
