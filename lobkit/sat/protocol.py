"""The solver seam: one small protocol over integer literals, as pysmt's solver backends.

A literal is a non-zero int: variable ``v`` (numbered from 1, DIMACS style) or its negation
``-v``. A backend creates variables, accepts clauses, and answers `solve(assumptions)`:
``True`` (a model exists: read it with `values`), ``False`` (unsatisfiable under the
assumptions: `core` names a subset of them that is already unsatisfiable) or ``None`` (it gave
up: the deadline passed or `interrupt` was called). Clauses are never retracted, so a caller
must only add clauses valid for every later query (the modal prover adds definitions and
learned lemmas, both valid in the logic) and steer queries through assumptions.

`Backend` keeps the bookkeeping every backend shares: the clock inside the solver's own calls
(`solve_seconds`, `calls`, which the benchmark prints as "share of time in SAT") and the
interrupt flag.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

__all__ = ["SatSolver", "ClauseSink", "Backend"]


@runtime_checkable
class ClauseSink(Protocol):
    """What a CNF encoder needs: fresh variables and a place to put clauses."""

    def new_var(self) -> int: ...

    def add_clause(self, clause: Sequence[int]) -> None: ...


@runtime_checkable
class SatSolver(ClauseSink, Protocol):
    """An incremental SAT solver over integer literals (see the module docstring)."""

    name: str
    solve_seconds: float
    calls: int

    def solve(self, assumptions: Sequence[int] = (), deadline: float | None = None) -> bool | None:
        """Satisfiable under `assumptions`? `deadline` is a `time.monotonic()` instant."""
        ...

    def values(self, variables: Iterable[int]) -> list[bool]:
        """The last model's value of each variable (after `solve` returned True)."""
        ...

    def core(self) -> list[int]:
        """Assumption literals jointly unsatisfiable (after `solve` returned False)."""
        ...

    def interrupt(self) -> None:
        """Stop the running or next `solve` (it returns None); safe from another thread or
        a signal handler. Sticky until `clear_interrupt`."""
        ...

    def clear_interrupt(self) -> None: ...

    @property
    def interrupted(self) -> bool: ...

    def close(self) -> None: ...


class Backend:
    """Shared bookkeeping: variable counter, time inside the solver, the interrupt flag."""

    name = "?"

    def __init__(self) -> None:
        self.nvars = 0
        self.solve_seconds = 0.0
        self.calls = 0
        self._interrupt = threading.Event()

    def new_var(self) -> int:
        self.nvars += 1
        return self.nvars

    @property
    def interrupted(self) -> bool:
        return self._interrupt.is_set()

    def interrupt(self) -> None:
        self._interrupt.set()
        self._stop()

    def clear_interrupt(self) -> None:
        self._interrupt.clear()

    def _stop(self) -> None:
        """Backend hook: make a running call return early (best effort)."""

    def solve(self, assumptions: Sequence[int] = (), deadline: float | None = None) -> bool | None:
        if self._interrupt.is_set():
            return None
        if deadline is not None and time.monotonic() >= deadline:
            return None
        start = time.perf_counter()
        try:
            answer = self._solve(list(assumptions), deadline)
        finally:
            self.solve_seconds += time.perf_counter() - start
            self.calls += 1
        if self._interrupt.is_set():
            return None
        return answer

    def _solve(self, assumptions: list[int], deadline: float | None) -> bool | None:
        raise NotImplementedError

    def close(self) -> None:
        """Free the native solver (also done by the garbage collector)."""

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
