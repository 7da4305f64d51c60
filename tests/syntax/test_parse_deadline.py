"""Parsing runs under the current budget (`lobkit.limits.within`): a spent budget stops the
parse of a formula, a theory file or an agent file with `ResourceLimit`, and parsing under a
budget gives exactly what parsing without one gives, errors included."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.cli import main
from lobkit.errors import LobkitError, ResourceLimit
from lobkit.limits import Budget, current_budget, remaining, within
from lobkit.syntax import frontend, parse
from lobkit.tiling.loader import load


def spent() -> Budget:
    budget = Budget(60)
    budget.deadline = time.monotonic() - 1
    return budget


def outcome(text: str, budget: Budget | None) -> str:
    with within(budget):
        try:
            return repr(parse(text))
        except LobkitError as error:
            return f"{type(error).__name__}: {error}"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="pq~&|-><[]()TF ", max_size=30))
def test_a_budget_changes_nothing_but_the_deadline(text: str) -> None:
    assert outcome(text, Budget(600)) == outcome(text, None)


def test_a_spent_budget_stops_parsing_a_formula() -> None:
    with pytest.raises(ResourceLimit, match="--timeout"):
        with within(spent()):
            parse("p & q")
    assert current_budget() is None
    assert str(parse("p & q")) == "p & q"  # outside the block: no deadline


def test_the_deadline_is_looked_at_while_tokens_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    budget = Budget(600)
    calls = []

    def remaining_spy() -> float:
        calls.append(1)
        if len(calls) > 3:
            raise budget.exhausted()
        return 1.0

    monkeypatch.setattr(budget, "remaining", remaining_spy)
    text = " & ".join(["p"] * (3 * frontend.CHECK_EVERY)) + " -> p"
    with pytest.raises(ResourceLimit), within(budget):
        parse(text)
    assert len(calls) == 4  # once per CHECK_EVERY tokens, not once per parse


def test_a_spent_budget_stops_loading_a_theory_file(tmp_path: Path) -> None:
    spec = tmp_path / "t.lob"
    spec.write_text("theory T\nprove T : p -> p\n")
    with pytest.raises(ResourceLimit), within(spent()):
        load(spec)
    assert load(spec) is not None


def test_remaining_is_the_smaller_of_the_phase_and_the_budget() -> None:
    assert remaining(5.0) == 5.0
    with within(Budget(600)):
        left = remaining(5.0)
        assert left == 5.0
        unlimited = remaining(None)
        assert unlimited is not None and unlimited <= 600
    with pytest.raises(ResourceLimit), within(spent()):
        remaining(5.0)


def test_check_timeout_covers_reading_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 300 KB of formulas: parsing alone takes well over a second, far above --timeout 0.05.
    line = "prove T : " + " & ".join(["p"] * 100) + " -> p\n"
    spec = tmp_path / "big.lob"
    spec.write_text("theory T\n" + line * (300_000 // len(line)))
    assert main(["check", str(spec), "--timeout", "0.05"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--timeout" in err


def test_prove_timeout_covers_parsing_the_formula(capsys: pytest.CaptureFixture[str]) -> None:
    formula = " & ".join(["p"] * 30_000) + " -> p"
    assert main(["prove", formula, "--timeout", "0.01"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--timeout" in err
