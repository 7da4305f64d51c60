"""Simulate many Gaussian refit chains at once and summarise them generation by generation.

Exact sufficient statistics (Cochran's theorem): N draws from N(μ, σ²) have a mean ~ N(μ, σ²/N)
independent of SS = Σ(x − x̄)² ~ σ²·χ²_{N−1}, so a refit costs two draws whatever N is. A batch of
m real and n synthetic points pools as SS = SS_r + SS_s + (mn/N)(x̄_r − x̄_s)², each term exact;
accumulation pools batches the same way (Chan et al.), so every mode is exact. The explicit mode
draws all N points, for checking.

Trajectories live in fixed chunks of `CHUNK`, each with its own SeedSequence child, so results
depend only on (seed, parameters): not on the machine or the number of threads. Summaries are
computed per generation over the whole population, so nothing of size T × G is ever held unless
asked for (`keep_trajectories`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lobkit.collapse import quantile
from lobkit.collapse.breaker import BreakerReport, DriftBreaker
from lobkit.collapse.model import DEFAULT_MAX_WORK, KEEP_AUTOMATIC, KEEP_LIMIT, GaussianChain
from lobkit.collapse.theory import expected_variance
from lobkit.errors import InputError, ResourceLimit
from lobkit.formula import Displayable

FloatArray = NDArray[np.float64]

#: Trajectories per random stream. Fixed: changing it changes every result.
CHUNK = 1 << 16
#: Explicit sampling draws at most this many points per array (memory bound, fixed as well).
EXPLICIT_BLOCK = 1 << 20


@dataclass(frozen=True)
class CollapseResult(Displayable):
    """Per-generation summaries of a Gaussian chain run (index g = generation 0..G)."""

    chain: GaussianChain
    seed: int
    mean_variance: FloatArray
    median_variance: FloatArray
    quantiles: dict[float, FloatArray]
    collapsed_fraction: FloatArray
    theory_mean_variance: FloatArray | None
    breaker: BreakerReport | None = None
    #: (T, G+1) fitted variances and means, only when kept.
    variances: FloatArray | None = field(default=None, repr=False)
    means: FloatArray | None = field(default=None, repr=False)

    @property
    def generations(self) -> NDArray[np.int64]:
        return np.arange(self.chain.generations + 1)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON document (`collapsed_fraction` is the final generation's)."""
        theory = self.theory_mean_variance
        return {
            "generations": self.generations.tolist(),
            "mean_variance": _floats(self.mean_variance),
            "theory_mean_variance": None if theory is None else _floats(theory),
            "median_variance": _floats(self.median_variance),
            "quantiles": {_level(q): _floats(v) for q, v in self.quantiles.items()},
            "collapsed_fraction": float(self.collapsed_fraction[-1]),
            "breaker": None if self.breaker is None else self.breaker.to_json(),
        }

    def __repr__(self) -> str:
        c = self.chain
        return (
            f"<CollapseResult N={c.samples} G={c.generations} T={c.trajectories} "
            f"real={c.real_fraction:g}: final mean σ² {self.mean_variance[-1]:.3g}, "
            f"{self.collapsed_fraction[-1]:.1%} collapsed>"
        )

    def describe(self, rows: int = 10) -> str:
        """A short text table at about `rows` evenly spaced generations, then a summary line."""
        c = self.chain
        mode = "accumulate" if c.accumulate else "replace"
        lines = [
            f"Gaussian refit chain: N={c.samples}, G={c.generations}, T={c.trajectories}, "
            f"real fraction {c.real_fraction:g} (m={c.real_count}), {c.estimator}, {mode}, "
            f"{c.method} sampling, seed {self.seed}",
        ]
        levels = sorted(self.quantiles)
        header = f"{'gen':>6} {'mean σ²':>11} {'theory':>11} {'median σ²':>11}"
        header += "".join(f" {'q' + _level(q):>11}" for q in levels) + f" {'collapsed':>9}"
        lines.append(header)
        step = max(1, math.ceil(c.generations / max(rows - 1, 1)))
        shown = sorted({*range(0, c.generations + 1, step), c.generations})
        for g in shown:
            theory = (
                "—" if self.theory_mean_variance is None else f"{self.theory_mean_variance[g]:.4g}"
            )
            row = f"{g:>6} {self.mean_variance[g]:>11.4g} {theory:>11} "
            row += f"{self.median_variance[g]:>11.4g}"
            row += "".join(f" {self.quantiles[q][g]:>11.4g}" for q in levels)
            row += f" {self.collapsed_fraction[g]:>9.1%}"
            lines.append(row)
        lines.append(
            f"collapsed (σ² < {c.collapse_threshold:g}·σ₀²) after {c.generations} generations: "
            f"{self.collapsed_fraction[-1]:.1%} of trajectories"
        )
        if self.breaker is not None:
            b = self.breaker
            lines.append(
                f"breaker ({b.metric} > {b.threshold:g}{', latching' if b.latch else ''}): "
                f"{b.mean_accepted:.1f} of {b.generations} generations accepted on average "
                f"({b.tripped_fraction:.0%} of trajectories refused at least one); "
                f"variance held: mean {b.mean_variance_held:.4g}, "
                f"median {b.median_variance_held:.4g}, min {b.min_variance_held:.4g}"
            )
        return "\n".join(lines)


def simulate(
    chain: GaussianChain | None = None,
    *,
    seed: int = 0,
    breaker: DriftBreaker | None = None,
    keep_trajectories: bool | None = None,
    quantiles: Sequence[float] = (0.05, 0.95),
    max_work: int = DEFAULT_MAX_WORK,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    **parameters: Any,
) -> CollapseResult:
    """Run `chain` (or `GaussianChain(**parameters)`) and summarise it; same seed, same result.

    `keep_trajectories` (default: only when T·(G+1) ≤ 2·10⁶) also returns the (T, G+1) arrays.
    `progress(done, total)` is called after each generation. `workers` threads (default: cores)
    never change the result.
    """
    if chain is None:
        chain = GaussianChain(**parameters)
    elif parameters:
        raise InputError("pass either a GaussianChain or keyword parameters, not both")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"--seed must be a non-negative integer (got {seed!r})")
    levels = tuple(float(q) for q in quantiles)
    if any(not 0 <= q <= 1 for q in levels):
        raise InputError(f"quantile levels must be in [0, 1] (got {list(quantiles)})")
    chain.check_size(max_work)
    size = chain.trajectories * (chain.generations + 1)
    keep = size <= KEEP_AUTOMATIC if keep_trajectories is None else keep_trajectories
    if keep and size > KEEP_LIMIT:
        raise ResourceLimit(
            f"keeping {size:,} values per array is above the limit {KEEP_LIMIT:,}; "
            "use fewer trajectories or generations"
        )
    return _Run(chain, seed, breaker, keep, levels, workers, progress).simulate()


class _Run:
    """The population's state (length-T arrays) and the per-generation summaries."""

    def __init__(
        self,
        chain: GaussianChain,
        seed: int,
        breaker: DriftBreaker | None,
        keep: bool,
        levels: tuple[float, ...],
        workers: int | None,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.c, self.seed, self.breaker, self.keep = chain, seed, breaker, keep
        self.progress = progress
        t, g = chain.trajectories, chain.generations
        # The mean is tracked only when something reads it; the variance stream is separate, so
        # the variances are the same either way.
        self.need_mean = (
            chain.real_count > 0
            or chain.accumulate
            or chain.method == "explicit"
            or keep
            or (breaker is not None and breaker.needs_mean)
        )
        self.var = np.full(t, chain.variance0)
        self.mean = np.full(t, chain.mean0) if self.need_mean else None
        if chain.accumulate:
            self.count = np.zeros(t)
            self.ss = np.zeros(t)
        if breaker is not None:
            self.accepted = np.zeros(t, dtype=np.int64)
            self.tripped = np.zeros(t, dtype=bool)
        self.asked = tuple(sorted(set(levels)))
        self.levels = tuple(sorted({*levels, 0.5}))
        self.stats = np.empty((g + 1, 2 + len(self.levels)))
        self.var_hist = np.empty((t, g + 1)) if keep else None
        self.mean_hist = np.empty((t, g + 1)) if keep else None
        self.chunks = []
        for index, lo in enumerate(range(0, t, CHUNK)):
            chi, norm = np.random.SeedSequence(seed, spawn_key=(index,)).spawn(2)
            rngs = (np.random.default_rng(chi), np.random.default_rng(norm))
            self.chunks.append((slice(lo, min(lo + CHUNK, t)), rngs))
        self.workers = max(1, min(workers or os.cpu_count() or 1, len(self.chunks) + 1))

    def simulate(self) -> CollapseResult:
        c, total = self.c, self.c.generations
        groups = [g for g in np.array_split(np.arange(len(self.chunks)), self.workers) if g.size]
        if self.workers == 1:
            self._generation(0, groups, map)
            for g in range(1, total + 1):
                self._generation(g, groups, map)
                if self.progress:
                    self.progress(g, total)
        else:
            with ThreadPoolExecutor(self.workers) as pool:
                self._generation(0, groups, pool.map)
                for g in range(1, total + 1):
                    self._generation(g, groups, pool.map)
                    if self.progress:
                        self.progress(g, total)
        s = self.stats
        report = None
        if self.breaker is not None:
            report = BreakerReport.from_arrays(
                self.breaker, total, self.accepted, self.tripped, self.var
            )
        theory = expected_variance(c) if self.breaker is None else None
        return CollapseResult(
            chain=c,
            seed=self.seed,
            mean_variance=s[:, 0].copy(),
            median_variance=s[:, 2 + self.levels.index(0.5)].copy(),
            quantiles={q: s[:, 2 + self.levels.index(q)].copy() for q in self.asked},
            collapsed_fraction=s[:, 1].copy(),
            theory_mean_variance=theory,
            breaker=report,
            variances=self.var_hist,
            means=self.mean_hist,
        )

    def _generation(self, g: int, groups: list[NDArray[np.intp]], mapper: Any) -> None:
        """Produce generation g (g = 0: the start) and record its summaries.

        Each worker steps its own chunks and, while they are in cache, sums them and samples
        them for the quantile brackets; a second pass per chunk narrows the quantiles.
        """
        c = self.c
        stride = quantile.stride_for(c.trajectories)
        floor = c.collapse_threshold * c.variance0

        def first(group: NDArray[np.intp]) -> list[tuple[float, int, FloatArray]]:
            out = []
            for i in group:
                if g:
                    self._step(self.chunks[i])
                var = self.var[self.chunks[i][0]]
                out.append((float(var.sum()), int(np.count_nonzero(var < floor)), var[::stride]))
            return out

        partial = [item for part in mapper(first, groups) for item in part]
        row = self.stats[g]
        row[0] = math.fsum(p[0] for p in partial) / c.trajectories
        row[1] = sum(p[1] for p in partial) / c.trajectories
        bounds = quantile.brackets(
            np.concatenate([p[2] for p in partial]), c.trajectories, self.levels
        )

        def second(group: NDArray[np.intp]) -> list[list[tuple[int, FloatArray]]]:
            return [quantile.bracket_counts(self.var[self.chunks[i][0]], bounds) for i in group]

        counts = [item for part in mapper(second, groups) for item in part]
        row[2:] = quantile.finish(bounds, counts, lambda: self.var)
        if self.var_hist is not None and self.mean_hist is not None and self.mean is not None:
            self.var_hist[:, g] = self.var
            self.mean_hist[:, g] = self.mean

    def _step(self, chunk: tuple[slice, tuple[np.random.Generator, np.random.Generator]]) -> None:
        """Advance one chunk by a generation: draw a batch from the fit, refit, maybe refuse."""
        part, (chi, norm) = chunk
        c = self.c
        var = self.var[part]
        if not self.need_mean and self.breaker is None:
            # Plain replacement: σ²_{g+1} = σ²_g · χ²_{N−1}/d, in place.
            draw = chi.standard_gamma((c.samples - 1) / 2, size=var.size)
            draw *= 2.0
            var *= draw
            var /= c.samples - c.ddof
            return
        mean = None if self.mean is None else self.mean[part]
        batch_mean, batch_ss = (
            self._explicit_batch(norm, var, mean)
            if c.method == "explicit"
            else self._sufficient_batch(chi, norm, var, mean)
        )
        if c.accumulate:
            assert mean is not None and batch_mean is not None
            count = self.count[part]
            new_count = count + c.samples
            delta = batch_mean - mean
            cand_mean = mean + delta * (c.samples / new_count)
            # Chan's pooled update: SS = SS_old + SS_batch + δ²·C·N/(C+N).
            cand_ss = self.ss[part] + batch_ss + delta**2 * (count * c.samples / new_count)
            cand_var = cand_ss / (new_count - c.ddof)
        else:
            cand_mean, cand_var = batch_mean, batch_ss / (c.samples - c.ddof)
        if self.breaker is None:
            ok: Any = slice(None)
        else:
            drift = self.breaker.drift(cand_mean, cand_var, c.mean0, c.variance0)
            ok = drift <= self.breaker.threshold
            if self.breaker.latch:
                ok &= ~self.tripped[part]
            self.accepted[part] += ok
            self.tripped[part] |= ~ok
        var[ok] = cand_var[ok]
        if mean is not None:
            assert cand_mean is not None
            mean[ok] = cand_mean[ok]
        if c.accumulate:
            self.count[part][ok] = new_count[ok]
            self.ss[part][ok] = cand_ss[ok]

    def _sufficient_batch(
        self,
        chi: np.random.Generator,
        norm: np.random.Generator,
        var: FloatArray,
        mean: FloatArray | None,
    ) -> tuple[FloatArray | None, FloatArray]:
        """(batch mean, batch SS) of m real + n synthetic points, drawn exactly in O(1) each."""
        c = self.c
        m, n, size = c.real_count, c.synthetic_count, var.size
        ss = np.zeros(size)
        if n > 1:  # SS_s = σ_g²·χ²_{n−1}, with χ²_k = 2·Gamma(k/2)
            ss = chi.standard_gamma((n - 1) / 2, size=size) * 2.0 * var
        if m > 1:  # SS_r = σ₀²·χ²_{m−1}
            ss = ss + chi.standard_gamma((m - 1) / 2, size=size) * (2.0 * c.variance0)
        if mean is None:
            return None, ss
        x_s = mean + np.sqrt(var / n) * norm.standard_normal(size) if n else None
        x_r = c.mean0 + math.sqrt(c.variance0 / m) * norm.standard_normal(size) if m else None
        if x_r is None:
            assert x_s is not None
            return x_s, ss
        if x_s is None:
            return x_r, ss
        # Between-group term of the pooled sum of squares.
        ss = ss + (m * n / c.samples) * (x_r - x_s) ** 2
        return (m * x_r + n * x_s) / c.samples, ss

    def _explicit_batch(
        self, norm: np.random.Generator, var: FloatArray, mean: FloatArray | None
    ) -> tuple[FloatArray, FloatArray]:
        """(batch mean, batch SS) from all N points drawn one by one (the slow, checking mode)."""
        c = self.c
        assert mean is not None
        m, n = c.real_count, c.synthetic_count
        out_mean, out_ss = np.empty(var.size), np.empty(var.size)
        rows = max(1, EXPLICIT_BLOCK // c.samples)
        sd = np.sqrt(var)
        for lo in range(0, var.size, rows):
            hi = min(lo + rows, var.size)
            points = np.empty((hi - lo, c.samples))
            points[:, :n] = norm.standard_normal((hi - lo, n)) * sd[lo:hi, None] + mean[lo:hi, None]
            points[:, n:] = norm.standard_normal((hi - lo, m)) * math.sqrt(c.variance0) + c.mean0
            centre = points.mean(axis=1)
            out_mean[lo:hi] = centre
            out_ss[lo:hi] = ((points - centre[:, None]) ** 2).sum(axis=1)
        return out_mean, out_ss


def _floats(values: FloatArray) -> list[float]:
    return [float(v) for v in values]


def _level(q: float) -> str:
    return f"{q:g}" if q not in (0.0, 1.0) else f"{q:.1f}"
