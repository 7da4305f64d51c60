"""The python-sat backends: compiled incremental CDCL solvers (MiniSat 2.2, Glucose 4.1,
CaDiCaL 1.9.5) behind the literal protocol.

python-sat speaks integer literals natively, so clauses, assumptions, models and cores cross
into C with no translation. We call its C extension (`pysolvers`) directly rather than through
`pysat.solvers`: that wrapper module imports `pysat.formula` and more (about 0.1 s of start-up)
and adds a Python frame to every call. The entry points used (`<solver>_new`, `_add_cl`,
`_solve`, `_solve_lim`, `_model`, `_core`, `_interrupt`, `_clearint`, `_del`) are the ones
`pysat.solvers` itself calls; tests/sat runs every backend against brute force.

Deadlines: MiniSat and Glucose run `_solve_lim` with `expect_interrupt` (the GIL is released)
and one timer thread per deadline (not per call) interrupts a call that overruns it. CaDiCaL in
python-sat cannot be interrupted, so there the deadline is checked between calls only (the
prover's calls are short). No backend installs its own SIGINT handler: Ctrl-C reaches Python
when the call returns.
"""

from __future__ import annotations

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
        self._timer: threading.Timer | None = None
        self._timer_deadline: float | None = None
        self._model: list[int] | None = None
        self._assumptions: list[int] = []

    def add_clause(self, clause: Sequence[int]) -> None:
        self._c["add_cl"](self._ptr, clause)

    def _arm(self, deadline: float | None) -> None:
        """One timer per deadline (not per call) interrupts a call that overruns it."""
        if deadline == self._timer_deadline:
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._interrupt.is_set():  # a user's interrupt stays until cleared
            self._c["clearint"](self._ptr)
        self._timer_deadline = deadline
        if deadline is not None:
            self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._stop)
            self._timer.daemon = True
            self._timer.start()

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
            self._timer.cancel()
            self._timer = None
        self._finalizer()
