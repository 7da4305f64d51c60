"""The z3 backend: z3's own SAT engine (`SolverFor("QF_FD")`) behind the literal protocol.

Fast paths, measured on the prover's workload (see benchmarks/bench_prover.py): the QF_FD
solver is z3's incremental CDCL solver with assumptions and cores, several times faster on pure
clauses than the default SMT core; clauses are built once per clause through z3's Python API;
models are read through the C API (`Z3_model_eval` on prebuilt ASTs), never through
`ModelRef.eval` and `is_true`, which wrap every value in Python objects. Deadlines use z3's
`timeout` parameter; `interrupt` calls `Z3_interrupt` (safe from another thread).
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Iterable, Sequence

import z3
from z3 import z3core

from lobkit.sat.protocol import Backend

__all__ = ["Z3Solver"]


class Z3Solver(Backend):
    """z3 as an incremental SAT solver over integer literals."""

    name = "z3"

    def __init__(self) -> None:
        super().__init__()
        self._ctx = z3.Context()
        self._solver = z3.SolverFor("QF_FD", ctx=self._ctx)
        self._vars: list[z3.BoolRef] = [z3.BoolVal(True, self._ctx)]  # index 0 unused
        self._neg: list[z3.BoolRef] = [z3.BoolVal(False, self._ctx)]
        self._id: dict[int, int] = {}  # z3 ast id of a literal -> the literal
        self._timeout_ms = -1
        self._model: object = None
        self._core: list[int] = []

    def new_var(self) -> int:
        v = super().new_var()
        x = z3.Bool(f"x{v}", self._ctx)
        nx = z3.Not(x)
        self._vars.append(x)
        self._neg.append(nx)
        self._id[x.get_id()] = v
        self._id[nx.get_id()] = -v
        return v

    def _term(self, lit: int) -> z3.BoolRef:
        return self._vars[lit] if lit > 0 else self._neg[-lit]

    def add_clause(self, clause: Sequence[int]) -> None:
        terms = [self._term(lit) for lit in clause]
        if not terms:
            self._solver.add(z3.BoolVal(False, self._ctx))
        else:
            self._solver.add(terms[0] if len(terms) == 1 else z3.Or(terms))

    def _solve(self, assumptions: list[int], deadline: float | None) -> bool | None:
        ms = 0 if deadline is None else max(1, int((deadline - time.monotonic()) * 1000))
        if ms != self._timeout_ms:  # 0: no limit
            self._solver.set("timeout", ms if ms else 4294967295)
            self._timeout_ms = ms
        self._model = None
        result = self._solver.check(*[self._term(lit) for lit in assumptions])
        if result == z3.sat:
            self._model = self._solver.model()
            return True
        if result == z3.unsat:
            self._core = [self._id[t.get_id()] for t in self._solver.unsat_core()]
            return False
        return None

    def values(self, variables: Iterable[int]) -> list[bool]:
        model = self._model
        if model is None:
            raise RuntimeError("no model: the last solve was not satisfiable")
        ctx = self._ctx.ref()
        m = model.model  # type: ignore[attr-defined]
        out = z3.z3types.Ast(0)
        evaluate, truth = z3core.Z3_model_eval, z3core.Z3_get_bool_value
        ref = ctypes.byref(out)
        asts = self._vars
        result = []
        for v in variables:
            evaluate(ctx, m, asts[v].ast, True, ref)
            result.append(truth(ctx, out) == 1)  # Z3_L_TRUE
        return result

    def core(self) -> list[int]:
        return list(self._core)

    def _stop(self) -> None:
        self._ctx.interrupt()
