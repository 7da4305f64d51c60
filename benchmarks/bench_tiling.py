"""The tiling checker on towers of theories (issue 11's targets): prints a scaling table and
checks the growth against quadratic.

A tower of height n is written out as ordinary theories and agents (no family syntax):
`T0`, `T{k} extends T{k-1} { reflect T{k-1} }`, one agent `A{k}` per theory with the goal
`safe` and the actions `build, halt`. For each n the table gives, each on a fresh spec, in
process, after start-up:

* `chain`: `chain A{n} -> … -> A0` through the API (`Checker.chain`);
* `depth`: `depth A{n}` through the API (`Checker.depth`) on a file without statements;
* `check`: the file with the statement `depth A{n} expect n`, checked as `lobkit check` does
  (`Checker.check`): its closure holds every link's goals, so this is the CLI's cost.

Times are CPU seconds of this process (`time.process_time`: steadier than wall time on a
shared machine; the wall time of `check` is printed beside it). Each ratio is to the previous
height, next to the quadratic bound (n/n_prev)²; then the growth check prints, for `depth` and
`check`, every step's ratio and local exponent (log ratio / log(n/n_prev); 2 is quadratic) and
every doubling's ratio against the quadratic 4×. Then the 15-query spec with a five-level
tower, timed in process as `lobkit check` runs it (first run, then best of 3).

    python benchmarks/bench_tiling.py [--heights 2,3,4,5,6,8,10,12,15,20] [--cap 60] [--files]
        [--against DIR [--against-cap 120]]

`--files` prints only the rows for whole files (issue 25): a reflection-free family of 12
agents (PA's one box after the deduction theorem; its one statement is `depth`), three
reflection families of four agents (three `depth`s), the 15-query spec and the crowded tower
(15 queries, 13 agents, a self-reflecting theory), the same beside a guarded family of 8
agents that interacts with the tower (`depth B4` = 10), each checked as `lobkit check` does;
then `lobkit check`'s start-up against the crowded tower (alone and beside the family) as
whole processes.

`--against DIR` measures the same file rows, in the same run, with the lobkit in DIR (a
worktree of the previous release: `git worktree add /tmp/old <commit>`), one child process
per row (killed past `--against-cap` seconds), and prints them beside this version's with the
speed-up; the start-up line too.

Targets: issue 11 — the 15-query spec under 1 s; `depth` at n = 20 under 5 s, with time
growing at most quadratically in the height. Issue 25 — `depth` over a 12-agent file of
families under 2 s; the crowded tower within 6x start-up, whatever else the file declares (the
family beside it).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
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


def guarded_family(n: int) -> str:
    """A reflection-free family of n agents (one box: PA's): K[k] trusts K[k+1] under the
    guard g[k], the guards g[0..n-3] known; `depth A[0]` is n - 2."""
    return (
        f"theory K[k] for k in 0..{n - 1} {{\n"
        f"  axiom g[k] -> ([K[k+1]](build -> safe) -> (build -> safe))  if k < {n - 1}\n"
        f"  axiom g[k] -> ([K[k+1]](halt -> safe) -> (halt -> safe))    if k < {n - 1}\n"
        "}\n"
        f"agent A[k] for k in 0..{n - 1} {{ theory K[k]; goal safe; actions build, halt }}\n"
        + "".join(f"premise g_{k}\n" for k in range(n - 2))
        + f"depth A[0] expect {n - 2}\n"
    )


def reflection_families(families: int = 3, size: int = 4) -> str:
    """`families` reflection towers of `size` agents each (extends + reflect the one below),
    one goal per family; `depth` of each top is size - 1."""
    lines = []
    for f in range(families):
        t = f"T{chr(ord('A') + f)}"
        a = f"A{chr(ord('A') + f)}"
        lines.append(
            f"theory {t}[k] for k in 0..{size - 1} "
            f"{{ extends {t}[k-1] if k > 0; reflect {t}[k-1] if k > 0 }}"
        )
        lines.append(
            f"agent {a}[k] for k in 0..{size - 1} "
            f"{{ theory {t}[k]; goal safe{f}; actions build, halt }}"
        )
    lines += [f"depth A{chr(ord('A') + f)}[{size - 1}] expect {size - 1}" for f in range(families)]
    return "\n".join(lines) + "\n"


def crowded_tower() -> str:
    """Issue 25's shape: 15 queries about a five-level tower with 13 agents around it (other
    goals, other actions) and a self-reflecting theory beside it."""
    return """theory T0
theory T1 extends T0 { reflect T0 }
theory T2 extends T1 { reflect T1 }
theory T3 extends T2 { reflect T2 }
theory T4 extends T3 { reflect T3 }
theory Self { reflect Self }
agent B0 { theory T0; goal safe; actions build, halt }
agent B1 { theory T1; goal safe; actions build, halt }
agent B2 { theory T2; goal safe; actions build, halt }
agent B3 { theory T3; goal safe; actions build, halt }
agent B4 { theory T4; goal safe; actions build, halt }
agent S1 { theory Self; goal safe; actions build, halt }
agent C0 { theory T0; goal fast; actions build, halt }
agent C2 { theory T2; goal fast; actions build, halt }
agent C4 { theory T4; goal fast; actions build, halt }
agent D1 { theory T1; goal safe; actions run, halt }
agent D3 { theory T3; goal safe; actions run, halt }
agent E  { theory T4; goal safe & fast; actions build, halt }
prove T4 : [T0](build -> safe) -> (build -> safe)
prove T2 : [T2]false -> false
prove T4 : [T3]q -> q
prove Self : false
consistent T4
consistent Self
chain B4 -> B3 -> B2 -> B1 -> B0
chain B0 -> B4
chain S1 -> B0
chain C4 -> B0
chain E -> B3
depth B4
depth C4
depth E
sound T4 given ~safe
"""


def crowded_with_family(n: int = 8) -> str:
    """The crowded tower beside a guarded family of n agents with the same goal and actions
    (issue 25's "whatever else the file declares", where the family interacts): T1 = PA +
    Rfn(PA) proves every α_k, so B1..B4 license every family agent, and `depth B4` is
    4 + (n - 2) = 10 for n = 8 (B4 → … → B1 → A_0 → … → A_6)."""
    family = guarded_family(n).replace(f"depth A[0] expect {n - 2}\n", "")
    return crowded_tower().replace("depth B4\n", f"depth B4 expect {4 + n - 2}\n") + family


FILES = {
    "reflection-free family, 12 agents (one box): check": lambda: guarded_family(12),
    "3 reflection families of 4 agents (12 agents): check": lambda: reflection_families(3, 4),
    "15-query spec, five-level tower: check": fifteen_queries,
    "15 queries, five-level tower, 13 agents, self-reflection: check": crowded_tower,
    "the same beside a guarded family of 8 (interacting): check": crowded_with_family,
}


def timed(spec: Spec, run: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of `run` on `spec`."""
    cpu, start = time.process_time(), time.perf_counter()
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
    return time.process_time() - cpu, time.perf_counter() - start


def spec_for(n: int, run: str) -> Spec:
    """The tower of height n; for `check`, with the statement `depth A{n} expect n`."""
    return loads(tower(n) + (f"depth A{n} expect {n}\n" if run == "check" else ""))


RUNS = ("chain", "depth", "check")


def growth(name: str, seconds: dict[int, float]) -> list[str]:
    """The growth check of one column: each step and each doubling against quadratic."""
    heights = sorted(seconds)
    lines = [f"{name}: step       ratio  quadratic  exponent"]
    for a, b in zip(heights, heights[1:], strict=False):
        ratio = seconds[b] / seconds[a]
        exponent = math.log(ratio) / math.log(b / a)
        verdict = "ok" if ratio <= (b / a) ** 2 else "ABOVE"
        lines.append(
            f"  {a:>3} -> {b:<3} {ratio:>9.2f}x {(b / a) ** 2:>9.2f}x {exponent:>9.2f}  {verdict}"
        )
    doublings = [(a, 2 * a) for a in heights if 2 * a in seconds]
    for a, b in doublings:
        ratio = seconds[b] / seconds[a]
        verdict = "ok" if ratio <= 4 else "ABOVE"
        lines.append(f"  doubling {a} -> {b}: {ratio:.2f}x (quadratic: 4x)  {verdict}")
    if len(heights) > 1:
        a, b = heights[0], heights[-1]
        ratio, bound = seconds[b] / seconds[a], (b / a) ** 2
        verdict = "ok" if ratio <= bound else "ABOVE"
        lines.append(f"  overall {a} -> {b}: {ratio:.1f}x (quadratic: {bound:.0f}x)  {verdict}")
    return lines


def measure(name: str, runs: int) -> dict[str, object]:
    """One row of `FILES` checked as `lobkit check` does: wall seconds of the first run and
    the best of `runs`, whether every expectation held, how many answers are relative."""
    text = FILES[name]()
    start = time.perf_counter()
    report = loads(text).check()
    first = time.perf_counter() - start
    best = first
    for _ in range(runs - 1):
        start = time.perf_counter()
        loads(text).check()
        best = min(best, time.perf_counter() - start)
    relative = sum(1 for r in report.results if r.relative)
    return {
        "first": first,
        "best": best,
        "ok": report.ok,
        "relative": relative,
        "queries": len(report.results),
    }


# Runs this script against the lobkit at a given directory (a worktree of another
# version): the editable install's finder is dropped so `import lobkit` finds that one.
_AGAINST = """
import runpy, sys
base, target, *args = sys.argv[1:]
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, base)
sys.argv = [target, *args]
if target == "lobkit":
    runpy.run_module("lobkit", run_name="__main__", alter_sys=True)
else:
    runpy.run_path(target, run_name="__main__")
"""


def baseline(path: str, name: str, cap: float) -> dict[str, object] | None:
    """`measure(name, 1)` with the lobkit at `path`, in a child process (None: past `cap`
    seconds, killed)."""
    command = [sys.executable, "-c", _AGAINST, path, __file__, "--row", name]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return None
    row: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return row


def startup(path: str | None, text: str, cap: float | None = None) -> float:
    """Wall seconds of `lobkit check --brief` on `text` as a whole process (best of 2; a run
    past `cap` seconds is killed and counts as inf)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lob", delete=False) as handle:
        handle.write(text)
    try:
        args = ["check", "--brief", handle.name]
        if path is None:
            command = [sys.executable, "-m", "lobkit", *args]
        else:
            command = [sys.executable, "-c", _AGAINST, path, "lobkit", *args]
        best = math.inf
        for _ in range(2):
            start = time.perf_counter()
            try:
                subprocess.run(command, capture_output=True, check=False, timeout=cap)
            except subprocess.TimeoutExpired:
                continue
            best = min(best, time.perf_counter() - start)
        return best
    finally:
        os.unlink(handle.name)


def files(against: str | None = None, cap: float = 120.0) -> None:
    """One row per file of `FILES`: `lobkit check`'s work on it, wall seconds (first run,
    best of 3), whether every expectation held and how many answers are relative; with
    `against` (a directory holding another lobkit, e.g. a worktree of the previous
    release), that version's first run of the same file in the same session beside it (a
    row past `cap` seconds is killed and shown as such). Then start-up: `lobkit check` as a
    whole process on a one-theory file and on the crowded tower (the 6× target)."""
    head = f"{'file':<64} {'first':>8} {'best of 3':>10} {'ok':>5} {'relative':>9}"
    if against:
        head += f" {'baseline':>10} {'ok':>5} {'relative':>9} {'speed-up':>9}"
    print(head)
    for name in FILES:
        row = measure(name, 3)
        line = (
            f"{name:<64} {row['first']:>8.3f} {row['best']:>10.3f} {row['ok']!s:>5} "
            f"{row['relative']!s:>5}/{row['queries']!s:<3}"
        )
        if against:
            old = baseline(against, name, cap)
            if old is None:
                line += f" {'> ' + format(cap, '.0f') + ' s':>10} {'-':>5} {'-':>9} {'-':>9}"
            else:
                speedup = float(old["first"]) / float(row["first"])  # type: ignore[arg-type]
                line += (
                    f" {old['first']:>10.3f} {old['ok']!s:>5} "
                    f"{old['relative']!s:>5}/{old['queries']!s:<3} {speedup:>8.1f}x"
                )
        print(line, flush=True)
    one = startup(None, "theory PA\nconsistent PA\n")
    crowded = startup(None, crowded_tower())
    family = startup(None, crowded_with_family())
    print(
        f"start-up (lobkit check, whole process, best of 2): one theory {one:.3f} s, "
        f"crowded tower {crowded:.3f} s = {crowded / one:.1f}x start-up, beside the family "
        f"{family:.3f} s = {family / one:.1f}x (target: 6x)"
    )
    if against:
        one = startup(against, "theory PA\nconsistent PA\n", cap)
        shown = []
        for text in (crowded_tower(), crowded_with_family()):
            took = startup(against, text, cap)
            shown.append(
                f"{took:.3f} s = {took / one:.1f}x start-up"
                if took < math.inf
                else f"> {cap:.0f} s (killed)"
            )
        print(
            f"baseline start-up: one theory {one:.3f} s, crowded tower {shown[0]}, "
            f"beside the family {shown[1]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heights", default="2,3,4,5,6,8,10,12,15,20")
    parser.add_argument("--cap", type=float, default=60.0, help="stop a column past this time")
    parser.add_argument(
        "--files", action="store_true", help="only the file rows (families, 15 queries)"
    )
    parser.add_argument(
        "--against",
        metavar="DIR",
        help="also time the file rows with the lobkit in DIR (e.g. a worktree of the previous "
        "release), in the same run",
    )
    parser.add_argument(
        "--against-cap", type=float, default=120.0, help="kill a baseline row past this"
    )
    parser.add_argument("--row", help=argparse.SUPPRESS)  # one row as JSON (for --against)
    args = parser.parse_args()
    if args.row:
        print(json.dumps(measure(args.row, 1)))
        return
    if args.files:
        timed(spec_for(1, "chain"), "chain")  # warm-up
        files(args.against, args.against_cap)
        return
    heights = [int(h) for h in args.heights.split(",")]
    timed(spec_for(1, "chain"), "chain")  # warm-up: imports, the solver's first start
    head = " ".join(f"{run + ' cpu':>10} {'ratio':>6}" for run in RUNS)
    print(f"{'n':>3} {head} {'check wall':>10} {'quad':>6}")
    seconds: dict[str, dict[int, float]] = {run: {} for run in RUNS}
    prev_n: int | None = None
    for n in heights:
        cells = []
        wall = float("nan")
        for run in RUNS:
            done = seconds[run]
            prev = done.get(prev_n) if prev_n is not None else None
            if prev is not None and prev > args.cap:
                cells.append(f"{'-':>10} {'-':>6}")
                continue
            cpu, wall_run = timed(spec_for(n, run), run)
            wall = wall_run if run == "check" else wall
            ratio = "" if prev is None else f"{cpu / prev:.2f}"
            done[n] = cpu
            cells.append(f"{cpu:>10.3f} {ratio:>6}")
        quad = "" if prev_n is None else f"{(n / prev_n) ** 2:.2f}"
        print(f"{n:>3} " + " ".join(cells) + f" {wall:>10.3f} {quad:>6}")
        prev_n = n
    print()
    for run in ("depth", "check"):
        print("\n".join(growth(run, seconds[run])))
    text = fifteen_queries()
    first = timed(loads(text), "check")[1]
    again = min(timed(loads(text), "check")[1] for _ in range(3))
    print(
        f"15-query spec, five-level tower: {first:.3f} s first run, {again:.3f} s best of 3 (wall)"
    )
    print()
    files(args.against, args.against_cap)


if __name__ == "__main__":
    main()
