"""Benchmark the prover (`python benchmarks/bench_prover.py`): prints a table.

For each family and size: the time of `lobkit.prove` (certificate built and checked), and the
time of a naive baseline run in the same process: a plain backtracking G3GL sequent search
(no clause learning, no caching), with the ratio. Baselines are cut off at --baseline-limit
seconds (shown as ">limit"). `--quick` runs fewer sizes.

`--lwb` runs the LWB K families (`lobkit.zoo.lwb`, all K theorems) by the LWB protocol:
n = 1, 2, … up to 21 while each instance is proved in K (certificate built and checked) within
--lwb-timeout seconds (100 by default, as in the protocol); it reports the largest n solved, its
time, and the baseline on that same instance. With `--quick` the per-instance timeout is 10 s and
each family stops once --family-budget seconds (60 by default) have been spent.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lobkit.errors import LobkitError, ResourceLimit
from lobkit.formula import Formula
from lobkit.prover import prove
from lobkit.zoo.families import boxchain_invalid, boxchain_valid, boxed_php, nested_lob
from lobkit.zoo.lwb import LWB_K_FAMILIES
from lobkit.zoo.verdicts import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from oracles import provable  # noqa: E402  (the tests' oracle is the baseline; tests/ is no package)


class _Timeout(Exception):
    pass


def naive_gl(formula: Formula) -> bool:
    """The baseline: backtracking G3GL without learning or memoisation (tests/oracles.py)."""
    return provable(formula, "GL", memo=False)


def check_against_zoo() -> None:
    """Before timing anything: lobkit and the baseline agree with every verdict of the zoo."""
    for example in EXAMPLES:
        assert prove(example.formula).valid is example.gl, (example.name, "lobkit")
        assert naive_gl(example.formula) is example.gl, (example.name, "baseline")


def timed(fn: Callable[[], object], limit: float) -> tuple[float | None, object]:
    def handler(signum: int, frame: object) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        value = fn()
        return time.perf_counter() - start, value
    except (_Timeout, RecursionError):
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_lwb(args: argparse.Namespace) -> int:
    """The LWB protocol on the K families: largest n ≤ 21 proved within the timeout."""
    timeout = args.lwb_timeout if args.lwb_timeout is not None else (10.0 if args.quick else 100.0)
    budget = args.family_budget if args.quick else float("inf")
    header = (
        f"{'family':<12}{'max n':>6}  {'certificate':<20}{'lobkit s':>10}"
        f"{'naive s':>10}{'naive/ours':>11}  stopped by"
    )
    print(
        f"LWB K families (K, timeout {timeout:g} s per instance, baseline cap "
        f"{args.baseline_limit:g} s, n <= 21)"
    )
    print(header)
    print("-" * len(header))
    for name, make in LWB_K_FAMILIES.items():
        best: tuple[int, float, str] | None = None
        spent, reason = 0.0, "n = 21 reached"
        for n in range(1, 22):
            if spent >= budget:
                reason = f"family budget {budget:g} s"
                break
            formula = make(n)
            t0 = time.perf_counter()
            try:
                result = prove(formula, "K", timeout=timeout)
            except ResourceLimit as limit:
                spent += time.perf_counter() - t0
                reason = f"n = {n}: {limit}"[:48]
                break
            except LobkitError as error:  # a prover bug: report it, keep benchmarking
                spent += time.perf_counter() - t0
                reason = f"n = {n}: {error}"[:60]
                break
            ours = time.perf_counter() - t0
            spent += ours
            assert result.valid and result.proof is not None, (name, n)
            if ours > timeout:
                reason = f"n = {n}: over {timeout:g} s"
                break
            best = (n, ours, f"proof {result.proof.size} nodes")
        if best is None:
            print(f"{name:<12}{0:>6}  {'-':<20}{'-':>10}{'-':>10}{'-':>11}  {reason}")
            continue
        n, ours, cert = best
        formula = make(n)
        base_s, ratio = baseline_cells(formula, True, ours, args.baseline_limit, (name, n))
        print(f"{name:<12}{n:>6}  {cert:<20}{ours:>10.4f}{base_s:>10}{ratio:>11}  {reason}")
        sys.stdout.flush()
    return 0


def baseline_cells(
    formula: Formula, expected: bool, ours: float, limit: float, row: tuple[str, int]
) -> tuple[str, str]:
    """Run the naive baseline on the same formula: its time and the ratio, as table cells
    (">limit" and "-" when it runs out of time). Its verdict must agree with lobkit's."""
    base, value = timed(lambda: naive_gl(formula), limit)
    if base is None:
        return f">{limit:g}", "-"
    assert value is expected, (*row, "baseline disagrees")
    return f"{base:.4f}", f"{base / ours:.1f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--baseline-limit", type=float, default=10.0)
    parser.add_argument("--lwb", action="store_true", help="run the LWB K families instead")
    parser.add_argument("--lwb-timeout", type=float, default=None, metavar="SECONDS")
    parser.add_argument("--family-budget", type=float, default=60.0, metavar="SECONDS")
    args = parser.parse_args()
    sys.setrecursionlimit(100_000)  # the baseline recurses once per rule application
    check_against_zoo()
    if args.lwb:
        return run_lwb(args)
    sizes = [5, 10, 20, 40, 60, 100] if not args.quick else [5, 20, 40]
    rows: list[tuple[str, int, Callable[[int], Formula], bool]] = []
    for n in sizes:
        rows.append(("boxchain_valid", n, boxchain_valid, True))
    for n in sizes:
        rows.append(("boxchain_invalid", n, boxchain_invalid, False))
    for n in [1, 2, 4, 8, 16, 32] if not args.quick else [1, 4, 8]:
        rows.append(("nested_lob", n, nested_lob, True))
    for n in [2, 3, 4, 5, 6, 7] if not args.quick else [2, 4]:
        rows.append(("boxed_php", n, boxed_php, True))
    header = (
        f"{'family':<18}{'n':>4}  {'verdict':<8}{'certificate':<18}"
        f"{'lobkit s':>10}{'naive s':>10}{'naive/ours':>11}"
    )
    print(header)
    print("-" * len(header))
    for name, n, make, expected in rows:
        formula = make(n)
        t0 = time.perf_counter()
        result = prove(formula)
        ours = time.perf_counter() - t0
        assert result.valid is expected, (name, n)
        if result.proof is not None:
            cert = f"proof {result.proof.size} nodes"
        else:
            assert result.countermodel is not None
            cert = f"model {len(result.countermodel.worlds)} worlds"
        base_s, ratio = baseline_cells(formula, expected, ours, args.baseline_limit, (name, n))
        verdict = "valid" if result.valid else "invalid"
        print(f"{name:<18}{n:>4}  {verdict:<8}{cert:<18}{ours:>10.4f}{base_s:>10}{ratio:>11}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
