"""Model collapse, numerically: a model refit on its own samples loses its tails and variance.

`simulate` runs many Gaussian refit chains (with optional real data, accumulation and a drift
breaker) and compares them with the closed forms in `theory`; `simulate_categorical` shows rare
symbols vanishing first. See docs/collapse.md.
"""

from __future__ import annotations

from lobkit.collapse.breaker import BreakerReport, DriftBreaker
from lobkit.collapse.categorical import CategoricalChain, CategoricalResult, simulate_categorical
from lobkit.collapse.gaussian import CollapseResult, simulate
from lobkit.collapse.model import GaussianChain

__all__ = [
    "BreakerReport",
    "CategoricalChain",
    "CategoricalResult",
    "CollapseResult",
    "DriftBreaker",
    "GaussianChain",
    "simulate",
    "simulate_categorical",
]
