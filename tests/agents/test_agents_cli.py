"""`lobkit combat`: exit codes, text and JSON output, agent files, the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lobkit.agents import BUILTINS
from lobkit.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "agents"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["combat", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_pair(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "PrudentBot", "CooperateBot", "--format", "json")
    assert code == 0
    assert json.loads(out) == {"moves": {"PrudentBot": "D", "CooperateBot": "C"}, "proved_in": 2}


def test_text_pair_and_miri_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "FB", "FB")
    assert code == 0
    assert "FairBot#1: C" in out and "proved in: PA (k = 0)" in out


def test_table_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--table", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["agents"] == list(BUILTINS)
    assert payload["table"]["PrudentBot"]["FairBot"] == {"moves": "CC", "proved_in": 0}
    assert all(cell["moves"] != "CD" for cell in payload["table"]["PrudentBot"].values())


def test_table_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--table", "--no-verify")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split() == list(BUILTINS)
    assert lines[2].split()[:3] == ["CooperateBot", "CC", "0"]


def test_agent_file_matches_and_details(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--agents", str(EXAMPLES / "miri_base.agents"), "--format", "json", "--details"
    )
    assert code == 0
    payload = json.loads(out)
    assert [p["moves"] for p in payload] == [{"FB#1": "C", "FB#2": "C"}, {"FB": "C", "PB": "C"}]
    assert payload[1]["verified"] is True


def test_file_agent_against_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--agents",
        str(EXAMPLES / "classic.agents"),
        "JustBot",
        "TrollBot",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["moves"] == {"JustBot": "D", "TrollBot": "D"}


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("Nobody", "FairBot"), "unknown agent 'Nobody'"),
        (("FairBot",), "give two agents"),
        (("--table", "FairBot"), "--table takes no agents"),
        (("--agents", "/nonexistent.agents", "FairBot", "FairBot"), "cannot read"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], needle: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert needle in err


def test_syntax_error_in_file_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.agents"
    bad.write_text("agent A = []them\nagent B = [](them\n", encoding="utf-8")
    code, _, err = run(capsys, "--agents", str(bad), "A", "B")
    assert code == 2
    assert f"{bad}:3:1:" in err and "^" in err


def test_deterministic_output(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "--table", "--format", "json")
    second = run(capsys, "--table", "--format", "json")
    assert first == second
