"""Heavyweight hostile-input and fault cases (issue 13), outside the test suite: multi-MB files,
memory caps, signals mid-solve, huge printers. Each case runs the real `lobkit` command in a
subprocess and the table shows exit code, wall time, peak memory and the first stderr line.

    python benchmarks/stress_faults.py            # everything (a few minutes)
    python benchmarks/stress_faults.py --quick    # smaller sizes

The contract every row should show: exit 0-3 or 130/143, one stderr line, no traceback, time
bounded by the --timeout given (plus start-up), memory bounded. Rows marked "!" broke it.
"""

# ruff: noqa: E501  (the table of cases reads best one case per line)
from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOBKIT = [sys.executable, "-m", "lobkit"]


def run(
    argv: list[str],
    *,
    memory_mb: int | None = None,
    signal_after: float | None = None,
    signum: int = signal.SIGINT,
    env: dict[str, str] | None = None,
) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB of the child, first stderr line) of `lobkit argv`."""

    def limit() -> None:
        if memory_mb is not None:
            size = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [*LOBKIT, *argv],
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=limit,
            env={**os.environ, **(env or {})},
        )
        if signal_after is not None:
            time.sleep(signal_after)
            sent = time.monotonic()
            process.send_signal(signum)
            process.wait()
            start = sent  # report the time from the signal to the exit
        else:
            process.wait()
        seconds = time.monotonic() - start
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    first = lines[0][:90] if lines else ""
    if any("Traceback" in line for line in lines):
        first = "! traceback: " + lines[-1][:80]
    return process.returncode, seconds, peak, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer cases")
    options = parser.parse_args()
    scale = 1 if options.quick else 4
    folder = Path(tempfile.mkdtemp(prefix="lobkit-stress-"))
    from lobkit.zoo.lwb_families import k_ph_p

    hard = str(k_ph_p(9))
    comments = folder / "comments.lob"
    comments.write_text(("# " + "x" * 98 + "\n") * (20_000 * scale) + "theory T\nconsistent T\n")
    conjuncts = folder / "conjuncts.lob"
    conjuncts.write_text("theory T\nprove " + " & ".join(["p"] * (40_000 * scale)) + " -> p\n")
    boxes = folder / "boxes.lob"
    boxes.write_text("theory T\nprove T : " + "[T]" * (500 * scale) + "p -> p\n")
    nested = "~" * (5_000 * scale) + "p"
    line = "prove T : " + " & ".join(["p"] * 200) + " -> p\n"
    many = folder / "many.lob"  # about 900 KB of queries: parsing alone takes seconds
    many.write_text("theory T\n" + line * (900_000 // len(line)))
    one = folder / "one.lob"  # one formula of about 880 KB
    one.write_text("theory T\nprove T : " + " & ".join(["p"] * 220_000) + " -> p\n")
    zero = folder / "zero.lob"
    zero.symlink_to("/dev/zero")
    fifo = folder / "fifo.lob"
    os.mkfifo(fifo)
    big = str(comments.stat().st_size + 1)
    cases: list[tuple[str, list[str], dict[str, object]]] = [
        (f"{comments.stat().st_size / 1e6:.1f} MB of comments, default limit", ["check", str(comments)], {}),
        ("the same, --max-file-bytes raised", ["check", str(comments), "--max-file-bytes", big], {}),
        (f"{40_000 * scale:,} conjuncts, --timeout 5", ["check", str(conjuncts), "--timeout", "5", "--max-file-bytes", big], {}),
        (f"[T]^{500 * scale} p -> p, --timeout 5", ["check", str(boxes), "--timeout", "5"], {}),
        ("900 KB of queries, --timeout 1 (parse under it)", ["check", str(many), "--timeout", "1"], {}),
        ("one 880 KB formula, --timeout 1", ["check", str(one), "--timeout", "1"], {}),
        ("[]^2000 p -> p, prove --timeout 1", ["prove", "[]" * 2000 + "p -> p", "--timeout", "1"], {}),
        (f"{5_000 * scale:,} nested ~, prove --format latex", ["prove", nested, "--format", "latex"], {}),
        (f"{5_000 * scale:,} nested ~, LaTeX", ["parse", nested, "--format", "latex"], {}),
        (f"{5_000 * scale:,} nested ~, JSON", ["parse", nested, "--format", "json"], {}),
        ("/dev/zero behind a symlink", ["check", str(zero)], {}),
        ("a FIFO", ["check", str(fifo)], {}),
        ("SIGINT 3 s into z3", ["prove", hard, "--logic", "K"], {"signal_after": 3.0}),
        ("SIGTERM 3 s into z3", ["prove", hard, "--logic", "K"], {"signal_after": 3.0, "signum": signal.SIGTERM}),
        ("SIGINT 0.2 s into start-up", ["prove", "p"], {"signal_after": 0.2}),
    ]  # fmt: skip
    for megabytes in (50, 80, 120, 200, 400, 800, 1600):
        cases.append((f"prove under ulimit -v {megabytes} MB", ["prove", "[]([]p -> p) -> []p"], {"memory_mb": megabytes}))  # fmt: skip
        cases.append((f"prove --solver z3 under {megabytes} MB", ["prove", "--solver", "z3", "[]([]p -> p) -> []p"], {"memory_mb": megabytes}))  # fmt: skip
        cases.append((f"combat --table under {megabytes} MB", ["combat", "--table", "--no-verify"], {"memory_mb": megabytes}))  # fmt: skip
        cases.append((f"collapse under {megabytes} MB", ["collapse"], {"memory_mb": megabytes}))  # fmt: skip
    print(f"{'case':<46} {'exit':>5} {'seconds':>8} {'peak MB':>8}  stderr")
    for name, argv, kw in cases:
        code, seconds, peak, first = run(argv, **kw)  # type: ignore[arg-type]
        print(f"{name:<46} {code:>5} {seconds:>8.2f} {peak:>8.0f}  {first}", flush=True)
    print("\npeak MB is the largest child so far (getrusage), so it only grows down the table.")
    box_chain_scaling(options.quick)


def box_chain_scaling(quick: bool) -> None:
    """Refuting []ⁿp: the countermodel is a transitive chain of n + 1 worlds (n²/2 pairs), found
    with n + 1 solver calls. Timed in-process (no start-up), against n = 100 in the same run:
    a ratio near (n/100)² is linear in the model's size; (n/100)³ would be the old checker."""
    from lobkit.prover import prove

    sizes = (100, 200, 400) if quick else (100, 200, 400, 800)
    print(
        f"\n{'refute []^n p':<16} {'seconds':>8} {'ratio':>7} {'(n/100)^2':>10} {'(n/100)^3':>10}"
    )
    base = None
    for n in sizes:
        start = time.perf_counter()
        result = prove("[]" * n + "p")
        seconds = time.perf_counter() - start
        assert not result.valid and result.countermodel is not None
        assert len(result.countermodel.worlds) == n + 1
        base = base or seconds
        k = n / 100
        print(
            f"{'n = ' + str(n):<16} {seconds:>8.2f} {seconds / base:>7.1f} {k * k:>10.0f} {k**3:>10.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
