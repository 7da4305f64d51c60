"""`lobkit fixpoint FORMULA --var p`: the de Jongh–Sambin fixed point, checked by the prover.

Several equations are solved jointly with `--equation p=A --equation q=B` (no FORMULA then).
"""

from __future__ import annotations

import argparse

from lobkit.cli._common import add_format, add_timeout, emit_json
from lobkit.errors import InputError
from lobkit.syntax import parse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fixpoint",
        help="the GL fixed point H of A(p): GL |- H <-> A(H), unique (de Jongh-Sambin)",
        description=(
            "Compute H without p such that GL proves H <-> A(H) and "
            "[.](p <-> A) -> (p <-> H); A must be modalized in p. Both facts are checked by "
            "the prover. With --equation, solve a system p_i <-> A_i jointly."
        ),
    )
    parser.add_argument("formula", metavar="FORMULA", nargs="?")
    parser.add_argument("--var", default="p", help="the fixed-point variable (default: p)")
    parser.add_argument(
        "--equation",
        action="append",
        default=[],
        metavar="VAR=FORMULA",
        help="one equation of a system (repeat); replaces FORMULA and --var",
    )
    add_timeout(parser)
    add_format(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.classics.fixed_points import fixed_point, solve_fixed_points
    from lobkit.limits import Budget, within

    budget = Budget.for_command(args.timeout)  # one deadline from start-up (docs/limits.md)

    if args.equation:
        if args.formula is not None:
            raise InputError("give either FORMULA (with --var) or --equation, not both")
        equations = {}
        for item in args.equation:
            name, sep, text = item.partition("=")
            if not sep:
                raise InputError(f"--equation expects VAR=FORMULA, got {item!r}")
            with within(budget):
                equations[name.strip()] = parse(text, source="<equation>")
        with budget.spending():  # a timeout names --timeout's seconds, not what was left
            system = solve_fixed_points(equations, timeout=budget.remaining())
        if args.format == "json":
            emit_json(system.to_json())
        else:
            for name, h in system.solutions:
                print(f"{name} = {h}")
            print("verified: each solution is a fixed point, and the solution is unique")
        return 0
    if args.formula is None:
        raise InputError("a FORMULA (or --equation) is required")
    with within(budget):
        formula = parse(args.formula, source="<formula>")
    with budget.spending():
        result = fixed_point(formula, args.var, timeout=budget.remaining())
    if args.format == "json":
        emit_json(result.to_json())
    else:
        print(result.solution)
        p = result.var
        print(f"verified: GL |- H <-> A(H) and GL |- [.]({p} <-> A) -> ({p} <-> H)")
    return 0
