"""A student's answer to an exercise, judged by the kernel alone.

* "not valid" comes with a model (JSON or the text form). It is right when the model is a
  frame of the exercise's logic — every relation meets every condition of
  `lobkit.kernel.frames.CONDITIONS`, and for GL, K4, K with theory inclusions the kernel's
  `check_frame` too — the spec's premises hold at every world, and the formula fails at some
  world (the root, preferably). Otherwise the first thing that breaks is the reason: the frame
  condition and its witness, the world where a premise fails, or the root where the formula
  holds, with the refutation chain of `lobkit.render.refutation`.
* "valid" comes with proof steps from the root (`lobkit.exercises.steps`): right when the
  kernel accepts the whole derivation. Only GL, K4 and K have their modal rule in the kernel's
  sequent calculus (`MODAL_RULE`); elsewhere a "valid" answer cannot be checked and says so.

Soundness makes either check decisive: a model of the logic's frame class refuting the formula
shows it is not a theorem; a kernel-checked proof shows it is one. lobkit's own verdict on the
exercise is never consulted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lobkit.errors import InputError
from lobkit.exercises.exercise import Exercise
from lobkit.formula import theories_of
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.frames import CONDITIONS, Frame
from lobkit.kernel.kripke import check_frame, truth_set
from lobkit.kernel.logic import FRAMES, Logic
from lobkit.kernel.proof import MODAL_RULE
from lobkit.syntax.printers import to_unicode

__all__ = ["AnswerOutcome", "check_answer", "exercise_logic"]

VERDICTS = ("valid", "not valid")


@dataclass(frozen=True)
class AnswerOutcome:
    """Right or wrong, `message` (one line), `reasons` (the chain, the witness), and what
    the page draws: the broken `condition` with its `witness`, the `world` in question, the
    `countermodel` of an unprovable premise."""

    correct: bool
    message: str
    reasons: tuple[str, ...] = ()
    condition: str | None = None
    witness: tuple[str, ...] = ()
    world: str | None = None
    countermodel: Countermodel | None = None
    steps: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "message": self.message,
            "reasons": list(self.reasons),
            "condition": self.condition,
            "witness": list(self.witness),
            "world": self.world,
            "countermodel": None if self.countermodel is None else self.countermodel.to_json(),
            "steps": list(self.steps),
        }


def exercise_logic(exercise: Exercise) -> Logic | None:
    """The kernel's `Logic` of the exercise (with its spec), or None for a logic of the cube
    the kernel's proof calculus does not have yet."""
    if exercise.logic not in FRAMES:
        return None
    extends: dict[str | None, frozenset[str | None]] = {
        t: frozenset(ps) for t, ps in exercise.extends
    }
    return Logic(exercise.logic, extends, exercise.premises)


def _chain(model: Countermodel, world: str, formula: Any) -> tuple[str, ...]:
    from lobkit.render.refutation import explain

    return tuple(explain(model.kripke(), world, formula, per_world=0).sentences(width=200))


def check_countermodel(exercise: Exercise, model: Countermodel) -> AnswerOutcome:
    """Is `model` a countermodel to the exercise's formula in its logic? (See the module.)"""
    theories: set[str | None] = set(model.relations) | {None}
    theories |= theories_of(exercise.formula)
    for sub, sups in exercise.extends:
        theories.add(sub)
        theories.update(sups)
    for t in sorted(theories, key=lambda name: "" if name is None else name):
        frame = Frame(model.worlds, model.relations.get(t, frozenset()))
        for condition in CONDITIONS[exercise.logic]:
            broken = frame.violation(condition)
            if broken is not None:
                box = "" if t is None else f" of [{t}]"
                return AnswerOutcome(
                    False,
                    f"not a frame of {exercise.logic}: the relation{box} is {broken}",
                    (f"{exercise.logic} frames are {', '.join(CONDITIONS[exercise.logic])}",),
                    condition=condition,
                    witness=broken.witness,
                )
    logic = exercise_logic(exercise)
    kripke = model.kripke()
    if logic is not None and (exercise.extends or len(model.relations) > 1):
        problems = check_frame(kripke, logic)
        if problems:
            return AnswerOutcome(False, f"not a frame of {logic}: {problems[0]}", tuple(problems))
    for premise in exercise.premises:
        where = truth_set(kripke, premise)
        outside = [w for w in model.worlds if w not in where]
        if outside:
            w = outside[0]
            return AnswerOutcome(
                False,
                f"the premise {to_unicode(premise)} must hold at every world; it fails at {w}",
                _chain(model, w, premise),
                world=w,
            )
    holds = truth_set(kripke, exercise.formula)
    formula = to_unicode(exercise.formula)
    if model.root not in holds:
        return AnswerOutcome(
            True,
            f"correct: a frame of {exercise.logic}, and {formula} fails at the root {model.root}",
            _chain(model, model.root, exercise.formula),
            world=model.root,
        )
    failing = [w for w in model.worlds if w not in holds]
    if failing:
        w = failing[0]
        return AnswerOutcome(
            True,
            f"correct: a frame of {exercise.logic}, and {formula} fails at {w} "
            f"(not at the root {model.root})",
            _chain(model, w, exercise.formula),
            world=w,
        )
    return AnswerOutcome(
        False,
        f"{formula} holds at every world of this model, so it refutes nothing; "
        f"at the root {model.root}:",
        _chain(model, model.root, exercise.formula),
        world=model.root,
    )


def check_answer(
    exercise: Exercise,
    verdict: str,
    *,
    model: Countermodel | None = None,
    steps: Sequence[str] = (),
    timeout: float | None = 10.0,
) -> AnswerOutcome:
    """Judge the answer `verdict` ("valid" or "not valid") with its model or its steps."""
    from lobkit.exercises.steps import check_steps, parse_step

    verdict = verdict.strip().lower().replace("_", " ").replace("-", " ")
    if verdict not in VERDICTS:
        raise InputError(f"the answer is 'valid' or 'not valid', not {verdict!r}", "verdict")
    if verdict == "not valid":
        if model is None:
            raise InputError("a 'not valid' answer needs a countermodel", "model")
        return check_countermodel(exercise, model)
    logic = exercise_logic(exercise)
    if logic is None or logic.frame not in MODAL_RULE:
        raise InputError(
            "'valid' answers are proof steps in the kernel's sequent calculus, which has the "
            f"modal rules of {', '.join(MODAL_RULE)}; not yet of {exercise.logic}",
            "verdict",
        )
    parsed = [parse_step(s) for s in steps if s.strip()]
    outcome = check_steps(exercise.formula, logic, parsed, timeout=timeout)
    return AnswerOutcome(
        outcome.correct,
        ("correct: " if outcome.correct else "") + outcome.message,
        outcome.applied,
        countermodel=outcome.countermodel,
        steps=outcome.applied,
    )
