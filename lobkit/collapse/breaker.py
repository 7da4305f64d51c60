"""The drift breaker: a trip wire that refuses a refit whose drift from the reference is too big.

Each generation the chain proposes a candidate fit; the breaker measures the candidate's distance
from the reference N(μ₀, σ₀²) and, past the threshold, refuses it and keeps the last trusted model
(which then generates the next candidate). With `latch`, the first refusal is final.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from lobkit.errors import InputError

Metric = Literal["w2", "variance-loss"]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class DriftBreaker:
    """Refuse candidates whose drift exceeds `threshold` (a unitless number, see `drift`)."""

    threshold: float
    metric: Metric = "w2"
    latch: bool = False

    def __post_init__(self) -> None:
        if not (isinstance(self.threshold, (int, float)) and math.isfinite(self.threshold)):
            raise InputError(f"--breaker must be a finite number (got {self.threshold!r})")
        if self.threshold <= 0:
            raise InputError(f"--breaker must be positive (got {self.threshold})")
        if self.metric not in ("w2", "variance-loss"):
            raise InputError(f"--breaker-metric must be w2 or variance-loss (got {self.metric!r})")
        if self.metric == "variance-loss" and self.threshold >= 1:
            raise InputError(f"a variance-loss threshold must be below 1 (got {self.threshold})")

    @property
    def needs_mean(self) -> bool:
        """Whether the metric looks at the candidate's mean (W2 does, variance loss does not)."""
        return self.metric == "w2"

    def drift(
        self, mean: FloatArray | None, variance: FloatArray, mean0: float, variance0: float
    ) -> FloatArray:
        """The candidate's drift, scaled by σ₀ so thresholds do not depend on units.

        w2: W₂(N(μ, σ²), N(μ₀, σ₀²))/σ₀ = √((μ − μ₀)² + (σ − σ₀)²)/σ₀ (closed form for Gaussians);
        variance-loss: max(0, 1 − σ²/σ₀²), the fraction of the reference variance lost.
        """
        if self.metric == "variance-loss":
            return np.maximum(0.0, 1.0 - variance / variance0)
        assert mean is not None
        sigma0 = math.sqrt(variance0)
        return np.sqrt((mean - mean0) ** 2 + (np.sqrt(variance) - sigma0) ** 2) / sigma0


@dataclass(frozen=True)
class BreakerReport:
    """What the breaker did over all trajectories: generations accepted, variance held."""

    metric: Metric
    threshold: float
    latch: bool
    generations: int
    mean_accepted: float
    min_accepted: int
    max_accepted: int
    accepted_fraction: float
    tripped_fraction: float
    mean_variance_held: float
    median_variance_held: float
    min_variance_held: float

    @classmethod
    def from_arrays(
        cls,
        breaker: DriftBreaker,
        generations: int,
        accepted: NDArray[np.int64],
        tripped: NDArray[np.bool_],
        final_variance: FloatArray,
    ) -> BreakerReport:
        """Summarise per-trajectory accepted counts, trip flags and final (held) variances."""
        return cls(
            metric=breaker.metric,
            threshold=float(breaker.threshold),
            latch=breaker.latch,
            generations=generations,
            mean_accepted=float(accepted.mean()),
            min_accepted=int(accepted.min()),
            max_accepted=int(accepted.max()),
            accepted_fraction=float(accepted.mean() / generations) if generations else 1.0,
            tripped_fraction=float(tripped.mean()),
            mean_variance_held=float(final_variance.mean()),
            median_variance_held=float(np.median(final_variance)),
            min_variance_held=float(final_variance.min()),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "threshold": self.threshold,
            "latch": self.latch,
            "generations": self.generations,
            "mean_accepted": self.mean_accepted,
            "min_accepted": self.min_accepted,
            "max_accepted": self.max_accepted,
            "accepted_fraction": self.accepted_fraction,
            "tripped_fraction": self.tripped_fraction,
            "mean_variance_held": self.mean_variance_held,
            "median_variance_held": self.median_variance_held,
            "min_variance_held": self.min_variance_held,
        }
