"""The limits a user sets: checking them (time in seconds, sizes) before any work starts, and
`Budget`, one deadline shared by every prover call a single question makes (data: the prover
takes `budget=` and turns it into each call's timeout, `lobkit.prover.Prover.prove`).

A `--timeout` is per question (per query of a theory file, per classics computation), not per
prover call: a question that asks the prover many things (a chain of links, a depth search, a
fixed point's existence and uniqueness) passes one `Budget` down, and each call gets only what
is left of it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from lobkit.errors import InputError, ResourceLimit

__all__ = [
    "Budget",
    "command_started",
    "within",
    "current_budget",
    "remaining",
    "check_seconds",
    "MAX_SECONDS",
    "check_size",
    "SizeLimit",
    "LIMITS",
    "FILE_BYTES",
    "MAX_NUMERAL",
    "parse_count",
    "check_count",
]


MAX_SECONDS = 10.0**7
"""The longest time limit, about 116 days: a larger one (`--timeout 1e308`) is clamped to it.
Timers and waits take at most `threading.TIMEOUT_MAX` (about 9.2·10⁹ s) and overflow above."""


def check_seconds(value: float | None, name: str = "timeout") -> float | None:
    """`value` as seconds: None (no limit) or a positive finite number, else `InputError`;
    above `MAX_SECONDS` it is clamped (a limit that long is no limit in practice)."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except OverflowError:  # an integer beyond any float: clamped below like any huge value
        seconds = MAX_SECONDS
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number of seconds (got {value!r:.40})") from None
    if isinstance(value, bool) or not math.isfinite(seconds) or seconds <= 0:
        raise InputError(f"{name} must be a positive, finite number of seconds (got {value})")
    return min(seconds, MAX_SECONDS)


def check_size(value: int, name: str) -> int:
    """`value` as a size limit: a whole number of at least 1, else `InputError`."""
    if isinstance(value, bool) or int(value) != value or value < 1:
        raise InputError(f"{name} must be a whole number of at least 1 (got {value})")
    return int(value)


_COMMAND_START: float | None = None


def command_started() -> None:
    """Note that a command starts now (`lobkit.cli.main` calls this first), for
    `Budget.for_command`."""
    global _COMMAND_START
    _COMMAND_START = time.monotonic()


class Budget:
    """A deadline shared by several prover calls (`timeout` seconds from creation, or from
    `start`, a `time.monotonic()` reading; None for no limit)."""

    def __init__(self, timeout: float | None, *, start: float | None = None) -> None:
        self.timeout = timeout = check_seconds(timeout)
        begin = time.monotonic() if start is None else start
        self.deadline = None if timeout is None else begin + timeout

    @classmethod
    def for_command(cls, timeout: float | None) -> Budget:
        """The budget of a one-shot command's `--timeout`: counted from the command's start
        (`command_started`), so importing the prover and the SAT backend (most of a second
        on a loaded machine) is inside it and the process ends close to `timeout` after it
        started (docs/limits.md, *Time*)."""
        return cls(timeout, start=_COMMAND_START)

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

    @contextmanager
    def spending(self) -> Iterator[None]:
        """Within the block, a time `ResourceLimit` raised once this budget has run out names
        the whole budget (the `--timeout` the user gave), not the part of it a last call got
        (`prove(…, timeout=budget.remaining())` would otherwise report "time limit of
        1.80116 s")."""
        try:
            yield
        except ResourceLimit as error:
            if self.expired and str(error).startswith("time limit"):
                raise self.exhausted() from None
            raise


_CURRENT: ContextVar[Budget | None] = ContextVar("lobkit_budget", default=None)


@contextmanager
def within(budget: Budget | None) -> Iterator[Budget | None]:
    """Make `budget` the current one for the block: work that takes no explicit timeout —
    parsing (`lobkit.syntax.frontend.parse_text`), loading a theory file — checks it now and
    then and raises `ResourceLimit` once it is spent. A context variable, so threads and the web
    server's jobs each see their own."""
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


def current_budget() -> Budget | None:
    """The budget set by the innermost `within` (None outside any, or for `within(None)`)."""
    return _CURRENT.get()


def remaining(timeout: float | None) -> float | None:
    """What is left for a phase given `timeout` seconds of its own: the smaller of `timeout`
    and the current budget's remaining time (`ResourceLimit` if that is spent)."""
    budget = _CURRENT.get()
    left = None if budget is None else budget.remaining()
    if left is None:
        return timeout
    return left if timeout is None else min(timeout, left)


# ---------------------------------------------------------------------------------------------
# Size limits the user can raise: a default, a command-line flag and an environment variable.


LIMITS: list[SizeLimit] = []
"""Every size limit, for the CLI (one flag each) and the docs."""


class SizeLimit:
    """A size limit: `value()` is the API argument if given, else `$ENV`, else the default.

    Exceeding it raises `ResourceLimit` (exit 3) whose message names the flag and the variable
    that raise it. Every value is a whole number between 1 and `ceiling`.
    """

    def __init__(self, what: str, flag: str, env: str, default: int, ceiling: int) -> None:
        self.what = what
        self.flag = flag
        self.env = env
        self.default = default
        self.ceiling = ceiling
        self.raised: int | None = None  # set by `using` (the CLI flag) for one command
        LIMITS.append(self)

    @property
    def dest(self) -> str:
        """The argparse attribute of the flag: `--max-file-bytes` → `max_file_bytes`."""
        return self.flag.lstrip("-").replace("-", "_")

    @contextmanager
    def using(self, value: int | None) -> Iterator[None]:
        """Within the block, `value` (if not None) replaces the environment and the default."""
        before, self.raised = self.raised, self.raised if value is None else value
        try:
            yield
        finally:
            self.raised = before

    def value(self, override: int | None = None) -> int:
        import os

        if override is None:
            override = self.raised
        if override is not None:
            return check_count(override, self.flag, self.ceiling)
        text = os.environ.get(self.env)
        if text is None or not text.strip():
            return self.default
        return parse_count(text.strip(), self.env, self.ceiling)

    def exceeded(self, subject: str, limit: int) -> ResourceLimit:
        return ResourceLimit(
            f"{subject} exceeds the limit of {limit:,} {self.what} "
            f"(raise it with {self.flag} N or {self.env}=N)"
        )


FILE_BYTES = SizeLimit("bytes", "--max-file-bytes", "LOBKIT_MAX_FILE_BYTES", 1_000_000, 1 << 40)
"""Bytes read from one input file (theory files, includes, agent files)."""

MAX_NUMERAL = 1_000_000
"""The largest number written in a formula or agent name: `[k]`, `FairBot_k`, box counts."""


def parse_count(text: str, what: str, maximum: int = MAX_NUMERAL, minimum: int = 1) -> int:
    """A whole number written in ASCII digits within [minimum, maximum], else `InputError`.

    Python's `int` also reads other scripts' digits (`int("١")` is 1) and unbounded lengths;
    every number lobkit reads from the user goes through here instead.
    """
    if not text.isascii() or not text.isdigit():
        raise InputError(f"{what} must be a whole number in ASCII digits (got {text[:40]!r})")
    if len(text) > len(str(maximum)) or int(text) > maximum:
        raise InputError(f"{what} must be at most {maximum:,} (got {text[:40]})")
    value = int(text)
    if value < minimum:
        raise InputError(f"{what} must be at least {minimum} (got {value})")
    return value


def check_count(value: int, what: str, maximum: int = MAX_NUMERAL, minimum: int = 1) -> int:
    """An integer argument within [minimum, maximum], else `InputError`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{what} must be a whole number (got {value!r})")
    if not minimum <= value <= maximum:
        raise InputError(f"{what} must be between {minimum} and {maximum:,} (got {value})")
    return value
