"""Batch proving: many formulas, one certified answer each, in order, on N worker processes.

`prove_many` yields one `BatchResult` per formula in input order whatever `jobs` is (the
workers' answers are collected in submission order), so output is deterministic but for the
timings. Every answer is `prove`'s: a proof or countermodel checked by the independent checker
inside the worker; only its JSON crosses the process boundary. A formula that reaches the time
limit is answered with `valid: None` and the limit's message, and the batch goes on.

Workers are started with `spawn` (no fork of a process that may hold z3 state) and answer
contiguous chunks of the input. Each chunk is decided by one `Prover` (the shared engine of
`lobkit.prover`: what its SAT solver learns on one formula speeds up the next), made fresh
for the chunk, so an answer's certificate depends only on the input and `jobs` — never on
which worker happened to take which chunk.

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
    solver: str


def _answer(job: _Job, engines: dict[tuple[Formula, ...], Any]) -> BatchResult:
    """Prove one formula with the chunk's engine for its premises (made on first use)."""
    from lobkit.prover.pipeline import Prover

    start = time.perf_counter()
    truth = _is_truth(job.logic)
    name = "S" if truth else Logic.coerce(job.logic).frame
    result: Any
    try:
        if truth:  # Solovay's S: its own reduction to GL per formula, as `prove(f, "S")`
            from lobkit.prover.solovay import prove_truth

            result = prove_truth(
                job.formula, premises=job.premises, timeout=job.timeout, solver=job.solver
            )
        else:
            engine = engines.get(job.premises)
            if engine is None:
                engine = engines[job.premises] = Prover(
                    Logic.coerce(job.logic), premises=job.premises, solver=job.solver
                )
            result = engine.prove(job.formula, timeout=job.timeout)
    except ResourceLimit as error:
        return BatchResult(
            job.index,
            job.line,
            str(job.formula),
            name,
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
        name,
        result.valid,
        result.seconds,
        certificate,
    )


def _is_truth(logic: str | Logic) -> bool:
    """Solovay's logic S ("S", any case): decided by `prove_truth`, not by a `Logic`."""
    return isinstance(logic, str) and logic.strip().upper() == "S"


def _answer_chunk(jobs: list[_Job]) -> list[BatchResult]:
    engines: dict[tuple[Formula, ...], Any] = {}  # one engine per (chunk, premises)
    return [_answer(job, engines) for job in jobs]


def _jobs(
    formulas: Iterable[Formula | str | Entry],
    logic: str | Logic,
    premises: tuple[Formula, ...],
    timeout: float | None,
    solver: str,
) -> list[_Job]:
    jobs = []
    for index, item in enumerate(formulas):
        if isinstance(item, Entry):
            jobs.append(
                _Job(
                    index,
                    item.line,
                    item.formula,
                    premises + item.premises,
                    logic,
                    timeout,
                    solver,
                )
            )
        else:
            formula = as_formula(item, f"formula {index + 1}")
            jobs.append(_Job(index, index + 1, formula, premises, logic, timeout, solver))
    return jobs


def prove_many(
    formulas: Iterable[Formula | str | Entry],
    logic: str | Logic = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    jobs: int = 1,
    timeout: float | None = None,
    solver: str | None = None,
) -> Iterator[BatchResult]:
    """Decide every formula (strings are parsed first, all before any is proved) and yield
    the answers in input order. `jobs` worker processes share the work; `timeout` is per
    formula; `solver` names the SAT backend (default: lobkit's). Entries read by
    `lobkit.formats` bring their line and their own premises."""
    from lobkit.sat import DEFAULT_SOLVER, check_solver_name

    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    if not _is_truth(logic):
        Logic.coerce(logic)  # an unknown logic is an error before any work starts
    shared = tuple(as_formula(p, "premise") for p in premises)
    name = check_solver_name(solver or DEFAULT_SOLVER)
    work = _jobs(formulas, logic, shared, timeout, name)
    workers = min(jobs, len(work))
    # Chunks small enough to balance the load and keep the progress bar moving.
    size = max(1, min(64, len(work) // (workers * 8) or 1))
    chunks = [work[i : i + size] for i in range(0, len(work), size)]
    if workers <= 1:
        for chunk in chunks:
            yield from _answer_chunk(chunk)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for answers in pool.map(_answer_chunk, chunks):
            yield from answers
