"""Heavyweight hostile-input and fault cases (issues 13 and 20), outside the test suite:
multi-MB files, memory caps, signals mid-solve, huge printers, whole-command deadlines, and
a real `lobkit serve` under hostile load. Each CLI case runs the real `lobkit` command in a
subprocess and the table shows exit code, wall time, peak memory and the first stderr line;
the server cases show HTTP status, time and the server's and its workers' peak memory.

    python benchmarks/stress_faults.py            # everything (several minutes)
    python benchmarks/stress_faults.py --quick    # smaller sizes
    python benchmarks/stress_faults.py --server   # only the server cases

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
    parser.add_argument("--server", action="store_true", help="only the server cases")
    options = parser.parse_args()
    if options.server:
        server_faults()
        return
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
    family = folder / "family.lob"  # 104 bytes: 10,000 theories, each reflecting the last
    family.write_text(
        "theory T[k] for k in 0..9999 { extends T[k-1] if k > 0; reflect T[k-1] if k > 0 }\nprove T_9999 : p -> p\n"
    )
    chained = folder / "chained.lob"
    chained.write_text(
        "theory T[k] for k in 0..9999 { extends T[k-1] if k > 0 }\nprove T_9999 : p -> p\nconsistent T_9999\n"
    )
    digits = folder / "digits.lob"
    digits.write_text("theory T[k] for k in 0.." + "9" * 5000 + " { }\n")
    long_line = folder / "line.lob"  # one 10 MB line
    long_line.write_text("theory T\nprove T : " + " & ".join(["p"] * 2_500_000) + " -> p\n")
    deep3k, deep100k = folder / "deep3k.agents", folder / "deep100k.agents"
    deep3k.write_text("agent Deep = " + "[] " * 3000 + "them\n")
    deep100k.write_text("agent Deep = " + "[] " * 100_000 + "them\n")
    empty, comment_only = folder / "empty.txt", folder / "comments.txt"
    empty.write_text("")
    comment_only.write_text("# nothing\n\n")
    ten_mb = str(11_000_000)
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
        # issue 20: whole-command deadlines, huge numbers, encodings, clean API errors
        ("10,000-member reflection family, --timeout 5", ["check", str(family), "--timeout", "5"], {}),
        ("10,000 chained theories, --timeout 10", ["check", str(chained), "--timeout", "10"], {}),
        ("family bound of 5,000 digits", ["check", str(digits)], {}),
        ("one 10 MB line, --timeout 5", ["check", str(long_line), "--timeout", "5", "--max-file-bytes", ten_mb], {}),
        ("combat, 3,000 nested [], --timeout 5", ["combat", "--agents", str(deep3k), "Deep", "FairBot", "--timeout", "5"], {}),
        ("combat, 100,000 nested [], --timeout 10", ["combat", "--agents", str(deep100k), "Deep", "FairBot", "--timeout", "10", "--max-file-bytes", ten_mb], {}),
        ("prove --timeout 1e10", ["prove", "[]p -> [][]p", "--timeout", "1e10"], {}),
        ("prove --timeout 1e308", ["prove", "[]p -> [][]p", "--timeout", "1e308"], {}),
        ("check --timeout 1e10", ["check", "--example", "tower", "--timeout", "1e10"], {}),
        ("fixpoint --timeout 1e10", ["fixpoint", "~[]p", "--timeout", "1e10"], {}),
        ("prove, PYTHONIOENCODING=ascii", ["prove", "[]([]p -> p) -> []p"], {"env": {"PYTHONIOENCODING": "ascii"}}),
        ("check, PYTHONIOENCODING=ascii", ["check", "--example", "tower"], {"env": {"PYTHONIOENCODING": "ascii"}}),
        ("--help, PYTHONIOENCODING=ascii", ["--help"], {"env": {"PYTHONIOENCODING": "ascii"}}),
        ("prove, C locale without coercion", ["prove", "[]p -> p"], {"env": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}}),
        ("prove --file on an empty file", ["prove", "--file", str(empty)], {}),
        ("prove --file on a comment-only file", ["prove", "--file", str(comment_only)], {}),
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
    batch_faults(folder, options.quick)
    box_chain_scaling(options.quick)
    server_faults()


def server_faults() -> None:
    """A real `lobkit serve` (2 workers, queue 8, --timeout 10, --max-memory 1024) under the
    attacks of issue 20: status, seconds, and the peak memory (VmHWM) of the server and of the
    largest worker seen. Then SIGTERM with requests in flight: every process gone?"""
    import http.client
    import json
    import threading

    from lobkit.zoo.lwb_families import k_ph_p

    process = subprocess.Popen(
        [*LOBKIT, "serve", "--port", "0", "--timeout", "10", "--max-memory", "1024"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    port = int(
        process.stdout.readline().split(" on ", 1)[1].split()[0].rsplit(":", 1)[1].strip("/")
    )
    time.sleep(1.5)
    worker_peak = [0.0]
    watching = threading.Event()

    def tree(pid: int) -> set[int]:
        found = {pid}
        for _ in range(3):
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        with open(f"/proc/{entry}/stat") as stat:
                            parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                    except OSError:
                        continue
                    if parent in found:
                        found.add(int(entry))
        return found

    def peak_mb(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/status") as status:
                return (
                    next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
                )
        except (OSError, StopIteration):
            return 0.0

    def watch() -> None:
        while not watching.is_set():
            for pid in tree(process.pid) - {process.pid}:
                worker_peak[0] = max(worker_peak[0], peak_mb(pid))
            time.sleep(0.2)

    threading.Thread(target=watch, daemon=True).start()

    def post(
        kind: str, body: bytes, timeout: float = 120, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request(
                "POST",
                f"/api/{kind}",
                body=body,
                headers=headers or {"Content-Type": "application/json"},
            )
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        except OSError as error:
            return 0, type(error).__name__
        finally:
            connection.close()

    heavy = json.dumps({"formula": str(k_ph_p(12)), "logic": "K"}).encode()
    family = json.dumps(
        {
            "text": "theory T[k] for k in 0..9999 { extends T[k-1] if k > 0; reflect T[k-1] if k > 0 }\nprove T_9999 : p -> p\n"
        }
    ).encode()
    long_formula = json.dumps({"formula": " & ".join(["p"] * 50_000)}).encode()

    def announce(size: int) -> tuple[int, str]:
        """Headers announcing `size` bytes, no body: the server answers without reading."""
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.putrequest("POST", "/api/prove")
            connection.putheader("Content-Type", "application/json")
            connection.putheader("Content-Length", str(size))
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        finally:
            connection.close()

    def abandoned(n: int, after: float) -> tuple[int, str]:
        """n heavy requests whose clients give up after `after` s; then a simple prove."""
        for _ in range(n):
            threading.Thread(target=post, args=("prove", heavy, after), daemon=True).start()
        time.sleep(after + 0.5)
        return post("prove", b'{"formula": "[]p -> [][]p", "logic": "K4"}')

    def parallel_parses() -> tuple[int, str]:
        threads = [threading.Thread(target=post, args=("parse", long_formula)) for _ in range(10)]
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        start = time.monotonic()
        status, _ = post("prove", b'{"formula": "[]p -> [][]p"}')
        waited = time.monotonic() - start
        for thread in threads:
            thread.join()
        return status, f"the prove beside them answered in {waited:.2f} s"

    cases = [
        ("400 MB announced (headers only: the answer)", lambda: announce(400_000_000)),
        ("400 MB body sent whole (the client's sending)", lambda: post("prove", b"x" * 400_000_000)),
        ("text/plain cross-site body", lambda: post("prove", b'{"formula": "p"}', headers={"Content-Type": "text/plain", "Origin": "http://evil.example"})),
        ("foreign Host", lambda: post("prove", b'{"formula": "p"}', headers={"Content-Type": "application/json", "Host": "evil.example"})),
        ("premises: 5", lambda: post("prove", b'{"formula": "p", "premises": 5}')),
        ('expand: ["²"]', lambda: post("prove", '{"formula": "[]p -> p", "expand": ["²"]}'.encode())),
        ("samples: Infinity", lambda: post("collapse", b'{"samples": Infinity}')),
        ("JSON nested 100,000 deep", lambda: post("parse", b"[" * 100_000 + b"]" * 100_000)),
        ("lone surrogate", lambda: post("parse", b'{"formula": "\\ud800"}')),
        ("family of 10,000 (memory cap 1024 MB)", lambda: post("check", family)),
        ("k_ph_p(12) in K (--timeout 10)", lambda: post("prove", heavy)),
        ("20 heavy, clients gone at 3 s; then a prove", lambda: abandoned(20, 3.0)),  # seconds: 3.5 of waiting + the prove
        ("10 parses of 200,000 chars; a prove beside", parallel_parses),
    ]  # fmt: skip
    print(
        f"\n{'server case':<46} {'HTTP':>5} {'seconds':>8} {'server MB':>10} {'worker MB':>10}  answer"
    )
    for name, case in cases:
        start = time.monotonic()
        status, text = case()
        seconds = time.monotonic() - start
        first = text.replace("\n", " ")[:70]
        print(
            f"{name:<46} {status:>5} {seconds:>8.2f} {peak_mb(process.pid):>10.0f} {worker_peak[0]:>10.0f}  {first}",
            flush=True,
        )
    family_pids = tree(process.pid)
    answers: list[tuple[int, str]] = []
    threading.Thread(target=lambda: answers.append(post("prove", heavy)), daemon=True).start()
    time.sleep(2.0)
    family_pids |= tree(process.pid)
    start = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(30)
    seconds = time.monotonic() - start
    time.sleep(1.0)
    left = [
        pid
        for pid in family_pids
        if os.path.exists(f"/proc/{pid}")
        and open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    ]
    watching.set()
    assert process.stderr is not None
    traceback = "Traceback" in process.stderr.read()
    print(
        f"{'SIGTERM with a request in flight':<46} {answers[0][0] if answers else 0:>5} {seconds:>8.2f}  exit {process.returncode}, processes left: {len(left)}, traceback: {traceback}"
    )
    memory_cap_case()


def memory_cap_case() -> None:
    """The 104-byte family (10,000 theories) against a worker capped at 512 MB, --timeout 60:
    the worker's MemoryError is a 422 naming --max-memory, the server stays small."""
    import http.client
    import json

    process = subprocess.Popen(
        [*LOBKIT, "serve", "--port", "0", "--timeout", "60", "--max-memory", "512"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    port = int(
        process.stdout.readline().split(" on ", 1)[1].split()[0].rsplit(":", 1)[1].strip("/")
    )
    time.sleep(1.5)
    body = json.dumps(
        {
            "text": "theory T[k] for k in 0..9999 { extends T[k-1] if k > 0; reflect T[k-1] if k > 0 }\nprove T_9999 : p -> p\n"
        }
    ).encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.monotonic()
    connection.request(
        "POST", "/api/check", body=body, headers={"Content-Type": "application/json"}
    )
    response = connection.getresponse()
    text = response.read().decode()[:70]
    seconds = time.monotonic() - start
    with open(f"/proc/{process.pid}/status") as status:
        server = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    print(
        f"{'family of 10,000, --max-memory 512, --timeout 60':<46} {response.status:>5} {seconds:>8.2f} {server:>10.0f} {'<= 512':>10}  {text}"
    )
    process.terminate()
    process.wait(30)


def _batch_workers(pid: int) -> list[int]:
    """The live batch workers that process `pid` started (their command line names it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"lobkit.batch_pool" in argv and str(pid).encode() in argv:
                found.append(int(entry.name))
    return found


def _zombies() -> set[int]:
    """Processes that have exited and wait to be reaped (an orphan's reaper may be slow)."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and ") Z " in (entry / "stat").read_text():
                found.add(int(entry.name))
        except OSError:
            continue
    return found


def batch_faults(folder: Path, quick: bool) -> None:
    """Issue 20's batch cases: `-j` far above the CPUs, a worker killed mid-run, SIGTERM and
    SIGKILL to the parent (are workers left behind?), a deep formula, an empty file."""
    import random

    from lobkit.formula import atom, conj
    from lobkit.zoo.own_families import boxed_php

    rng = random.Random(7)
    lines = 1_000 if quick else 3_970
    many = folder / "many.txt"
    many.write_text("".join(f"{'[]' * rng.randrange(4)}p{rng.randrange(3)} -> {'[]' * rng.randrange(4)}p{rng.randrange(3)}\n" for _ in range(lines)))  # fmt: skip
    slow = folder / "slow.txt"
    slow.write_text(f"{boxed_php(6)}\n" * (20 if quick else 60))
    deep = atom("p0")
    for i in range(1, 500):
        deep = conj(deep, atom(f"p{i}"))
    deep_file = folder / "deep.txt"
    deep_file.write_text(f"{deep}\n" * 4)
    empty = folder / "empty.txt"
    empty.write_text("# nothing\n")
    print(f"\n{'batch case':<46} {'exit':>5} {'seconds':>8} {'answers':>8} {'left':>5}  stderr")

    def row(name: str, argv: list[str], fault: str | None = None, after: float = 1.5) -> None:
        start = time.monotonic()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen([*LOBKIT, *argv], stdout=out, stderr=err)
            workers: list[int] = []
            if fault is not None:
                time.sleep(after)
                workers = _batch_workers(process.pid)
                if fault == "kill a worker" and workers:
                    os.kill(workers[0], signal.SIGKILL)
                elif fault == "SIGTERM":
                    process.send_signal(signal.SIGTERM)
                elif fault == "SIGKILL":
                    process.kill()
            process.wait()
            seconds = time.monotonic() - start
            time.sleep(1.0)  # a worker orphaned by SIGKILL leaves within half a second
            alive = {w for w in workers if Path(f"/proc/{w}").exists()}
            left = len((alive | set(_batch_workers(process.pid))) - _zombies())
            out.seek(0)
            answers = sum(1 for _ in out)
            err.seek(0)
            text = err.read().decode(errors="replace").strip().splitlines()
        first = text[0][:70] if text else ""
        if any("Traceback" in t for t in text):
            first = "! traceback: " + text[-1][:60]
        print(f"{name:<46} {process.returncode:>5} {seconds:>8.2f} {answers:>8} {left:>5}  {first}", flush=True)  # fmt: skip

    row(f"-j 1 on {lines:,} lines", ["prove", "--file", str(many), "--brief"])
    row(f"-j 1000 on {lines:,} lines (capped)", ["prove", "--file", str(many), "--brief", "-j", "1000"])  # fmt: skip
    row("-j 2, a worker SIGKILLed mid-run", ["prove", "--file", str(slow), "--brief", "-j", "2"], "kill a worker")  # fmt: skip
    row("-j 2, SIGTERM to the command", ["prove", "--file", str(slow), "--brief", "-j", "2"], "SIGTERM")  # fmt: skip
    row("-j 2, SIGKILL to the command", ["prove", "--file", str(slow), "--brief", "-j", "2"], "SIGKILL")  # fmt: skip
    row("500 conjuncts, -j 2", ["prove", "--file", str(deep_file), "--brief", "-j", "2"])
    row("a comment-only file, -j 2", ["prove", "--file", str(empty), "-j", "2"])
    print("left: workers alive a second after the command ended (should be 0)")


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
