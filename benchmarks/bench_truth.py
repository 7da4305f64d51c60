"""The cost of Solovay's reduction (`python benchmarks/bench_truth.py`): prints a table.

For random formulas of growing size (seeded, so every run sees the same ones), in the same run:
`prove(f, "GL")` (the baseline), `prove(f, "S")` (the reduction: GL on ⋀{□ψ → ψ} → f, with its
certificate built and checked) and, for reference, how many instances the reduction added.
Columns: leaves, formulas, seconds for GL, seconds for S, the ratio S/GL, mean instances, and
how many of the formulas are theorems of each logic (S contains GL: the last column checks it).
"""

from __future__ import annotations

import argparse
import random
import time

from lobkit.formula import Formula, atom, box, conj, diamond, disj, implies, neg
from lobkit.prover import TruthResult, prove


def random_formula(rng: random.Random, leaves: int) -> Formula:
    """A random formula over p, q, r with about `leaves` leaves."""
    if leaves <= 1:
        return rng.choice([atom("p"), atom("q"), atom("r")])
    kind = rng.randrange(6)
    if kind == 0:
        return box(random_formula(rng, leaves - 1))
    if kind == 1:
        return diamond(random_formula(rng, leaves - 1))
    if kind == 2:
        return neg(random_formula(rng, leaves - 1))
    left = rng.randint(1, leaves - 1)
    op = [conj, disj, implies][kind - 3]
    return op(random_formula(rng, left), random_formula(rng, leaves - left))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="formulas per size")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{'leaves':>6} {'n':>4} {'GL s':>8} {'S s':>8} {'S/GL':>6} {'inst':>5}  GL⊢  S⊢  GL⊆S")
    for leaves in (4, 8, 12, 16):
        rng = random.Random(args.seed * 1000 + leaves)
        formulas = [random_formula(rng, leaves) for _ in range(args.count)]
        start = time.perf_counter()
        gl = [prove(f).valid for f in formulas]
        t_gl = time.perf_counter() - start
        start = time.perf_counter()
        s = [prove(f, "S") for f in formulas]
        t_s = time.perf_counter() - start
        inst = sum(len(r.instances) for r in s if isinstance(r, TruthResult)) / len(s)
        contained = all(r.valid or not g for g, r in zip(gl, s, strict=True))
        print(
            f"{leaves:>6} {len(formulas):>4} {t_gl:>8.3f} {t_s:>8.3f} {t_s / t_gl:>6.2f} "
            f"{inst:>5.1f} {sum(gl):>4} {sum(r.valid for r in s):>4}  {contained}"
        )


if __name__ == "__main__":
    main()
