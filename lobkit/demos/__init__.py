"""Demonstrations, one module each, run by `lobkit demo [NAME ...]`.

A demo module defines `NAME` (the word on the command line), `ORDER` (position in the full
run), `SUMMARY` (one line) and `run(out_dir: Path, seed: int) -> DemoResult`. Modules are
discovered, so adding a demo never edits this file. Demos write pictures only into `out_dir`.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class DemoResult:
    """What a demo shows: a text report, JSON-able data, and the files it wrote."""

    name: str
    text: str
    data: dict[str, Any]
    files: tuple[Path, ...] = field(default=())


def available() -> dict[str, ModuleType]:
    """The demo modules by name, in their presentation order."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    modules.sort(key=lambda m: (m.ORDER, m.NAME))
    return {m.NAME: m for m in modules}
