"""Every SAT backend against brute force and against each other on random CNFs: same verdict,
models that satisfy every clause and the assumptions, cores that are unsatisfiable subsets of
the assumptions; deadlines and interrupts give up with None."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.errors import InputError
from lobkit.sat import SOLVERS, SatSolver, make_solver

NVARS = 6
literals = st.integers(1, NVARS).flatmap(lambda v: st.sampled_from([v, -v]))
clauses = st.lists(literals, min_size=1, max_size=3)
cnfs = st.lists(clauses, max_size=18)
assumption_sets = st.lists(literals, max_size=4, unique_by=abs)


def brute_force(cnf: list[list[int]], assumptions: list[int]) -> bool:
    for bits in itertools.product((False, True), repeat=NVARS):
        truth = {lit: bits[abs(lit) - 1] == (lit > 0) for lit in range(-NVARS, NVARS + 1) if lit}
        if all(truth[a] for a in assumptions) and all(any(truth[x] for x in c) for c in cnf):
            return True
    return False


def loaded(name: str, cnf: list[list[int]]) -> SatSolver:
    solver = make_solver(name)
    for _ in range(NVARS):
        solver.new_var()
    for clause in cnf:
        solver.add_clause(clause)
    return solver


@pytest.mark.parametrize("name", SOLVERS)
@settings(max_examples=60, deadline=None)
@given(cnf=cnfs, queries=st.lists(assumption_sets, min_size=1, max_size=4))
def test_backend_agrees_with_brute_force(name: str, cnf, queries) -> None:
    solver = loaded(name, cnf)
    for assumptions in queries:  # incremental: several queries on one solver
        answer = solver.solve(assumptions)
        assert answer is brute_force(cnf, assumptions)
        if answer:
            values = solver.values(range(1, NVARS + 1))
            holds = {v * s: values[v - 1] == (s > 0) for v in range(1, NVARS + 1) for s in (1, -1)}
            assert all(holds[a] for a in assumptions)
            assert all(any(holds[x] for x in c) for c in cnf)
        else:
            core = solver.core()
            assert set(core) <= set(assumptions)
            assert not brute_force(cnf, core)
    solver.close()


@settings(max_examples=40, deadline=None)
@given(cnf=cnfs, assumptions=assumption_sets, extra=st.lists(clauses, max_size=4))
def test_backends_agree_incrementally(cnf, assumptions, extra) -> None:
    """Adding clauses between queries: all backends give the same verdicts."""
    verdicts = []
    for name in SOLVERS:
        solver = loaded(name, cnf)
        row = [solver.solve(assumptions)]
        for clause in extra:
            solver.add_clause(clause)
            row.append(solver.solve(assumptions))
        verdicts.append(row)
        solver.close()
    assert all(v == verdicts[0] for v in verdicts)


def pigeonhole(solver: SatSolver, holes: int) -> None:
    """holes + 1 pigeons in `holes` holes: unsatisfiable and hard for CDCL."""
    var = {(p, h): solver.new_var() for p in range(holes + 1) for h in range(holes)}
    for p in range(holes + 1):
        solver.add_clause([var[p, h] for h in range(holes)])
    for h in range(holes):
        for p, q in itertools.combinations(range(holes + 1), 2):
            solver.add_clause([-var[p, h], -var[q, h]])


@pytest.mark.parametrize("name", SOLVERS)
def test_past_deadline_and_interrupt_give_up(name: str) -> None:
    solver = make_solver(name)
    a = solver.new_var()
    solver.add_clause([a])
    assert solver.solve([a], deadline=time.monotonic() - 1) is None
    solver.interrupt()
    assert solver.interrupted and solver.solve([a]) is None
    solver.clear_interrupt()
    assert solver.solve([a]) is True
    assert solver.calls >= 1 and solver.solve_seconds >= 0


@pytest.mark.parametrize("name", [n for n in SOLVERS if n != "cadical"])
def test_a_running_call_stops_at_its_deadline_or_on_interrupt(name: str) -> None:
    solver = make_solver(name)
    pigeonhole(solver, 11)
    start = time.monotonic()
    assert solver.solve(deadline=start + 0.3) is None
    assert time.monotonic() - start < 5
    other = make_solver(name)
    pigeonhole(other, 11)
    threading.Timer(0.3, other.interrupt).start()
    start = time.monotonic()
    assert other.solve() is None
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("name", [n for n in SOLVERS if n != "cadical"])
def test_solvers_with_deadlines_share_one_watchdog_thread(name: str) -> None:
    # A tiling query makes hundreds of short-lived engines, each with the query's deadline; a
    # thread per solver lived until that deadline, and under the page's RLIMIT_AS their stacks
    # ran out ("can't start new thread"). Many armed solvers must not mean many threads.
    before = threading.active_count()
    solvers = []
    for _ in range(50):
        solver = make_solver(name)
        a = solver.new_var()
        solver.add_clause([a])
        assert solver.solve([a], deadline=time.monotonic() + 60) is True
        solvers.append(solver)
    assert threading.active_count() <= before + 1


def test_unknown_solver_is_a_named_error() -> None:
    with pytest.raises(InputError, match="unknown solver 'picosat'.*minisat"):
        make_solver("picosat")
