"""The prover benchmark's baseline is the tests' oracle, and both it and lobkit agree with the
zoo's verdicts before anything is timed (nothing here is timed: speed lives in benchmarks/)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from oracles import provable


def test_prover_benchmark_checks_its_baseline_against_the_zoo(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    bench = load_benchmark("bench_prover")
    assert bench.provable is provable  # one oracle, not a copy
    bench.check_against_zoo()


def test_lwb_all_lists_the_54_families(load_benchmark: Callable[[str], ModuleType]) -> None:
    """`--lwb-all` covers the whole LWB benchmark: 54 families, K, KT, S4, each _p and _n, plus
    the 9 GL rows; subsets by family, `gl:FAMILY` or logic."""
    lwb = load_benchmark("lwb_all")
    rows = lwb.all_rows()
    assert len(rows) == len(set(rows)) == 54 + 9
    for logic in ("K", "T", "S4"):
        assert sum(row[1] == logic for row in rows) == 18
    assert lwb.chosen_rows("T") == [row for row in rows if row[1] == "T"]
    assert lwb.chosen_rows("kt_md_p,gl:k_ph_p") == [("kt_md_p", "T"), ("k_ph_p", "GL")]
    with pytest.raises(SystemExit, match="kt_nope"):
        lwb.chosen_rows("kt_nope")


def test_lwb_all_rows_are_measured_saved_and_merged(
    load_benchmark: Callable[[str], ModuleType],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A row runs lobkit's own instances through the CLI with certificates; `--json-out` rows
    from two runs merge into one table (the later line for the same row wins)."""
    lwb = load_benchmark("lwb_all")
    args = argparse.Namespace(
        cap=30.0,
        top=2,
        peer_paths={},
        lwb_generator=None,
        families="s4_ipc_n,kt_45_p",
        json_out=str(tmp_path / "a.jsonl"),
        table_from=None,
        side="both",
        markdown=False,
    )
    assert lwb.run_lwb_all(args) == 0
    first = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert [(r["family"], r["logic"], r["lobkit"]["n"]) for r in first] == [
        ("s4_ipc_n", "S4", 2),
        ("kt_45_p", "T", 2),
    ]
    later = dict(first[1], lobkit={"n": 1, "seconds": 0.5, "missed": "n=2: over the cap"})
    peer = {"n": 7, "seconds": 1.25, "missed": "", "options": "-t -4"}
    only_peer = dict(first[0], lobkit=None, cegarbox=peer, commit="elsewhere")
    lines = [json.dumps(later), json.dumps(only_peer)]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n")
    capsys.readouterr()
    args.table_from = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    assert lwb.run_lwb_all(args) == 0
    table = capsys.readouterr().out
    assert "n=2: over the cap" in table
    ipc = next(line for line in table.splitlines() if line.startswith("s4_ipc_n"))
    fields = ipc.split()
    assert (fields[2], fields[4], fields[5]) == ("2", "7", "1.25")
    assert "-t -4" in ipc and "elsewhere" not in ipc
    assert "not measured: k_branch_p/K" in table
    args.markdown = True
    assert lwb.run_lwb_all(args) == 0
    markdown = capsys.readouterr().out
    assert "| s4_ipc_n | S4 | 2 (" in markdown and "7 (1.25, -t -4)" in markdown
