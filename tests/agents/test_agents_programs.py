"""MIRI's agent programs: parameters, let, for, if/else, [&n] boxes, claims with variables —
compiled to the formula of cooperation, loaded from files and played."""

from __future__ import annotations

import pytest

from lobkit import parse
from lobkit.agents import combat
from lobkit.agents.loader import parse_agents
from lobkit.cli import main
from lobkit.errors import InputError

# MIRI's agents/standard.cd (an older base.cd): `raw NAME formula`, `def … end`, `play A B`.
STANDARD_CD = """raw DB ⊥
raw CB ⊤

def FB
  if □⌜Them(Me)=C⌝
    return C
  end
  return D
end

def PB
  if [1]⌜Them(DB)=D⌝ ∧ □⌜Them(Me)=C⌝
    return C
  end
  return D
end

play FB FB
describe FB PB
"""


def _agent(text: str, name: str) -> str:
    return str(parse_agents(text).agents[name].formula)


def test_standard_cd_loads_and_plays() -> None:
    f = parse_agents(STANDARD_CD, source="standard.cd")
    assert [(m.left, m.right) for m in f.matches] == [("FB", "FB"), ("FB", "PB")]
    result = combat(f.agents["FB"], f.agents["PB"])
    assert result.letters == ("C", "C")


def test_parameters_and_calls() -> None:
    text = (
        "def MFB(number level=1)\n  if [&level]⌜Them(Me)=C⌝\n    return C\n  end\n  return D\n"
        "play MFB(0) vs MFB\nplay MFB(3) vs MFB(3)\n"
    )
    f = parse_agents(text)
    assert str(f.agents["MFB"].formula) == "[](~[]false -> them)"
    assert str(f.agents["MFB_0"].formula) == "[]them"
    assert f.agents["MFB_3"].formula is parse("[](~[][][]false -> them)")
    assert [m.left for m in f.matches] == ["MFB_0", "MFB_3"]


def test_let_for_and_action_variables() -> None:
    text = (
        "def E(number start=0, number step=2)\n"
        "  let &n = &start\n"
        "  for action &a in [...]\n"
        "    if [&n]⌜Them(Me)=&a⌝\n      return &a\n    end\n"
        "    let &n = &n + &step\n"
        "  end\n"
        "  return D\n"
    )
    # C if PA proves they cooperate; else D either way (second branch returns D, fall-through D).
    assert _agent(text, "E") == "[]them"
    text2 = text.replace("for action &a in [...]", "for action &a in [D, C]")
    # [0]⌜them=D⌝ first: if provable, D; else, [2]⌜them=C⌝ decides.
    assert _agent(text2, "E") == "~[]~them & [](~[][]false -> them)"


def test_number_loops_else_and_pass() -> None:
    text = (
        "def L\n  for number &k in [0, 1]\n    if [&k]⌜Them(DB)=D⌝\n      return C\n"
        "    else\n      pass\n    end\n  end\n  return D\n"
    )
    assert _agent(text, "L") == "[]~them_DB | ~[]~them_DB & [](~[]false -> ~them_DB)"


def test_default_action_and_bare_return() -> None:
    text = "def K(action default=C)\n  if []⌜Them(Me)=D⌝\n    return D\n  end\n  return\n"
    assert _agent(text, "K") == "~[]~them"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("def A(number k)\n  return C\nplay A vs A", "no value for k"),
        ("def A\n  if [&n]⌜Them(Me)=C⌝\n    return C\n  end\n  return D", "unknown variable &n"),
        ("def A(action a=C)\n  if [&a]⌜Them(Me)=C⌝\n    return C\n  end", "&a is an action"),
        ("def A\n  for number &k in [...]\n    return C\n  end", "finite list"),
        ("def A(number k=0)\n  return &k", "return needs an action"),
        ("def A(number k=0)\n  return C\nplay A(C) vs A", "k is a number"),
    ],
)
def test_program_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_agents(text)


def test_shipped_program_file_plays(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["combat", "--example", "miri_programs"]) == 0
    out = capsys.readouterr().out
    assert "MFB_2 vs FairBot" in out and "Careful vs PrudentBot" in out
