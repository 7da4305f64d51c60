"""The python-sat backends: compiled incremental CDCL solvers (MiniSat 2.2, Glucose 4,
CaDiCaL 1.9.5) behind the literal protocol.

python-sat speaks integer literals natively, so clauses, assumptions, models and cores cross
into C with no translation. Models are read in bulk (`get_model`, one call, then list
indexing). Deadlines: MiniSat and Glucose run `solve_limited(expect_interrupt=True)` (the GIL
is released) and one timer thread per deadline calls `interrupt()`; CaDiCaL in python-sat
cannot be interrupted, so there the deadline is checked between calls only.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

from lobkit.sat.protocol import Backend

__all__ = ["PysatSolver", "PYSAT_NAMES"]

# lobkit's name -> python-sat's solver name.
PYSAT_NAMES = {"minisat": "minisat22", "glucose": "glucose4", "cadical": "cadical195"}
_INTERRUPTIBLE = {"minisat", "glucose"}


class PysatSolver(Backend):
    """One python-sat solver (by lobkit's name: minisat, glucose or cadical)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        from pysat.solvers import Solver

        self.name = name
        self._solver: Any = Solver(name=PYSAT_NAMES[name])
        # Free the native solver at exit while python-sat's module is still whole (its own
        # __del__ at interpreter teardown prints a TypeError otherwise).
        weakref.finalize(self, self._solver.delete)
        self._limited = name in _INTERRUPTIBLE
        self._timer: threading.Timer | None = None
        self._timer_deadline: float | None = None
        self._model: list[int] | None = None

    def add_clause(self, clause: Sequence[int]) -> None:
        self._solver.add_clause(clause)

    def _arm(self, deadline: float | None) -> None:
        """One timer per deadline (not per call) interrupts a call that overruns it."""
        if deadline == self._timer_deadline:
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._interrupt.is_set():  # a user's interrupt stays until cleared
            self._solver.clear_interrupt()
        self._timer_deadline = deadline
        if deadline is not None:
            self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._stop)
            self._timer.daemon = True
            self._timer.start()

    def _solve(self, assumptions: list[int], deadline: float | None) -> bool | None:
        self._model = None
        if self._limited:
            self._arm(deadline)
            answer = self._solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        else:
            answer = self._solver.solve(assumptions=assumptions)
        if answer is True:
            self._model = self._solver.get_model()
        return answer

    def values(self, variables: Iterable[int]) -> list[bool]:
        model = self._model
        if model is None:
            raise RuntimeError("no model: the last solve was not satisfiable")
        n = len(model)
        # Variables the solver never saw (no clause mentions them) are free: read as false.
        return [v <= n and model[v - 1] > 0 for v in variables]

    def core(self) -> list[int]:
        return list(self._solver.get_core() or ())

    def clear_interrupt(self) -> None:
        super().clear_interrupt()
        if self._limited:
            self._solver.clear_interrupt()

    def _stop(self) -> None:
        if self._limited:
            self._solver.interrupt()

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._solver.delete()
