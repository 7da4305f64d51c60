"""The exception hierarchy: every error lobkit raises on purpose derives from `LobkitError`.

The CLI maps `LobkitError` to exit code 2 (bad input) and `ResourceLimit` to exit code 3, printing
`str(error)` — a one-line message, followed for syntax errors by the offending line and a caret.
"""

from __future__ import annotations


class LobkitError(Exception):
    """Root of lobkit's errors: bad input, unknown names, failed limits."""

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
