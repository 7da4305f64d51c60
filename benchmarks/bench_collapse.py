"""Benchmark: vectorised sufficient-statistics chains against the seed's naive loop.

The naive baseline draws N points each generation, one trajectory at a time, as the seed
picture does; it is measured in the same run on fewer trajectories and extrapolated linearly
(its cost is exactly linear in trajectories), which the table says.

    .venv/bin/python benchmarks/bench_collapse.py          # 10⁶ trajectories × 1000 generations
    .venv/bin/python benchmarks/bench_collapse.py --quick  # a few seconds
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from lobkit.collapse import GaussianChain, simulate


def naive(chain: GaussianChain, trajectories: int, seed: int = 0) -> float:
    """Seconds for the seed's loop: per trajectory, per generation, draw N points and refit."""
    rng = np.random.default_rng(seed)
    m, n = chain.real_count, chain.synthetic_count
    start = time.perf_counter()
    for _ in range(trajectories):
        mu, var = chain.mean0, chain.variance0
        data = np.empty(0)
        for _ in range(chain.generations):
            batch = np.concatenate(
                [rng.normal(mu, np.sqrt(var), n), rng.normal(chain.mean0, 1.0, m)]
            )
            data = np.concatenate([data, batch]) if chain.accumulate else batch
            mu, var = data.mean(), data.var(ddof=chain.ddof)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args()
    t, g = (10**5, 100) if args.quick else (10**6, 1000)
    naive_t = 20 if args.quick else 100
    small = t // 10  # the mixtures draw four numbers per fit instead of one
    configs = [
        ("mle, N=100, synthetic only", GaussianChain(samples=100, generations=g, trajectories=t)),
        (
            "mle, N=100, 10% real data",
            GaussianChain(samples=100, generations=g, trajectories=small, real_fraction=0.1),
        ),
        (
            "mle, N=100, 10% real, accumulate",
            GaussianChain(
                samples=100, generations=g, trajectories=small, real_fraction=0.1, accumulate=True
            ),
        ),
    ]
    print(
        f"cores: {os.cpu_count()}; naive loop timed on {naive_t} trajectories, "
        "extrapolated linearly to T"
    )
    print(f"{'configuration':<36} {'T':>9} {'G':>5} {'seconds':>9} {'baseline s':>11} {'ratio':>8}")
    for label, chain in configs:
        start = time.perf_counter()
        simulate(chain, seed=0)
        seconds = time.perf_counter() - start
        baseline = naive(chain, naive_t) * chain.trajectories / naive_t
        print(
            f"{label:<36} {chain.trajectories:>9,} {chain.generations:>5} {seconds:>9.2f} "
            f"{baseline:>10.0f}* {baseline / seconds:>7.0f}×"
        )
    print("* extrapolated from the naive loop measured in this run")


if __name__ == "__main__":
    main()
