"""`lobkit check` exit codes, formats and the demos' pictures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lobkit.cli import main

THEORIES = Path(__file__).resolve().parents[2] / "theories"


def test_check_all_theories_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--brief", *map(str, sorted(THEORIES.glob("*.lob")))]) == 0
    out = capsys.readouterr().out
    assert "expectations hold" in out and "FAILED" not in out


def test_failed_expectation_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wrong.lob"
    path.write_text("theory T\nprove T : [T]p -> p expect proved\nconsistent T\n")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAILED (expected proved)" in out and "countermodel" in out


def test_bad_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.lob"
    path.write_text("theory T\nchain A -> T\n")
    assert main(["check", str(path)]) == 2
    assert f"{path}:2:7: unknown agent 'A'" in capsys.readouterr().err


def test_timeout_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A query too big for a microsecond: nested boxes over many atoms.
    body = " & ".join(f"([T](p{i} -> q{i}) -> [T]p{i} -> [T]q{i})" for i in range(60))
    path = tmp_path / "slow.lob"
    path.write_text(f"theory T {{ reflect T }}\nprove T : {body}\n")
    assert main(["check", "--timeout", "0.000001", str(path)]) == 3
    assert "--timeout" in capsys.readouterr().err


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(THEORIES / "paralysis.lob")]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert whole["ok"] is True and len(whole["files"]) == 1
    payload = whole["files"][0]
    assert payload["file"].endswith("paralysis.lob") and payload["ok"] is True
    first = payload["results"][0]
    assert first["statement"] == "chain" and first["verdict"] == "blocked"
    assert first["links"][0]["verdict"] == "blocked-lob"
    assert first["certificate"]["kind"] == "countermodel"


def test_demos_write_their_pictures(tmp_path: Path) -> None:
    from lobkit.demos import paralysis, procrastination

    result = paralysis.run(tmp_path, seed=0)
    assert result.data["fixed"] == "blocked-lob"
    assert result.data["naive"] == "parent-inconsistent"
    assert result.data["tower_depth"] == 3 and result.data["expectations_hold"]
    result2 = procrastination.run(tmp_path, seed=0, horizon=20)
    runs = {r["design"]: r for r in result2.data["runs"]}
    assert runs["fixed theory"]["pressed_at"] == 0 and runs["fixed theory"]["sound_on_run"]
    tower = runs["tower, height 3"]
    assert tower["pressed_at"] == 3 and tower["sound_on_run"] and not tower["proves_goal"]
    trusting = runs["successor-trusting"]
    assert trusting["pressed_at"] is None and trusting["proves_goal"]
    assert trusting["consistent"] and not trusting["sound_on_run"]
    assert trusting["soundness"][0]["false"]["formula"] == "[E]pressed -> pressed"
    naive = runs["naive self-trust"]
    assert not naive["consistent"] and not naive["sound_on_run"] and naive["pressed_at"] is None
    for path in (*result.files, *result2.files):
        assert path.exists() and path.stat().st_size > 200
        if path.suffix == ".png":
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_example_is_shown_by_its_short_name(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 24: `check --example tower` printed a 72-character site-packages path before
    each result; now the example's name."""
    assert main(["check", "--example", "tower"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert lines and all(line.startswith("tower.lob") for line in lines), lines
    assert "site-packages" not in out and "/theories/" not in out
