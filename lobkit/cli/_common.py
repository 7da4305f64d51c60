"""Helpers shared by the subcommand modules: output formats and JSON emission."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from typing import Any

from lobkit.errors import InputError
from lobkit.limits import MAX_SECONDS, SizeLimit, parse_count


def add_format(
    parser: argparse.ArgumentParser,
    choices: tuple[str, ...] = ("text", "json"),
    default: str | None = None,
) -> None:
    """Add `--format` with the given choices (the first is the default)."""
    parser.add_argument(
        "--format",
        choices=choices,
        default=default or choices[0],
        help=f"output format (default: {default or choices[0]})",
    )


def positive_seconds(text: str) -> float:
    """argparse type for `--timeout`: a finite number of seconds above zero, clamped to
    `lobkit.limits.MAX_SECONDS` (about 116 days; `--timeout 1e308` overflowed the timers)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text[:40]!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive, finite number of seconds: {text}")
    return min(value, MAX_SECONDS)


def add_timeout(parser: argparse.ArgumentParser, scope: str = "") -> None:
    """Add `--timeout SECONDS` (positive and finite; reaching it exits with code 3)."""
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=None,
        metavar="SECONDS",
        help=f"time limit{scope} in seconds (exit 3 when reached)",
    )


MAX_FLAG_NUMBER = 10**9
"""The largest value of a counting flag (`--max-proof-nodes`, …) unless the flag says otherwise."""


def whole(maximum: int = MAX_FLAG_NUMBER, minimum: int = 1) -> Any:
    """argparse type: a whole number in ASCII digits within [minimum, maximum]."""

    def value(text: str) -> int:
        try:
            return parse_count(text, "the value", maximum, minimum)
        except InputError as error:
            raise argparse.ArgumentTypeError(str(error).removeprefix("the value ")) from None

    value.__name__ = "whole number"
    return value


def integer(text: str) -> int:
    """argparse type: an integer in ASCII digits (optional sign, at most 20 digits); the
    command checks its range and reports it as a one-line error."""
    digits = text[1:] if text[:1] in "+-" else text
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 20):
        raise argparse.ArgumentTypeError(f"not a whole number in ASCII digits: {text[:40]!r}")
    return int(text)


positive_int = whole()
"""argparse type for size limits: a whole number from 1 to `MAX_FLAG_NUMBER`."""


#: Documents up to this many bytes (compact) are printed indented; larger ones stay compact.
PRETTY_JSON_BYTES = 64 * 1024


def emit_json(payload: Any) -> None:
    """Print one JSON document, encoded whole before anything is written (never half-printed):
    `json_text(payload)`; to a stream that cannot print □, non-ASCII as `\\u` escapes."""
    from lobkit.cli._encoding import can_print, escape_json

    text = json_text(payload)
    if not text.isascii() and not can_print(sys.stdout):
        text = escape_json(text)
    sys.stdout.write(text + "\n")


def json_text(payload: Any) -> str:
    """The document as the commands print it. Keys keep their documented order (no sorting).

    It is encoded compactly first (`json`'s C encoder); one of at most `PRETTY_JSON_BYTES` is
    then re-encoded with an indent of 2 for people to read. A larger one — a big certificate —
    stays that one compact line: indenting it would take the pure-Python encoder several times
    longer than everything else and double the bytes (`python -m json.tool` indents it).

    A value may be an object with `json_text()` and `to_json()` (a `Proof`): its own compact
    text is spliced in, which is faster than encoding its `to_json()` (docs/prover.md).
    """
    pieces: list[str] = []
    nonce = os.urandom(8).hex()  # no string of the payload can be a mark by accident

    def verbatim(value: Any) -> str:
        if not callable(getattr(value, "json_text", None)):
            raise TypeError(f"{type(value).__name__} is not JSON serializable")
        pieces.append(value.json_text())
        return f"\0{len(pieces) - 1}:{nonce}\0"  # printed as "\u0000k:nonce\u0000"

    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=verbatim)
    if pieces:
        size = len(text) + sum(map(len, pieces))
        if size > PRETTY_JSON_BYTES:
            for k, piece in enumerate(pieces):
                text = text.replace(f'"\\u0000{k}:{nonce}\\u0000"', piece, 1)
            return text
    elif len(text) > PRETTY_JSON_BYTES:
        return text
    return json.dumps(payload, indent=2, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    if not callable(getattr(value, "to_json", None)):
        raise TypeError(f"{type(value).__name__} is not JSON serializable")
    return value.to_json()


def add_limit(parser: argparse.ArgumentParser, limit: SizeLimit) -> None:
    """Add the flag of a size limit (`--max-file-bytes N`); `main` applies it to the command."""

    def value(text: str) -> int:
        try:
            return parse_count(text, limit.flag, limit.ceiling)
        except InputError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parser.add_argument(
        limit.flag,
        type=value,
        default=None,
        metavar="N",
        help=f"limit on {limit.what} (default {limit.default:,}, or ${limit.env}; exit 3 above)",
    )
