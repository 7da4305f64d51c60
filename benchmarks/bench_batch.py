"""Batch proving throughput: `lobkit prove --file` on 1,000 random formulas (seeded), one
worker against two, every answer certified. Prints a table; the one-worker run is the
baseline measured in the same run.

    python benchmarks/bench_batch.py [--count 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time

from lobkit import formula as F
from lobkit.batch import prove_many
from lobkit.formula import Formula


def random_formula(rng: random.Random, depth: int) -> Formula:
    atoms = [F.atom(a) for a in "pqr"] + [F.top, F.bot]
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(atoms)
    kind = rng.randrange(6)
    if kind == 0:
        return F.neg(random_formula(rng, depth - 1))
    if kind == 1:
        return F.box(random_formula(rng, depth - 1))
    make = (F.conj, F.disj, F.implies, F.implies)[kind - 2]
    return make(random_formula(rng, depth - 1), random_formula(rng, depth - 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    formulas = [random_formula(rng, 4) for _ in range(args.count)]
    print(f"{'workers':>8} {'formulas':>9} {'theorems':>9} {'seconds':>8} {'vs 1':>6}")
    baseline = None
    for jobs in (1, 2):
        start = time.perf_counter()
        results = list(prove_many(formulas, "GL", jobs=jobs))
        seconds = time.perf_counter() - start
        baseline = baseline or seconds
        theorems = sum(1 for r in results if r.valid)
        print(
            f"{jobs:>8} {len(results):>9} {theorems:>9} {seconds:>8.2f} {seconds / baseline:>6.2f}"
        )


if __name__ == "__main__":
    main()
