"""Batch proving: `prove_many` and `lobkit prove --file` / several formulas / `-j N`."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lobkit.batch import prove_many, workers_for
from lobkit.batch_pool import usable_cpus
from lobkit.cli import main
from lobkit.errors import InputError
from lobkit.formula import atom, conj, implies
from lobkit.kernel import Logic, check_proof, countermodel_problems
from lobkit.prover import ProofResult, prove
from lobkit.prover.solovay import TruthResult
from lobkit.zoo.own_families import boxchain_invalid, boxchain_valid, boxed_php, lob_nest
from lobkit.zoo.verdicts import LOB

FORMULAS = [boxchain_valid(n) if n % 2 else boxchain_invalid(n % 4) for n in range(1, 41)]


def test_prove_many_certifies_in_order_with_workers() -> None:
    one = list(prove_many(FORMULAS, "GL"))
    two = list(prove_many(FORMULAS, "GL", jobs=2))
    assert [r.formula for r in one] == [str(f) for f in FORMULAS]
    assert [(r.line, r.formula, r.valid) for r in one] == [
        (r.line, r.formula, r.valid) for r in two
    ]
    assert [r.valid for r in one] == [bool(n % 2) for n in range(1, 41)]
    for result in two:
        assert result.certificate is not None
        assert ("proof" if result.valid else "countermodel") in result.certificate


def test_prove_many_premises_logic_and_bad_jobs() -> None:
    (r,) = prove_many(["p"], Logic.named("K"), premises=["p"])
    assert r.valid and r.logic == "K"
    with pytest.raises(InputError, match="jobs must be"):
        list(prove_many(["p"], jobs=0))
    with pytest.raises(InputError, match="formula 2"):
        list(prove_many(["p", "[](p ->"]))


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_prove_file_json_lines_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.txt"
    path.write_text("# two formulas\n[]([]p -> p) -> []p\n\n[]p -> p\n")
    assert main(["prove", "--file", str(path), "-j", "2"]) == 1
    captured = capsys.readouterr()
    rows = _lines(captured.out)
    assert [(r["line"], r["valid"]) for r in rows] == [(2, True), (4, False)]
    assert list(rows[0]) == ["line", "formula", "logic", "valid", "seconds", "certificate"]
    assert "proof" in rows[0]["certificate"]  # type: ignore[operator]
    assert "countermodel" in rows[1]["certificate"]  # type: ignore[operator]
    assert captured.err.startswith("2 formulas: 1 theorems, 1 not theorems, 0 without answer")
    assert main(["prove", "--file", str(path), "--brief"]) == 1
    assert all("certificate" not in r for r in _lines(capsys.readouterr().out))


def test_prove_stdin_in_lwb(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("begin\n1: box p0 -> box box p0\nend\n"))
    assert main(["prove", "--file", "-", "--input-format", "lwb", "--logic", "K4"]) == 0
    (row,) = _lines(capsys.readouterr().out)
    assert row["logic"] == "K4" and row["valid"] is True and row["line"] == 2


def test_tptp_file_brings_logic_and_premises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lob.p"
    path.write_text(
        "tff(l, logic, $modal == [$modalities == $modal_system_K4]).\n"
        "tff(a, axiom, {$box} @ (p) => p).\n"
        "tff(c, conjecture, p).\n"
    )
    assert main(["prove", "--file", str(path), "--brief"]) == 1  # K4, []p -> p globally: not p
    (row,) = _lines(capsys.readouterr().out)
    assert row["logic"] == "K4" and row["valid"] is False and row["line"] == 3


def test_several_positional_formulas_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prove", "[]p", LOB.text]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "1: []p: not a theorem of GL",
        "2: []([]p -> p) -> []p: theorem of GL",
        out[2],
    ]
    assert out[2].startswith("2 formulas: 1 theorems, 1 not theorems")


def test_batch_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("p\n[](p ->\n")
    assert main(["prove", "--file", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"lobkit: error: {bad}:2:8: expected a formula")
    assert main(["prove", "--file", str(bad), "p"]) == 2
    assert main(["prove"]) == 2
    assert "give a formula" in capsys.readouterr().err
    assert main(["prove", "p", "q", "--format", "latex"]) == 2


# -- issue 22: a batch that works in a plain script, on every logic, as objects -----------------

SCRIPT = """
import lobkit
answers = list(lobkit.prove_many(["[]([]p -> p) -> []p", "[]p -> p"] * 20, jobs=2))
print(sum(1 for a in answers if a.valid), len(answers))
"""


def test_prove_many_in_a_plain_script_without_main_guard(tmp_path: Path) -> None:
    script = tmp_path / "experiment.py"
    script.write_text(SCRIPT)  # no `if __name__ == "__main__":` on purpose
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["20", "40"]
    assert "Traceback" not in done.stderr


def test_results_are_proof_results_in_every_logic() -> None:
    formulas = ["[]([]p -> p) -> []p", "[]p -> p", "~[]false", "[]p -> [][]p"]
    for logic in ("GL", "K4", "K", "S"):
        answers = list(prove_many(formulas, logic, jobs=2 if logic in ("GL", "S") else 1))
        for answer, text in zip(answers, formulas, strict=True):
            expected = prove(text, logic)
            assert answer.valid == expected.valid, (logic, text)
            rebuilt = answer.result
            assert isinstance(rebuilt, ProofResult) and rebuilt.valid == expected.valid
            assert isinstance(rebuilt, TruthResult) == (logic == "S")
            if rebuilt.countermodel is not None:  # the kernel accepts what came back
                goal = rebuilt.reduced if isinstance(rebuilt, TruthResult) else rebuilt.formula
                assert not countermodel_problems(rebuilt.countermodel, rebuilt.logic, goal)
            else:
                assert rebuilt.proof is not None
                goal = rebuilt.reduced if isinstance(rebuilt, TruthResult) else rebuilt.formula
                check_proof(rebuilt.proof, rebuilt.logic, goal)


def test_premises_reach_the_rebuilt_result() -> None:
    (answer,) = prove_many(["[]p"], "K", premises=["p"], jobs=1)
    rebuilt = answer.result
    assert rebuilt is not None and rebuilt.valid and rebuilt.logic.premises
    check_proof(rebuilt.proof, rebuilt.logic, rebuilt.formula)  # type: ignore[arg-type]


def test_empty_input_is_an_empty_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert list(prove_many([], jobs=2)) == []
    path = tmp_path / "comments.txt"
    path.write_text("# nothing to prove\n\n")
    assert main(["prove", "--file", str(path), "-j", "2"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("0 formulas: 0 theorems")


def test_a_formula_500_conjuncts_deep_crosses_to_a_worker() -> None:
    deep = atom("p0")
    for i in range(1, 500):
        deep = conj(deep, atom(f"p{i}"))
    answers = list(prove_many([deep, implies(deep, deep)] * 4, jobs=2))
    assert [a.valid for a in answers] == [False, True] * 4


def test_jobs_are_capped_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "f.txt"
    path.write_text("p -> p\n" * 10)
    assert main(["prove", "--file", str(path), "-j", "1000", "--brief"]) == 0
    err = capsys.readouterr().err
    assert f"-j 1000: using {workers_for(1000, 10)} worker" in err
    assert workers_for(1000, 10) <= usable_cpus()


def test_batch_display_counts_table_and_time() -> None:
    batch = prove_many(["[]p -> p", "p -> p", "p & ~p -> q"])
    page = batch._repr_html_()
    assert batch.finished and batch.counts == {"theorems": 2, "not_theorems": 1, "errors": 0}
    assert "3</b> formulas" in page and "2 theorems" in page and "1 not theorems" in page
    assert page.count("<tr>") == 4 and " s on this process" in page
    assert "theorem" in next(iter(prove_many(["p -> p"])))._repr_html_()


def test_any_executor_gives_the_same_answers() -> None:
    from concurrent.futures import ThreadPoolExecutor

    here = [r.to_json() for r in prove_many(FORMULAS)]
    with ThreadPoolExecutor(2) as pool:
        there = [r.to_json() for r in prove_many(FORMULAS, executor=pool)]
    for row in here + there:
        row.pop("seconds")
    assert here == there  # certificates too: chunks do not depend on who answers them


# -- issue 20: the batch survives its workers ---------------------------------------------------


def _workers_of(pid: int) -> list[int]:
    """The batch workers started by process `pid` (their command line names it)."""
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


needs_two_cpus = pytest.mark.skipif(usable_cpus() < 2, reason="needs 2 CPUs for 2 workers")


@needs_two_cpus
def test_a_worker_killed_mid_run_loses_no_answer() -> None:
    formulas = [boxed_php(5), boxchain_invalid(3)] * 8
    batch = prove_many(formulas, jobs=2)
    first = next(batch)
    (victim, *_) = _workers_of(os.getpid())
    os.kill(victim, signal.SIGKILL)
    answers = [first, *batch]
    assert [a.index for a in answers] == list(range(16))
    assert [a.valid for a in answers] == [True, False] * 8  # every one answered, retried
    assert _workers_of(os.getpid()) == []  # and none left behind


KILLER = """
import os, signal
import lobkit.chunks as chunks
_answer_chunk = chunks.answer_chunk
def answer_chunk(request):
    if "doomed" in request:  # this formula kills whatever worker takes it
        os.kill(os.getpid(), signal.SIGKILL)
    return _answer_chunk(request)
chunks.answer_chunk = answer_chunk
"""


@needs_two_cpus
def test_a_formula_that_kills_its_worker_twice_is_an_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sitecustomize.py").write_text(KILLER)  # loaded by the workers only
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    formulas = ["p -> p"] * 70 + ["doomed -> doomed"] + ["[]p -> p"] * 70
    answers = list(prove_many(formulas, jobs=2))
    assert [a.index for a in answers] == list(range(141))
    assert [a.valid for a in answers] == [True] * 70 + [None] + [False] * 70
    assert "killed by SIGKILL" in (answers[70].error or "")
    assert _workers_of(os.getpid()) == []


def _start(argv: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "lobkit", *argv],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@needs_two_cpus
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_every_worker(tmp_path: Path, signum: int) -> None:
    (tmp_path / "slow.txt").write_text(f"{lob_nest(40)}\n" * 40)
    process = _start(["prove", "--file", "slow.txt", "-j", "2", "--brief"], tmp_path)
    _wait_for(lambda: len(_workers_of(process.pid)) == 2)
    workers = _workers_of(process.pid)
    process.send_signal(signum)
    _, err = process.communicate(timeout=10)
    assert process.returncode == (143 if signum == signal.SIGTERM else 130)
    assert "Traceback" not in err
    _wait_for(lambda: not any(Path(f"/proc/{w}").exists() for w in workers), 2)


def _rows(path: Path) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    for row in rows:
        row.pop("seconds")
    return rows


@needs_two_cpus
def test_a_killed_and_resumed_run_gives_the_uninterrupted_output(tmp_path: Path) -> None:
    lines = [str(boxed_php(6)), "[]p -> p", str(lob_nest(12)), "[]([]p -> p) -> []p"] * 10
    (tmp_path / "in.txt").write_text("\n".join(lines) + "\n")
    argv = ["prove", "--file", "in.txt", "-j", "2"]
    whole = _start([*argv, "--output", "whole.jsonl"], tmp_path)
    killed = _start([*argv, "--output", "resumed.jsonl"], tmp_path)
    resumed = tmp_path / "resumed.jsonl"
    _wait_for(lambda: resumed.exists() and resumed.read_text().count("\n") >= 6)
    killed.kill()  # SIGKILL: no chance to tidy up; its workers leave by themselves
    killed.communicate()
    assert whole.wait(120) == 1
    half = resumed.read_text().count("\n")
    assert 6 <= half < len(lines)
    again = _start([*argv, "--output", "resumed.jsonl", "--resume"], tmp_path)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 1, err
    assert "resumed after" in err
    assert _rows(resumed) == _rows(tmp_path / "whole.jsonl")
    assert len(_rows(resumed)) == len(lines)
    _wait_for(lambda: _workers_of(killed.pid) == [], 2)


def test_resume_refuses_another_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("p -> p\n[]p -> p\n")
    (tmp_path / "b.txt").write_text("q -> q\n[]p -> p\n")
    out = tmp_path / "out.jsonl"
    assert main(["prove", "--file", str(tmp_path / "a.txt"), "--output", str(out)]) == 1
    assert main(["prove", "--file", str(tmp_path / "a.txt"), "--output", str(out)]) == 2
    assert "add --resume" in capsys.readouterr().err
    assert main(["prove", "--file", str(tmp_path / "b.txt"), "--output", str(out), "--resume"]) == 2
    assert f"{out}:1: answers 'p -> p'" in capsys.readouterr().err
    args = ["prove", "--file", str(tmp_path / "a.txt"), "--output", str(out), "--resume"]
    assert main([*args, "--brief"]) == 2
    assert main(args) == 1  # nothing left to do: the file answers everything already
    assert "resumed after 2 answers" in capsys.readouterr().err
    assert len(_rows(out)) == 2


def test_a_broken_executor_answers_every_line_with_its_error() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(1)
    pool.shutdown()  # refuses every submission
    answers = list(prove_many(["p -> p", "[]p -> p"], executor=pool))
    assert [(a.index, a.valid) for a in answers] == [(0, None), (1, None)]
    assert "the executor refused it: RuntimeError" in (answers[0].error or "")


def test_timeouts_are_checked_and_huge_ones_are_no_limit() -> None:
    (answer,) = prove_many(["p -> p"], timeout=1e308)  # a timer would overflow: no limit
    assert answer.valid is True
    for bad in (0, -1, float("nan"), "5"):
        with pytest.raises(InputError, match="timeout must be"):
            prove_many(["p"], timeout=bad)  # type: ignore[arg-type]


def test_progress_bar_with_rate_on_a_terminal_only(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    (tmp_path / "f.txt").write_text("p -> p\n" * 300)
    argv = [sys.executable, "-m", "lobkit", "prove", "--file", "f.txt", "--brief"]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    out = tmp_path / "out.jsonl"
    with out.open("wb") as sink:
        process = subprocess.Popen(argv, cwd=tmp_path, stdout=sink, stderr=follower)
    os.close(follower)
    shown = b""
    with contextlib.suppress(OSError):  # read the terminal as it is drawn, until it closes
        while chunk := os.read(leader, 65536):
            shown += chunk
    os.close(leader)
    assert process.wait(60) == 0 and out.read_bytes().count(b"\n") == 300
    assert b"formula/s" in shown or b"s/formula" in shown  # tqdm's rate (and time left)
    piped = subprocess.run(argv, cwd=tmp_path, capture_output=True, timeout=60)
    assert b"formula/s" not in piped.stderr and b"\r" not in piped.stderr


def test_the_logic_s_in_batch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prove", "[]p -> p", "[]([]p -> p)", "--logic", "S"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["1: []p -> p: theorem of S", "2: []([]p -> p): not a theorem of S"]
    assert main(["prove", "[T0]p", "p -> p", "--logic", "S", "--format", "json"]) == 3
    rows = _lines(capsys.readouterr().out)
    assert rows[0]["valid"] is None and "names a theory" in rows[0]["error"]  # type: ignore[operator]
    assert rows[1]["valid"] is True


def test_prove_many_decides_s_as_prove_does() -> None:
    """Issue 24: `prove_many(…, "S")` as `prove(…, "S")` (Solovay's reduction to GL)."""
    from lobkit import prove
    from lobkit.batch import prove_many

    formulas = ["~[]false", "[]p -> p", "[]false", "[]([]p -> p) -> []p"]
    answers = list(prove_many(formulas, "S"))
    assert [a.logic for a in answers] == ["S"] * 4
    assert [a.valid for a in answers] == [prove(f, "S").valid for f in formulas]
    assert [a.valid for a in answers] == [True, True, False, True]
    assert list(prove_many(formulas, "s", jobs=2))[0].valid is True
