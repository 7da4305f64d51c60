"""Batch mode of `lobkit prove`: `--file FILE` / `-`, or several FORMULAs.

Output, one line per formula in input order: JSON lines (`{"line", "formula", "logic",
"valid", "seconds", "certificate"}`; `--brief` drops the certificate) by default for a file and
with `--format json`, otherwise a text headline each. The summary line (counts, total time)
goes to stderr under JSON lines, so stdout stays one JSON value per line, and to stdout in
text. A progress bar is drawn on stderr when it is a terminal. Exit 0 when every formula is a
theorem, 1 when one is not, 3 when one reached `--timeout` (the others are still answered).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from lobkit.cli._common import add_limit, positive_int
from lobkit.cli._style import verdicts
from lobkit.errors import InputError
from lobkit.limits import FILE_BYTES

_FORMATS = ("lobkit", "lwb", "intohylo", "tptp")


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file",
        metavar="FILE",
        default=None,
        help="prove every formula of FILE ('-': stdin), one answer line each",
    )
    parser.add_argument(
        "--input-format",
        choices=_FORMATS,
        default=None,
        help="format of --file (default: from its extension, else its content)",
    )
    parser.add_argument(
        "-j", "--jobs", type=positive_int, default=1, metavar="N", help="worker processes"
    )
    parser.add_argument(
        "--brief", action="store_true", help="batch JSON: leave the certificates out"
    )
    add_limit(parser, FILE_BYTES)


class _Progress:
    """`[=====     ] 512/1000` on stderr, redrawn in place; only on a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.active = total > 1 and sys.stderr.isatty()

    def update(self, done: int) -> None:
        if self.active:
            filled = 30 * done // self.total
            bar = "=" * filled + " " * (30 - filled)
            sys.stderr.write(f"\r[{bar}] {done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.active:
            sys.stderr.write("\r" + " " * 50 + "\r")
            sys.stderr.flush()


def run_batch(args: argparse.Namespace) -> int:
    from lobkit.batch import prove_many
    from lobkit.formats import Document, read_path
    from lobkit.syntax import parse

    if args.file is not None and args.formula:
        raise InputError("give formulas or --file, not both")
    if not args.formula and args.file is None:
        raise InputError("give a formula, several, or --file FILE")
    if args.format not in (None, "text", "json"):
        raise InputError(f"--format {args.format} shows one formula; batch output is text or json")
    if args.file is not None:
        document = read_path(args.file, args.input_format)
        json_lines = args.format != "text"  # JSON lines unless text is asked for
    else:
        sources = [parse(f, source=f"<formula {i}>") for i, f in enumerate(args.formula, 1)]
        document = Document.of(sources)
        json_lines = args.format == "json"
    logic = args.logic or document.logic or "GL"
    premises = [parse(p, source="<premise>") for p in args.premise]
    progress = _Progress(len(document.entries))
    counts = {"theorems": 0, "not_theorems": 0, "limits": 0}
    start = time.perf_counter()
    results = prove_many(
        document.entries,
        logic,
        premises=premises,
        jobs=args.jobs,
        timeout=args.timeout,
        solver=getattr(args, "solver", None),
    )
    try:
        for done, result in enumerate(results, 1):
            key = (
                "limits" if result.valid is None else "theorems" if result.valid else "not_theorems"
            )
            counts[key] += 1
            progress.update(done)
            if json_lines:
                line = json.dumps(result.to_json(brief=args.brief), ensure_ascii=False)
            else:
                verdict = {True: "theorem of", False: "not a theorem of", None: "limit in"}
                line = f"{result.line}: {result.formula}: {verdict[result.valid]} {result.logic}"
                line = verdicts(line) + (f" ({result.error})" if result.error else "")
            if progress.active:
                sys.stderr.write("\r" + " " * 50 + "\r")
            print(line, flush=progress.active)
    finally:
        progress.close()
    total = len(document.entries)
    summary = (
        f"{total} formula{'s' if total != 1 else ''}: {counts['theorems']} theorems, "
        f"{counts['not_theorems']} not theorems, {counts['limits']} reached the time limit; "
        f"{time.perf_counter() - start:.2f} s with {args.jobs} worker"
        + ("s" if args.jobs != 1 else "")
    )
    print(summary, file=sys.stderr if json_lines else sys.stdout)
    if counts["limits"]:
        return 3
    return 1 if counts["not_theorems"] else 0
