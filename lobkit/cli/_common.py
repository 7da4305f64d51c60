"""Helpers shared by the subcommand modules: output formats and JSON emission."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any


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
    """argparse type for `--timeout`: a finite number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive, finite number of seconds: {text}")
    return value


def add_timeout(parser: argparse.ArgumentParser, scope: str = "") -> None:
    """Add `--timeout SECONDS` (positive and finite; reaching it exits with code 3)."""
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=None,
        metavar="SECONDS",
        help=f"time limit{scope} in seconds (exit 3 when reached)",
    )


def positive_int(text: str) -> int:
    """argparse type for size limits: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def emit_json(payload: Any) -> None:
    """Print one JSON document, encoded whole before anything is written (never half-printed).

    Keys keep their documented order (no sorting).
    """
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
