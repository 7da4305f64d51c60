"""Exercises whose answers lobkit's kernel checks: a set file (`exercise`), the judgement of
an answer (`check`: a countermodel against the formula and the logic's frame class, or proof
steps completed into a kernel-checked derivation, `steps`), the sets shipped (`sets/`).

>>> s = load_exercise_set("k-to-gl")
>>> e = s.get("T-in-K")
>>> check_answer(e, "not valid", model=read_model("w0")).correct
True
"""

from __future__ import annotations

from lobkit.exercises.check import AnswerOutcome, check_answer, exercise_logic
from lobkit.exercises.exercise import (
    Exercise,
    ExerciseSet,
    load_exercise_set,
    read_exercise_set,
    shipped_sets,
)
from lobkit.models import read_model

__all__ = [
    "AnswerOutcome",
    "Exercise",
    "ExerciseSet",
    "check_answer",
    "exercise_logic",
    "load_exercise_set",
    "read_exercise_set",
    "read_model",
    "shipped_sets",
]
