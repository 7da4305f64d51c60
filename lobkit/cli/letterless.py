"""`lobkit letterless FORMULA`: normal form, truth in ℕ (□ = provability in PA), provability."""

from __future__ import annotations

import argparse

from lobkit.cli._common import add_format, add_timeout, emit_json
from lobkit.syntax import parse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "letterless",
        help="a letterless sentence: normal form in []^n false, truth in N, GL-provability",
        description=(
            "For a formula without atoms: its GL normal form (a Boolean combination of "
            "[]^n false), its truth in the standard model with [] read as provability in a "
            "sound theory such as PA, whether GL proves it, and its trace (truth at ranks "
            "0, 1, ... of the linear frame until constant)."
        ),
    )
    parser.add_argument("formula", metavar="FORMULA")
    add_timeout(parser)
    add_format(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.classics.letterless import standard_model_truth
    from lobkit.limits import Budget, within

    budget = Budget.for_command(args.timeout)  # one deadline for parsing and deciding
    with within(budget):
        formula = parse(args.formula, source="<formula>")
    with budget.spending():  # a timeout names --timeout's seconds, not what was left
        report = standard_model_truth(formula, timeout=budget.remaining())
    if args.format == "json":
        emit_json(report.to_json())
    else:
        print(f"normal form: {report.normal_form}")
        print(f"true in the standard model: {'yes' if report.true_in_standard_model else 'no'}")
        print(f"provable in GL: {'yes' if report.provable else 'no'}")
        ranks = " ".join("T" if v else "F" for v in report.trace)
        print(f"trace (ranks 0..{len(report.trace) - 1}, then constant): {ranks}")
    return 0
