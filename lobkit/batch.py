"""Batch proving: many formulas, one certified answer each, in input order, on worker processes
of this machine (`jobs=N`) or on any `concurrent.futures.Executor` (`executor=`: a Dask
cluster's, a process pool's).

`prove_many` returns a `Batch`: an iterator of `BatchResult`s in input order whatever runs it
(answers are buffered until their turn), which also counts what it has seen and shows itself
in Jupyter. Every answer is `prove`'s: a proof or countermodel checked by the independent
kernel where it was computed; only JSON text crosses to and from workers (no pickled formula
trees, so depth is no limit). `BatchResult.result` turns that JSON back into a `ProofResult`
(`Proof.from_json`, `Countermodel.from_json`), ready to plot.

The input is cut into chunks whose size depends only on the number of formulas
(`chunk_size`), never on `jobs` or on the executor; each chunk is decided by one shared
`Prover` (what its SAT solver learns on one formula speeds up the next), made fresh for the
chunk. So every answer, certificate included, is the same with 1 worker, 2, or a cluster.

Faults: a chunk whose worker dies (or whose future fails) is retried once, one formula at a
time; a formula that fails again is answered with `valid: None` and the reason, so nothing is
lost and the order is kept. A formula that reaches the time limit is answered the same way.

>>> [r.valid for r in prove_many(["[]([]p -> p) -> []p", "[]p -> p", "[]p -> p"], "S")]
[True, True, True]
>>> [r.valid for r in prove_many([])]
[]
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lobkit.chunks import TRUTH, job_json, logic_json
from lobkit.dispatch import Chunk, backend_for, chunk_size, drive, workers_for
from lobkit.errors import InputError
from lobkit.formats.document import Entry
from lobkit.formula import Displayable, Formula
from lobkit.kernel import LabelledProof, Logic, Proof, ReflexiveProof
from lobkit.syntax import as_formula

if TYPE_CHECKING:
    from lobkit.prover.pipeline import ProofResult

__all__ = ["Batch", "BatchResult", "chunk_size", "prove_many", "workers_for"]

MAX_TIMEOUT = 1e9  # seconds (31 years): a larger timeout is no limit (timers overflow near 9e9)
SHOWN_ROWS = 50  # a Batch keeps its first answers for its display, not all of them


@dataclass(frozen=True)
class BatchResult(Displayable):
    """One formula's answer: `valid` (None when a limit or a worker's death stopped it, with
    the reason in `error`), its certificate as JSON (`{"proof": …}` or `{"countermodel": …}`;
    for S, GL's certificate of Solovay's reduced formula), the seconds it took, its index and
    line in the input. `result` rebuilds the `ProofResult`."""

    index: int
    line: int
    formula: str
    logic: str
    valid: bool | None
    seconds: float
    certificate: dict[str, Any] | None
    error: str | None = None
    checked_in: Logic | None = field(default=None, repr=False, compare=False)

    def to_json(self, *, brief: bool = False) -> dict[str, Any]:
        """`{"line", "formula", "logic", "valid", "seconds", "certificate"}` (+ `"error"` when a
        limit was reached or a worker died); `brief` leaves the certificate out."""
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

    @property
    def result(self) -> ProofResult | None:
        """The answer as `prove` gives it — a `ProofResult` (a `TruthResult` for S) with its
        `Proof` or `Countermodel` read back from the certificate — or None without one."""
        from lobkit.kernel.countermodel import Countermodel
        from lobkit.prover.pipeline import ProofResult
        from lobkit.syntax import parse

        if self.valid is None or self.certificate is None:
            return None
        goal = parse(self.formula, source=f"<line {self.line}>")
        logic = self.checked_in or Logic.named("GL" if self.logic == TRUTH else self.logic)
        reduction = None
        target = goal
        if self.logic == TRUTH:
            from lobkit.prover.solovay import solovay_reduction

            reduction = solovay_reduction(goal)
            target = reduction.reduced
        proof = model = None
        if "proof" in self.certificate:
            proof = _proof_from_json(self.certificate["proof"], logic)
        else:
            import dataclasses

            model = Countermodel.from_json(self.certificate["countermodel"])
            model = dataclasses.replace(model, formula=target, logic=logic)
        if reduction is not None:
            from lobkit.prover.solovay import TruthResult

            return TruthResult(
                goal,
                logic,
                self.valid,
                proof,
                model,
                self.seconds,
                reduction.reduced,
                reduction.instances,
            )
        return ProofResult(goal, logic, self.valid, proof, model, self.seconds)


def _proof_from_json(data: Any, logic: Logic) -> Proof | ReflexiveProof | LabelledProof:
    """A proof's JSON read back as the type that printed it (its `"calculus"`: a G3 proof has
    none; T and S4's is "reflexive", the labelled search's "labelled")."""
    calculus = data.get("calculus") if isinstance(data, dict) else None
    if calculus == "reflexive":
        return ReflexiveProof.from_json(data, logic.frame)
    if calculus == "labelled":
        return LabelledProof.from_json(data, logic.frame)
    return Proof.from_json(data, logic)


class Batch(Displayable, Iterator[BatchResult]):
    """The answers of `prove_many`, in input order, as they come: iterate it (once). It
    counts theorems, non-theorems and errors, times the run, keeps its first `SHOWN_ROWS`
    answers, and shows all that in Jupyter (which finishes the run first)."""

    def __init__(self, answers: Iterator[BatchResult], total: int, workers: int, where: str):
        self._answers = answers
        self.total = total
        self.workers = workers
        self.where = where  # "this process", "2 worker processes", an executor's name
        self.counts = {"theorems": 0, "not_theorems": 0, "errors": 0}
        self.first: list[BatchResult] = []
        self.done = 0
        self.started = time.perf_counter()
        self.seconds = 0.0
        self.finished = False

    def __iter__(self) -> Batch:
        return self

    def __next__(self) -> BatchResult:
        try:
            answer = next(self._answers)
        except StopIteration:
            self.finished = True
            self.seconds = time.perf_counter() - self.started
            raise
        key = "errors" if answer.valid is None else "theorems" if answer.valid else "not_theorems"
        self.counts[key] += 1
        self.done += 1
        if len(self.first) < SHOWN_ROWS:
            self.first.append(answer)
        self.seconds = time.perf_counter() - self.started
        return answer

    def close(self) -> None:
        """Stop the run now: workers are stopped, answers not yet given are dropped."""
        close = getattr(self._answers, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def results(self) -> list[BatchResult]:
        """Every remaining answer, in order (and the run finished)."""
        return list(self)

    def __repr__(self) -> str:
        state = "finished" if self.finished else "running"
        return (
            f"<Batch {self.done}/{self.total} {state}: {self.counts['theorems']} theorems, "
            f"{self.counts['not_theorems']} not, {self.counts['errors']} errors, "
            f"{self.seconds:.2f}s on {self.where}>"
        )


def prove_many(
    formulas: Iterable[Formula | str | Entry],
    logic: str | Logic = "GL",
    *,
    premises: Iterable[Formula | str] = (),
    jobs: int = 1,
    timeout: float | None = None,
    solver: str | None = None,
    executor: Any = None,
    skip: int = 0,
    chunk: int | None = None,
) -> Batch:
    """Decide every formula (strings are parsed first, all before any is proved) and yield
    the answers in input order. `jobs` worker processes share the work (capped to the CPUs
    and chunks there are: `workers_for`), or `executor` runs it (any
    `concurrent.futures.Executor`, or a Dask `distributed.Client`); `timeout` is per formula;
    `solver` names the SAT backend (default: lobkit's); `skip` leaves out the first answers
    (a resumed run); `chunk` sets the formulas per chunk (default: `chunk_size`). Entries
    read by `lobkit.formats` bring their line and own premises.
    Works in a plain script: workers never import the caller's `__main__`."""
    from lobkit.sat import DEFAULT_SOLVER, check_solver_name

    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
        raise InputError(f"skip must be a whole number of at least 0, not {skip!r}")
    truth = isinstance(logic, str) and logic.strip().upper() == TRUTH
    base = None if truth else Logic.coerce(logic)  # an unknown logic fails before any work
    shared = tuple(as_formula(p, "premise") for p in premises)
    if truth and shared:
        raise InputError("the logic S takes no global premises (write them as antecedents)")
    name = check_solver_name(solver or DEFAULT_SOLVER)
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            raise InputError(f"timeout must be a number of seconds, not {timeout!r}")
        if not timeout > 0:  # NaN too
            raise InputError(f"timeout must be above 0 seconds, not {timeout!r}")
        if timeout > MAX_TIMEOUT:  # beyond what a timer can hold: no limit at all
            timeout = None
    wire = TRUTH if base is None else logic_json(base if base.direct else base.frame)
    extra = () if base is None else base.premises
    entries: list[tuple[int, Formula, tuple[Formula, ...]]] = []
    for index, item in enumerate(formulas):
        if isinstance(item, Entry):
            entries.append((item.line, item.formula, shared + item.premises))
        else:
            entries.append((index + 1, as_formula(item, f"formula {index + 1}"), shared))
    if truth and any(own for _, _, own in entries):
        raise InputError("the logic S takes no premises (write them as antecedents)")
    total = len(entries)
    if chunk is not None and (isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1):
        raise InputError(f"chunk must be a whole number of at least 1, not {chunk!r}")
    size = chunk or chunk_size(total)
    first = min(skip, total)

    def chunks() -> Iterator[Chunk]:
        for begin in range(first, total, size):
            yield Chunk(
                [
                    job_json(i, line, f, wire, extra + own, timeout, name)
                    for i, (line, f, own) in enumerate(entries[begin : begin + size], begin)
                ]
            )

    def checked_in(own: tuple[Formula, ...]) -> Logic:
        return (base or Logic.named("GL")).with_premises(own)

    backend, workers, where = backend_for(jobs, total - first, executor)

    def answers() -> Iterator[BatchResult]:
        for data in drive(chunks(), backend, first):
            own = entries[data["i"]][2]
            yield BatchResult(
                data["i"],
                data["line"],
                data["formula"],
                data["logic"],
                data["valid"],
                data["seconds"],
                data["certificate"],
                data.get("error"),
                checked_in(own),
            )

    return Batch(answers(), total - first, workers, where)
