"""A hard deadline for a whole command: `ResourceLimit` raised in the main thread, wherever it is.

A `Budget` (lobkit.limits) stops the work that asks it — the prover, the parser, the loader —
but a phase that does not ask (building a theory file's closure, expanding a family, playing
modal agents) would run on past it. `hard_deadline(seconds)` bounds everything: when the time
is up a timer thread interrupts every running solver (their native calls return) and sends
SIGALRM to the main thread, whose handler raises `ResourceLimit`; it repeats every half
second until the block is left, so code that catches the error and goes on is stopped again.

Only the main thread can receive it (Python runs signal handlers there); elsewhere, and with
no limit, the block runs unbounded by it. The CLI's `check` and `combat` and each web worker
use it; printing happens after the block, so an answer is never cut off half-written.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

from lobkit.errors import ResourceLimit
from lobkit.limits import check_seconds

__all__ = ["hard_deadline", "REPEAT"]

REPEAT = 0.5
"""Seconds between the repeated alarms once the deadline has passed."""


def _interrupt_solvers() -> None:
    """Every live prover engine's solver call returns now (and z3's, if z3 is loaded)."""
    search = sys.modules.get("lobkit.prover.search")
    if search is not None:
        with contextlib.suppress(Exception):
            search.interrupt()
    z3 = sys.modules.get("z3")
    if z3 is not None:
        with contextlib.suppress(Exception):
            z3.main_ctx().interrupt()


@contextlib.contextmanager
def hard_deadline(seconds: float | None, message: str) -> Iterator[None]:
    """Within the block, `ResourceLimit(message)` is raised in the main thread once `seconds`
    have passed (see the module doc). None, or outside the main thread: no deadline."""
    seconds = check_seconds(seconds)
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    main = threading.main_thread().ident
    assert main is not None
    done = threading.Event()
    fired = threading.Event()

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if fired.is_set() and not done.is_set():
            raise ResourceLimit(message)

    def ring() -> None:
        if done.wait(seconds):
            return
        fired.set()
        while not done.is_set():
            _interrupt_solvers()
            with contextlib.suppress(Exception):
                signal.pthread_kill(main, signal.SIGALRM)
            done.wait(REPEAT)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    timer = threading.Thread(target=ring, name="lobkit-deadline", daemon=True)
    timer.start()
    try:
        yield
    except ResourceLimit:
        if fired.is_set():  # whatever limit the interrupted work reported, it was this one
            raise ResourceLimit(message) from None
        raise
    finally:
        done.set()
        timer.join(1.0)
        signal.signal(signal.SIGALRM, previous)
