"""`lobkit combat --table` on workers (`lobkit.tournament`): the same table as the sequential
round robin, one resumable JSON line per match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lobkit.cli import main
from lobkit.errors import InputError
from lobkit.tournament import pairs, table_of, tournament


def test_rows_make_the_sequential_table() -> None:
    from lobkit.agents.builtins import BUILTINS
    from lobkit.agents.combat import round_robin

    names = list(BUILTINS)[:3]
    rows = list(tournament(names, jobs=2))
    assert [(r["left"], r["right"]) for r in rows] == pairs(names)
    table = table_of(rows, names)["table"]
    expected = round_robin([BUILTINS[n] for n in names])
    for (a, b), result in expected.items():
        assert table[a][b] == {"moves": "".join(result.letters), "proved_in": result.proved_in}
    with pytest.raises(InputError):
        list(tournament(["FairBot", "NoSuchBot"]))


def test_table_on_workers_resumes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["combat", "--table", "--format", "json"]) == 0  # the built-ins
    sequential = json.loads(capsys.readouterr().out)
    out = tmp_path / "matches.jsonl"
    argv = ["combat", "--table", "-j", "2", "--output", str(out)]
    assert main([*argv, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["table"] == sequential["table"]
    whole = out.read_text().splitlines(keepends=True)
    out.write_text("".join(whole[:9]) + '{"left": "Fa')  # interrupted mid-line
    assert main([*argv, "--resume", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["table"] == sequential["table"]
    lines = out.read_text().splitlines()
    assert [json.loads(x)["right"] for x in lines] == [json.loads(x)["right"] for x in whole]
