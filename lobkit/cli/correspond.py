"""`lobkit correspond FORMULA`: the first-order frame condition a modal formula defines
(Sahlqvist–van Benthem), or the known answer for Löb's, Grz's and McKinsey's formulas, tested
on every frame up to 4 worlds."""

from __future__ import annotations

import argparse

from lobkit.cli._common import add_format, emit_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "correspond",
        help="the frame condition a modal formula defines (Sahlqvist-van Benthem)",
        description=(
            "For a Sahlqvist formula, the first-order condition on frames it defines, by the "
            "Sahlqvist-van Benthem algorithm; for Löb's, Grz's and McKinsey's formulas the known "
            "(not first-order) answer. Then every frame with up to --check worlds is tested: "
            "the formula is valid on it iff the condition holds. Exit 0 when they agree, 1 "
            "when a frame disagrees, 2 for a formula the algorithm does not cover."
        ),
    )
    parser.add_argument("formula", metavar="FORMULA", help="e.g. '[]p -> [][]p'")
    parser.add_argument(
        "--check",
        type=int,
        default=4,
        choices=range(5),
        metavar="N",
        help="test on every frame of 1..N worlds (0: no test; default 4, 66,066 frames)",
    )
    add_format(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.classics.correspondence import SAHLQVIST_CITATION, correspond
    from lobkit.classics.frame_check import check_on_frames, reading
    from lobkit.syntax import parse

    result = correspond(parse(args.formula, source="<formula>"))
    testable = result.condition is not None or bool(result.checks)
    checked = check_on_frames(result, args.check) if args.check and testable else None
    reads = reading(result) if result.first_order else ()
    if args.format == "json":
        document: dict[str, object] = {
            "formula": str(result.formula),
            "first_order": result.first_order,
            "condition": result.known,
            "reads_as": list(reads),
            "citation": SAHLQVIST_CITATION if result.first_order else result.citation,
            "checked": None
            if checked is None
            else {
                "max_worlds": checked.max_worlds,
                "frames": checked.frames,
                "disagreement": checked.disagreement,
            },
        }
        emit_json(document)
    else:
        kind = "first-order, by the " + SAHLQVIST_CITATION if result.first_order else "known"
        print(f"{result.formula}")
        print(f"  frame condition: {result.known}")
        print(f"  ({kind})")
        if reads:
            print(f"  reads as: {' and '.join(reads)} (the same frames up to 3 worlds)")
        if checked is not None:
            if checked.disagreement is None:
                print(
                    f"  checked: valid on exactly the frames meeting the condition, all "
                    f"{checked.frames:,} frames of 1..{checked.max_worlds} worlds"
                )
            else:
                print(f"  DISAGREES on {checked.disagreement}")
    return 0 if checked is None or checked.disagreement is None else 1
