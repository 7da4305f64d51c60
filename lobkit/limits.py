"""Checking the limits a user sets (time in seconds, sizes) before any work starts."""

from __future__ import annotations

import math

from lobkit.errors import InputError

__all__ = ["check_seconds", "check_size"]


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
