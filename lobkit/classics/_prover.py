"""The one door from `lobkit.classics` to the prover, with a shared time budget.

Every answer of this package is checked by `lobkit.prover` before it is returned; this module
turns a total `timeout` (seconds, None for no limit) into per-call timeouts, so a computation
that asks the prover many questions still stops in time with `ResourceLimit`.
"""

from __future__ import annotations

import time

from lobkit.errors import InputError, ResourceLimit
from lobkit.formula import Formula, theories_of
from lobkit.limits import check_seconds
from lobkit.syntax.printers import brief

__all__ = ["Budget", "require_plain_box"]


class Budget:
    """A deadline shared by several prover calls."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout = check_seconds(timeout)
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def remaining(self) -> float | None:
        """Seconds left (None when unlimited); raises `ResourceLimit` once time is up."""
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise ResourceLimit(f"time limit of {self.timeout:g} s reached")
        return left

    def valid(self, formula: Formula) -> bool:
        """GL ⊢ formula, decided by `lobkit.prover` with its certificate (a proof or a
        countermodel) built and checked, so no answer here rests on the search alone."""
        from lobkit.prover import prove

        return prove(formula, "GL", timeout=self.remaining()).valid

    def prove(self, formula: Formula) -> object:
        """The prover's full `ProofResult` for `formula` in GL."""
        from lobkit.prover import prove

        return prove(formula, "GL", timeout=self.remaining())


def require_plain_box(*formulas: Formula) -> None:
    """Reject theory-indexed boxes: these classics are about GL's single box."""
    for formula in formulas:
        if any(t is not None for t in theories_of(formula)):
            raise InputError(
                f"{brief(formula)}: theory-indexed boxes are not supported here "
                "(GL has a single box)"
            )
