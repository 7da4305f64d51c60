"""Progress bars on stderr, only when it is a terminal: tqdm (maintained, rate and ETA, clean
redraws beside printed lines; see pyproject), one place for every command's bar."""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["progress_bar"]


def progress_bar(total: int, unit: str, *, initial: int = 0, desc: str | None = None) -> Any:
    """A tqdm bar counting `unit`s up to `total` (rate and time left), disabled — every call a
    no-op — unless stderr is a terminal, so files and pipes get no control characters."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        initial=initial,
        unit=unit,
        desc=desc,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        dynamic_ncols=True,
        leave=False,
        smoothing=0.1,
    )
