"""Running chunks of work on workers: in this process, on worker processes of this machine
(`lobkit.batch_pool`), or on any `concurrent.futures.Executor` (a Dask client's), with the same
fault handling and order for all three. `lobkit.batch`, `lobkit.enumeration` and
`lobkit.tournament` send their chunks through here.

A chunk is JSON text (`{"kind", "jobs"}`) answered by `lobkit.chunks.answer_chunk`; every job
has an index `"i"`, and `drive` yields the answers in that order. A chunk whose worker dies or
whose future fails is split into its jobs and retried once; a job that fails again is answered
with an error line. The input is cut by `chunk_size`, which depends on the input's length only,
so answers do not depend on who computed them.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lobkit.chunks import answer_chunk
from lobkit.errors import InputError

__all__ = ["Chunk", "backend_for", "chunk_size", "drive", "workers_for"]

MAX_CHUNK = 32


def chunk_size(total: int) -> int:
    """Formulas per chunk for an input of `total`: large enough that a cheap formula's answer
    pays for its trip to a worker, small enough that workers share the load. Depends on
    `total` only, so answers (certificates included) do not depend on who computed them."""
    return max(1, min(MAX_CHUNK, total // 64))


def workers_for(jobs: int, total: int) -> int:
    """The worker processes that help: no more than asked, than this machine's CPUs (a
    decision is CPU-bound), or than there are chunks."""
    from lobkit.batch_pool import usable_cpus

    chunks = -(-total // chunk_size(total)) if total else 0
    return max(1, min(jobs, usable_cpus(), chunks))


@dataclass
class Chunk:
    jobs: list[dict[str, Any]]
    attempt: int = 0
    kind: str = "prove"

    def request(self) -> str:
        return json.dumps({"kind": self.kind, "jobs": self.jobs}, ensure_ascii=False)


class _InProcess:
    """jobs=1 without an executor: answer here, one chunk at a time."""

    capacity = 1

    def __init__(self) -> None:
        self._pending: deque[Chunk] = deque()

    def submit(self, chunk: Chunk) -> None:
        self._pending.append(chunk)

    def next_done(self) -> tuple[Chunk, str | None, str]:
        chunk = self._pending.popleft()
        return chunk, answer_chunk(chunk.request()), ""

    def close(self) -> None:
        pass


class _Processes:
    """`jobs=N`: the worker processes of `lobkit.batch_pool`."""

    def __init__(self, workers: int) -> None:
        from lobkit.batch_pool import WorkerPool

        self.pool = WorkerPool(workers)
        self.capacity = self.pool.capacity

    def submit(self, chunk: Chunk) -> None:
        self.pool.submit(chunk, chunk.request())

    def next_done(self) -> tuple[Chunk, str | None, str]:
        chunk, line, why = self.pool.next_done()
        return chunk, line, why

    def close(self) -> None:
        self.pool.close()

    def kill(self) -> None:
        self.pool.kill()


class _OnExecutor:
    """Any `concurrent.futures.Executor` (a Dask client's `get_executor()`): chunks are
    submitted as futures of `answer_chunk`, a few per worker in flight."""

    def __init__(self, executor: cf.Executor, capacity: int) -> None:
        self.executor = executor
        self.capacity = capacity
        self._futures: dict[cf.Future[str], Chunk] = {}
        self._failed: deque[tuple[Chunk, str]] = deque()

    def submit(self, chunk: Chunk) -> None:
        try:
            future = self.executor.submit(answer_chunk, chunk.request())
        except Exception as error:  # a broken pool: this chunk fails, the batch goes on
            self._failed.append((chunk, f"the executor refused it: {_reason(error)}"))
            return
        self._futures[future] = chunk

    def next_done(self) -> tuple[Chunk, str | None, str]:
        while not self._failed:
            done, _ = cf.wait(list(self._futures), timeout=0.25, return_when=cf.FIRST_COMPLETED)
            if done:
                future = next(iter(done))
                chunk = self._futures.pop(future)
                try:
                    return chunk, future.result(), ""
                except Exception as error:
                    return chunk, None, f"its worker failed: {_reason(error)}"
        chunk, why = self._failed.popleft()
        return chunk, None, why

    def close(self) -> None:
        for future in self._futures:
            future.cancel()
        self._futures.clear()


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def _as_executor(executor: Any) -> cf.Executor:
    """An executor from an `Executor` or a Dask `distributed.Client` (whose executor retries a
    task once if it raises; a task whose worker died is rescheduled by Dask itself)."""
    if isinstance(executor, cf.Executor):
        return executor
    get = getattr(executor, "get_executor", None)
    if get is not None:
        return get(retries=1, pure=False)
    raise InputError(
        f"executor must be a concurrent.futures.Executor or a Dask Client, "
        f"not {type(executor).__name__}"
    )


def _executor_workers(executor: Any) -> int:
    nthreads = getattr(executor, "nthreads", None)  # a Dask client: threads per worker
    if callable(nthreads):
        try:
            return max(1, sum(nthreads().values()))
        except Exception:  # pragma: no cover - a client that lost its scheduler
            return 1
    return max(1, int(getattr(executor, "_max_workers", 1) or 1))


def run_chunks(
    chunks: Iterator[Chunk], backend: Any, on_failure: Callable[[dict[str, Any], str], None]
) -> Iterator[list[dict[str, Any]]]:
    """Keep `backend` busy with `chunks` (pulled lazily); yield each chunk's answers as they
    come. A failed chunk is split into single formulas and retried once; a formula that fails
    again is answered by `on_failure`'s error line. Lobkit's own retry, on top of Dask's."""
    retry: deque[Chunk] = deque()
    in_flight = 0
    exhausted = False
    while True:
        while in_flight < backend.capacity:
            if retry:
                chunk = retry.popleft()
            elif not exhausted:
                pulled = next(chunks, None)
                if pulled is None:
                    exhausted = True
                    continue
                chunk = pulled
            else:
                break
            backend.submit(chunk)
            in_flight += 1
        if in_flight == 0:
            return
        chunk, line, why = backend.next_done()
        in_flight -= 1
        if line is not None:
            yield json.loads(line)["answers"]
        elif not why:  # never begun (queued behind a chunk whose worker died): no attempt used
            retry.appendleft(chunk)
        elif chunk.attempt == 0:
            retry.extend(Chunk([job], 1, chunk.kind) for job in chunk.jobs)
        else:
            yield [_failed(job, why, on_failure) for job in chunk.jobs]


def _failed(
    job: dict[str, Any], why: str, on_failure: Callable[[dict[str, Any], str], None]
) -> dict[str, Any]:
    on_failure(job, why)
    error = f"no answer: {why}, twice"
    if "formula" not in job:  # a match of a tournament
        return {
            "i": job["i"],
            "left": job["left"],
            "right": job["right"],
            "moves": None,
            "proved_in": None,
            "verified": False,
            "error": error,
            "seconds": 0.0,
        }
    logic = job["logic"] if isinstance(job["logic"], str) else job["logic"]["frame"]
    return {
        "i": job["i"],
        "line": job["line"],
        "formula": job["formula"],
        "logic": logic,
        "valid": None,
        "seconds": 0.0,
        "certificate": None,
        "error": error,
    }


def in_order(answers: Iterator[list[dict[str, Any]]], start: int = 0) -> Iterator[dict[str, Any]]:
    """The answers of `run_chunks` by their index `"i"`, from `start`, each as soon as all
    before it are there."""
    waiting: dict[int, dict[str, Any]] = {}
    following = start
    for batch in answers:
        for answer in batch:
            waiting[answer["i"]] = answer
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def backend_for(jobs: int, total: int, executor: Any) -> tuple[Any, int, str]:
    """The backend for a run, the workers it has and a name for them."""
    if executor is not None:
        chosen = _as_executor(executor)
        workers = _executor_workers(executor)
        name = type(executor).__name__
        if chosen is not executor:
            name = f"a Dask cluster ({workers} worker thread{'s' if workers != 1 else ''})"
        return _OnExecutor(chosen, capacity=max(4, 3 * workers)), workers, name
    workers = workers_for(jobs, total)
    if workers <= 1:
        return _InProcess(), 1, "this process"
    return _Processes(workers), workers, f"{workers} worker processes"


def drive(
    chunks: Iterator[Chunk],
    backend: Any,
    start: int = 0,
    on_failure: Callable[[dict[str, Any], str], None] = lambda job, why: None,
) -> Iterator[dict[str, Any]]:
    """Answers (as JSON dicts, in order from `start`) of `chunks` on `backend`; the backend's
    workers are stopped however the iteration ends (exhausted, closed, interrupted)."""
    try:
        yield from in_order(run_chunks(chunks, backend, on_failure), start)
    except BaseException:
        kill = getattr(backend, "kill", None)
        if kill is not None:
            kill()
        raise
    finally:
        backend.close()
