"""Exercise sets as data: a small TOML (or JSON) file a teacher writes and shares.

    title = "From K to GL"

    [[exercise]]
    formula = "[]p -> p"
    logic = "K"
    prompt = "The T axiom. Does it hold in every Kripke model?"

Each exercise is a formula and a logic (any of `lobkit.kernel.frames.CONDITIONS`: K, D, T, B,
K4, K5, KD45, S4, S5, GL, Grz), optionally a spec — global `premises` (true at every world)
and theory inclusions `extends = {T1 = ["T0"]}` for indexed boxes — and a `prompt`, a `hint`
and a `note` shown once it is answered. The same document as JSON is what the page puts in a
link (`#exercises=…`). Errors name the exercise and the field: `exercise[2].logic: unknown
logic 'S6'`; a set has at most `MAX_EXERCISES` exercises and `MAX_SET_CHARS` characters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lobkit.errors import InputError
from lobkit.formula import Formula
from lobkit.kernel.frames import CONDITIONS

__all__ = [
    "Exercise",
    "ExerciseSet",
    "MAX_EXERCISES",
    "MAX_SET_CHARS",
    "load_exercise_set",
    "read_exercise_set",
    "shipped_sets",
]

MAX_EXERCISES = 200
MAX_SET_CHARS = 200_000
_SETS = Path(__file__).resolve().parent / "sets"
_FIELDS = ("id", "formula", "logic", "prompt", "hint", "note", "premises", "extends")
_PRINTED = ("unicode",)  # what `to_json` adds for display: accepted back and ignored


@dataclass(frozen=True)
class Exercise:
    """One question: is `formula` valid in `logic` (with the spec's premises and inclusions)?"""

    id: str
    formula: Formula
    logic: str
    prompt: str = ""
    hint: str = ""
    note: str = ""
    premises: tuple[Formula, ...] = ()
    extends: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def to_json(self) -> dict[str, Any]:
        from lobkit.syntax.printers import to_ascii, to_unicode

        out: dict[str, Any] = {
            "id": self.id,
            "formula": to_ascii(self.formula),
            "unicode": to_unicode(self.formula),
            "logic": self.logic,
            "prompt": self.prompt,
            "hint": self.hint,
            "note": self.note,
        }
        if self.premises:
            out["premises"] = [to_ascii(p) for p in self.premises]
        if self.extends:
            out["extends"] = {t: list(ps) for t, ps in self.extends}
        return out


@dataclass(frozen=True)
class ExerciseSet:
    """A titled list of exercises (ids unique)."""

    title: str
    exercises: tuple[Exercise, ...]

    def get(self, exercise_id: str) -> Exercise:
        for e in self.exercises:
            if e.id == exercise_id:
                return e
        raise InputError(f"no exercise {exercise_id!r} in {self.title!r}")

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "exercises": [e.to_json() for e in self.exercises]}


def _text_field(entry: dict[str, Any], key: str, where: str, default: str = "") -> str:
    value = entry.get(key, default)
    if not isinstance(value, str):
        raise InputError("must be text", f"{where}.{key}")
    return value


def _exercise(entry: Any, index: int) -> Exercise:
    from lobkit.syntax import parse

    where = f"exercise[{index}]"
    if not isinstance(entry, dict):
        raise InputError("an exercise is a table with formula and logic", where)
    unknown = sorted(set(entry) - set(_FIELDS) - set(_PRINTED))
    if unknown:
        fields = ", ".join(_FIELDS)
        raise InputError(f"unknown field {unknown[0]!r}; the fields are {fields}", where)
    text = _text_field(entry, "formula", where)
    if not text.strip():
        raise InputError("every exercise needs a formula", f"{where}.formula")
    formula = parse(text, source=f"{where}.formula")
    logic = _text_field(entry, "logic", where, "GL").strip()
    match = {name.upper(): name for name in CONDITIONS}.get(logic.upper())
    if match is None:
        raise InputError(
            f"unknown logic {logic!r}; choose from {', '.join(CONDITIONS)}", f"{where}.logic"
        )
    raw_premises = entry.get("premises", [])
    if not isinstance(raw_premises, list) or not all(isinstance(p, str) for p in raw_premises):
        raise InputError("a list of formulas", f"{where}.premises")
    premises = tuple(parse(p, source=f"{where}.premises[{i}]") for i, p in enumerate(raw_premises))
    raw_extends = entry.get("extends", {})
    if not isinstance(raw_extends, dict) or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in raw_extends.values()
    ):
        raise InputError('a table of theory lists, e.g. {T1 = ["T0"]}', f"{where}.extends")
    extends = tuple(sorted((str(k), tuple(v)) for k, v in raw_extends.items()))
    if (premises or extends) and match not in ("GL", "K4", "K"):
        raise InputError(f"premises and extends need GL, K4 or K, not {match}", where)
    return Exercise(
        id=_text_field(entry, "id", where, str(index + 1)) or str(index + 1),
        formula=formula,
        logic=match,
        prompt=_text_field(entry, "prompt", where),
        hint=_text_field(entry, "hint", where),
        note=_text_field(entry, "note", where),
        premises=premises,
        extends=extends,
    )


def read_exercise_set(text: str, *, source: str = "<exercises>") -> ExerciseSet:
    """A set from its TOML text, or JSON text (starting with `{`); located errors."""
    import tomllib

    if len(text) > MAX_SET_CHARS:
        raise InputError(
            f"{len(text):,} characters; an exercise set has at most {MAX_SET_CHARS:,}", source
        )
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else tomllib.loads(text)
    except ValueError as error:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        raise InputError(f"not TOML or JSON: {error}", source) from None
    try:
        title = data.get("title", "Exercises")
        if not isinstance(title, str):
            raise InputError("must be text", "title")
        entries = data.get("exercise", data.get("exercises"))
        if not isinstance(entries, list) or not entries:
            raise InputError("a set needs [[exercise]] tables (or an `exercises` list)", "exercise")
        if len(entries) > MAX_EXERCISES:
            raise InputError(f"{len(entries)} exercises; at most {MAX_EXERCISES}", "exercise")
        exercises = tuple(_exercise(e, i) for i, e in enumerate(entries))
        extra = sorted(set(data) - {"title", "exercise", "exercises"})
        if extra:
            raise InputError(f"unknown field {extra[0]!r}", "the set")
    except InputError as error:
        where = f"{source}: {error.location}" if error.location else source
        raise InputError(error.message, where) from None
    ids = [e.id for e in exercises]
    twice = next((i for n, i in enumerate(ids) if i in ids[:n]), None)
    if twice is not None:
        raise InputError(f"the id {twice!r} is used twice", source)
    return ExerciseSet(title, exercises)


def shipped_sets() -> list[str]:
    """The names of the sets shipped with lobkit (`lobkit exercises --example NAME`)."""
    return sorted(p.stem for p in _SETS.glob("*.toml"))


def load_exercise_set(name_or_path: str) -> ExerciseSet:
    """A shipped set by name (`k-to-gl`) or a set file (read through `lobkit.inputs`)."""
    from lobkit.inputs import read_source

    if name_or_path in shipped_sets():
        path = _SETS / f"{name_or_path}.toml"
        return read_exercise_set(path.read_text("utf-8"), source=f"{name_or_path}.toml")
    found = read_source(name_or_path)
    return read_exercise_set(found.text, source=found.shown)
