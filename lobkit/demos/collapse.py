"""Demo: a Gaussian refit on its own samples collapses; 10% fresh real data holds it up."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from lobkit.collapse import GaussianChain, simulate
from lobkit.collapse.plot import plot_variance
from lobkit.demos import DemoResult
from lobkit.outputs import write_text

NAME = "collapse"
ORDER = 30
SUMMARY = "model collapse: variance of a self-refit Gaussian, synthetic-only vs 10% real data"


def run(out_dir: Path, seed: int) -> DemoResult:
    """Two runs of 4,000 chains (N = 50, 300 generations), one with λ = 0.1; one PNG."""
    base = GaussianChain(samples=50, generations=300, trajectories=4000)
    synthetic = simulate(base, seed=seed, keep_trajectories=True)
    mixed = simulate(replace(base, real_fraction=0.1), seed=seed, keep_trajectories=True)
    path = out_dir / "collapse.png"
    plot_variance(
        [("synthetic data only", synthetic), ("10% real data each generation", mixed)],
        path,
    )
    theory_syn, theory_mix = synthetic.theory_mean_variance, mixed.theory_mean_variance
    assert theory_syn is not None and theory_mix is not None
    text = "\n".join(
        [
            f"{base.trajectories} Gaussian chains, each refit (mle) on N={base.samples} "
            f"samples for {base.generations} generations; σ₀² = 1.",
            f"synthetic only : mean σ² {synthetic.mean_variance[-1]:.3g} "
            f"(theory {theory_syn[-1]:.3g}), "
            f"median {synthetic.median_variance[-1]:.3g}, "
            f"5% quantile {synthetic.quantiles[0.05][-1]:.2g}",
            f"10% real data  : mean σ² {mixed.mean_variance[-1]:.3g} "
            f"(theory {theory_mix[-1]:.3g}), "
            f"median {mixed.median_variance[-1]:.3g}, "
            f"5% quantile {mixed.quantiles[0.05][-1]:.2g}",
            "The refit loses its tails and variance; a little real data anchors it.",
            "(The synthetic-only mean sits below its theory line because E[σ²] is carried by",
            " rare trajectories that keep their variance; 4,000 chains seldom include them.",
            " The median falls faster, like ((N-1)/N)^g · e^(-g/(N-1)): E[log σ²] drifts down.)",
        ]
    )
    data = {
        label: {
            "real_fraction": r.chain.real_fraction,
            "final_mean_variance": float(r.mean_variance[-1]),
            "final_theory_mean_variance": float(r.theory_mean_variance[-1]),
            "final_median_variance": float(r.median_variance[-1]),
            "collapsed_fraction": float(r.collapsed_fraction[-1]),
        }
        for label, r in (("synthetic_only", synthetic), ("real_fraction_0.1", mixed))
        if r.theory_mean_variance is not None
    }
    summary = out_dir / "collapse.json"
    write_text(summary, json.dumps(data, indent=2) + "\n")
    return DemoResult(name=NAME, text=text, data=data, files=(path, summary))
