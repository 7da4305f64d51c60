"""Helpers shared by the subcommand modules: output formats and JSON emission."""

from __future__ import annotations

import argparse
import json
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


def emit_json(payload: Any) -> None:
    """Print one JSON document, encoded whole before anything is written (never half-printed).

    Keys keep their documented order (no sorting).
    """
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
