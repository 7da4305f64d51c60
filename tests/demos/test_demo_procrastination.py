"""The procrastination demo (lobkit.demos.procrastination) on short runs: each design does what
Fallenstein & Soares (2014) say it does, and its soundness is the `sound … given` check of
its theories on the run it produced, with certificates that re-check."""

from __future__ import annotations

import pytest

from lobkit.demos.procrastination import designs, simulate, valuation

HORIZON = 8


@pytest.fixture(scope="module")
def runs() -> dict[str, object]:
    return {d.name: simulate(d, HORIZON) for d in designs(tower_height=2, horizon=HORIZON)}


def test_the_fixed_theory_presses_at_once_and_is_sound(runs: dict) -> None:
    run = runs["fixed theory"]
    assert run.actions == ("press",) and run.pressed_at == 0
    assert run.sound and run.exact and not run.proves_goal and run.consistent


def test_the_tower_waits_then_presses_at_its_height_and_is_sound(runs: dict) -> None:
    run = runs["tower, height 2"]
    assert run.actions == ("wait", "wait", "press") and run.pressed_at == 2
    assert run.sound and run.consistent and not run.proves_goal
    assert [s.theory for s in run.soundness] == ["T2", "T1", "T0"]
    assert run.soundness[0].checked == ("T2", "T1", "T0")  # T2 trusts the rest of the tower


def test_the_successor_trusting_theory_never_presses_and_is_unsound(runs: dict) -> None:
    run = runs["successor-trusting"]
    assert run.pressed_at is None and run.actions == ("wait",) * HORIZON
    assert run.proves_goal and run.consistent and not run.sound and run.exact
    falsehood = run.soundness[0].falsehood
    assert str(falsehood.formula) == "[E]pressed -> pressed" and falsehood.kind == "axiom"
    assert dict(falsehood.valuation) == {"pressed": False}
    assert "E is unsound" in run.why_unsound


def test_naive_self_trust_is_inconsistent(runs: dict) -> None:
    run = runs["naive self-trust"]
    assert run.pressed_at is None and not run.consistent and not run.sound
    assert run.soundness[0].falsehood.kind == "inconsistent"


def test_every_answer_re_checks(runs: dict) -> None:
    for run in runs.values():
        for result in run.soundness:
            result.verify()


def test_the_valuation_is_the_run() -> None:
    design = designs(tower_height=1, horizon=4)[1]
    run = simulate(design, 4)
    assert run.pressed_at == 1 and run.sound
    values = valuation(design.spec, run.actions)
    assert values == {
        "wait0": True,
        "press0": False,
        "wait1": False,
        "press1": True,
        "pressed": True,
    }


def test_the_valuation_is_in_step_order_whatever_the_hash_seed() -> None:
    """The report prints the valuation ("sound where press0 = …"): its order is the atoms'
    step order, not a set's (which followed PYTHONHASHSEED)."""
    design = designs(tower_height=1, horizon=12)[0]
    names = list(valuation(design.spec, ("wait",) * 11 + ("press",)))
    steps = range(12)
    assert names == [f"press{t}" for t in steps] + ["pressed"] + [f"wait{t}" for t in steps]


def test_the_report_explains_relative_only_when_a_verdict_is(runs: dict) -> None:
    from dataclasses import replace

    from lobkit.demos.procrastination import report

    shown = list(runs.values())
    assert all(r.exact for r in shown)  # every soundness verdict of the demo is exact
    assert "relative" not in report(shown, HORIZON)
    tower = runs["tower, height 2"]
    relative = replace(tower, soundness=(replace(tower.soundness[0], exact=False),))
    text = report([*shown, relative], HORIZON)
    assert "yes (relative)" in text and "finitely many reflection instances" in text
