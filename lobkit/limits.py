"""The limits a user sets: checking them (time in seconds, sizes) before any work starts, and
`Budget`, one deadline shared by every prover call a single question makes.

A `--timeout` is per question (per query of a theory file, per classics computation), not per
prover call: a question that asks the prover many things (a chain of links, a depth search, a
fixed point's existence and uniqueness) passes one `Budget` down, and each call gets only what
is left of it.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from lobkit.errors import InputError, ResourceLimit

if TYPE_CHECKING:
    from lobkit.formula import Formula
    from lobkit.prover import ProofResult

__all__ = ["Budget", "check_seconds", "check_size"]


def check_seconds(value: float | None, name: str = "timeout") -> float | None:
    """`value` as seconds: None (no limit) or a positive finite number, else `InputError`."""
    if value is None:
        return None
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise InputError(f"{name} must be a positive, finite number of seconds (got {value})")
    return seconds


def check_size(value: int, name: str) -> int:
    """`value` as a size limit: a whole number of at least 1, else `InputError`."""
    if isinstance(value, bool) or int(value) != value or value < 1:
        raise InputError(f"{name} must be a whole number of at least 1 (got {value})")
    return int(value)


class Budget:
    """A deadline shared by several prover calls (`timeout` seconds from creation; None for
    no limit)."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout = check_seconds(timeout)
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def __repr__(self) -> str:
        return f"<Budget {self.timeout}s>" if self.timeout is not None else "<Budget unlimited>"

    def remaining(self) -> float | None:
        """Seconds left (None when unlimited); raises `ResourceLimit` once time is up."""
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.exhausted()
        return left

    @property
    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def exhausted(self) -> ResourceLimit:
        """The error for running out, naming the whole budget (not what a last call got)."""
        return ResourceLimit(
            f"time limit of {self.timeout:g} s reached (raise it with --timeout, or timeout=)"
        )

    def valid(self, formula: Formula) -> bool:
        """GL ⊢ formula, decided by `lobkit.prover` with its certificate (a proof or a
        countermodel) built and checked, so no answer here rests on the search alone."""
        return self.prove(formula).valid

    def prove(self, formula: Formula) -> ProofResult:
        """The prover's full `ProofResult` for `formula` in GL, within what is left."""
        from lobkit.prover import prove  # the prover itself uses this module's checks

        return prove(formula, "GL", timeout=self.remaining())
