"""Finite Kripke models as data a person writes: the JSON form and the short text form, read
with located errors and within size limits, and what a formula does in them (`evaluate_model`).

>>> m = read_model("w0 -> w1; w1: p")
>>> m.worlds, sorted(m.valuation["w1"])
(('w0', 'w1'), ['p'])
>>> print(model_text(m, separator="; "))
w0 -> w1; w1: p

The value type is the kernel's `Countermodel` (worlds, root, one relation per box, valuation);
The kernel's `Countermodel.from_json` / `to_json` are the JSON form; the text form is read and
written here (`read_model`, `model_text`), outside the kernel, which imports nothing above it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from lobkit.errors import InputError
from lobkit.kernel.countermodel import Countermodel
from lobkit.limits import SizeLimit
from lobkit.models.text import is_world_name, model_text, parse_model_text

__all__ = [
    "MODEL_PAIRS",
    "MODEL_WORLDS",
    "check_model_size",
    "is_world_name",
    "load_model",
    "model_text",
    "parse_model_text",
    "read_model",
]

MODEL_WORLDS = SizeLimit("worlds", "--max-model-worlds", "LOBKIT_MAX_MODEL_WORLDS", 20_000, 1 << 24)
"""Worlds in one model read from the user (text, JSON, the page)."""

MODEL_PAIRS = SizeLimit("pairs", "--max-model-pairs", "LOBKIT_MAX_MODEL_PAIRS", 2_000_000, 1 << 30)
"""Pairs of all relations together in one model read from the user."""


def check_model_size(
    model: Countermodel, *, max_worlds: int | None = None, max_pairs: int | None = None
) -> Countermodel:
    """`model`, or a `ResourceLimit` (exit 3) naming the limit it exceeds."""
    worlds = MODEL_WORLDS.value(max_worlds)
    if len(model.worlds) > worlds:
        raise MODEL_WORLDS.exceeded(f"a model of {len(model.worlds):,} worlds", worlds)
    pairs = MODEL_PAIRS.value(max_pairs)
    count = sum(len(p) for p in model.relations.values())
    if count > pairs:
        raise MODEL_PAIRS.exceeded(f"a model of {count:,} pairs", pairs)
    return model


def read_model(
    text: str,
    *,
    source: str = "<model>",
    max_worlds: int | None = None,
    max_pairs: int | None = None,
) -> Countermodel:
    """A model from its JSON form (text starting with `{`, as `Countermodel.to_json` writes)
    or its text form (`lobkit.models.text`); errors are located, limits enforced."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as error:
            raise InputError(f"not JSON: {error}", source) from None
        try:
            model = Countermodel.from_json(data)
        except InputError as error:
            where = f"{source}: {error.location}" if error.location else source
            raise InputError(error.message, where) from None
    else:
        model = parse_model_text(text, source=source)
    return check_model_size(model, max_worlds=max_worlds, max_pairs=max_pairs)


def load_model(argument: str) -> Countermodel:
    """The CLI's MODEL argument: a file (`.json` or text form; `-` for standard input) when
    one by that name exists, else the model written inline (`'w0 -> w1; w1: p'`)."""
    from lobkit.inputs import read_source, read_stream

    if argument == "-":
        import sys

        return read_model(read_stream(sys.stdin.buffer.read, shown="<stdin>"), source="<stdin>")
    looks_like_path = not any(c in argument for c in ";:>\n{") and (
        "/" in argument or Path(argument).suffix in (".json", ".model", ".txt")
    )
    if os.path.isfile(argument) or looks_like_path:
        found = read_source(argument)
        return read_model(found.text, source=found.shown)
    return read_model(argument, source="<model>")
