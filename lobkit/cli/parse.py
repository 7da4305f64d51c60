"""`lobkit parse FORMULA`: read a formula and print it back in a chosen notation."""

from __future__ import annotations

import argparse

from lobkit.cli._common import add_format, emit_json
from lobkit.formula import atoms_of
from lobkit.syntax import parse, to_ascii, to_latex, to_unicode
from lobkit.syntax.printers import to_dag


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse",
        help="parse a formula and print it (ascii, unicode, latex or json)",
        description="Parse a modal formula (ASCII or Unicode syntax) and print it back.",
    )
    parser.add_argument("formula", metavar="FORMULA")
    add_format(parser, ("ascii", "unicode", "latex", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    formula = parse(args.formula, source="<formula>")
    if args.format == "json":
        emit_json(
            {
                "ascii": to_ascii(formula),
                "unicode": to_unicode(formula),
                "latex": to_latex(formula),
                "atoms": sorted(atoms_of(formula)),
                "size": formula.size,
                "modal_depth": formula.modal_depth,
                "tree": to_dag(formula),
            }
        )
    else:
        printer = {"ascii": to_ascii, "unicode": to_unicode, "latex": to_latex}[args.format]
        print(printer(formula))
    return 0
