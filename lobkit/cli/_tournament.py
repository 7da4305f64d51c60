"""`lobkit combat --table` on worker processes or a Dask cluster, resumable: `-j N`,
`--dask`/`--scheduler-file`, `--output FILE` (one JSON line per match as it is played) and
`--resume` (see `lobkit.tournament`). The table printed at the end is the round robin's."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from lobkit.cli._cluster import add_cluster_options, cluster_client
from lobkit.cli._common import emit_json, positive_int
from lobkit.errors import InputError


def add_tournament_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("--table on workers")
    group.add_argument(
        "-j", "--jobs", type=positive_int, default=1, metavar="N", help="worker processes"
    )
    group.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="--table: one JSON line per match to FILE as it is played",
    )
    group.add_argument(
        "--resume", action="store_true", help="with --output: continue FILE where it stopped"
    )
    add_cluster_options(group)  # type: ignore[arg-type]


def wants_workers(args: argparse.Namespace) -> bool:
    """True when `--table` should run on the executor (any of the options above)."""
    return bool(args.jobs > 1 or args.output or args.resume or args.dask or args.scheduler_file)


def run_table(names: list[str], files: list[str | Path], args: argparse.Namespace) -> int:
    from lobkit.batch import workers_for
    from lobkit.batch_pool import stop_all_workers
    from lobkit.cli._batch import say_workers
    from lobkit.cli._faults import on_interrupt
    from lobkit.cli._progress import progress_bar
    from lobkit.cli._resume import open_answers
    from lobkit.tournament import pairs, table_of, tournament

    if args.resume and args.output is None:
        raise InputError("--resume continues an --output FILE: give --output too")
    matches = pairs(names)
    verify = not args.no_verify

    def same(k: int, row: dict[str, Any]) -> str | None:
        if k >= len(matches):
            return f"more matches than the round robin has ({len(matches)})"
        if (row.get("left"), row.get("right")) != matches[k]:
            return f"holds {row.get('left')} vs {row.get('right')}, not {' vs '.join(matches[k])}"
        if row.get("verified") != verify and row.get("moves") is not None:
            return "written with" + ("" if verify else "out") + " --no-verify"
        return None

    rows: list[dict[str, Any]] = []
    out = None
    if args.output is not None:
        out, rows = open_answers(
            args.output, resume=args.resume, matches=same, keep_from=lambda n: n
        )
    on_interrupt(stop_all_workers)
    with cluster_client(args) as client:
        if client is None:
            say_workers(args.jobs, workers_for(args.jobs, len(matches) - len(rows)), len(matches))
        played = tournament(
            names,
            files,
            verify=verify,
            timeout=getattr(args, "timeout", None),
            jobs=args.jobs,
            executor=client,
            skip=len(rows),
        )
        bar = progress_bar(len(matches), "match", initial=len(rows))
        try:
            for row in played:
                rows.append(row)
                if out is not None:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    out.flush()
                bar.update(1)
        finally:
            bar.close()
            played.close()  # type: ignore[attr-defined]
            if out is not None:
                out.close()
    table = table_of(rows, names)
    missing = [r for r in rows if r.get("moves") is None]
    if args.format == "json":
        emit_json({**table, "verified": verify})
    else:
        _print(table, names)
        print("verified by the GL prover" if verify else "not verified (--no-verify)")
        for row in missing:
            print(
                f"{row['left']} vs {row['right']}: no answer ({row.get('error')})", file=sys.stderr
            )
    return 3 if missing else 0


def _print(table: dict[str, Any], names: list[str]) -> None:
    width = max(len(n) for n in names)
    cell = max(8, *(len(n) for n in names))
    print("row vs column: row's move, column's move, and k such that PA+Con^k proves it")
    print(" " * width + " " + " ".join(n.rjust(cell) for n in names))
    for a in names:
        cells = []
        for b in names:
            entry = table["table"][a][b]
            text = "--" if entry["moves"] is None else f"{entry['moves']} {entry['proved_in']}"
            cells.append(text.rjust(cell))
        print(a.ljust(width) + " " + " ".join(cells))
