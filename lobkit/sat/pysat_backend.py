"""The python-sat backends: compiled incremental CDCL solvers (MiniSat 2.2, Glucose 4.1,
CaDiCaL 1.9.5) behind the literal protocol.

python-sat speaks integer literals natively, so clauses, assumptions, models and cores cross
into C with no translation. We call its C extension (`pysolvers`) directly rather than through
`pysat.solvers`: that wrapper module imports `pysat.formula` and more (about 0.1 s of start-up)
and adds a Python frame to every call. The entry points used (`<solver>_new`, `_add_cl`,
`_solve`, `_solve_lim`, `_model`, `_core`, `_interrupt`, `_clearint`, `_del`) are the ones
`pysat.solvers` itself calls; tests/sat runs every backend against brute force.

Deadlines: MiniSat and Glucose run `_solve_lim` with `expect_interrupt` (the GIL is released)
and one watchdog thread for every solver of the process interrupts a call that overruns its
deadline (a timer thread per solver lived until its deadline: a tiling query's hundreds of
short-lived engines each left one, and under the page's RLIMIT_AS their stacks made "can't
start new thread" a 500). CaDiCaL in
python-sat cannot be interrupted, so there the deadline is checked between calls only (the
prover's calls are short). No backend installs its own SIGINT handler: Ctrl-C reaches Python
when the call returns.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
import time
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

from lobkit.sat.protocol import Backend

__all__ = ["PysatSolver", "PYSAT_NAMES"]

# lobkit's name -> the prefix of python-sat's C entry points.
PYSAT_NAMES = {"minisat": "minisat22", "glucose": "glucose41", "cadical": "cadical195"}
_INTERRUPTIBLE = {"minisat", "glucose"}


class _Watchdog:
    """One daemon thread that calls each armed solver's `_stop` at its deadline. Entries hold
    the solver weakly (a dropped solver is forgotten) and are cancelled by identity."""

    def __init__(self) -> None:
        self._cv = threading.Condition()
        self._heap: list[tuple[float, int, weakref.WeakMethod[Any]]] = []
        self._cancelled: set[int] = set()
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, deadline: float, stop: Any) -> int:
        entry = next(self._ids)
        with self._cv:
            heapq.heappush(self._heap, (deadline, entry, weakref.WeakMethod(stop)))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="sat-deadline", daemon=True)
                self._thread.start()
            self._cv.notify()
        return entry

    def cancel(self, entry: int) -> None:
        with self._cv:
            self._cancelled.add(entry)

    def _run(self) -> None:
        with self._cv:
            while True:
                now = time.monotonic()
                while self._heap and (
                    self._heap[0][1] in self._cancelled or self._heap[0][0] <= now
                ):
                    _, entry, stop = heapq.heappop(self._heap)
                    if entry in self._cancelled:
                        self._cancelled.discard(entry)
                        continue
                    method = stop()
                    if method is not None:
                        method()
                self._cv.wait(None if not self._heap else self._heap[0][0] - now)

    def forked(self) -> None:
        """In a forked child the thread is gone; the next `arm` starts one."""
        self._cv = threading.Condition()
        self._heap, self._cancelled = [], set()
        self._thread = None


_WATCHDOG = _Watchdog()
os.register_at_fork(after_in_child=_WATCHDOG.forked)


class PysatSolver(Backend):
    """One python-sat solver (by lobkit's name: minisat, glucose or cadical)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        import pysolvers  # python-sat's C extension

        prefix = PYSAT_NAMES[name]
        self.name = name
        self._c: dict[str, Any] = {
            op: getattr(pysolvers, f"{prefix}_{op}", None)
            for op in ("add_cl", "solve", "solve_lim", "model", "core", "interrupt", "clearint")
        }
        self._ptr = getattr(pysolvers, f"{prefix}_new")()
        delete = getattr(pysolvers, f"{prefix}_del")
        self._cadical = name == "cadical"
        # Free the native solver when this object goes (or at exit, before module teardown).
        self._finalizer = weakref.finalize(
            self, (lambda p: delete(p, None)) if self._cadical else delete, self._ptr
        )
        self._limited = name in _INTERRUPTIBLE
        self._timer: int | None = None  # the watchdog's entry for the armed deadline
        self._timer_deadline: float | None = None
        self._model: list[int] | None = None
        self._assumptions: list[int] = []

    def add_clause(self, clause: Sequence[int]) -> None:
        self._c["add_cl"](self._ptr, clause)

    def _arm(self, deadline: float | None) -> None:
        """One watchdog entry per deadline (not per call) interrupts a call that overruns it."""
        if deadline == self._timer_deadline:
            return
        if self._timer is not None:
            _WATCHDOG.cancel(self._timer)
            self._timer = None
        if not self._interrupt.is_set():  # a user's interrupt stays until cleared
            self._c["clearint"](self._ptr)
        self._timer_deadline = deadline
        if deadline is not None:
            self._timer = _WATCHDOG.arm(deadline, self._stop)

    def _solve(self, assumptions: list[int], deadline: float | None) -> bool | None:
        self._model = None
        self._assumptions = assumptions
        if self._limited:
            self._arm(deadline)
            answer = self._c["solve_lim"](self._ptr, assumptions, 0, 1)
        else:
            answer = self._c["solve"](self._ptr, assumptions, 0)
        if answer is True:
            self._model = self._c["model"](self._ptr) or []
        return bool(answer) if answer is not None else None

    def values(self, variables: Iterable[int]) -> list[bool]:
        model = self._model
        if model is None:
            raise RuntimeError("no model: the last solve was not satisfiable")
        n = len(model)
        # Variables the solver never saw (no clause mentions them) are free: read as false.
        return [v <= n and model[v - 1] > 0 for v in variables]

    def core(self) -> list[int]:
        if self._cadical:
            return list(self._c["core"](self._ptr, self._assumptions) or ())
        return list(self._c["core"](self._ptr) or ())

    def clear_interrupt(self) -> None:
        super().clear_interrupt()
        if self._limited:
            self._c["clearint"](self._ptr)

    def _stop(self) -> None:
        if self._limited:
            self._c["interrupt"](self._ptr)

    def close(self) -> None:
        if self._timer is not None:
            _WATCHDOG.cancel(self._timer)
            self._timer = None
        self._finalizer()
