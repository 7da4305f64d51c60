"""`lobkit enumerate`: every formula up to a size (one per class of atom renamings and
commuted ∧ ∨ ↔; see `lobkit.enumeration`), decided in each logic of `--logic`, as JSON lines
(`{"formula", "size", "theorem_of": {logic: verdict}}`) as answers arrive, smallest first; then
a summary — theorems by logic and the formulas separating two logics, smallest first — on
stderr (`--summary FILE`: as JSON). `-j N`, `--dask`, `--output`/`--resume` as for
`prove --file`. Exit 0, or 3 when a formula reached `--timeout` (or lost its worker twice).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from lobkit.cli._cluster import add_cluster_options, cluster_client
from lobkit.cli._common import add_timeout, positive_int
from lobkit.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "enumerate",
        help="every formula up to a size, classified by the logics that prove it",
        description=(
            "Enumerate the formulas of at most --max-size symbols over --atoms atoms, ⊥, □ and "
            "--connectives (one per class of atom renamings and commuted &, |, <->), decide "
            "each in every logic of --logic with a checked certificate, write one JSON line "
            "each and a summary: theorems by logic, the formulas separating two logics."
        ),
    )
    parser.add_argument("--atoms", type=int, default=2, metavar="N", help="atoms p, q, … (2)")
    parser.add_argument(
        "--max-size", type=positive_int, default=6, metavar="N", help="symbols at most (6)"
    )
    parser.add_argument(
        "--logic",
        default="GL,K4",
        metavar="L1,L2,…",
        help="the logics to decide in, comma-separated (GL,K4; any of prove's: GL, K4, K, S; "
        "all: every frame lobkit knows)",
    )
    parser.add_argument(
        "--connectives",
        default="imp,iff",
        metavar="C1,C2,…",
        help="from not and or imp iff (or ~ & | -> <->, as --connectives=->,<->); default "
        "imp,iff: → and ↔, as godellob-prover's lists",
    )
    parser.add_argument("--no-bottom", action="store_true", help="leave ⊥ out of the leaves")
    parser.add_argument(
        "--max-binary", type=int, default=None, metavar="N", help="binary connectives at most"
    )
    parser.add_argument(
        "--max-box-run", type=int, default=None, metavar="N", help="boxes in a row at most"
    )
    parser.add_argument(
        "--max-formulas",
        type=positive_int,
        default=None,
        metavar="N",
        help="formulas held in memory while enumerating, at most (5,000,000; exit 3 beyond)",
    )
    parser.add_argument(
        "-j", "--jobs", type=positive_int, default=1, metavar="N", help="worker processes"
    )
    parser.add_argument(
        "--output", type=Path, default=None, metavar="FILE", help="JSON lines to FILE"
    )
    parser.add_argument(
        "--resume", action="store_true", help="with --output: continue FILE where it stopped"
    )
    parser.add_argument(
        "--summary", type=Path, default=None, metavar="FILE", help="the summary as JSON to FILE"
    )
    parser.add_argument(
        "--shown", type=int, default=10, metavar="N", help="separating formulas shown (10)"
    )
    add_timeout(parser, " per decision")
    add_cluster_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.batch_pool import stop_all_workers
    from lobkit.cli._batch import say_workers
    from lobkit.cli._faults import on_interrupt
    from lobkit.cli._progress import progress_bar
    from lobkit.cli._resume import open_answers
    from lobkit.enumeration import classify, formulas, parse_logics
    from lobkit.outputs import write_text
    from lobkit.separations import Summary

    if args.resume and args.output is None:
        raise InputError("--resume continues an --output FILE: give --output too")
    for flag, value in (("--max-binary", args.max_binary), ("--max-box-run", args.max_box_run)):
        if value is not None and value < 0:
            raise InputError(f"{flag} must be at least 0, not {value}")
    logics = parse_logics(args.logic)
    options: dict[str, Any] = dict(
        atoms=args.atoms,
        max_size=args.max_size,
        connectives=[c.strip() for c in args.connectives.split(",") if c.strip()],
        bottom=not args.no_bottom,
        max_binary=args.max_binary,
        max_box_run=args.max_box_run,
    )
    if args.max_formulas is not None:
        options["max_formulas"] = args.max_formulas
    total = sum(1 for _ in formulas(**options))  # cheap: no deciding
    summary = Summary(logics)
    expected = formulas(**options)

    def matches(k: int, row: dict[str, Any]) -> str | None:
        want = next(expected, None)
        if want is None:
            return f"more lines than there are formulas ({total})"
        if row.get("formula") != str(want):
            return f"holds {row.get('formula')!r}, not formula {k + 1}, {str(want)!r}"
        if list(row.get("theorem_of", {})) != list(logics):
            return f"decided in {','.join(row.get('theorem_of', {}))}, not {','.join(logics)}"
        return None

    out: Any = sys.stdout
    done = 0
    if args.output is not None:
        out, kept = open_answers(
            args.output, resume=args.resume, matches=matches, keep_from=lambda n: n
        )
        done = len(kept)
        for row in kept:
            summary.add(row)
    on_interrupt(stop_all_workers)
    with cluster_client(args) as client:
        if client is None:
            from lobkit.batch import workers_for

            say_workers(args.jobs, workers_for(args.jobs, (total - done) * len(logics)), total)
        rows = classify(
            formulas(**options),
            logics,
            jobs=args.jobs,
            executor=client,
            timeout=args.timeout,
            skip=done,
        )
        bar = progress_bar(total, "formula", initial=done)
        try:
            for answer in rows:
                summary.add(answer)
                line = json.dumps(answer.to_json(), ensure_ascii=False)
                if out is sys.stdout and not bar.disable:
                    bar.write(line, file=sys.stdout)
                else:
                    out.write(line + "\n")
                    out.flush()
                bar.update(1)
        finally:
            bar.close()
            close = getattr(rows, "close", None)
            if close is not None:
                close()
            if out is not sys.stdout:
                out.close()
    print(summary.render_text(shown=args.shown), file=sys.stderr)
    if args.summary is not None:
        write_text(args.summary, json.dumps(summary.to_json(), ensure_ascii=False, indent=1) + "\n")
    return 3 if summary.unanswered else 0
