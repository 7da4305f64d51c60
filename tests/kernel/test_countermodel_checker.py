"""The countermodel checker is a real check: each condition a countermodel must meet rejects a
model that breaks only that condition, and deleting any one condition from the kernel's source
lets one of these models through (the tamper test of the countermodel half of the kernel, as
`test_checker_rejects.py` is for proofs)."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

import lobkit.kernel
from lobkit.errors import ProofError
from lobkit.formula import Formula
from lobkit.kernel import Countermodel, Logic, check_countermodel, countermodel_problems
from lobkit.syntax import parse

KERNEL = Path(lobkit.kernel.__file__).parent


def model(
    relations: dict[str | None, set[tuple[str, str]]], true: dict[str, str], root: str = "w0"
) -> Countermodel:
    worlds = sorted({w for pairs in relations.values() for p in pairs for w in p} | {"w0"})
    return Countermodel(
        tuple(worlds),
        root,
        {t: frozenset(pairs) for t, pairs in relations.items()},
        {w: frozenset(true.get(w, "").split()) for w in worlds},
    )


# Each case breaks exactly one condition: (name, model, logic, goal, what the message says).
CASES: list[tuple[str, Countermodel, Logic, Formula, str]] = [
    (
        "transitivity",  # GL ⊢ []p -> [][]p: only a non-transitive frame falsifies it
        model({None: {("w0", "w1"), ("w1", "w2")}}, {"w1": "p"}),
        Logic.named("GL"),
        parse("[]p -> [][]p"),
        "⊄",
    ),
    (
        "irreflexivity",  # Löb's axiom fails on a transitive frame with a loop
        model({None: {("w0", "w1"), ("w1", "w1")}}, {}),
        Logic.named("GL"),
        parse("[]([]p -> p) -> []p"),
        "reflexive",
    ),
    (
        "inclusion",  # T1 extends T0: R[T1] ⊆ R[T0]
        model({"T1": {("w0", "w1")}, "T0": set()}, {}),
        Logic("GL", {"T1": {"T0"}}),
        parse("[T0]p -> [T1]p"),
        "although T1 extends T0",
    ),
    (
        "goal false at the root",
        model({None: set()}, {"w0": "p"}),
        Logic.named("GL"),
        parse("p"),
        "true at the root",
    ),
    (
        "premises everywhere",
        model({None: {("w0", "w1")}}, {"w0": "q"}),
        Logic.named("GL").with_premises([parse("q")]),
        parse("p"),
        "premise q fails",
    ),
    (
        "the root a world",
        model({None: set()}, {}, root="w9"),
        Logic.named("GL"),
        parse("p"),
        "not a world",
    ),
]


@pytest.mark.parametrize(("name", "bad", "logic", "goal", "why"), CASES, ids=[c[0] for c in CASES])
def test_each_condition_rejects_the_model_that_breaks_it(
    name: str, bad: Countermodel, logic: Logic, goal: Formula, why: str
) -> None:
    problems = countermodel_problems(bad, logic, goal)
    assert len(problems) >= 1 and why in problems[0], problems
    with pytest.raises(ProofError, match="not a countermodel"):
        check_countermodel(bad, logic, goal)


def test_a_real_countermodel_passes() -> None:
    good = model({None: {("w0", "w1")}}, {"w0": "q", "w1": "q"})
    check_countermodel(good, Logic.named("GL").with_premises([parse("q")]), parse("p"))


def rejected_by(check: Callable[..., object]) -> list[str]:
    """The cases `check` (a mutant's `check_countermodel`) still rejects with a `ProofError`
    (accepting a case, or failing on it with another error, is not rejecting it)."""
    caught = []
    for name, bad, logic, goal, _ in CASES:
        try:
            check(bad, logic, goal)
        except ProofError:
            caught.append(name)
        except Exception:  # noqa: BLE001 - a crash is not a verdict
            pass
    return caught


# Deleting a condition from the kernel's source: (file, the text, what replaces it).
MUTANTS = {
    "no frame check": (
        "countermodel_checker.py",
        "problems = check_frame(kripke, logic, tick=tick) if frame else []",
        "problems = []",
    ),
    "no root check": (
        "countermodel_checker.py",
        "if holds_at(kripke, goal, model.root, tick=tick):",
        "if False:",
    ),
    "no premise check": (
        "countermodel_checker.py",
        "for premise in failing_premises(kripke, logic.premises, tick=tick):",
        "for premise in ():",
    ),
    "no root-is-a-world check": (
        "countermodel_checker.py",
        "if model.root not in model.worlds:",
        "if False:",
    ),
    "no irreflexivity": ("kripke.py", "if loops:", "if False:"),
    "no transitivity": ("kripke.py", "if found is not None:", "if False:"),
    "no inclusion": (
        "kripke.py",
        "if t != s and lg.extends_theory(t, s) and not rel[t] <= rel[s]:",
        "if False:",
    ),
}


def mutant_check(file: str, old: str, new: str) -> Callable[..., object]:
    """`check_countermodel` as it would be with `old` replaced by `new` in the kernel's `file`
    (the other kernel modules as they are)."""
    names = {"kripke.py": "lobkit.kernel.kripke", "countermodel_checker.py": None}
    text = (KERNEL / file).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{file} no longer contains {old!r}: update this mutant"
    mutated = load(f"mutant_{Path(file).stem}", text.replace(old, new))
    if names[file] is None:
        return mutated.check_countermodel  # type: ignore[no-any-return]
    source = (KERNEL / "countermodel_checker.py").read_text(encoding="utf-8")
    checker = load("mutant_countermodel_checker", source)
    checker.check_frame = mutated.check_frame  # the mutated frame conditions
    return checker.check_countermodel  # type: ignore[no-any-return]


def load(name: str, source: str) -> types.ModuleType:
    """A module made from `source` (registered while it runs: dataclasses look it up)."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(source, f"<{name}>", "exec"), module.__dict__)  # noqa: S102
    finally:
        del sys.modules[name]
    return module


def test_the_cases_are_rejected_by_the_real_checker() -> None:
    assert rejected_by(check_countermodel) == [c[0] for c in CASES]


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_deleting_a_condition_lets_a_bad_model_through(mutant: str) -> None:
    """With one condition deleted from the kernel, some case above is accepted: the tests of
    this file would go red."""
    check = mutant_check(*MUTANTS[mutant])
    assert rejected_by(check) != [c[0] for c in CASES], f"{mutant}: every case still rejected"
