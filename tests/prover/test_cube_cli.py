"""The cube's logics through the CLI: names in any case and aliases, --logic all, refusals
with exit 2, limits with exit 3, and JSON proofs the kernel re-checks."""

from __future__ import annotations

import json

import pytest

from lobkit.cli import main
from lobkit.errors import ProofError
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.frames import frame_violations
from lobkit.kernel.labelled import LabelledProof, check_labelled_proof
from lobkit.kernel.reflexive import REFLEXIVE_BASE, ReflexiveProof, check_reflexive_proof
from lobkit.syntax import parse


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's usage errors
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("name", "logic"), [("kt", "T"), ("grz", "Grz"), ("s4", "S4"), ("KTB", "B"), ("kd45", "KD45")]
)
def test_names(name: str, logic: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["prove", "[]p -> <>p", "--logic", name, "--format", "json"], capsys)
    data = json.loads(out)
    assert data["logic"] == logic
    if data["valid"]:
        assert code == 0
        if logic in REFLEXIVE_BASE:  # T, S4: a K (K4) proof of the reflexive translation
            assert data["proof"]["calculus"] == "reflexive"
            again = ReflexiveProof.from_json(data["proof"], logic)
            check_reflexive_proof(again, parse("[]p -> <>p"))
        else:
            proof = LabelledProof.from_json(data["proof"], logic)
            check_labelled_proof(proof, parse("[]p -> <>p"))
    else:
        assert code == 1
        model = Countermodel.from_json(data["countermodel"])
        assert frame_violations(model.worlds, model.relation, logic) == []


def test_every_logic_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["prove", "[]p -> [][]p", "--logic", "all"], capsys)
    assert code == 0
    assert "weakest logic proving it: K4" in out
    lines = [line.split()[0] for line in out.splitlines()[3:14]]
    assert lines == ["K", "D", "T", "B", "K4", "K5", "KD45", "S4", "S5", "GL", "Grz"]
    code, out, _ = _run(["prove", "p & ~p", "--logic", "all", "--format", "json"], capsys)
    assert code == 1 and json.loads(out)["weakest"] == []


@pytest.mark.parametrize(
    "argv",
    [
        ["prove", "[]p", "--logic", "S6"],
        ["prove", "[]p", "--logic", "all", "--premise", "p"],
        ["prove", "[]p", "--logic", "B", "--premise", "p"],
        ["prove", "p", "--logic", "T", "--premise", "[A]p"],
        ["prove", "[T1]p -> p", "--logic", "T"],
        ["prove", "[]p", "--logic", "all", "--format", "svg"],
    ],
)
def test_refusals(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(argv, capsys)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err


def test_premises_in_t_and_s4(capsys: pytest.CaptureFixture[str]) -> None:
    """Global premises through the translation: □p everywhere gives p in T (a reflexive world
    sees itself), not in K (a dead end); p → □q everywhere gives p → □□q in S4, not in T. Each
    proof re-checked from its JSON with the premises' own translations."""
    for logic, goal, premise, code_wanted in [
        ("T", "p", "[]p", 0),
        ("K", "p", "[]p", 1),
        ("S4", "p -> [][]q", "p -> []q", 0),
        ("T", "p -> [][]q", "p -> []q", 1),
    ]:
        argv = ["prove", goal, "--logic", logic, "--premise", premise, "--format", "json"]
        code, out, _ = _run(argv, capsys)
        assert code == code_wanted, (logic, goal)
        data = json.loads(out)
        assert data["premises"] == [premise]
        if code == 0 and logic in REFLEXIVE_BASE:
            proof = ReflexiveProof.from_json(data["proof"], logic)
            check_reflexive_proof(proof, parse(goal), [parse(premise)])
            with pytest.raises(ProofError, match="not a global premise"):
                check_reflexive_proof(proof, parse(goal))  # the premise is needed
        if code == 1:
            model = Countermodel.from_json(data["countermodel"])
            assert frame_violations(model.worlds, model.relation, logic) == []


def test_limits(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["prove", "[]([](p -> []p) -> p) -> p", "--logic", "Grz"]
    code, _, err = _run([*argv, "--max-proof-nodes", "3"], capsys)
    assert code == 3 and "--max-proof-nodes" in err
    argv = ["prove", "[](p -> q) -> [][]p -> [][]q", "--logic", "S4", "--proof-style", "g3"]
    code, _, err = _run([*argv, "--max-proof-nodes", "3"], capsys)
    assert code == 3 and "--max-proof-nodes" in err
