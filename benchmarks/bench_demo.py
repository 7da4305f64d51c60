"""Benchmark: `lobkit demo` against issue 24's target (under 10 s in all), with the previous
procrastination parameters (a tower of height 4, 50 steps) measured in the same run.

Each demo runs in this process, into a temporary folder; the table gives CPU seconds
(`time.process_time`, what a quiet machine's wall time approaches) and wall seconds (which a
loaded machine stretches). The whole command's start-up (imports) is timed separately as
`lobkit --version`.

    .venv/bin/python benchmarks/bench_demo.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lobkit.demos import available, procrastination


def timed(run: object) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    run()  # type: ignore[operator]
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    rows: list[tuple[str, float, float]] = []
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lobkit", "--version"], check=True, capture_output=True)
    rows.append(("start-up (lobkit --version, wall)", 0.0, time.perf_counter() - start))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name, module in available().items():
            rows.append((f"demo {name}", *timed(lambda m=module: m.run(out, seed=0))))
        total_cpu = sum(r[1] for r in rows)
        total_wall = sum(r[2] for r in rows)
        baseline = timed(lambda: procrastination.run(out, horizon=50, tower_height=4))
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'':<{width}}{'CPU s':>8}{'wall s':>9}")
    for label, cpu, wall in rows:
        print(f"{label:<{width}}{cpu:>8.2f}{wall:>9.2f}")
    print(f"{'all (target: under 10 s)':<{width}}{total_cpu:>8.2f}{total_wall:>9.2f}")
    print(f"{'baseline: procrastination 4 / 50':<{width}}{baseline[0]:>8.2f}{baseline[1]:>9.2f}")


if __name__ == "__main__":
    main()
