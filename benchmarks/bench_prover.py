"""Benchmark the prover: prints tables (`python benchmarks/bench_prover.py [--lwb] [--quick]`).

Every row times what users run — the whole process `lobkit prove FORMULA --logic L --format
json` (start-up, search, certificate built, checked and rendered as JSON) — beside the
in-process figures of `Prover.prove` (certificate built and checked, not rendered): its time,
the share of it spent inside the SAT solver's own calls ("SAT %"), and baselines measured in the
same run on the same instance: the z3 backend (`--solver z3`, the engine lobkit had before the
solver seam) and, without `--lwb`, a naive backtracking G3GL search (no learning, no caching).

Default: the prover's own families (`lobkit.zoo.own_families`). nested_lob has shared sub-formulas:
its printed text grows exponentially, so it cannot be typed on a command line and runs
in-process only.

`--lwb`: the LWB K families (`lobkit.zoo.lwb_families`, all K theorems, hence GL theorems) by
the LWB protocol, in GL and in K: n = 1, 2, … up to 21 while each instance is proved through the CLI
within --cap seconds (20 by default, whole process); the table shows the largest n solved, its
CLI time, and for that n the in-process time, SAT share and the z3 backend's time (capped too).
`--quick` stops at n = 8. `--solvers` compares every backend in-process on a fixed set (the
figures behind the default backend).

`--lwb-all`: all 54 LWB families (K, KT = T, S4) and the GL rows, beside CEGARBox
(`benchmarks/lwb_all.py`).

`--peers`: lobkit beside the peer provers a user could pick instead (`benchmarks/peers.py`:
CEGARBox for K, godellob-prover, Piponi's `provability` and refgl for GL; name their
executables with `--peer NAME=PATH` or `LOBKIT_PEER_NAME`, absent ones are skipped), all as
whole processes on the same instances in the same run: the largest n of each LWB family within
--cap seconds, the growing family lob_nest (valid, linear size), boxchain_invalid at n = 24 and
100 (lobkit answers with a checked countermodel), and the start-up time of `lobkit prove 'p -> p'`
beside a bare `python -c pass`. The CLI runs with byte-code caching on (the child process does
not inherit PYTHONDONTWRITEBYTECODE), as an installed package has it.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from lobkit.errors import LobkitError
from lobkit.formula import Formula
from lobkit.prover import Prover, prove
from lobkit.sat import DEFAULT_SOLVER, SOLVERS
from lobkit.zoo.lwb_families import LWB_K_FAMILIES
from lobkit.zoo.own_families import (
    boxchain_invalid,
    boxchain_valid,
    boxed_php,
    lob_nest,
    nested_lob,
)
from lobkit.zoo.verdicts import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from oracles import provable  # noqa: E402  (the tests' oracle is the baseline; tests/ is no package)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import PEERS, find_peers  # noqa: E402  (benchmarks/ is no package either)


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


def lobkit_command() -> list[str]:
    """The installed `lobkit` script next to this Python, else `python -m lobkit`."""
    script = os.path.join(os.path.dirname(sys.executable), "lobkit")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "lobkit"]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: byte code cached
    return env


def cli_time(
    formula: Formula,
    logic: str,
    cap: float,
    solver: str = DEFAULT_SOLVER,
    expect: bool | None = None,
) -> float | None:
    """Wall time of `lobkit prove … --format json` as a whole process, or None if it did not
    finish with a certificate within `cap` seconds. `expect`: the verdict it must give."""
    argv = lobkit_command() + ["prove", str(formula), "--logic", logic, "--format", "json"]
    argv += ["--solver", solver, "--timeout", f"{cap:g}"]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=cap + 1, env=_child_env()
        )
    except subprocess.TimeoutExpired:
        return None
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1) or seconds > cap:
        return None
    data = json.loads(done.stdout)
    assert (data["proof"] is not None) == data["valid"], "a verdict without its certificate"
    assert (data["countermodel"] is not None) != data["valid"], "a verdict without its model"
    assert expect is None or data["valid"] is expect, "lobkit's verdict is wrong"
    return seconds


def in_process(
    formula: Formula, logic: str, cap: float, solver: str = DEFAULT_SOLVER
) -> tuple[float, float, object] | None:
    """(seconds, SAT share, result) of a fresh `Prover`, or None past `cap` seconds."""
    prover = Prover(logic, solver=solver)
    start = time.perf_counter()
    try:
        result = prover.prove(formula, timeout=cap)
    except LobkitError:
        return None
    seconds = time.perf_counter() - start
    return seconds, prover.solver_seconds / seconds, result


def cell(seconds: float | None, cap: float) -> str:
    return f">{cap:g}" if seconds is None else f"{seconds:.3f}"


def ratio(base: float | None, ours: float | None, cap: float) -> str:
    if ours is None:
        return "-"
    if base is None:
        return f">{cap / ours:.1f}x"
    return f"{base / ours:.1f}x"


def run_lwb(args: argparse.Namespace) -> int:
    """The LWB protocol on the K families, in GL and K, through the CLI."""
    cap, top = args.cap, (8 if args.quick else 21)
    print(
        f"LWB K families through the CLI (`lobkit prove … --format json`, whole process, "
        f"certificate rendered), cap {cap:g} s per instance, n <= {top}, solver {args.solver}"
    )
    header = (
        f"{'logic':<6}{'family':<12}{'max n':>6}{'CLI s':>9}{'in-proc s':>11}{'SAT %':>7}"
        f"{'z3 s':>9}{'z3/ours':>9}  {'certificate':<22}"
    )
    print(header)
    print("-" * len(header))
    families = args.families.split(",") if args.families else list(LWB_K_FAMILIES)
    for logic in args.logics.split(","):
        for name in families:
            make = LWB_K_FAMILIES[name]
            best: tuple[int, float] | None = None
            for n in range(1, top + 1):
                seconds = cli_time(make(n), logic, cap, args.solver)
                if seconds is None:
                    break
                best = (n, seconds)
            if best is None:
                print(f"{logic:<6}{name:<12}{0:>6}{'-':>9}")
                continue
            n, seconds = best
            formula = make(n)
            ours = in_process(formula, logic, cap, args.solver)
            z3 = in_process(formula, logic, cap, "z3")
            ours_s = None if ours is None else ours[0]
            share = "-" if ours is None else f"{100 * ours[1]:.0f}"
            cert = "-"
            if ours is not None:
                proof = ours[2].proof  # type: ignore[attr-defined]
                cert = f"proof {proof.size} nodes"
            z3_s = None if z3 is None else z3[0]
            print(
                f"{logic:<6}{name:<12}{n:>6}{seconds:>9.3f}{cell(ours_s, cap):>11}{share:>7}"
                f"{cell(z3_s, cap):>9}{ratio(z3_s, ours_s, cap):>9}  {cert:<22}"
            )
            sys.stdout.flush()
    return 0


def run_solvers(args: argparse.Namespace) -> int:
    """Every backend in-process on a fixed set of instances (the default's justification)."""
    rows = [
        ("K", "k_branch_p", 6),
        ("GL", "k_branch_p", 8),
        ("K", "k_ph_p", 5),
        ("GL", "k_ph_p", 5),
        ("K", "k_poly_p", 12),
        ("GL", "k_path_p", 12),
    ]
    cap = args.cap
    print(f"in-process seconds per backend (cap {cap:g} s; certificate built and checked)")
    header = f"{'logic':<6}{'instance':<16}" + "".join(f"{s:>10}" for s in SOLVERS)
    print(header)
    print("-" * len(header))
    for logic, name, n in rows:
        cells = []
        for solver in SOLVERS:
            got = in_process(LWB_K_FAMILIES[name](n), logic, cap, solver)
            cells.append(cell(None if got is None else got[0], cap))
        print(f"{logic:<6}{f'{name}({n})':<16}" + "".join(f"{c:>10}" for c in cells))
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


LOB_NEST_SIZES = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150)
LOB_NEST_SIZES += (200, 250, 300, 400, 500, 700, 1000)


Runner = Callable[[Formula, bool], float | None]


def _runners(args: argparse.Namespace, logic: str) -> dict[str, Runner]:
    """name -> run(formula, expected verdict) giving seconds or None (over the cap, or wrong:
    a wrong verdict is reported and counts as unsolved), for lobkit and each peer of `logic`."""
    cap = args.cap
    runners: dict[str, Runner] = {
        f"lobkit {logic}": lambda f, want: cli_time(f, logic, cap, args.solver, expect=want)
    }
    for name, path in args.peer_paths.items():
        peer = PEERS[name]
        if logic not in peer.logics:
            continue

        def run(f: Formula, want: bool, peer: object = peer, path: str = path) -> float | None:
            try:
                seconds, verdict = peer.time(path, f, logic, cap)  # type: ignore[attr-defined]
            except (TimeoutError, ValueError):
                return None
            if verdict is not want:
                print(f"  ({peer.name} says {verdict} on an instance whose verdict is {want})")  # type: ignore[attr-defined]
                return None
            return seconds

        runners[f"{name} {logic}"] = run
    return runners


def _largest(
    run: Runner, make: Callable[[int], Formula], sizes: Iterable[int], want: bool
) -> dict[int, float]:
    """The times of n = sizes… in order, stopping at the first instance not solved."""
    times: dict[int, float] = {}
    for n in sizes:
        seconds = run(make(n), want)
        if seconds is None:
            break
        times[n] = seconds
    return times


def _best(times: dict[int, float]) -> str:
    if not times:
        return "0"
    n = max(times)
    return f"{n} ({times[n]:.2f}s)"


def run_peers(args: argparse.Namespace) -> int:
    """lobkit beside the peers, whole processes, same instances, same run."""
    cap = args.cap
    top = 8 if args.quick else 21
    print("lobkit (CLI, --format json, certificate checked and rendered) vs peer provers;")
    print(f"whole processes, cap {cap:g} s per instance; largest n solved (time at that n)")
    print(f"peers found: {', '.join(args.peer_paths) or 'none'}")
    startup(args)
    gl, k = _runners(args, "GL"), _runners(args, "K")
    columns = list(gl) + list(k)
    header = f"{'family':<12}" + "".join(f"{c:>18}" for c in columns) + f"{'GL ratio':>22}"
    print(header)
    print("-" * len(header))
    families = args.families.split(",") if args.families else list(LWB_K_FAMILIES)
    rows: list[tuple[str, Callable[[int], Formula], Iterable[int], bool, bool]] = [
        (name, LWB_K_FAMILIES[name], range(1, top + 1), True, True) for name in families
    ]
    rows.append(("lob_nest", lob_nest, LOB_NEST_SIZES, True, False))
    for name, make, sizes, want, in_k in rows:
        results = {c: _largest(run, make, sizes, want) for c, run in gl.items()}
        for c, run in k.items():
            results[c] = _largest(run, make, sizes, want) if in_k else {}
        cells = "".join(f"{_best(results[c]) if (in_k or c in gl) else '-':>18}" for c in columns)
        print(f"{name:<12}{cells}{_gl_ratio(results, list(gl)):>22}")
        sys.stdout.flush()
    print()
    print("boxchain_invalid (not GL theorems; lobkit's answer is a checked countermodel), seconds:")
    for n in (24, 100):
        cells = []
        for c, run in gl.items():
            seconds = run(boxchain_invalid(n), False)
            cells.append(f"{c} {cell(seconds, cap)}")
        print(f"  n = {n:<4}" + "   ".join(cells))
    print()
    print("GL ratio: the fastest GL peer's time / lobkit GL's time at the largest n both solved")
    print("(above 1: lobkit faster).")
    return 0


def _gl_ratio(results: dict[str, dict[int, float]], gl: list[str]) -> str:
    ours = results[gl[0]]
    best: tuple[int, float, str] | None = None
    for c in gl[1:]:
        common = set(results[c]) & set(ours)
        if common:
            n = max(common)
            if best is None or n > best[0] or (n == best[0] and results[c][n] < best[1]):
                best = (n, results[c][n], c.split()[0])
    if best is None:
        return "-"
    n, peer, name = best
    return f"{peer / ours[n]:.2f}x {name} n={n}"


def startup(args: argparse.Namespace) -> None:
    """`lobkit prove 'p -> p' --format json` beside `python -c pass`: median of 5 runs each."""

    def median(argv: list[str]) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, env=_child_env(), check=True)
            times.append(time.perf_counter() - start)
        return sorted(times)[2]

    lobkit = lobkit_command() + ["prove", "p -> p", "--format", "json"]
    ours, bare = median(lobkit), median([sys.executable, "-c", "pass"])
    print(f"start-up: lobkit prove 'p -> p' {ours:.3f} s; bare python {bare:.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--lwb", action="store_true", help="the LWB K families, in GL and K")
    parser.add_argument("--solvers", action="store_true", help="every backend, in-process")
    parser.add_argument(
        "--lwb-all", action="store_true", help="all 54 LWB families (K, KT, S4) + GL rows"
    )
    parser.add_argument(
        "--lwb-generator",
        metavar="DIR",
        help="take --lwb-all's instances from the public LWB generators in DIR (CEGARBoxCPP's "
        "LWB-benchmark-generator directory) instead of lobkit's own, for comparison",
    )
    parser.add_argument(
        "--json-out", metavar="FILE", help="--lwb-all: append each row to FILE as a JSON line"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="--table-from: the table in Markdown"
    )
    parser.add_argument(
        "--side",
        choices=("both", "lobkit", "cegarbox"),
        default="both",
        help="--lwb-all: measure lobkit, CEGARBox or both",
    )
    parser.add_argument(
        "--table-from",
        nargs="+",
        metavar="FILE",
        help="--lwb-all: print the merged table of --json-out files, without running",
    )
    parser.add_argument("--top", type=int, default=21, metavar="N", help="largest n (LWB: 21)")
    parser.add_argument("--cap", type=float, default=20.0, metavar="SECONDS")
    parser.add_argument("--baseline-limit", type=float, default=10.0, metavar="SECONDS")
    parser.add_argument("--logics", default="GL,K")
    parser.add_argument(
        "--families",
        default="",
        help="comma-separated LWB families (--lwb-all: also gl:FAMILY and whole logics K,T,S4,GL)",
    )
    parser.add_argument("--solver", default=DEFAULT_SOLVER, choices=SOLVERS)
    parser.add_argument("--peers", action="store_true", help="lobkit beside the peer provers")
    parser.add_argument(
        "--peer", action="append", default=[], metavar="NAME=PATH", help="a peer's executable"
    )
    args = parser.parse_args()
    args.peer_paths = find_peers(args.peer) if args.peers or args.lwb_all else {}
    sys.setrecursionlimit(100_000)  # the baseline recurses once per rule application
    if args.lwb_all:
        from lwb_all import run_lwb_all

        return run_lwb_all(args)
    check_against_zoo()
    if args.lwb:
        return run_lwb(args)
    if args.solvers:
        return run_solvers(args)
    if args.peers:
        return run_peers(args)
    return run_families(args)


def run_families(args: argparse.Namespace) -> int:
    """lobkit's own families in GL: CLI and in-process times, SAT share, z3 and naive ratios."""
    cap = args.cap
    sizes = [10, 24, 50, 100] if not args.quick else [10, 24]
    rows: list[tuple[str, int, Callable[[int], Formula], bool, bool]] = []
    for n in sizes:
        rows.append(("boxchain_valid", n, boxchain_valid, True, True))
    for n in sizes:
        rows.append(("boxchain_invalid", n, boxchain_invalid, False, True))
    for n in [45, 100, 300, 1000] if not args.quick else [45, 300]:
        rows.append(("nested_lob", n, nested_lob, True, False))
    for n in [3, 5, 7] if not args.quick else [3, 5]:
        rows.append(("boxed_php", n, boxed_php, True, True))
    print(f"GL, cap {cap:g} s, naive baseline cap {args.baseline_limit:g} s, solver {args.solver}")
    header = (
        f"{'family':<18}{'n':>5}  {'verdict':<8}{'certificate':<18}{'CLI s':>8}{'in-proc s':>10}"
        f"{'SAT %':>6}{'z3 s':>8}{'z3/ours':>8}{'naive s':>9}{'naive/ours':>11}"
    )
    print(header)
    print("-" * len(header))
    for name, n, make, expected, on_cli in rows:
        formula = make(n)
        cli = cli_time(formula, "GL", cap, args.solver) if on_cli else None
        ours = in_process(formula, "GL", cap, args.solver)
        assert ours is not None, (name, n, "over the cap")
        seconds, share, result = ours
        assert result.valid is expected, (name, n)  # type: ignore[attr-defined]
        if result.proof is not None:  # type: ignore[attr-defined]
            cert = f"proof {result.proof.size} nodes"  # type: ignore[attr-defined]
        else:
            cert = f"model {len(result.countermodel.worlds)} worlds"  # type: ignore[attr-defined]
        z3 = in_process(formula, "GL", cap, "z3")
        z3_s = None if z3 is None else z3[0]
        limit = args.baseline_limit
        base_s, base_ratio = baseline_cells(formula, expected, seconds, limit, (name, n))
        verdict = "valid" if expected else "invalid"
        cli_s = cell(cli, cap) if on_cli else "(text)"
        print(
            f"{name:<18}{n:>5}  {verdict:<8}{cert:<18}{cli_s:>8}{seconds:>10.4f}"
            f"{100 * share:>6.0f}{cell(z3_s, cap):>8}{ratio(z3_s, seconds, cap):>8}"
            f"{base_s:>9}{base_ratio:>11}"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
