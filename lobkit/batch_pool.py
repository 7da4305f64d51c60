"""The worker processes of `prove_many(..., jobs=N)`: each is `python -m lobkit.batch_pool`,
a process of its own that never imports the caller's script.

Why not `multiprocessing`: its `spawn` and `forkserver` start methods re-import the user's
`__main__`, so a plain script calling `prove_many(jobs=2)` without an
`if __name__ == "__main__":` guard would start its batch again in every worker (Python's
"An attempt has been made to start a new process before…"), and `fork` copies a process that
may hold solver state and threads. A worker started as its own module needs neither: chunks go
to it as one JSON line on its stdin, answers come back as one JSON line on its stdout — text
both ways, so a formula 500 conjunctions deep crosses without recursive pickling.

A worker ignores SIGINT (the parent decides), leaves when its stdin closes, and leaves within
half a second when its parent is gone (a watchdog thread), so none outlives the batch. The
parent (`WorkerPool`) detects a worker's death as end-of-file on its stdout and reports the
chunk it held as failed; `lobkit.batch` retries it.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections import deque
from typing import IO, Any

__all__ = ["WorkerPool", "stop_all_workers", "usable_cpus"]

_LIVE: weakref.WeakSet[WorkerPool] = weakref.WeakSet()
NOT_STARTED = ""  # the reason given for a task queued at a worker that died before taking it


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def stop_all_workers() -> None:
    """Kill every live worker of every pool (signal handlers call this; thread-safe)."""
    for pool in list(_LIVE):
        pool.kill()


class _Worker:
    def __init__(self, number: int) -> None:
        self.number = number
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lobkit.batch_pool", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,  # a worker's warnings reach the user's stderr
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.tasks: deque[Any] = deque()  # what it was asked, in order (it answers in order)


class WorkerPool:
    """Up to `size` worker processes, up to `DEPTH` tasks queued at each (so a worker never
    waits for the parent to hand it the next chunk). `submit(task, text)` sends a request
    line; `next_done()` blocks until a worker answers (the answer's line) or dies (None), and
    returns `(task, line_or_None, why)`; `why` is `NOT_STARTED` for a task that was queued
    at a dead worker but never begun (to be sent again as it is). Dead workers are replaced
    on demand."""

    DEPTH = 2

    def __init__(self, size: int) -> None:
        self.size = size
        self.capacity = size * self.DEPTH
        self._workers: list[_Worker] = []
        self._events: queue.Queue[tuple[_Worker, str | None]] = queue.Queue()
        self._failed: deque[tuple[Any, str]] = deque()  # tasks of a dead worker, not yet told
        self._started = 0
        self._lock = threading.Lock()
        _LIVE.add(self)

    def _worker_with_room(self) -> _Worker:
        if len(self._workers) < self.size:
            return self._start()
        worker = min(self._workers, key=lambda w: len(w.tasks))
        if len(worker.tasks) >= self.DEPTH:
            raise RuntimeError("every worker is full")  # pragma: no cover - the caller counts
        return worker

    def _start(self) -> _Worker:
        with self._lock:
            worker = _Worker(self._started)
            self._started += 1
            self._workers.append(worker)
        threading.Thread(
            target=self._read, args=(worker,), name=f"lobkit-worker-{worker.number}", daemon=True
        ).start()
        return worker

    def _read(self, worker: _Worker) -> None:
        stream = worker.process.stdout
        assert stream is not None
        with contextlib.suppress(OSError, ValueError):
            for line in stream:
                self._events.put((worker, line))
        self._events.put((worker, None))

    def submit(self, task: Any, request: str) -> None:
        worker = self._worker_with_room()
        worker.tasks.append(task)
        stdin = worker.process.stdin
        assert stdin is not None
        try:
            stdin.write(request + "\n")
            stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass  # it died: its reader reports end-of-file, and the task fails there

    def next_done(self) -> tuple[Any, str | None, str]:
        while not self._failed:
            try:
                worker, line = self._events.get(timeout=0.25)  # wakes for signals
            except queue.Empty:
                continue
            if line is not None:
                if not worker.tasks:  # pragma: no cover - a worker never answers unasked
                    continue
                return worker.tasks.popleft(), line, ""
            self._workers.remove(worker)
            why = _death(worker.process)
            if worker.tasks:  # the first was running; those queued behind it never started
                self._failed.append((worker.tasks.popleft(), why))
                self._failed.extend((task, NOT_STARTED) for task in worker.tasks)
            worker.tasks.clear()
        task, why = self._failed.popleft()
        return task, None, why

    def kill(self) -> None:
        """Stop every worker now (no waiting for answers)."""
        for worker in list(self._workers):
            with contextlib.suppress(OSError):
                worker.process.kill()

    def close(self) -> None:
        """Close every worker's stdin (they leave), then kill whatever has not left in a
        second; reap them all, so no process is left behind."""
        workers, self._workers = list(self._workers), []
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                if worker.tasks:
                    worker.process.kill()
                assert worker.process.stdin is not None
                worker.process.stdin.close()
        deadline = time.monotonic() + 1.0
        for worker in workers:
            try:
                worker.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            with contextlib.suppress(OSError, ValueError):
                assert worker.process.stdout is not None
                worker.process.stdout.close()
        _LIVE.discard(self)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            self.kill()
        self.close()


def _death(process: subprocess.Popen[str]) -> str:
    """Why a worker stopped answering: its exit status or the signal that killed it."""
    try:
        code = process.wait(5)
    except subprocess.TimeoutExpired:  # pragma: no cover - closed its stdout but lives on
        process.kill()
        code = process.wait()
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:  # pragma: no cover
            name = f"signal {-code}"
        return f"its worker process was killed by {name}"
    return f"its worker process exited with status {code}"


def _watch_parent(parent: int) -> None:
    """Leave when the parent is gone (its pid no longer our parent's): no orphan outlives a
    killed batch."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _serve(parent: int, requests: IO[str], answers: IO[str]) -> None:
    from lobkit.chunks import answer_chunk

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    for line in requests:
        if line.strip():
            answers.write(answer_chunk(line) + "\n")
            answers.flush()


def main() -> None:
    """The worker: answer chunks from stdin until it closes. Whatever else writes to stdout
    (a library's print) is sent to stderr, so the answer channel carries answers only."""
    parent = int(sys.argv[1]) if len(sys.argv) > 1 else os.getppid()
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's stdin
    try:
        _serve(parent, requests, answers)
    except (BrokenPipeError, KeyboardInterrupt):  # pragma: no cover - the parent left
        os._exit(1)


if __name__ == "__main__":
    main()
