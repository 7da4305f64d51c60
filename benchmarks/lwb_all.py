"""`bench_prover.py --lwb-all`: the whole LWB benchmark — 54 families, K, KT (= T) and S4, each
9 provable (`_p`) and 9 unprovable (`_n`) — by the LWB protocol (n = 1, 2, … ≤ 21 while each
instance is answered within the cap; the largest n), each family in its own logic, plus the GL
rows of today (the K `_p` families in GL), beside CEGARBox in the same run when its binary is
named (`--peer cegarbox=PATH`; K plain, KT with `-t`, S4 with `-t -4` and with its local
reduction to K `-l -t -4`; its best configuration counts).

Instances: the K `_p` families come from `lobkit.zoo.lwb`; the others from the public LWB
generators (`--lwb-generator DIR`: the directory `S5Experiments/scripts/LWB-benchmark-generator`
of sarwagya-p/CEGARBoxCPP, commit 08ad86d), run as a separate process per instance — lobkit
ships no generator of its own for them yet. lobkit runs as a whole process, `lobkit prove
--file INSTANCE --logic L` (JSON lines with the certificate, checked in the process); a
verdict against the family's polarity counts as unsolved and is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from lobkit.formats.intohylo import read_formula
from lobkit.formula import Formula
from lobkit.zoo.lwb_families import LWB_K_FAMILIES

STEMS = ("45", "branch", "dum", "grz", "md", "path", "ph", "poly", "t4p")
K_STEMS = ("branch", "d4", "dum", "grz", "lin", "path", "ph", "poly", "t4p")
S4_STEMS = ("45", "branch", "grz", "ipc", "md", "path", "ph", "s5", "t4p")
LOGIC_OF = {"k": "K", "kt": "T", "s4": "S4"}
CEGARBOX_OPTIONS = {"K": [[]], "T": [["-t"]], "S4": [["-t", "-4"], ["-l", "-t", "-4"]]}


def families() -> list[str]:
    """The 54 family names, K, KT, S4, each _p then _n."""
    out = []
    for prefix, stems in (("k", K_STEMS), ("kt", STEMS), ("s4", S4_STEMS)):
        for stem in stems:
            out += [f"{prefix}_{stem}_p", f"{prefix}_{stem}_n"]
    return out


def generated(generator: str | None, family: str, n: int, cap: float) -> Formula | None:
    """Instance n of `family`: lobkit's own K _p generators, else the public generator."""
    if family in LWB_K_FAMILIES and family.endswith("_p"):
        return LWB_K_FAMILIES[family](n)
    if generator is None:
        return None
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


def lobkit_time(formula: Formula, logic: str, cap: float, want: bool) -> float | None:
    """Whole-process seconds of `lobkit prove --file` with its certificate, or None."""
    script = os.path.join(os.path.dirname(sys.executable), "lobkit")
    argv = [script] if os.path.exists(script) else [sys.executable, "-m", "lobkit"]
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write(str(formula) + "\n")
        f.flush()
        argv += ["prove", "--file", f.name, "--logic", logic, "--timeout", f"{cap:g}"]
        start = time.perf_counter()
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=cap + 2)
        except subprocess.TimeoutExpired:
            return None
        seconds = time.perf_counter() - start
    if seconds > cap or done.returncode not in (0, 1):
        return None
    lines = done.stdout.splitlines()
    if not lines:
        print(f"  (lobkit printed no answer: {done.stderr.strip()[:200]})")
        return None
    line = json.loads(lines[0])
    if line.get("valid") is None:
        return None
    if line["valid"] is not want:
        print(f"  (lobkit says {line['valid']} on an instance whose verdict is {want})")
        return None
    assert line["certificate"], "a verdict without its certificate"
    return seconds


def cegarbox_time(
    path: str, formula: Formula, options: list[str], cap: float, want: bool
) -> float | None:
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
            return None
        seconds = time.perf_counter() - start
    out = done.stdout.decode("latin-1")
    verdict = False if "Invalid" in out else (True if "Valid" in out else None)
    if verdict is None:
        return None
    if verdict is not want:
        print(f"  (CEGARBox {' '.join(options)} says {verdict}, the verdict is {want})")
        return None
    return seconds


def largest(
    run: Callable[[Formula], float | None], make: Callable[[int], Formula | None], top: int
) -> tuple[int, float | None, str]:
    """(largest n solved, its seconds, the first instance missed and why) by the protocol."""
    best, when = 0, None
    for n in range(1, top + 1):
        formula = make(n)
        if formula is None:
            return best, when, f"n={n}: no instance generated"
        seconds = run(formula)
        if seconds is None:
            return best, when, f"n={n}"
        best, when = n, seconds
    return best, when, ""


def _instances(generator: str | None, name: str, cap: float) -> Callable[[int], Formula | None]:
    """Instance n of family `name`, generated once (lobkit and CEGARBox get the same one)."""
    cache: dict[int, Formula | None] = {}

    def make(n: int) -> Formula | None:
        if n not in cache:
            cache[n] = generated(generator, name, n, cap)
        return cache[n]

    return make


def run_lwb_all(args: argparse.Namespace) -> int:
    cap, top = args.cap, args.top
    cegarbox = args.peer_paths.get("cegarbox")
    print(
        f"LWB, all 54 families + GL rows; LWB protocol n <= {top}, cap {cap:g} s per instance, "
        "whole processes; lobkit with its certificate (JSON lines, checked)"
    )
    print(f"CEGARBox: {cegarbox or 'not given (--peer cegarbox=PATH)'}")
    header = (
        f"{'family':<14}{'logic':<6}{'lobkit n':>9}{'s':>8}  {'CEGARBox n':>10}{'s':>8}  missed"
    )
    print(header)
    print("-" * len(header))
    names = args.families.split(",") if args.families else families()
    rows = [(name, LOGIC_OF[name.split("_")[0]]) for name in names if not name.startswith("gl:")]
    if not args.families:
        rows += [(name, "GL") for name in LWB_K_FAMILIES]
    rows += [(name[3:], "GL") for name in names if name.startswith("gl:")]  # gl:k_branch_p
    for name, logic in rows:
        want = name.endswith("_p")
        make = _instances(args.lwb_generator, name, cap)

        ours = largest(lambda f, lg=logic, w=want: lobkit_time(f, lg, cap, w), make, top)
        theirs: tuple[int, float | None, str] | None = None
        if cegarbox is not None and logic != "GL":
            for options in CEGARBOX_OPTIONS[logic]:
                got = largest(
                    lambda f, o=options, w=want: cegarbox_time(cegarbox, f, o, cap, w), make, top
                )
                if theirs is None or got[0] > theirs[0]:
                    theirs = got
        when = "-" if ours[1] is None else f"{ours[1]:.2f}"
        peer_n = "-" if theirs is None else str(theirs[0])
        peer_s = "-" if theirs is None or theirs[1] is None else f"{theirs[1]:.2f}"
        print(f"{name:<14}{logic:<6}{ours[0]:>9}{when:>8}  {peer_n:>10}{peer_s:>8}  {ours[2]}")
        sys.stdout.flush()
    return 0
