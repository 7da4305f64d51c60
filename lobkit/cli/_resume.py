"""Resumable answer files (`--output FILE`, `--resume`): JSON lines appended and flushed as
answers arrive; a resumed run checks that the file answers the same input with the same
options, drops a last line cut short by the interruption, and continues after what is there.

The kept answers are cut back to a chunk boundary (`keep_from`): the answers of a chunk share
one prover, so redoing a whole chunk makes the resumed file the same, certificate for
certificate, as an uninterrupted run's (timings aside).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from lobkit.errors import InputError

__all__ = ["open_answers"]


def _read(path: Path) -> tuple[list[dict[str, Any]], list[int]]:
    """The complete JSON lines of `path` and the byte offset after each."""
    rows: list[dict[str, Any]] = []
    ends: list[int] = []
    offset = 0
    with path.open("rb") as stream:
        for raw in stream:
            if not raw.endswith(b"\n"):
                break  # cut short by the interruption: redone
            try:
                row = json.loads(raw)
            except ValueError:
                raise InputError(
                    f"{path}:{len(rows) + 1}: not a JSON line; --resume continues a file this "
                    "command wrote"
                ) from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{len(rows) + 1}: not an answer line")
            offset += len(raw)
            rows.append(row)
            ends.append(offset)
    return rows, ends


def open_answers(
    path: Path,
    *,
    resume: bool,
    matches: Callable[[int, dict[str, Any]], str | None],
    keep_from: Callable[[int], int],
) -> tuple[TextIO, list[dict[str, Any]]]:
    """Open `path` for the answers; return it and the answers it already holds (kept).

    Without `resume` the file must not hold answers yet (it is created). With `resume`, each
    line k is checked by `matches(k, row)` (None, or why it does not answer input k); the
    answers kept are the first `keep_from(count)` and the file is cut after them."""
    if path.is_dir():
        raise InputError(f"--output {path} is a folder")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"--output: folder {parent} does not exist")
    exists = path.exists() and path.stat().st_size > 0
    if exists and not resume:
        raise InputError(f"--output {path} already holds answers: add --resume to continue it")
    kept: list[dict[str, Any]] = []
    if resume and exists:
        rows, ends = _read(path)
        for k, row in enumerate(rows):
            why = matches(k, row)
            if why is not None:
                raise InputError(
                    f"{path}:{k + 1}: {why}; --resume needs the same input and options"
                )
        count = keep_from(len(rows))
        kept = rows[:count]
        with path.open("r+b") as stream:
            stream.truncate(ends[count - 1] if count else 0)
            stream.flush()
            os.fsync(stream.fileno())
    return path.open("a", encoding="utf-8"), kept
