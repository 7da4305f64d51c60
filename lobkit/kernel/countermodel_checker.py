"""The countermodel checker: what a `Countermodel` must satisfy to refute a goal in a logic.

Beside `proof_checker.check_proof`, this is the other half of the kernel's acceptance check:
every "not valid" the prover reports passes here. The conditions are read off the semantics
(Boolos, *The Logic of Provability*, ch. 4–5; Segerberg for K4 and K): the model's frame is a
frame of the logic (for GL: transitive and conversely well-founded, i.e. on a finite model
irreflexive; for K4 transitive; indexed boxes related as the logic's inclusions require), the
goal is false at the root, and every global premise holds at every world. The truth values
come from the kernel's own model checker, `lobkit.kernel.kripke`.
"""

from __future__ import annotations

from collections.abc import Callable

from lobkit.errors import ProofError
from lobkit.formula import Formula
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.kripke import check_frame, failing_premises, holds_at
from lobkit.kernel.logic import Logic

__all__ = ["check_countermodel", "countermodel_problems"]


def countermodel_problems(
    model: Countermodel,
    logic: Logic,
    goal: Formula,
    *,
    frame: bool = True,
    tick: Callable[[], None] | None = None,
) -> list[str]:
    """Why `model` is not a countermodel to `goal` in `logic` (empty: it is one): the frame
    conditions (skipped when `frame` is False, for a caller that keeps the frame fixed), the
    root a world, the goal false at it, every premise true everywhere. `tick` is called now
    and then; whatever it raises stops the check."""
    if model.root not in model.worlds:
        return [f"the root {model.root!r} is not a world of the model"]
    kripke = model.kripke()
    problems = check_frame(kripke, logic, tick=tick) if frame else []
    if holds_at(kripke, goal, model.root, tick=tick):
        problems.append("the formula is true at the root")
        return problems
    for premise in failing_premises(kripke, logic.premises, tick=tick):
        problems.append(f"the premise {premise} fails somewhere")
    return problems


def check_countermodel(
    model: Countermodel,
    logic: Logic,
    goal: Formula,
    *,
    tick: Callable[[], None] | None = None,
) -> None:
    """Raise `ProofError` (naming the first problem) unless `model` is a countermodel to
    `goal` in `logic`: the acceptance check of every "not valid"."""
    problems = countermodel_problems(model, logic, goal, tick=tick)
    if problems:
        raise ProofError(f"not a countermodel: {problems[0]}")
