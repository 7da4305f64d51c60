"""`lobkit eval` on big models (`python benchmarks/bench_eval.py`): prints a table.

A seeded random model (worlds, out-degree 3 per world, atoms p q r at random) and a seeded
random formula with the given number of distinct sub-formulas. Columns, all measured in the
same run: reading the model from its text form; the baseline, the kernel's `truth_set` alone
(one bottom-up pass, what any evaluation must cost); `evaluate_model` (that pass plus a
reason at every world and all eight frame conditions, what `lobkit eval` prints); its JSON
document; and the ratio of `evaluate_model` to the baseline. The issue's target: 100
sub-formulas on 1,000 worlds well under a second.
"""

from __future__ import annotations

import argparse
import random
import time
from functools import partial

from lobkit.formula import Formula, atom, box, conj, diamond, disj, implies, neg, postorder
from lobkit.kernel.kripke import truth_set
from lobkit.models import read_model
from lobkit.models.evaluation import evaluate_model


def random_model_text(rng: random.Random, worlds: int, degree: int = 3) -> str:
    """`worlds` worlds, each with `degree` random successors and a random valuation."""
    lines = []
    for i in range(worlds):
        targets = sorted({rng.randrange(worlds) for _ in range(degree)})
        lines.append(f"w{i} -> " + ", ".join(f"w{j}" for j in targets))
        atoms = [a for a in "pqr" if rng.random() < 0.5]
        if atoms:
            lines.append(f"w{i}: {' '.join(atoms)}")
    return "\n".join(lines)


def random_tree(rng: random.Random, leaves: int) -> Formula:
    """A random formula tree over p, q, r with about `leaves` leaves (as a person types it:
    no shared sub-terms, so its printed length is proportional to its size)."""
    if leaves <= 1:
        return rng.choice([atom("p"), atom("q"), atom("r")])
    kind = rng.randrange(6)
    if kind < 3:
        return [box, diamond, neg][kind](random_tree(rng, leaves - 1))
    left = rng.randint(1, leaves - 1)
    op = [conj, disj, implies][kind - 3]
    return op(random_tree(rng, left), random_tree(rng, leaves - left))


def random_formula(rng: random.Random, subformulas: int) -> Formula:
    """A random tree with at least `subformulas` distinct sub-formulas."""
    leaves = max(2, subformulas // 3)
    while True:
        f = random_tree(rng, leaves)
        if len(set(postorder(f))) >= subformulas:
            return f
        leaves += 1


def timed(fn, repeat: int):  # type: ignore[no-untyped-def]
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    print(
        f"{'worlds':>6} {'subf':>5} {'pairs':>6} {'read s':>7} {'truth_set s':>11} "
        f"{'eval s':>7} {'json s':>7} {'eval/truth':>10}"
    )
    for worlds, subformulas in ((100, 100), (1000, 100), (1000, 300), (5000, 100)):
        rng = random.Random(args.seed * 7919 + worlds + subformulas)
        text = random_model_text(rng, worlds)
        formula = random_formula(rng, subformulas)
        t_read, model = timed(partial(read_model, text), args.repeat)
        t_truth, _ = timed(partial(truth_set, model.kripke(), formula), args.repeat)
        t_eval, report = timed(partial(evaluate_model, model, formula), args.repeat)
        t_json, _ = timed(report.to_json, args.repeat)
        pairs = sum(len(p) for p in model.relations.values())
        distinct = len(set(postorder(formula)))
        print(
            f"{worlds:>6} {distinct:>5} {pairs:>6} {t_read:>7.3f} {t_truth:>11.3f} "
            f"{t_eval:>7.3f} {t_json:>7.3f} {t_eval / t_truth:>10.1f}"
        )


if __name__ == "__main__":
    main()
