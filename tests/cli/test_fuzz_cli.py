"""Fuzzing the command line in-process (issue 13): mutated formulas, theory files and agent
files — byte flips, truncation, keyword insertion, deep nesting, huge numbers — must give an
exit code 0-3, never a traceback, at most a located message (plus its caret) on stderr, and
JSON that parses whenever JSON was asked for and an answer came."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lobkit.cli import main

FORMULAS = [
    "[]([]p -> p) -> []p",
    "[](p -> q) -> []p -> []q",
    "<>p | ~[]false",
    "[T]p -> [T][T]p",
    "p & q <-> q & p",
]
LOB = (
    "theory PA\n"
    "theory S extends PA { axiom [PA]x -> x; reflect PA }\n"
    "agent A { theory PA; goal safe; actions build, halt }\n"
    "chain A -> A expect blocked-lob\n"
    "prove PA : [PA]false -> false expect unprovable\n"
    "consistent PA\n"
    "depth A\n"
)
AGENTS = "agent Fair = []them\nagent Pru = []them & [1]~them(DefectBot)\nplay Fair vs Pru\n"
KEYWORDS = [
    "axiom", "theory", "depth", "include", "prove", "expect", "agent", "->", "[", "]", "(",
    "<>", "[T]", "~", "[99999999999999999999]", "١", "\0", "\n", "#", '"', "play", "vs",
]  # fmt: skip
FUZZ = settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw: st.DrawFn, seeds: list[str]) -> str:
    """A seed text with a few byte flips, insertions and truncations; or a deep/huge variant."""
    text = draw(st.sampled_from(seeds))
    kind = draw(st.sampled_from(["flip", "insert", "truncate", "nest", "number"]))
    if kind == "nest":
        depth = draw(st.integers(100, 3000))
        opener = draw(st.sampled_from(["[]", "~", "(", "<>", "[T]", "[1]"]))
        return opener * depth + text
    if kind == "number":
        digits = draw(st.text("0123456789", min_size=15, max_size=40))
        return text.replace("PA", f"PA{digits}", 1) + f" FairBot_{digits} [{digits}]p"
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if kind == "flip" and text:
            at = min(at, len(text) - 1)
            byte = draw(st.sampled_from([*KEYWORDS, chr(draw(st.integers(0, 0x2FF)))]))
            text = text[:at] + byte + text[at + 1 :]
        elif kind == "insert":
            text = text[:at] + " " + draw(st.sampled_from(KEYWORDS)) + " " + text[at:]
        else:
            text = text[:at]
    return text


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as usage:  # argparse's usage errors (a formula starting with '-')
        return int(usage.code or 0)


def _contract(code: int, captured: pytest.CaptureFixture[str], json_asked: bool) -> None:
    out, err = captured.readouterr()
    assert code in (0, 1, 2, 3), (code, err)
    assert "Traceback" not in err and "Traceback" not in out
    if code in (2, 3):
        lines = err.strip().splitlines()
        assert lines and lines[0].startswith("lobkit: error:") and len(lines) <= 3, err
    elif json_asked:
        json.loads(out)


@FUZZ
@given(text=mutated(FORMULAS))
def test_prove_and_parse_survive_mutated_formulas(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _contract(_run(["parse", text, "--format", "json"]), capsys, True)
    _contract(_run(["prove", text, "--format", "json", "--timeout", "5"]), capsys, True)


@pytest.mark.parametrize(
    ("seed", "name", "command"),
    [(LOB, "fuzz.lob", ["check", "--timeout", "5"]), (AGENTS, "fuzz.agents", ["combat"])],
)
@FUZZ
@given(data=st.data())
def test_files_survive_mutation(
    seed: str,
    name: str,
    command: list[str],
    data: st.DataObject,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    path.write_bytes(data.draw(mutated([seed])).encode("utf-8", errors="surrogatepass"))
    argv = [*command, str(path)] if command[0] == "check" else [*command, "--agents", str(path)]
    _contract(_run([*argv, "--format", "json"]), capsys, True)


@FUZZ
@given(data=st.binary(max_size=300))
def test_check_survives_random_bytes(
    data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bytes.lob"
    path.write_bytes(data)
    _contract(_run(["check", str(path), "--format", "json"]), capsys, True)
