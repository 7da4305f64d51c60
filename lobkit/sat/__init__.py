"""Incremental SAT solvers behind one seam (`SatSolver`), and a solver-free CNF encoder.

>>> from lobkit.sat import make_solver
>>> s = make_solver("minisat")
>>> a, b = s.new_var(), s.new_var()
>>> s.add_clause([a, b]); s.add_clause([-a])
>>> s.solve(), s.values([a, b])
(True, [False, True])
>>> s.solve([-b]), s.core()
(False, [-2])

Backends (`SOLVERS`): ``minisat``, ``glucose`` and ``cadical`` (python-sat's compiled
solvers) and ``z3``. `DEFAULT_SOLVER` is the fastest on the prover's benchmarks
(benchmarks/bench_prover.py --solvers). A name outside `SOLVERS` is an error, never a silent
fallback to another backend.
"""

from __future__ import annotations

from lobkit.errors import InputError
from lobkit.sat.cnf import Cnf, CnfEncoder
from lobkit.sat.protocol import Backend, ClauseSink, SatSolver

__all__ = [
    "SatSolver",
    "ClauseSink",
    "Backend",
    "CnfEncoder",
    "Cnf",
    "SOLVERS",
    "DEFAULT_SOLVER",
    "make_solver",
    "check_solver_name",
]

SOLVERS = ("minisat", "glucose", "cadical", "z3")
DEFAULT_SOLVER = "minisat"


def check_solver_name(name: str) -> str:
    """`name` if it names a backend, else `InputError` listing the backends."""
    if name not in SOLVERS:
        raise InputError(f"unknown solver {name!r} (choose one of: {', '.join(SOLVERS)})")
    return name


def make_solver(name: str = DEFAULT_SOLVER) -> SatSolver:
    """A fresh, empty solver of the backend `name` (one of `SOLVERS`)."""
    check_solver_name(name)
    if name == "z3":
        from lobkit.sat.z3_backend import Z3Solver

        return Z3Solver()
    try:
        from lobkit.sat.pysat_backend import PysatSolver
    except ImportError as error:  # pragma: no cover - python-sat is a dependency
        raise InputError(
            f"the {name} solver needs python-sat (pip install python-sat): {error}"
        ) from error
    return PysatSolver(name)
