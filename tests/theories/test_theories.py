"""Shipped examples by name: `lobkit.load_example`, `check --example`, `combat --example`."""

from __future__ import annotations

import json

import pytest

import lobkit
from lobkit.cli import main
from lobkit.errors import InputError
from lobkit.theories import agent_file_names, agents_path, theory_names, theory_path


def test_names_cover_the_shipped_files() -> None:
    assert {"tower", "paralysis", "procrastination"} <= set(theory_names())
    assert {"classic", "miri_base"} <= set(agent_file_names())
    assert theory_path("tower") == theory_path("tower.lob")
    assert agents_path("classic").suffix == ".agents"


def test_load_example_is_load_of_the_shipped_file() -> None:
    spec = lobkit.load_example("tower")
    assert spec.depth("A3") == 3
    assert spec.path == theory_path("tower")


def test_unknown_example_names_the_choices() -> None:
    with pytest.raises(InputError, match=r"no shipped theory file 'towr'; choose from .*tower"):
        lobkit.load_example("towr")


def test_check_example_from_anywhere(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    assert main(["check", "--example", "paralysis", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)["files"][0]
    # an example is named by its short name, in JSON as in text (issue 24)
    assert payload["file"] == "paralysis.lob"
    assert {r["source"] for r in payload["results"]} == {"paralysis.lob"}
    assert main(["check", "--example", "nope"]) == 2
    assert "lobkit: error: no shipped theory file 'nope'" in capsys.readouterr().err
    assert main(["check"]) == 2
    assert "--example NAME" in capsys.readouterr().err


def test_combat_example_plays_its_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["combat", "--example", "miri_base"]) == 0
    out = capsys.readouterr().out
    assert "FB vs PB" in out
