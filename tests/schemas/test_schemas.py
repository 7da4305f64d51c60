"""Every command's `--format json` output, produced for real, validates against the schema
shipped for it in `lobkit/schemas/` (and no command is left without one)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from lobkit.cli import build_parser, main
from lobkit.schemas import names, schema
from lobkit.zoo.verdicts import LOB

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
LWB = "begin\n1: box (p0 -> p1) -> box p0 -> box p1\n2: dia p0\nend\n"

# (schema, argv) — several outputs per command where the shape varies.
RUNS: list[tuple[str, list[str]]] = [
    ("parse", ["parse", "[]([]p -> p) -> [PA]p"]),
    ("prove", ["prove", LOB.text]),
    ("prove", ["prove", "[]p -> p", "--premise", "q"]),
    ("prove", ["prove", "[T1]p -> [T0]p"]),
    ("prove", ["prove", "[T0]p -> [T1]p", "--extends", "T1:T0"]),
    ("prove", ["prove", "~[]false", "--logic", "S"]),
    ("prove", ["prove", "[]([]p -> p)", "--logic", "S"]),
    ("prove", ["prove", "[]p -> [][]p", "--logic", "S4"]),
    ("prove", ["prove", "[]p -> p", "--logic", "T"]),
    ("prove", ["prove", "p -> []<>p", "--logic", "B"]),
    ("prove", ["prove", "<>p -> []<>p", "--logic", "S4"]),
    ("prove", ["prove", "[]([](p -> []p) -> p) -> p", "--logic", "Grz"]),
    ("prove-all", ["prove", "[]p -> p", "--logic", "all"]),
    ("correspond", ["correspond", "[]p -> [][]p", "--check", "2"]),
    ("correspond", ["correspond", "[]([]p -> p) -> []p", "--check", "2"]),
    ("correspond", ["correspond", "[]<>p -> <>[]p"]),
    ("fixpoint", ["fixpoint", "~[]p", "--var", "p"]),
    ("letterless", ["letterless", "~[]false"]),
    ("interpolate", ["interpolate", "p & q", "p | r"]),
    ("combat", ["combat", "FairBot", "PrudentBot"]),
    ("combat", ["combat", "--example", "miri_base"]),
    ("combat", ["combat", "--table", "--no-verify"]),
    ("play", ["play", "--example", "target"]),
    ("play", ["play", "--example", "target", "--example", "decisions", "--details"]),
    ("collapse", ["collapse", "--generations", "5", "--trajectories", "20"]),
    ("collapse", ["collapse", "-G", "5", "-T", "20", "--breaker", "0.5"]),
    ("check", ["check", "theories/paralysis.lob"]),
    ("check", ["check", "theories/paralysis.lob", "theories/tower.lob"]),
    ("eval", ["eval", "w0 -> w1, w2; w1 -> w2; w1: p; w2: p q", "[]p -> p"]),
    ("eval", ["eval", "w0 -[PA]-> w1 -> w1; w1: p", "<PA>p & []q"]),
    ("exercises", ["exercises", "k-to-gl", "--list"]),
    ("exercises", ["exercises", "k-to-gl", "--answer", "Lob-in-K4", "--model", "w0 -> w0"]),
    ("exercises", ["exercises", "k-to-gl", "--answer", "Lob-in-K4", "--steps", "R-imp; K4R"]),
    ("exercises", ["exercises", "k-to-gl", "--answer", "Lob-in-GL", "--steps", "R-imp; GLR"]),
]
EXEMPT = {  # commands without a --format json document
    "serve": "a long-running web server, no result to print",
    "enumerate": "always JSON lines (enumerate-line) and --summary (enumerate-summary), "
    "validated in test_enumerate_and_tournament_lines_validate",
}


def _json_commands() -> set[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(actions[0].choices) - set(EXEMPT)


def test_every_command_has_a_schema_and_a_run() -> None:
    covered = {argv[0] for _, argv in RUNS} | {"demo", "convert"}
    assert _json_commands() <= covered
    assert _json_commands() <= set(names())


def _validate(name: str, payload: object) -> None:
    validator = jsonschema.Draft202012Validator(schema(name))
    errors = sorted(validator.iter_errors(payload), key=lambda e: list(e.path))
    assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


@pytest.mark.parametrize(("name", "argv"), RUNS, ids=[" ".join(a) for _, a in RUNS])
def test_output_validates(
    name: str,
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    assert main([*argv, "--format", "json"]) in (0, 1)
    _validate(name, json.loads(capsys.readouterr().out))


def test_demo_convert_and_batch_lines_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "paralysis", "--out", str(tmp_path / "d"), "--format", "json"]) == 0
    _validate("demo", json.loads(capsys.readouterr().out))
    source = tmp_path / "k.lwb"
    source.write_text(LWB)
    assert main(["convert", str(source), "-", "--to", "intohylo", "--format", "json"]) == 0
    _validate("convert", json.loads(capsys.readouterr().out))
    for brief in ([], ["--brief"]):
        assert main(["prove", "--file", str(source), *brief]) == 1
        for line in capsys.readouterr().out.splitlines():
            _validate("prove-line", json.loads(line))


def test_prove_all_embeds_the_prove_schema() -> None:
    """prove-all's entries are prove's documents: its copy of prove's schema is the same."""
    whole, every = schema("prove"), schema("prove-all")
    for key, value in whole["$defs"].items():
        assert every["$defs"][key] == value
    assert every["$defs"]["result"]["properties"] == whole["properties"]


def test_schemas_reject_a_wrong_shape() -> None:
    validator = jsonschema.Draft202012Validator(schema("prove"))
    assert not validator.is_valid({"formula": "p", "logic": "GL", "valid": "yes"})
    for name in names():
        jsonschema.Draft202012Validator.check_schema(schema(name))


def test_enumerate_and_tournament_lines_validate(tmp_path: Path) -> None:
    out, summary = tmp_path / "e.jsonl", tmp_path / "s.json"
    argv = ["enumerate", "--atoms", "1", "--max-size", "4", "--logic", "GL,K4"]
    assert main([*argv, "--output", str(out), "--summary", str(summary)]) == 0
    for line in out.read_text().splitlines():
        _validate("enumerate-line", json.loads(line))
    _validate("enumerate-summary", json.loads(summary.read_text()))
    matches = tmp_path / "m.jsonl"
    assert main(["combat", "--table", "--no-verify", "--output", str(matches)]) == 0
    for line in matches.read_text().splitlines():
        _validate("combat-line", json.loads(line))
