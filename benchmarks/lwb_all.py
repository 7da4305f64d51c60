"""`bench_prover.py --lwb-all`: the whole LWB benchmark — 54 families, K, KT (= T) and S4, each
9 provable (`_p`) and 9 unprovable (`_n`) — by the LWB protocol (n = 1, 2, … ≤ 21 while each
instance is answered within the cap; the largest n), each family in its own logic, plus the GL
rows (the K `_p` families in GL), beside CEGARBox in the same run when its binary is named
(`--peer cegarbox=PATH`; K plain, KT with `-t` and with its local reduction to K `-l -t`, S4
with `-t -4` and `-l -t -4`; its best configuration counts).

Instances come from lobkit's own generators (`lobkit.zoo.lwb_benchmark`); with
`--lwb-generator DIR` (the public generators, `S5Experiments/scripts/LWB-benchmark-generator` of
sarwagya-p/CEGARBoxCPP) they come from there instead, for comparison. lobkit runs as a whole
process, `lobkit prove --file INSTANCE --logic L` (JSON lines with the certificate, checked in
the process); a verdict against the family's polarity counts as unsolved and is reported.

The full run is long, so it can be split and merged: `--families` takes family names,
`gl:FAMILY` for a GL row, or a whole logic (`K`, `T`, `S4`, `GL`); `--json-out FILE` appends one
JSON line per row as it finishes (with the commit it was measured at); `--side lobkit` or
`--side cegarbox` measures one side only (CEGARBox's cells do not change with lobkit's code);
`--table-from FILE...` prints the merged table of such files (for each row and side, the later
line wins) without running.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from lobkit.formats.intohylo import read_formula
from lobkit.formula import Formula
from lobkit.zoo.lwb_benchmark import LWB_FAMILIES, lwb_logic, lwb_provable
from lobkit.zoo.lwb_families import LWB_K_FAMILIES

CEGARBOX_OPTIONS = {
    "K": [[]],
    "T": [["-t"], ["-l", "-t"]],
    "S4": [["-t", "-4"], ["-l", "-t", "-4"]],
}
LOGICS = ("K", "T", "S4", "GL")
Outcome = float | str  # seconds, or why the instance was not solved


def all_rows() -> list[tuple[str, str]]:
    """(family, logic) of the whole table: the 54 families in their logics, then the GL rows."""
    return [(name, lwb_logic(name)) for name in LWB_FAMILIES] + [
        (name, "GL") for name in LWB_K_FAMILIES
    ]


def chosen_rows(spec: str) -> list[tuple[str, str]]:
    """The rows `--families` names: families, `gl:FAMILY`, or whole logics (K, T, S4, GL)."""
    if not spec:
        return all_rows()
    rows: list[tuple[str, str]] = []
    for item in (part.strip() for part in spec.split(",") if part.strip()):
        if item.upper() in LOGICS:
            rows += [row for row in all_rows() if row[1] == item.upper()]
        elif item.startswith("gl:") and item[3:] in LWB_K_FAMILIES:
            rows.append((item[3:], "GL"))
        elif item in LWB_FAMILIES:
            rows.append((item, lwb_logic(item)))
        else:
            raise SystemExit(f"--families: no LWB family or logic {item!r}")
    return rows


def public_instance(generator: str, family: str, n: int, cap: float) -> Formula | None:
    """Instance n of `family` from the public generator in `generator` (a process each)."""
    code = (
        f"import sys; sys.setrecursionlimit(2000000); sys.path.insert(0, {generator!r}); "
        f"from {family} import {family} as f; sys.stdout.write(str(f({n})))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=max(cap, 30)
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return None
    return read_formula(done.stdout)


def lobkit_time(formula: Formula, logic: str, cap: float, want: bool) -> Outcome:
    """Whole-process seconds of `lobkit prove --file` with its certificate, or why not."""
    script = os.path.join(os.path.dirname(sys.executable), "lobkit")
    argv = [script] if os.path.exists(script) else [sys.executable, "-m", "lobkit"]
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write(str(formula) + "\n")
        f.flush()
        argv += ["prove", "--file", f.name, "--logic", logic, "--timeout", f"{cap:g}"]
        argv += ["--format", "json"]
        start = time.perf_counter()
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=cap + 2)
        except subprocess.TimeoutExpired:
            return "over the cap (killed)"
        seconds = time.perf_counter() - start
    if seconds > cap:
        return f"over the cap ({seconds:.1f} s)"
    if done.returncode not in (0, 1):
        return f"exit {done.returncode}: {done.stderr.strip()[:120]}"
    lines = done.stdout.splitlines()
    if not lines:
        return f"no answer: {done.stderr.strip()[:120]}"
    line = json.loads(lines[0])
    if line.get("valid") is None:
        return f"no verdict: {str(line.get('error', ''))[:120]}"
    if line["valid"] is not want:
        print(f"  (lobkit says {line['valid']} on an instance whose verdict is {want})")
        return f"WRONG verdict {line['valid']}"
    assert line["certificate"], "a verdict without its certificate"
    return seconds


def cegarbox_time(
    path: str, formula: Formula, options: list[str], cap: float, want: bool
) -> Outcome:
    sys.path.insert(0, os.path.dirname(__file__))
    from peers import cegarbox_text

    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write(cegarbox_text(formula) + "\n")
        f.flush()
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [path, "-f", f.name, "-a", *options], capture_output=True, timeout=cap
            )
        except subprocess.TimeoutExpired:
            return "over the cap"
        seconds = time.perf_counter() - start
    out = done.stdout.decode("latin-1")
    verdict = False if "Invalid" in out else (True if "Valid" in out else None)
    if verdict is None:
        return f"no verdict (exit {done.returncode})"
    if verdict is not want:
        print(f"  (CEGARBox {' '.join(options)} says {verdict}, the verdict is {want})")
        return f"WRONG verdict {verdict}"
    return seconds


def largest(
    run: Callable[[Formula], Outcome], make: Callable[[int], Formula | None], top: int
) -> dict[str, object]:
    """The largest n solved by the protocol, its seconds, and the first miss and why."""
    best, when = 0, None
    for n in range(1, top + 1):
        formula = make(n)
        if formula is None:
            return {"n": best, "seconds": when, "missed": f"n={n}: no instance generated"}
        outcome = run(formula)
        if isinstance(outcome, str):
            return {"n": best, "seconds": when, "missed": f"n={n}: {outcome}"}
        best, when = n, outcome
    return {"n": best, "seconds": when, "missed": ""}


def _instances(args: argparse.Namespace, name: str) -> Callable[[int], Formula | None]:
    """Instance n of family `name`, made once (lobkit and CEGARBox get the same one)."""
    cache: dict[int, Formula | None] = {}

    def make(n: int) -> Formula | None:
        if n not in cache:
            if args.lwb_generator:
                cache[n] = public_instance(args.lwb_generator, name, n, args.cap)
            else:
                cache[n] = LWB_FAMILIES[name](n)
        return cache[n]

    return make


def _commit() -> str:
    here = os.path.dirname(os.path.abspath(__file__))

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", here, *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def measure_row(args: argparse.Namespace, name: str, logic: str) -> dict[str, object]:
    """One row: lobkit's largest n, and CEGARBox's in its best configuration."""
    cap, top = args.cap, args.top
    want = logic == "GL" or lwb_provable(name)
    cegarbox = args.peer_paths.get("cegarbox")
    make = _instances(args, name)
    start = time.perf_counter()
    ours = None
    if args.side in ("both", "lobkit"):
        ours = largest(lambda f: lobkit_time(f, logic, cap, want), make, top)
    theirs: dict[str, object] | None = None
    if cegarbox is not None and logic != "GL" and args.side in ("both", "cegarbox"):
        for options in CEGARBOX_OPTIONS[logic]:
            got = largest(lambda f, o=options: cegarbox_time(cegarbox, f, o, cap, want), make, top)
            got["options"] = " ".join(options)
            if theirs is None or int(got["n"]) > int(theirs["n"]):  # type: ignore[call-overload]
                theirs = got
    return {
        "family": name,
        "logic": logic,
        "cap": cap,
        "top": top,
        "instances": args.lwb_generator or "lobkit.zoo.lwb_benchmark",
        "lobkit": ours,
        "cegarbox": theirs,
        "commit": args.commit,
        "finished": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "row_seconds": round(time.perf_counter() - start, 1),
    }


HEADER = (
    f"{'family':<14}{'logic':<6}{'lobkit n':>9}{'s':>7}  {'CEGARBox n':>10}{'s':>7}"
    f"  {'options':<10}{'commit':<15}lobkit's first miss"
)


def _seconds(value: object) -> str:
    return "-" if value is None else f"{float(value):.2f}"  # type: ignore[arg-type]


def table_line(row: dict[str, object]) -> str:
    ours: dict | None = row["lobkit"]  # type: ignore[assignment]
    theirs: dict | None = row["cegarbox"]  # type: ignore[assignment]
    our_n = "-" if ours is None else str(ours["n"])
    our_s = "-" if ours is None else _seconds(ours["seconds"])
    missed = "(not measured)" if ours is None else ours["missed"]
    peer_n = "-" if theirs is None else str(theirs["n"])
    peer_s = "-" if theirs is None else _seconds(theirs["seconds"])
    options = "-" if theirs is None else (theirs["options"] or "(none)")
    return (
        f"{row['family']:<14}{row['logic']:<6}{our_n:>9}{our_s:>7}  "
        f"{peer_n:>10}{peer_s:>7}  {options:<10}{row['commit']:<15}{missed}"
    )


def markdown_line(row: dict[str, object]) -> str:
    """The row as a line of the README's table."""
    ours: dict | None = row["lobkit"]  # type: ignore[assignment]
    theirs: dict | None = row["cegarbox"]  # type: ignore[assignment]
    mine = "-" if ours is None else f"{ours['n']} ({_seconds(ours['seconds'])})"
    peer = "-"
    if theirs is not None:
        peer = f"{theirs['n']} ({_seconds(theirs['seconds'])}, {theirs['options'] or 'plain'})"
    missed = "not measured" if ours is None else ours["missed"]
    return f"| {row['family']} | {row['logic']} | {mine} | {peer} | {missed} | {row['commit']} |"


def print_table(rows: list[dict[str, object]], markdown: bool = False) -> None:
    if markdown:
        print(
            "| family | logic | lobkit n (s) | CEGARBox n (s, options) | lobkit's first miss ",
            end="",
        )
        print("| commit |")
        print("|---|---|---|---|---|---|")
    else:
        print(HEADER)
        print("-" * len(HEADER))
    for row in rows:
        print(markdown_line(row) if markdown else table_line(row))
    compared = [r for r in rows if r["cegarbox"] is not None and r["lobkit"] is not None]
    ahead = [r for r in compared if r["lobkit"]["n"] >= r["cegarbox"]["n"]]  # type: ignore[index]
    print(
        f"{len(rows)} rows; lobkit at or ahead of CEGARBox's n on {len(ahead)} of "
        f"{len(compared)} compared; behind on: "
        + (", ".join(f"{r['family']}" for r in compared if r not in ahead) or "none")
    )


def _merged(old: dict[str, object] | None, new: dict[str, object]) -> dict[str, object]:
    """`new`, keeping `old`'s CEGARBox (lobkit) cells where `new` did not measure that side;
    the commit column names lobkit's run (CEGARBox's cells do not depend on lobkit's code)."""
    if old is None:
        return new
    row = dict(new)
    if row["cegarbox"] is None:
        row["cegarbox"] = old["cegarbox"]
    if row["lobkit"] is None:
        row["lobkit"], row["commit"] = old["lobkit"], old["commit"]
    return row


def table_from(paths: list[str], markdown: bool = False) -> int:
    """The merged table of `--json-out` files: one row per (family, logic), the last wins."""
    merged: dict[tuple[str, str], dict[str, object]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    key = (row["family"], row["logic"])
                except (ValueError, KeyError, TypeError):
                    raise SystemExit(f"{path}:{number}: not a --json-out row") from None
                merged[key] = _merged(merged.get(key), row)
    order = {key: i for i, key in enumerate(all_rows())}
    rows = sorted(merged.values(), key=lambda r: order.get((r["family"], r["logic"]), 1 << 30))  # type: ignore[arg-type]
    caps = sorted({float(r["cap"]) for r in rows})  # type: ignore[arg-type]
    print(f"LWB table merged from {', '.join(paths)}; cap {'/'.join(f'{c:g}' for c in caps)} s")
    print_table(rows, markdown)
    missing = [f"{name}/{logic}" for name, logic in all_rows() if (name, logic) not in merged]
    if missing:
        print(f"not measured: {', '.join(missing)}")
    return 0


def run_lwb_all(args: argparse.Namespace) -> int:
    if args.table_from:
        return table_from(args.table_from, args.markdown)
    cap, top = args.cap, args.top
    args.commit = _commit()  # at the start: the code this run imported
    cegarbox = args.peer_paths.get("cegarbox")
    instances = args.lwb_generator or "lobkit's own generators (lobkit.zoo.lwb_benchmark)"
    print(
        f"LWB, 54 families + GL rows; LWB protocol n <= {top}, cap {cap:g} s per instance, "
        "whole processes; lobkit with its certificate (JSON lines, checked)"
    )
    print(f"instances: {instances}")
    print(f"CEGARBox: {cegarbox or 'not given (--peer cegarbox=PATH)'}")
    print(HEADER)
    print("-" * len(HEADER))
    start = time.perf_counter()
    for name, logic in chosen_rows(args.families):
        row = measure_row(args, name, logic)
        print(table_line(row))
        sys.stdout.flush()
        if args.json_out:
            with open(args.json_out, "a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
    print(f"wall time {time.perf_counter() - start:.0f} s")
    return 0
