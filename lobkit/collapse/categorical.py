"""The discrete picture: a categorical model refit on N samples loses its rare symbols first.

Counts_{g+1} ~ Multinomial(N, p_g) and p_{g+1} = counts/N: each symbol's frequency is a Bernoulli
(Wright–Fisher) chain, a martingale absorbed at 0, so E[p_k] = p₀ while
E[p_k(1 − p_k)] = p₀(1 − p₀)(1 − 1/N)^k: a symbol once lost never returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lobkit.collapse.model import DEFAULT_MAX_WORK
from lobkit.collapse.theory import bernoulli_heterozygosity
from lobkit.errors import InputError, ResourceLimit

FloatArray = NDArray[np.float64]
CHUNK = 1 << 14


@dataclass(frozen=True)
class CategoricalChain:
    """K symbols (Zipf-like p_i ∝ i^−s by default, or given `probabilities`), N samples a fit."""

    samples: int = 100
    generations: int = 100
    trajectories: int = 1000
    symbols: int = 20
    zipf_exponent: float = 1.0
    probabilities: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        for name, minimum in (("samples", 2), ("generations", 0), ("trajectories", 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
                raise InputError(f"--{name} must be an integer of at least {minimum} (got {value})")
        if self.probabilities is None:
            if isinstance(self.symbols, bool) or not isinstance(self.symbols, int):
                raise InputError(f"--symbols must be an integer (got {self.symbols!r})")
            if self.symbols < 2:
                raise InputError(f"--symbols must be at least 2 (got {self.symbols})")
            if not (math.isfinite(self.zipf_exponent) and self.zipf_exponent >= 0):
                raise InputError(f"the Zipf exponent must be ≥ 0 (got {self.zipf_exponent})")
        else:
            p = np.asarray(self.probabilities, dtype=np.float64)
            if p.ndim != 1 or p.size < 2 or not np.all(np.isfinite(p)) or np.any(p < 0):
                raise InputError("probabilities must be at least two non-negative numbers")
            if abs(p.sum() - 1) > 1e-9:
                raise InputError(f"probabilities must sum to 1 (got {p.sum():.12g})")

    def initial(self) -> FloatArray:
        """p₀ as an array summing to 1."""
        if self.probabilities is not None:
            p = np.asarray(self.probabilities, dtype=np.float64)
        else:
            p = np.arange(1, self.symbols + 1, dtype=np.float64) ** -self.zipf_exponent
        return p / p.sum()


@dataclass(frozen=True)
class CategoricalResult:
    """Per generation and symbol: mean frequency, E[p(1−p)], fraction of trajectories lost."""

    chain: CategoricalChain
    seed: int
    initial: FloatArray
    mean_probability: FloatArray  # (G+1, K)
    heterozygosity: FloatArray  # (G+1, K): mean of p(1 − p)
    theory_heterozygosity: FloatArray  # (G+1, K)
    lost_fraction: FloatArray  # (G+1, K)
    #: (T, K): the generation at which each symbol was lost, −1 when it survived.
    loss_generation: NDArray[np.int64] = field(repr=False)

    def median_loss_generation(self) -> FloatArray:
        """Per symbol, the median generation of loss over all trajectories (inf if mostly kept)."""
        lost = np.where(self.loss_generation < 0, np.inf, self.loss_generation.astype(float))
        return np.asarray(np.median(lost, axis=0), dtype=np.float64)

    def to_json(self) -> dict[str, Any]:
        median = self.median_loss_generation()
        return {
            "initial": [float(v) for v in self.initial],
            "lost_fraction": [float(v) for v in self.lost_fraction[-1]],
            "median_loss_generation": [None if math.isinf(v) else float(v) for v in median],
            "mean_probability": [float(v) for v in self.mean_probability[-1]],
        }

    def describe(self) -> str:
        c = self.chain
        lines = [
            f"Categorical refit chain: K={self.initial.size}, N={c.samples}, "
            f"G={c.generations}, T={c.trajectories}, seed {self.seed}",
            f"{'symbol':>6} {'p0':>8} {'lost':>7} {'median loss gen':>16}",
        ]
        for i, (p, lost, med) in enumerate(
            zip(self.initial, self.lost_fraction[-1], self.median_loss_generation(), strict=True)
        ):
            when = "—" if math.isinf(med) else f"{med:.0f}"
            lines.append(f"{i + 1:>6} {p:>8.4f} {lost:>7.1%} {when:>16}")
        return "\n".join(lines)


def simulate_categorical(
    chain: CategoricalChain | None = None,
    *,
    seed: int = 0,
    max_work: int = DEFAULT_MAX_WORK,
    **parameters: Any,
) -> CategoricalResult:
    """Run T categorical refit chains; chunks of fixed size with their own seeds (deterministic)."""
    if chain is None:
        chain = CategoricalChain(**parameters)
    elif parameters:
        raise InputError("pass either a CategoricalChain or keyword parameters, not both")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"--seed must be a non-negative integer (got {seed!r})")
    p0 = chain.initial()
    k, t, n_gen, n = p0.size, chain.trajectories, chain.generations, chain.samples
    work = t * max(n_gen, 1) * k
    if work > max_work:
        raise ResourceLimit(f"trajectories × generations × symbols = {work:,} exceeds {max_work:,}")
    prob_sum = np.zeros((n_gen + 1, k))
    het_sum = np.zeros((n_gen + 1, k))
    lost_count = np.zeros((n_gen + 1, k))
    loss_generation = np.full((t, k), -1, dtype=np.int64)
    for index, lo in enumerate(range(0, t, CHUNK)):
        hi = min(lo + CHUNK, t)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))
        p = np.tile(p0, (hi - lo, 1))
        loss = loss_generation[lo:hi]
        loss[p == 0] = 0
        for g in range(n_gen + 1):
            if g:
                p = rng.multinomial(n, p) / n
                loss[(p == 0) & (loss < 0)] = g
            prob_sum[g] += p.sum(axis=0)
            het_sum[g] += (p * (1 - p)).sum(axis=0)
            lost_count[g] += np.count_nonzero(p == 0, axis=0)
    return CategoricalResult(
        chain=chain,
        seed=seed,
        initial=p0,
        mean_probability=prob_sum / t,
        heterozygosity=het_sum / t,
        theory_heterozygosity=bernoulli_heterozygosity(p0, n, n_gen),
        lost_fraction=lost_count / t,
        loss_generation=loss_generation,
    )
