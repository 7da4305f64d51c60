"""The exception hierarchy: every error lobkit raises on purpose derives from `LobkitError`.

The CLI maps each `LobkitError` to its `exit_code` — 2 for bad input, 3 for `ResourceLimit`, 1 for
the "no" answers (`NotATheorem`, `VerificationFailed`), 70 (sysexits' EX_SOFTWARE) for
`InternalError` — printing `str(error)`: a one-line message, followed for syntax errors by the
offending line and a caret.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "LobkitError",
    "InputError",
    "ParseError",
    "ResourceLimit",
    "ProofError",
    "NotATheorem",
    "VerificationFailed",
    "InternalError",
]


class LobkitError(Exception):
    """Root of lobkit's errors: bad input, unknown names, failed limits, internal errors."""

    exit_code = 2


class InputError(LobkitError):
    """Input that is well-formed text but makes no sense (unknown name, bad parameter).

    `location` is an optional "file:line:col" prefix for the message.
    """

    def __init__(self, message: str, location: str | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


class ParseError(InputError):
    """A syntax error with its position, the source line and a caret under the spot."""

    def __init__(
        self,
        message: str,
        *,
        line: int,
        column: int,
        source_line: str,
        source: str = "<input>",
    ) -> None:
        self.line = line
        self.column = column
        self.source_line = source_line
        self.source = source
        super().__init__(message, f"{source}:{line}:{column}")

    def context(self) -> str:
        """The offending line with a caret under the error's column."""
        return f"  {self.source_line}\n  {' ' * (self.column - 1)}^"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}\n{self.context()}"


class ResourceLimit(LobkitError):
    """A time or size limit set by the user (or a default) was reached; exit code 3."""

    exit_code = 3


class Interrupted(LobkitError):
    """A running search was stopped by `lobkit.prover.interrupt()` (say, on SIGINT); exit code
    130, as a shell reports a command ended by Ctrl-C."""

    exit_code = 130


class ProofError(LobkitError):
    """A proof failed the kernel's check; the message names the node and the rule.

    Raised by `lobkit.kernel.check_proof` on a certificate given to it; a certificate that
    lobkit built itself and that fails is reported as an `InternalError` instead.
    """


class NotATheorem(LobkitError):
    """A → B is not a theorem of GL, so there is nothing to interpolate (exit code 1).

    `result` is the prover's answer, with its countermodel.
    """

    exit_code = 1

    def __init__(self, message: str, result: Any) -> None:
        super().__init__(message)
        self.result = result


class VerificationFailed(LobkitError):
    """The prover disagreed with the linear-frame evaluation (a bug; exit code 1)."""

    exit_code = 1


class InternalError(LobkitError):
    """A bug in lobkit, never the user's fault: a certificate lobkit built failed its check, or
    an invariant broke. Exit code 70 (EX_SOFTWARE in sysexits.h); the message asks for a report.
    """

    exit_code = 70

    def __init__(self, message: str) -> None:
        self.detail = message
        super().__init__(
            f"internal error: {message} (this is a bug in lobkit; please report it with the "
            "command that triggered it)"
        )
