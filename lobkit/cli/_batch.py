"""Batch mode of `lobkit prove`: `--file FILE` / `-`, or several FORMULAs.

Output, one line per formula in input order: JSON lines (`{"line", "formula", "logic",
"valid", "seconds", "certificate"}`; `--brief` drops the certificate) by default for a file and
with `--format json`, otherwise a text headline each. `--output FILE` writes the JSON lines to
FILE instead, flushed as they come, and `--resume` continues such a file after an interruption.
The summary line (counts, total time) goes to stderr under JSON lines, so stdout stays one JSON
value per line, and to stdout in text. A progress bar (rate, time left) is drawn on stderr when
it is a terminal. `-j N` worker processes (capped to the CPUs there are, and said), or a Dask
cluster (`--dask`, `--scheduler-file`). Exit 0 when every formula is a theorem, 1 when one is
not, 3 when one has no answer — it reached `--timeout`, or its worker died twice (the others
are still answered).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from lobkit.cli._cluster import add_cluster_options, cluster_client
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
        "-j",
        "--jobs",
        type=positive_int,
        default=1,
        metavar="N",
        help="worker processes (at most the CPUs there are)",
    )
    parser.add_argument(
        "--brief", action="store_true", help="batch JSON: leave the certificates out"
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        type=Path,
        default=None,
        help="batch: write the JSON lines to FILE as answers arrive (not to stdout)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with --output: continue FILE after what it already answers (same input, same "
        "options)",
    )
    add_cluster_options(parser)
    add_limit(parser, FILE_BYTES)


def say_workers(jobs: int, workers: int, total: int) -> None:
    """One stderr line when `-j` was capped (to the CPUs or to the work there is)."""
    if workers < jobs and total:
        from lobkit.batch_pool import usable_cpus

        cpus = usable_cpus()
        why = f"{cpus} CPU{'s' if cpus != 1 else ''} here" if workers == cpus else "the work"
        print(
            f"lobkit: -j {jobs}: using {workers} worker{'s' if workers != 1 else ''} "
            f"(more would not help: {why})",
            file=sys.stderr,
        )


def run_batch(args: argparse.Namespace) -> int:
    from lobkit.batch import chunk_size, prove_many, workers_for
    from lobkit.batch_pool import stop_all_workers
    from lobkit.chunks import logic_json
    from lobkit.cli._faults import on_interrupt
    from lobkit.cli._progress import progress_bar
    from lobkit.cli._resume import open_answers
    from lobkit.formats import Document, read_path
    from lobkit.syntax import parse

    if args.file is not None and args.formula:
        raise InputError("give formulas or --file, not both")
    if not args.formula and args.file is None:
        raise InputError("give a formula, several, or --file FILE")
    if args.format not in (None, "text", "json"):
        raise InputError(f"--format {args.format} shows one formula; batch output is text or json")
    if args.resume and args.output is None:
        raise InputError("--resume continues an --output FILE: give --output too")
    if args.file is not None:
        document = read_path(args.file, args.input_format)
        json_lines = args.format != "text"  # JSON lines unless text is asked for
    else:
        sources = [parse(f, source=f"<formula {i}>") for i, f in enumerate(args.formula, 1)]
        document = Document.of(sources)
        json_lines = args.format == "json"
    if args.output is not None:
        json_lines = True
    logic = args.logic or document.logic or "GL"
    premises = [parse(p, source="<premise>") for p in args.premise]
    entries = document.entries
    total = len(entries)
    size = chunk_size(total)
    shown_logic = logic_json(logic)  # as the answers name it: canonical, aliases resolved

    def matches(k: int, row: dict[str, Any]) -> str | None:
        if k >= total:
            return f"more answers than the input has formulas ({total})"
        entry = entries[k]
        if row.get("line") != entry.line or row.get("formula") != str(entry.formula):
            return f"answers {row.get('formula')!r} (line {row.get('line')}), not line {entry.line}"
        if row.get("logic") != shown_logic:
            return f"answers in {row.get('logic')}, not {shown_logic}"
        if ("certificate" in row) == args.brief:
            return "written with" + ("out" if args.brief else "") + " --brief"
        return None

    def keep_from(count: int) -> int:
        return count if count >= total else count - count % size

    out = sys.stdout
    counts = {"theorems": 0, "not_theorems": 0, "errors": 0}
    done = 0
    if args.output is not None:
        out, kept = open_answers(
            args.output, resume=args.resume, matches=matches, keep_from=keep_from
        )
        done = len(kept)
        for row in kept:
            counts[_key(row.get("valid"))] += 1
    start = time.perf_counter()
    on_interrupt(stop_all_workers)  # a signal stops the workers even mid-answer
    with cluster_client(args) as client:
        if client is None:
            say_workers(args.jobs, workers_for(args.jobs, total - done), total - done)
        results = prove_many(
            entries,
            logic,
            premises=premises,
            jobs=args.jobs,
            timeout=args.timeout,
            solver=getattr(args, "solver", None),
            executor=client,
            skip=done,
        )
        bar = progress_bar(total, "formula", initial=done)
        try:
            for result in results:
                counts[_key(result.valid)] += 1
                if json_lines:
                    line = json.dumps(result.to_json(brief=args.brief), ensure_ascii=False)
                else:
                    verdict = {True: "theorem of", False: "not a theorem of", None: "no answer in"}
                    line = (
                        f"{result.line}: {result.formula}: {verdict[result.valid]} {result.logic}"
                    )
                    line = verdicts(line) + (f" ({result.error})" if result.error else "")
                if out is sys.stdout and not bar.disable:
                    bar.write(line, file=sys.stdout)
                else:
                    out.write(line + "\n")
                    out.flush()
                bar.update(1)
        finally:
            bar.close()
            results.close()
            if out is not sys.stdout:
                out.close()
    answered = sum(counts.values())  # a resumed run counts the answers it kept
    summary = (
        f"{answered} formula{'s' if answered != 1 else ''}: {counts['theorems']} theorems, "
        f"{counts['not_theorems']} not theorems, {counts['errors']} without answer (time "
        f"limit or worker lost); {time.perf_counter() - start:.2f} s on {results.where}"
    )
    if done:
        summary += f" (resumed after {done} answers in {args.output})"
    print(summary, file=sys.stderr if json_lines else sys.stdout)
    if counts["errors"]:
        return 3
    return 1 if counts["not_theorems"] else 0


def _key(valid: object) -> str:
    return "errors" if valid is None else "theorems" if valid else "not_theorems"
