"""Batch proving: many formulas, one certified answer each, in order, on N worker processes.

`prove_many` yields one `BatchResult` per formula in input order whatever `jobs` is (the
workers' answers are collected in submission order), so output is deterministic but for the
timings. Every answer is `prove`'s: a proof or countermodel checked by the independent checker
inside the worker; only its JSON crosses the process boundary. A formula that reaches the time
limit is answered with `valid: None` and the limit's message, and the batch goes on.

Workers are started with `spawn` (no fork of a process that may hold z3 state) and each
answers a contiguous chunk of the input, so start-up is paid once per worker.

>>> [r.valid for r in prove_many(["[]([]p -> p) -> []p", "[]p -> p"])]
[True, False]
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from lobkit.errors import InputError, ResourceLimit
from lobkit.formats.document import Entry
from lobkit.formula import Formula
from lobkit.kernel import Logic
from lobkit.syntax import as_formula

__all__ = ["BatchResult", "prove_many"]


@dataclass(frozen=True)
class BatchResult:
    """One formula's answer: `valid` (None when a limit stopped it), its certificate as JSON
    (`{"proof": …}` or `{"countermodel": …}`), the seconds it took, its line in the input."""

    index: int
    line: int
    formula: str
    logic: str
    valid: bool | None
    seconds: float
    certificate: dict[str, Any] | None
    error: str | None = None

    def to_json(self, *, brief: bool = False) -> dict[str, Any]:
        """`{"line", "formula", "logic", "valid", "seconds", "certificate"}` (+ `"error"` when a
        limit was reached); `brief` leaves the certificate out."""
        out: dict[str, Any] = {
            "line": self.line,
            "formula": self.formula,
            "logic": self.logic,
            "valid": self.valid,
            "seconds": round(self.seconds, 6),
        }
        if not brief:
            out["certificate"] = self.certificate
        if self.error is not None:
            out["error"] = self.error
        return out


@dataclass(frozen=True)
class _Job:
    index: int
    line: int
    formula: Formula
    premises: tuple[Formula, ...]
    logic: str | Logic
    timeout: float | None


def _answer(job: _Job) -> BatchResult:
    """Prove one formula (in a worker, or in-process when `jobs` is 1)."""
    from lobkit.prover import prove

    start = time.perf_counter()
    lg = Logic.coerce(job.logic)
    try:
        result = prove(job.formula, lg, premises=job.premises, timeout=job.timeout)
    except ResourceLimit as error:
        return BatchResult(
            job.index,
            job.line,
            str(job.formula),
            lg.frame,
            None,
            time.perf_counter() - start,
            None,
            str(error),
        )
    if result.proof is not None:
        certificate = {"proof": result.proof.to_json()}
    else:
        assert result.countermodel is not None
        certificate = {"countermodel": result.countermodel.to_json()}
    return BatchResult(
        job.index,
        job.line,
        str(job.formula),
        lg.frame,
        result.valid,
        result.seconds,
        certificate,
    )


def _answer_chunk(jobs: list[_Job]) -> list[BatchResult]:
    return [_answer(job) for job in jobs]


def _jobs(
    formulas: Iterable[Formula | str | Entry],
    logic: str | Logic,
    premises: tuple[Formula, ...],
    timeout: float | None,
) -> list[_Job]:
    jobs = []
    for index, item in enumerate(formulas):
        if isinstance(item, Entry):
            jobs.append(
                _Job(index, item.line, item.formula, premises + item.premises, logic, timeout)
            )
        else:
            formula = as_formula(item, f"formula {index + 1}")
            jobs.append(_Job(index, index + 1, formula, premises, logic, timeout))
    return jobs


def prove_many(
    formulas: Iterable[Formula | str | Entry],
    logic: str | Logic = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    jobs: int = 1,
    timeout: float | None = None,
) -> Iterator[BatchResult]:
    """Decide every formula (strings are parsed first, all before any is proved) and yield
    the answers in input order. `jobs` worker processes share the work; `timeout` is per
    formula. Entries read by `lobkit.formats` bring their line and their own premises."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    Logic.coerce(logic)  # an unknown logic is an error before any work starts
    shared = tuple(as_formula(p, "premise") for p in premises)
    work = _jobs(formulas, logic, shared, timeout)
    if jobs == 1 or len(work) < 2:
        for job in work:
            yield _answer(job)
        return
    workers = min(jobs, len(work))
    # Chunks small enough to balance the load and keep the progress bar moving.
    size = max(1, min(64, len(work) // (workers * 8) or 1))
    chunks = [work[i : i + size] for i in range(0, len(work), size)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for answers in pool.map(_answer_chunk, chunks):
            yield from answers
