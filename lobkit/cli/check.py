"""`lobkit check FILE [FILE ...]`: answer a theory file's queries; `expect` lines make it a test.

`--timeout S` bounds the whole command — reading the files with their includes, expanding
families, building closures, every query — from its start (`lobkit.deadline`);
`--query-timeout S` bounds each query on its own.

`--strict`: an answer that is only relative to finitely many reflection instances (not
`exact`) fails its expectation. Exit codes: 0 when every expectation holds, 1 when one
fails, 2 for a bad file (syntax or names; the message has file:line:column), 3 when a query
hits `--timeout` or `--query-timeout`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lobkit.cli._common import add_format, add_limit, add_timeout, emit_json, positive_seconds
from lobkit.cli._style import verdicts
from lobkit.deadline import hard_deadline
from lobkit.errors import InputError
from lobkit.limits import FILE_BYTES, Budget, within
from lobkit.theories import theory_names, theory_path
from lobkit.tiling.checker import Checker, Limits
from lobkit.tiling.loader import load
from lobkit.tiling.report import render_text, to_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a .lob theory file: proofs, licensing chains, expectations",
        description=(
            "Answer the queries of .lob theory files (prove, chain, consistent, depth, sound) with "
            "proofs or countermodels. Exit 1 when an 'expect' fails."
        ),
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument(
        "--example",
        action="append",
        default=[],
        metavar="NAME",
        help="a theory file shipped with lobkit, by name (repeatable): "
        + ", ".join(theory_names()),
    )
    add_format(parser)
    parser.add_argument("--brief", action="store_true", help="text: verdicts and explanations only")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="an answer relative to finitely many reflection instances fails its expectation",
    )
    parser.add_argument(
        "--refine-worlds",
        type=_positive,
        default=Limits().worlds,
        metavar="N",
        help="stop refining a goal past a countermodel of N worlds: the answer is then "
        f"'undecided' (default {Limits().worlds})",
    )
    parser.add_argument(
        "--refine-rounds",
        type=_positive,
        default=Limits().rounds,
        metavar="N",
        help=f"stop refining a goal after N rounds (default {Limits().rounds})",
    )
    parser.add_argument(
        "--refine-seconds",
        type=positive_seconds,
        default=Limits().seconds,
        metavar="S",
        help="stop refining one query's goals after S seconds: its open answers are then "
        f"'undecided' (default {Limits().seconds:g}; unlike the other limits it depends on "
        "the machine)",
    )
    add_timeout(parser, " for the whole command (reading, families, every query)")
    parser.add_argument(
        "--query-timeout",
        type=positive_seconds,
        default=None,
        metavar="SECONDS",
        help="time limit of each query in seconds (exit 3 when reached)",
    )
    add_limit(parser, FILE_BYTES)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # An example is shown by its short name (`tower.lob`), not its path in site-packages.
    paths: list[tuple[Path, str | None]] = [(Path(path), None) for path in args.files]
    paths += [(theory_path(name), f"{name}.lob") for name in args.example]
    if not paths:
        raise InputError("give a theory file (lobkit check FILE) or --example NAME")
    budget = Budget.for_command(args.timeout)  # from the command's start (docs/limits.md)
    whole = f"time limit of {args.timeout or 0:g} s reached (for the whole command; --timeout)"
    with hard_deadline(budget.remaining(), whole), within(budget):
        # Every file is read before any is checked; a query that hits its time limit raises
        # ResourceLimit naming its file and line (exit 3).
        specs = [load(path, shown=shown) for path, shown in paths]
        limits = Limits(
            worlds=args.refine_worlds, rounds=args.refine_rounds, seconds=args.refine_seconds
        )
        reports = []
        for spec in specs:
            query = args.query_timeout
            left = budget.remaining()
            seconds = left if query is None else (query if left is None else min(query, left))
            with budget.spending():
                reports.append(
                    Checker(spec, limits=limits).check(timeout=seconds, strict=args.strict)
                )
    if args.format == "json":
        # One shape for one file or many: the overall verdict, then each file's report.
        emit_json({"ok": all(r.ok for r in reports), "files": [to_json(r) for r in reports]})
    else:
        sys.stdout.write(verdicts("\n".join(render_text(r, brief=args.brief) for r in reports)))
    return 0 if all(r.ok for r in reports) else 1


def _positive(text: str) -> int:
    """A whole number ≥ 1 (argparse reports anything else as a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value
