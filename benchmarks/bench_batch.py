"""Batch throughput: formulas per second deciding with `prove_many` in this process, on 2
worker processes, and on a Dask `LocalCluster` of 2 worker processes, for cheap formulas
(random, seeded, about a millisecond each) and hard ones (pigeonhole and nested Löb). The
one-process run is the baseline measured in the same run; for cheap formulas a row with one
formula per chunk shows what chunking buys (a chunk pays for its trip to a worker, and its
formulas share one prover). Every answer is certified in all rows. "CPU s" adds up this
process and its workers: on a machine busy with other work the wall-clock speed-up needs idle
cores, but the CPU column still shows what the workers cost.

    python benchmarks/bench_batch.py [--cheap 2000] [--hard 24] [--seed 7] [--no-dask]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path
from typing import Any

from lobkit import formula as F
from lobkit.batch import chunk_size, prove_many
from lobkit.formula import Formula
from lobkit.zoo.own_families import boxed_php, lob_nest


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


def _cpu() -> float:
    """CPU seconds of this process and of its reaped children (the batch's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(formulas: list[Formula], **options: Any) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process and its workers) of one batch."""
    cpu, start = _cpu(), time.perf_counter()
    answers = list(prove_many(formulas, "GL", **options))
    assert all(a.valid is not None for a in answers)
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cheap", type=int, default=2000, help="cheap formulas (2000)")
    parser.add_argument("--hard", type=int, default=24, help="hard formulas (24)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-dask", action="store_true", help="leave the Dask rows out")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    workloads = {
        "cheap": [random_formula(rng, 4) for _ in range(args.cheap)],
        "hard": [boxed_php(6) if i % 2 else lob_nest(30) for i in range(args.hard)],
    }
    client = cluster = None
    if not args.no_dask:
        from distributed import Client, LocalCluster

        start = time.perf_counter()
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
        print(f"(Dask LocalCluster of 2 workers started in {time.perf_counter() - start:.1f} s)")
    print(f"(load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled")
    if autogroup.exists() and autogroup.read_text().strip() == "1":
        print(
            "(the kernel shares CPU time between sessions (sched_autogroup): while other "
            "sessions keep the CPUs busy, a second worker of this session gets no more CPU)"
        )
    header = (
        f"{'formulas':>8} {'runner':<34} {'count':>6} {'seconds':>8} {'per s':>8} {'vs 1':>6} "
        f"{'CPU s':>6}"
    )
    print(header)
    try:
        for name, formulas in workloads.items():
            runs: list[tuple[str, dict[str, Any]]] = [
                ("1 process (baseline)", {}),
                ("2 worker processes", {"jobs": 2}),
            ]
            if name == "cheap":
                runs.append(("2 worker processes, 1 per chunk", {"jobs": 2, "chunk": 1}))
            if client is not None:
                runs.append(("Dask LocalCluster, 2 workers", {"executor": client}))
            baseline = None
            for label, options in runs:
                seconds, cpu = timed(formulas, **options)
                baseline = baseline or seconds
                rate = len(formulas) / seconds
                shown = "n/a" if "executor" in options else f"{cpu:.2f}"  # Dask's: not ours
                print(
                    f"{name:>8} {label:<34} {len(formulas):>6} {seconds:>8.2f} {rate:>8.0f} "
                    f"{baseline / seconds:>5.2f}x {shown:>6}"
                )
            size = chunk_size(len(formulas))
            print(f"{'':>8} (chunks of {size} formula{'s' if size != 1 else ''} by default)")
        print(f"(load average after: {os.getloadavg()[0]:.1f}; other work on the machine shows)")
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
