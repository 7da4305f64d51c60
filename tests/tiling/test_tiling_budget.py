"""`--timeout` is per query: every prover call a query makes shares one `Budget`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from lobkit.errors import ResourceLimit
from lobkit.limits import Budget
from lobkit.tiling import checker, load, oracle

TOWER = Path(__file__).resolve().parents[2] / "theories" / "tower.lob"


def test_budget_counts_down_and_runs_out() -> None:
    budget = Budget(0.05)
    first = budget.remaining()
    assert first is not None and 0 < first <= 0.05
    time.sleep(0.06)
    with pytest.raises(ResourceLimit, match="0.05 s"):
        budget.remaining()
    assert Budget(None).remaining() is None


def test_one_budget_per_query(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chain makes several prover calls; each gets what is left of the query's timeout,
    not the whole of it, so a query of many slow calls stops within its timeout."""
    real = oracle.prove
    given: list[float | None] = []

    def slow(goal: Any, logic: Any, *, timeout: float | None = None) -> Any:
        given.append(timeout)
        time.sleep(0.3)
        return real(goal, logic, timeout=timeout)

    load(TOWER).prove("T0", "p -> p")  # warm the prover up outside the measured query
    monkeypatch.setattr(oracle, "prove", slow)
    with pytest.raises(ResourceLimit, match="time limit of 1.5 s"):
        load(TOWER).checker.chain(("A3", "A2", "A1", "A0"), budget=Budget(1.5))
    assert len(given) >= 2
    assert all(t is not None for t in given)
    assert given == sorted(given, reverse=True)  # what is left shrinks call by call
    assert given[-1] is not None and given[-1] < 1.5 - 0.3


def test_check_gives_each_query_its_own_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each query starts from the whole timeout, although earlier queries used time."""
    real_prove, real_answer = oracle.prove, checker.Checker.answer
    calls: list[list[float]] = []  # per query, the timeouts its prover calls got

    def prove(goal: Any, logic: Any, *, timeout: float | None = None) -> Any:
        assert timeout is not None
        calls[-1].append(timeout)
        time.sleep(0.02)
        return real_prove(goal, logic, timeout=timeout)

    def answer(self: checker.Checker, query: Any, *, budget: Budget | None = None) -> Any:
        calls.append([])
        return real_answer(self, query, budget=budget)

    monkeypatch.setattr(oracle, "prove", prove)
    monkeypatch.setattr(checker.Checker, "answer", answer)
    assert load(TOWER).check(timeout=60.0).ok
    firsts = [timeouts[0] for timeouts in calls if timeouts]
    assert len(firsts) >= 3
    assert all(t > 60.0 - 0.5 for t in firsts)  # the whole budget, less the prover's start-up
    assert all(t <= 60.0 for timeouts in calls for t in timeouts)
