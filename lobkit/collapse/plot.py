"""Pictures of refit chains: trajectories, quantile band, median, mean and theory on a log axis.

Uses `Figure` + the Agg canvas directly, so no global matplotlib state or display is touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lobkit.collapse.gaussian import CollapseResult
from lobkit.outputs import save_figure


def plot_variance(
    panels: Sequence[tuple[str, CollapseResult]], path: Path | None = None, *, lines: int = 40
) -> Figure:
    """One panel per (title, result), sharing a logarithmic variance axis; the Figure (for a
    notebook), also written as a PNG to `path` when given."""
    fig = variance_figure(panels, lines=lines)
    if path is not None:
        FigureCanvasAgg(fig)
        save_figure(fig, path, dpi=110)
    return fig


def variance_figure(panels: Sequence[tuple[str, CollapseResult]], *, lines: int = 40) -> Figure:
    """The Figure `plot_variance` writes: one panel per (title, result), shared log axis."""
    fig = Figure(figsize=(5.2 * len(panels), 4.4), layout="constrained")
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    for ax, (title, result) in zip(axes, panels, strict=True):
        gens = result.generations
        if result.variances is not None:
            for row in result.variances[:lines]:
                ax.plot(gens, np.maximum(row, 1e-300), color="0.55", lw=0.5, alpha=0.45)
        levels = sorted(result.quantiles)
        if len(levels) >= 2:
            lo, hi = result.quantiles[levels[0]], result.quantiles[levels[-1]]
            ax.fill_between(
                gens,
                lo,
                hi,
                color="tab:blue",
                alpha=0.18,
                label=f"{levels[0]:.0%}–{levels[-1]:.0%} of trajectories",
            )
        ax.plot(gens, result.median_variance, color="tab:blue", lw=2, label="median σ²")
        ax.plot(gens, result.mean_variance, color="tab:orange", lw=2, label="mean σ²")
        if result.theory_mean_variance is not None:
            ax.plot(
                gens,
                result.theory_mean_variance,
                color="black",
                lw=1.4,
                ls="--",
                label="theory E[σ²]",
            )
        ax.set_yscale("log")
        ax.set_xlim(gens[0], gens[-1])
        ax.set_xlabel("generation")
        c = result.chain
        ax.set_title(f"{title}\nN={c.samples}, {c.trajectories:,} trajectories, {c.estimator}")
        ax.grid(True, which="major", alpha=0.3)
    axes[0].set_ylabel("fitted variance σ² (σ₀² = 1)")
    axes[0].legend(loc="lower left", fontsize=8)
    return fig
