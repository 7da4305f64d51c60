"""Agent files: lobkit notation, MIRI's formula-level definitions, errors with line:column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lobkit.agents import (
    FairBot,
    PrudentBot,
    TrollBot,
    combat,
    define_agent,
    load_agents,
    parse_agents,
)
from lobkit.errors import InputError, ParseError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "agents"


def test_native_definitions_match_builtins() -> None:
    f = parse_agents(
        "agent P = []them & [1]~them(DefectBot)\n"
        "agent F = □them   # FairBot\n"
        "agent T = [] them(DefectBot)\n"
    )
    assert f.agents["F"].formula is FairBot.formula
    assert f.agents["P"].formula is PrudentBot.formula
    assert f.agents["P"].helpers == PrudentBot.helpers
    assert f.agents["T"].formula is TrollBot.formula


def test_miri_base_file() -> None:
    f = load_agents(EXAMPLES / "miri_base.agents")
    assert list(f.agents) == ["DB", "CB", "FB", "PB", "NB", "JB", "TB"]
    assert f.agents["FB"].formula is FairBot.formula
    pb = f.agents["PB"]
    assert combat(pb, f.agents["CB"]).letters == ("D", "C")
    assert combat(pb, f.agents["FB"]).letters == ("C", "C")
    assert [(m.kind, m.left, m.right) for m in f.matches] == [
        ("play", "FB", "FB"),
        ("describe", "FB", "PB"),
    ]


def test_miri_old_formula_syntax() -> None:
    # ModalCombat.hs: a = me, b = them, T/F, &&, ||, <k>
    magic = define_agent("MagicBot", "[1]([] a -> b)")
    wait = define_agent("WaitBot", "~ [] F && [1] b ")
    tough = define_agent("TBF", "[] b || (<> b && [1] b) || (<> b && <1> b && [2] b)")
    assert combat(magic, FairBot).letters == ("C", "C")
    assert combat(wait, FairBot).letters in {("C", "C"), ("D", "D"), ("C", "D"), ("D", "C")}
    assert combat(tough, tough).letters == ("C", "C")


def test_def_with_several_branches() -> None:
    f = parse_agents(
        "def X\n  if □⌜Them(DB)=C⌝ then\n    return D\n  end\n"
        "  if □⌜Them(Me)=C⌝\n    return C\n  end\n  return D\n"
        "raw DB ⊥\n"
    )
    assert str(f.agents["X"].formula) == "~[]them_DB & []them"


def test_class_example_file() -> None:
    f = load_agents(EXAMPLES / "classic.agents")
    assert combat(f.agents["CautiousBot"], FairBot).letters == ("C", "C")
    assert len(f.matches) == 2


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("agent A = []them &\nagent B = []them", 2, 7, "found 'B'"),
        ("agent A = []them\nagent B []them", 2, 9, "'='"),
        ("agent A = [](them\n", 2, 1, "')'"),
        ("agent a = []them", 1, 7, "expected an agent name after 'agent'"),
        ("def X\n  if []them\n    return X\n  end\nreturn D", 3, 12, "C or D"),
    ],
)
def test_syntax_errors_have_positions(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(ParseError, match=re.escape(words)) as info:
        parse_agents(text, source="bots.agents")
    error = info.value
    assert (error.line, error.column) == (line, column), str(error)
    assert words in str(error)
    assert str(error).startswith(f"bots.agents:{line}:{column}:")
    assert "^" in str(error)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("agent A = them", "1:7: agent A is not fully modalized"),
        ("agent A = []q", "1:7: agent A: unknown variable 'q'"),
        ("agent A = []them(Nobody)", "1:7: unknown agent 'Nobody'"),
        ("agent A = []them\nagent A = []them", "2:7: agent A is defined twice"),
        ("agent A = []them(B)\nagent B = []them(A)", "helper agents refer to each other"),
        ("agent A = []⌜Foo(Me)=C⌝", "1:14: a claim is about 'Them' or 'Me'"),
        ("agent A = []me(FairBot)", "only the opponent can be run on other agents"),
        ("play A vs FairBot", "1:1: unknown agent 'A'"),
    ],
)
def test_semantic_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=None) as info:
        parse_agents(text)
    assert message in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_agents("/nonexistent/x.agents")
