"""`lobkit interpolate A B`: a Craig interpolant for GL ⊢ A → B (Maehara's method), checked."""

from __future__ import annotations

import argparse
import sys

from lobkit.cli._common import add_format, add_timeout, emit_json
from lobkit.syntax import parse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "interpolate",
        help="a GL interpolant I over the shared atoms: A -> I and I -> B",
        description=(
            "If GL proves A -> B, print I built from the atoms A and B share with "
            "GL |- A -> I and GL |- I -> B (both checked). Exit 1 if A -> B is not a theorem."
        ),
    )
    parser.add_argument("antecedent", metavar="A")
    parser.add_argument("consequent", metavar="B")
    add_timeout(parser)
    add_format(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.classics.interpolation import NotATheorem, interpolant
    from lobkit.limits import Budget, within

    budget = Budget.for_command(args.timeout)  # one deadline for parsing and interpolating
    with within(budget):
        a = parse(args.antecedent, source="<A>")
        b = parse(args.consequent, source="<B>")
    try:
        with budget.spending():  # a timeout names --timeout's seconds, not what was left
            result = interpolant(a, b, timeout=budget.remaining())
    except NotATheorem as error:
        model = error.result.countermodel
        if args.format == "json":
            emit_json(
                {
                    "interpolant": None,
                    "valid": False,
                    "countermodel": None if model is None else model.to_json(),
                }
            )
        else:
            print(f"lobkit: {error}", file=sys.stderr)
            if model is not None:
                print("countermodel:", file=sys.stderr)
                print(model.render_text(), file=sys.stderr)
        return error.exit_code
    if args.format == "json":
        emit_json(result.to_json())
    else:
        print(result.interpolant)
        shared = ", ".join(result.shared_atoms) or "none"
        print(f"verified: GL |- A -> I and GL |- I -> B; shared atoms: {shared}")
    return 0
