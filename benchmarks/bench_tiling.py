"""The tiling checker on towers of theories (issue 11's targets): prints a scaling table.

A tower of height n is written out as ordinary theories and agents (no family syntax):
`T0`, `T{k} extends T{k-1} { reflect T{k-1} }`, one agent `A{k}` per theory with the goal
`safe` and the actions `build, halt`. For each n the table gives the time of `chain A{n} -> …
-> A0` and of `depth A{n}` (each on a fresh spec, in process, after start-up), and each one's
ratio to the previous n, and depth's ratio to the first height's (the baseline measured in the
same run; quadratic growth from n0 to n is (n/n0)²). Then the 15-query spec with a five-level
tower, timed in process as `lobkit check` runs it (first run, then best of 3).

    python benchmarks/bench_tiling.py [--heights 2,3,4,5,6,8,10,12,15,20] [--cap 60]

Targets (issue 11): the 15-query spec under 1 s; `depth` at n = 20 under 5 s.
"""

from __future__ import annotations

import argparse
import time

from lobkit.tiling import loads
from lobkit.tiling.spec import Spec


def tower(n: int) -> str:
    """Theories T0..Tn (each extending and reflecting the one below) and agents A0..An."""
    lines = ["theory T0"]
    lines += [f"theory T{k} extends T{k - 1} {{ reflect T{k - 1} }}" for k in range(1, n + 1)]
    lines += [f"agent A{k} {{ theory T{k}; goal safe; actions build, halt }}" for k in range(n + 1)]
    return "\n".join(lines) + "\n"


def fifteen_queries() -> str:
    """Fifteen statements of every kind about a five-level tower."""
    queries = [
        "prove T1 : [T0](build -> safe) -> (build -> safe)   expect proved",
        "prove T0 : [T0](build -> safe) -> (build -> safe)   expect unprovable",
        "prove T5 : [T0](build -> safe) -> (build -> safe)   expect proved",
        "prove T5 : [T4]false -> false                       expect proved",
        "prove T2 : [T2]false -> false                       expect unprovable",
        "chain A5 -> A4 -> A3 -> A2 -> A1 -> A0              expect licensed",
        "chain A5 -> A0                                      expect licensed",
        "chain A3 -> A3                                      expect blocked-lob",
        "chain A1 -> A2                                      expect blocked",
        "chain A0 -> A0                                      expect blocked",
        "consistent T5                                       expect consistent",
        "consistent T0                                       expect consistent",
        "depth A5                                            expect 5",
        "depth A2                                            expect 2",
        "depth A0                                            expect 0",
    ]
    return tower(5) + "\n".join(queries) + "\n"


def timed(spec: Spec, run: str) -> float:
    start = time.perf_counter()
    checker = spec.checker
    n = len(spec.agents) - 1
    if run == "chain":
        result = checker.chain(tuple(f"A{k}" for k in range(n, -1, -1)))
        assert result.verdict == "licensed", result.explanation
    elif run == "depth":
        depth = checker.depth(f"A{n}").depth
        assert depth == n, depth
    else:
        report = checker.check()
        assert report.ok, [(r.query, r.verdict) for r in report.failures]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heights", default="2,3,4,5,6,8,10,12,15,20")
    parser.add_argument("--cap", type=float, default=60.0, help="stop a column past this time")
    args = parser.parse_args()
    heights = [int(h) for h in args.heights.split(",")]
    timed(loads(tower(1)), "chain")  # warm-up: imports, the solver's first start
    print(f"{'n':>3} {'chain s':>9} {'ratio':>6} {'depth s':>9} {'ratio':>6} {'vs n0':>7}")
    last: dict[str, float | None] = {"chain": None, "depth": None}
    first_depth: float | None = None
    for n in heights:
        cells = []
        for run in ("chain", "depth"):
            prev = last[run]
            if prev is not None and prev > args.cap:
                cells.append(f"{'-':>9} {'-':>6}")
                continue
            seconds = timed(loads(tower(n)), run)
            ratio = "" if prev is None else f"{seconds / prev:.2f}"
            last[run] = seconds
            cells.append(f"{seconds:>9.3f} {ratio:>6}")
            if run == "depth":
                first_depth = first_depth or seconds
                cells.append(f"{seconds / first_depth:>7.1f}")
        print(f"{n:>3} " + " ".join(cells))
    text = fifteen_queries()
    first = timed(loads(text), "check")
    again = min(timed(loads(text), "check") for _ in range(3))
    print(f"15-query spec, five-level tower: {first:.3f} s first run, {again:.3f} s best of 3")


if __name__ == "__main__":
    main()
