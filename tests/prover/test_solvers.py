"""The prover over every SAT backend: the same verdicts as the naive oracle, every certificate
checked by the kernel (proofs) or the model checker (countermodels); the shared engine
(`Prover`, `shared_prover`) answers as fresh engines do; `interrupt` stops a running search."""

from __future__ import annotations

import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracles import provable
from strategies import oracle_sized

from lobkit.errors import InputError, Interrupted
from lobkit.formula import Formula
from lobkit.kernel import Logic
from lobkit.kernel.kripke import check_frame, holds_at
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import Prover, interrupt, prove, shared_prover
from lobkit.sat import SOLVERS
from lobkit.zoo.lwb_families import LWB_K_FAMILIES


def assert_certified(result, formula: Formula, frame: str) -> None:
    logic = Logic.named(frame)
    if result.valid:
        check_proof(result.proof, logic, formula)
    else:
        model = result.countermodel.kripke()
        assert check_frame(model, logic) == []
        assert not holds_at(model, formula, result.countermodel.root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(oracle_sized())
def test_every_backend_agrees_with_the_oracle(formula: Formula) -> None:
    for frame in ("K", "K4", "GL"):
        expected = provable(formula, frame)
        for solver in SOLVERS:
            result = prove(formula, frame, solver=solver)
            assert result.valid == expected, (str(formula), frame, solver)
            assert_certified(result, formula, frame)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("family", sorted(LWB_K_FAMILIES))
def test_every_backend_proves_small_lwb_instances(solver: str, family: str) -> None:
    formula = LWB_K_FAMILIES[family](2)
    result = prove(formula, "K", solver=solver)
    assert result.valid
    assert_certified(result, formula, "K")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st_formulas=st.lists(oracle_sized(), min_size=1, max_size=6))
def test_a_shared_engine_answers_as_fresh_ones(st_formulas: list[Formula]) -> None:
    for frame in ("GL", "K4"):
        shared = Prover(frame)
        for formula in st_formulas:
            result = shared.prove(formula)
            assert result.valid == prove(formula, frame).valid
            assert_certified(result, formula, frame)
        assert shared.queries == len(st_formulas)


def test_shared_prover_is_one_per_logic_premises_solver() -> None:
    a = shared_prover("GL", premises=["p"])
    assert shared_prover("GL", premises=["p"]) is a
    assert shared_prover("GL") is not a
    assert shared_prover("GL", premises=["p"], solver="z3") is not a
    assert a.prove("[]p").valid  # the premise p holds everywhere, so []p
    with pytest.raises(InputError, match="unknown solver"):
        shared_prover("GL", solver="nope")


def test_unknown_solver_is_bad_input() -> None:
    with pytest.raises(InputError, match="unknown solver 'nope'"):
        prove("p -> p", solver="nope")


def test_interrupt_stops_a_running_search_and_the_engine_recovers() -> None:
    # k_branch_p(16)'s first disjunct, the negated branching formula: its countermodels
    # are binary trees of depth 16, so any search builds 2^17 worlds (far beyond a second)
    hard = LWB_K_FAMILIES["k_branch_p"](16).args[0]
    prover = Prover("K")
    threading.Timer(0.3, interrupt).start()
    start = time.monotonic()
    with pytest.raises(Interrupted):
        prover.prove(hard)
    assert time.monotonic() - start < 10
    assert prover.prove("[]p -> []p").valid  # the next query runs normally
