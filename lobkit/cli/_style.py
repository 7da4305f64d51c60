"""Colour for verdicts in text output, only where a person reads it.

Colour is on when standard output is a terminal, `NO_COLOR` is unset or empty (the
no-color.org convention) and `TERM` is not `dumb`; `FORCE_COLOR` (non-empty) turns it on
for pipes too. Only the verdict words are coloured — the rest of a line is left exactly as the
plain output, so piped text and JSON never carry escape codes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import TextIO

_CODES = {"good": "32", "bad": "31", "limit": "33", "bold": "1"}

# (pattern, style of group 1) for the verdict phrases of lobkit's text outputs.
_VERDICTS = [
    (re.compile(r": (theorem of [A-Za-z0-9+]+)$", re.M), "good"),
    (re.compile(r": (not a theorem of [A-Za-z0-9+]+)$", re.M), "bad"),
    (re.compile(r"  (ok)$", re.M), "good"),
    (re.compile(r"  (FAILED)\b", re.M), "bad"),
    (re.compile(r"^(  \S+: )(C)$", re.M), "good"),
    (re.compile(r"^(  \S+: )(D)$", re.M), "bad"),
]


def enabled(stream: TextIO | None = None) -> bool:
    """Whether text written to `stream` (default: stdout) should be coloured."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, style: str) -> str:
    """`text` wrapped in the ANSI colour of `style` (`good`, `bad`, `limit`, `bold`)."""
    return f"\033[{_CODES[style]}m{text}\033[0m"


def verdicts(text: str, stream: TextIO | None = None) -> str:
    """`text` with its verdict words coloured, when colour is `enabled` for `stream`."""
    if not enabled(stream):
        return text
    for pattern, style in _VERDICTS:
        text = pattern.sub(_painter(pattern.groups, style), text)
    return text


def _painter(groups: int, style: str) -> Callable[[re.Match[str]], str]:
    """A `re.sub` replacement colouring the match's last group (the verdict word)."""

    def replace(match: re.Match[str]) -> str:
        whole, word = match.group(0), match.group(groups)
        start = match.start(groups) - match.start(0)
        return whole[:start] + paint(word, style) + whole[start + len(word) :]

    return replace
