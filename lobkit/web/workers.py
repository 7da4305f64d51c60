"""The server's worker processes: one per request, bounded in number, time, memory and queue.

Every job (`lobkit.web.jobs`) runs in its own process forked from a forkserver that has lobkit
imported already (fast to start, no threads inherited). A worker is stopped — killed — when

- it outlives the request's `timeout` by `GRACE` seconds (the prover's own budget stops it
  first, with a clean exit-3 answer; the kill is the backstop), or its CPU time passes the
  same bound (`RLIMIT_CPU`, in case the parent cannot act);
- the client that asked has gone (closed the connection: a superseded request the page
  aborted, a `curl` stopped with Ctrl-C): nobody would read the answer;
- the server stops (SIGINT/SIGTERM): the waiting client is answered 503 first.

Its address space is capped (`RLIMIT_AS`, `memory_mb`): a job that runs out answers exit 3
("out of memory"), and one that dies of it inside native code is reported the same way. At
most `workers` proofs, checks and collapse runs go at once, and half as many parses (the
live syntax check has a lane of its own, so it never waits behind proofs); at most `queue`
more wait in each lane, and the next one is refused at once (`Busy`, HTTP 503 with
Retry-After) instead of waiting minutes.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

__all__ = ["Limits", "Workers", "Busy", "Stopping", "GRACE"]

GRACE = 2.0
"""Seconds past the timeout before a worker is killed (the prover's budget stops it first)."""

POLL = 0.05
"""How often a waiting thread looks for the answer, the client's departure and shutdown."""


@dataclass(frozen=True)
class Limits:
    """What one request may use: seconds (the prover's `timeout`), characters of input,
    collapse work (trajectories × generations), the worker's address space in MB (`RLIMIT_AS`;
    0: none), workers at once and requests waiting for one (per lane)."""

    timeout: float = 10.0
    max_chars: int = 200_000
    max_work: int = 2 * 10**7
    workers: int = 2
    queue: int = 8
    memory_mb: int = 2048

    @property
    def max_body(self) -> int:
        """Bytes of one request body: the text at 4 UTF-8 bytes a character (or 6 for a JSON
        escape of one, `\\u00e9`), and room for the other fields and multipart framing."""
        return self.max_chars * 6 + 64 * 1024

    def as_dict(self) -> dict[str, Any]:
        return {
            "timeout": self.timeout,
            "max_chars": self.max_chars,
            "max_work": self.max_work,
            "memory_mb": self.memory_mb,
            "workers": self.workers,
            "queue": self.queue,
        }


class Busy(Exception):
    """Every worker is busy and the queue is full: answered 503 with Retry-After."""

    def __init__(self, waiting: int, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"the server is busy ({waiting} requests waiting); try again in {retry_after} s "
            "(or raise lobkit serve --queue / --workers)"
        )


class Stopping(Exception):
    """The server is shutting down: answered 503."""

    def __init__(self) -> None:
        super().__init__("the server is stopping")


def _limit_self(limits: Limits) -> None:
    """In the worker, before the job: its address space and CPU time (`setrlimit`)."""
    import resource

    if limits.memory_mb:
        cap = limits.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = math.ceil(limits.timeout + GRACE) + 1  # SIGXCPU at the soft limit, SIGKILL at hard
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))


def _child(conn: Any, kind: str, payload: dict[str, Any], limits: Limits) -> None:
    """The worker process: limits, the job, the answer down the pipe — sent as soon as it is
    known, and then the process ends at once (`os._exit`: nothing of what the job built is
    freed one object at a time first)."""
    from lobkit.web import jobs

    def reply(answer: dict[str, Any]) -> None:
        try:
            conn.send(answer)
        except MemoryError:
            conn.send({"error": _out_of_memory(limits), "exit": 3})
        finally:
            conn.close()
            sys.stderr.flush()
            os._exit(0)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal is the server's
    try:
        _limit_self(limits)
        jobs.run(kind, payload, limits.as_dict(), reply)
    except MemoryError:
        reply({"error": _out_of_memory(limits), "exit": 3})
    reply({"error": "the worker ended without an answer", "exit": 3})  # not reached


def _out_of_memory(limits: Limits) -> str:
    return (
        f"out of memory: the request needs more than the worker's {limits.memory_mb:,} MB "
        "(raise it with lobkit serve --max-memory MB)"
    )


class Workers:
    """The worker processes of one server: lanes of at most `workers` running and `queue`
    waiting, every live process tracked so `stop()` can end them all."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.context = multiprocessing.get_context("forkserver")
        # Everything a job imports is imported here, before the worker's memory cap: under
        # RLIMIT_AS a late import of a compiled module fails as "failed to map segment"
        # (numpy 2.4 imports numpy.random on first use), not as a MemoryError.
        preload = [
            "lobkit.web.quiet_forkserver",
            "lobkit.web.jobs",
            "lobkit.prover.decide",  # (the package imports its parts on first use)
            "lobkit.prover.letterless_certificates",
            "lobkit.kernel.frames",  # (the kernel too: the two parts no module above imports)
            "lobkit.kernel.linear",
            "lobkit.agents.playfile",
            "lobkit.demos.spurious",
            "lobkit.collapse.gaussian",
            "numpy.random",
            "matplotlib",
        ]
        self.context.set_forkserver_preload(preload)
        self.slots: dict[str, asyncio.Semaphore] = {}
        self.admitted: dict[str, int] = {}
        self.live: set[Any] = set()
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def warm(self) -> None:
        """Start the forkserver now (importing lobkit and matplotlib takes seconds), so the
        first request does not wait for it. It is spawned with SIGINT blocked — a signal mask
        survives fork and exec — so a Ctrl-C during its first imports, before
        `quiet_forkserver` ignores SIGINT, prints no KeyboardInterrupt traceback."""
        from multiprocessing import forkserver, resource_tracker

        if self.stopping.is_set():
            return
        # The resource tracker first: starting it unblocks SIGINT in this thread afterwards
        # (CPython's resource_tracker.ensure_running), which would undo the block below.
        resource_tracker.ensure_running()
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            forkserver.ensure_running()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def lane_size(self, lane: str) -> int:
        """Workers at once in a lane: `workers` for proofs, half as many (at least one) for
        the syntax check — ten 200,000-character parses must not take every core."""
        return self.limits.workers if lane == "work" else max(1, self.limits.workers // 2)

    def lane(self, kind: str) -> str:
        return "parse" if kind == "parse" else "work"

    async def run(
        self, kind: str, payload: dict[str, Any], gone: Awaitable[None]
    ) -> dict[str, Any] | None:
        """The job's answer; None when the client went away first (its worker is stopped).

        Raises `Busy` when the lane's queue is full and `Stopping` once `stop()` was called.
        """
        lane = self.lane(kind)
        size = self.lane_size(lane)
        slots = self.slots.setdefault(lane, asyncio.Semaphore(size))
        if self.stopping.is_set():
            raise Stopping()
        admitted = self.admitted.get(lane, 0)  # running and waiting, in this lane
        if admitted >= size + self.limits.queue:
            waiting = admitted - size
            raise Busy(waiting, max(1, math.ceil(min(self.limits.timeout, 60))))
        self.admitted[lane] = admitted + 1
        watcher = asyncio.ensure_future(gone)
        acquired = asyncio.ensure_future(slots.acquire())
        try:
            await asyncio.wait({acquired, watcher}, return_when=asyncio.FIRST_COMPLETED)
            if not acquired.done() or watcher.done():  # the client left while queued
                return None
            if self.stopping.is_set():
                raise Stopping()
            cancel = threading.Event()
            work = asyncio.ensure_future(
                asyncio.to_thread(self._run_blocking, kind, payload, cancel)
            )
            try:
                await asyncio.wait({work, watcher}, return_when=asyncio.FIRST_COMPLETED)
            except asyncio.CancelledError:  # the request itself was cancelled: stop its worker
                cancel.set()
                raise
            if not work.done():  # the client has gone: stop its worker, answer nobody
                cancel.set()
                await work
                return None
            return work.result()
        finally:
            watcher.cancel()
            if not acquired.done():
                acquired.cancel()  # Semaphore.acquire gives a slot it was handed to the next
            elif not acquired.cancelled():
                slots.release()
            self.admitted[lane] -= 1

    def _run_blocking(
        self, kind: str, payload: dict[str, Any], cancel: threading.Event
    ) -> dict[str, Any]:
        """Start the worker and wait for its answer, its deadline, `cancel` or `stop()`."""
        if self.stopping.is_set():
            raise Stopping()
        self.warm()  # the forkserver, if no job started it yet, spawned with SIGINT blocked
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=_child, args=(send, kind, payload, self.limits), daemon=True
        )
        with self.lock:
            process.start()
            self.live.add(process)
        send.close()
        deadline = time.monotonic() + self.limits.timeout + GRACE
        try:
            while True:
                if receive.poll(POLL):
                    answer: dict[str, Any] = receive.recv()
                    return answer
                if self.stopping.is_set():
                    raise Stopping()
                if cancel.is_set():
                    return {"error": "the client has gone", "exit": 3}
                if time.monotonic() > deadline:
                    return self._too_long()
                if not process.is_alive() and not receive.poll(0):
                    if self.stopping.is_set():
                        raise Stopping()
                    return self._died(process.exitcode)
        except EOFError:  # the worker died (while sending, or killed by `stop()`)
            if self.stopping.is_set():
                raise Stopping() from None
            process.join(1.0)
            return self._died(process.exitcode)
        finally:
            if process.is_alive():
                process.kill()
            process.join(2.0)
            with self.lock:
                self.live.discard(process)
            receive.close()

    def _too_long(self) -> dict[str, Any]:
        return {
            "error": f"the request took longer than {self.limits.timeout:g} s "
            "(raise it with lobkit serve --timeout)",
            "exit": 3,
        }

    def _died(self, exitcode: int | None) -> dict[str, Any]:
        """A worker that ended without answering: a limit, reported as one (HTTP 422)."""
        if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
            return self._too_long()
        if self.limits.memory_mb:
            return {
                "error": f"the worker stopped (exit {exitcode}), most likely at its memory "
                f"limit of {self.limits.memory_mb:,} MB (raise it with lobkit serve --max-memory)",
                "exit": 3,
            }
        return {"error": f"the worker stopped without an answer (exit {exitcode})", "exit": 3}

    def stop(self) -> None:
        """Kill every worker now and refuse new ones (safe from a signal handler: no await,
        no lock that a handler could find held — `live` is copied without it)."""
        self.stopping.set()
        for process in list(self.live):
            pid = process.pid
            if pid is not None:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
