"""JSON Schemas (draft 2020-12) of every command's `--format json` output, shipped as package
data so scripts can validate what they read: `schema("prove")`, `schema("prove-line")` (one
line of `prove --file`), `schema("check")`, … The test suite validates real outputs of every
command against them, so a shape change must change its schema too.

>>> sorted(names())[:3]
['check', 'collapse', 'combat']
>>> schema("prove")["required"][:3]
['formula', 'logic', 'valid']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lobkit.errors import InputError

__all__ = ["names", "schema"]

_HERE = Path(__file__).resolve().parent


def names() -> list[str]:
    """The schemas shipped, by name (a command, or `prove-line`)."""
    return sorted(p.name.removesuffix(".schema.json") for p in _HERE.glob("*.schema.json"))


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema named `name`, as a dict."""
    if name not in names():
        raise InputError(f"no schema {name!r}; choose from {', '.join(names())}")
    loaded: dict[str, Any] = json.loads((_HERE / f"{name}.schema.json").read_text("utf-8"))
    return loaded
