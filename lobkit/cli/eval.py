"""`lobkit eval MODEL FORMULA`: where a formula holds in a model you wrote, world by world
with the reasons, and which frame conditions the model meets or breaks (`lobkit.models`)."""

from __future__ import annotations

import argparse

from lobkit.cli._common import add_format, add_timeout, emit_json
from lobkit.models import MODEL_PAIRS, MODEL_WORLDS

EXIT_HOLDS, EXIT_FAILS = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="evaluate a formula at every world of a Kripke model; the model's frame conditions",
        description=(
            "Evaluate FORMULA at every world of MODEL, with the reason at each world, and list "
            "the frame conditions the model meets or breaks (with witnesses) and the logics it "
            "is a frame of. MODEL is a file (JSON, or the text form; - for stdin) or the text "
            "form inline: 'w0 -> w1, w2; w1 -> w2; w1: p; w2: p q' (docs/web.md, Models). "
            "Exit 0 if the formula holds at the root, 1 if not, 2 on bad input, 3 on a limit."
        ),
    )
    parser.add_argument("model", metavar="MODEL", help="a model file, - (stdin) or its text")
    parser.add_argument("formula", metavar="FORMULA", help="e.g. '[]p -> p'")
    parser.add_argument(
        "--why",
        action="append",
        default=[],
        metavar="WORLD",
        help="the whole chain of reasons at WORLD (small models get it at every world)",
    )
    add_format(parser)
    add_timeout(parser)
    for limit in (MODEL_WORLDS, MODEL_PAIRS):
        parser.add_argument(
            limit.flag,
            type=int,
            default=None,
            metavar="N",
            help=f"at most N {limit.what} in the model (default {limit.default:,}; ${limit.env})",
        )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.limits import Budget, within
    from lobkit.models import load_model
    from lobkit.models.evaluation import evaluate_model
    from lobkit.syntax import parse

    budget = Budget.for_command(args.timeout)
    with within(budget):
        formula = parse(args.formula, source="<formula>")
        model = load_model(args.model)

    def tick() -> None:
        budget.remaining()

    with budget.spending():
        report = evaluate_model(model, formula, why=args.why, tick=tick)
    if args.format == "json":
        emit_json(report.to_json())
    else:
        print(report.render_text())
    return EXIT_HOLDS if report.holds_at_root else EXIT_FAILS
