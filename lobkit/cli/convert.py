"""`lobkit convert IN OUT --to FORMAT`: rewrite a file of formulas in another prover's format
(lobkit lines, LWB, InToHyLo, TPTP). `-` is standard input or output."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from lobkit.cli._common import add_format, add_limit, emit_json
from lobkit.errors import InputError
from lobkit.limits import FILE_BYTES

_NAMES = ("lobkit", "lwb", "intohylo", "tptp")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert formula files between lobkit, LWB, InToHyLo and TPTP",
        description=(
            "Read IN (format from --from, else its extension, else its content) and write OUT "
            "in --to (default: from OUT's extension). '-' is stdin / stdout."
        ),
    )
    parser.add_argument("input", metavar="IN")
    parser.add_argument("output", metavar="OUT")
    add_limit(parser, FILE_BYTES)
    parser.add_argument("--to", choices=_NAMES, default=None, help="output format")
    parser.add_argument(
        "--from", dest="source_format", choices=_NAMES, default=None, help="input format"
    )
    parser.add_argument(
        "--logic", type=str.upper, default=None, help="the logic a TPTP output names (default K)"
    )
    add_format(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.formats import FORMATS, detect, read_path, write

    target = args.to
    if target is None:
        if args.output != "-":
            suffix = Path(args.output).suffix.lower()
            target = next((f.name for f in FORMATS.values() if suffix in f.extensions), None)
        if target is None:
            raise InputError("give --to FORMAT (" + ", ".join(FORMATS) + ")")
    document = read_path(args.input, args.source_format)
    if args.logic is not None:
        document = dataclasses.replace(document, logic=args.logic)
    text = write(document, target)
    if args.output == "-":
        if args.format == "text":
            sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot write {args.output}: {error.strerror}") from None
    if args.format == "json":
        source = args.source_format or (
            detect(Path(args.input).read_text(encoding="utf-8"), args.input)
            if args.input != "-"
            else None
        )
        emit_json(
            {
                "input": args.input,
                "output": args.output,
                "from": source,
                "to": target,
                "entries": len(document.entries),
                "text": text if args.output == "-" else None,
            }
        )
    return 0
