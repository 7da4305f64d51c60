"""The CNF encoder: a formula's literal is satisfiable exactly when its skeleton (boxes as
atoms) is satisfiable by truth tables, and every model makes the literal agree with the
formula's truth-table value."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from strategies import formulas

from lobkit.formula import AND, ATOM, BOT, IFF, IMP, MODAL, NOT, OR, TOP, Formula, outer_nodes
from lobkit.sat import SOLVERS, Cnf, CnfEncoder, make_solver


def skeleton_atoms(f: Formula) -> list[Formula]:
    return [n for n in outer_nodes(f) if n.op == ATOM or n.op in MODAL]


def value(f: Formula, v: dict[Formula, bool]) -> bool:
    if f in v:
        return v[f]
    op, a = f.op, f.args
    if op == TOP:
        return True
    if op == BOT:
        return False
    if op == NOT:
        return not value(a[0], v)
    x, y = value(a[0], v), value(a[1], v)
    return {AND: x and y, OR: x or y, IMP: (not x) or y, IFF: x == y}[op]


@settings(max_examples=80, deadline=None)
@given(formulas(max_leaves=10))
def test_encoding_matches_truth_tables(f: Formula) -> None:
    leaves = skeleton_atoms(f)
    satisfiable = any(
        value(f, dict(zip(leaves, bits, strict=True)))
        for bits in itertools.product((False, True), repeat=len(leaves))
    )
    for name in SOLVERS:
        solver = make_solver(name)
        enc = CnfEncoder(solver)
        lit = enc.literal(f)
        assert solver.solve([lit]) is satisfiable
        for wanted in (lit, -lit):
            if solver.solve([wanted]):
                vals = solver.values(abs(enc.literal(x)) for x in leaves)
                model = {x: b == (enc.literal(x) > 0) for x, b in zip(leaves, vals, strict=True)}
                assert value(f, model) is (wanted == lit)
        solver.close()


def test_negation_costs_no_variable_and_dimacs_is_plain() -> None:
    from lobkit.syntax import parse

    cnf = Cnf()
    enc = CnfEncoder(cnf)
    p = enc.literal(parse("p"))
    assert enc.literal(parse("~~p")) == p and enc.literal(parse("~p")) == -p
    enc.literal(parse("[](p & q) | ~p"))
    assert cnf.nvars == 3  # p, the box (an atom: its body is not encoded), the disjunction
    assert cnf.dimacs().splitlines()[0] == f"p cnf 3 {len(cnf.clauses)}"
