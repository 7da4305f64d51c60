"""Solovay's logic S (`lobkit.prove(formula, "S")`, `lobkit prove --logic S`): the reduction
agrees with the naive GL search of tests/oracles.py on a reduction written again here, the
letterless theorems of S are exactly the sentences true in ℕ (the linear-frame semantics of the
kernel), and every certificate passes the kernel's checkers."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from oracles import provable
from strategies import formulas, letterless

import lobkit
from lobkit.cli import main
from lobkit.errors import InputError
from lobkit.formula import Formula, atom, box, implies, neg
from lobkit.kernel.kripke import holds_at
from lobkit.kernel.linear import trace
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import Prover, prove
from lobkit.prover.solovay import TruthResult, solovay_reduction
from lobkit.syntax import parse


def reduced_here(formula: Formula) -> Formula:
    """⋀{□ψ → ψ : □ψ ∈ Sub(φ)} → φ, diamonds as ¬□¬: Solovay's reduction, written again."""
    seen: set[Formula] = set()
    boxes: list[Formula] = []

    def walk(f: Formula) -> Formula:
        if f.op == "dia":
            inner = box(neg(walk(f.args[0])))
            if inner not in seen:
                seen.add(inner)
                boxes.append(inner)
            return neg(inner)
        args = tuple(walk(a) for a in f.args)
        g = f if args == f.args else Formula(f.op, args, f.label)
        if g.op == "box" and g not in seen:
            seen.add(g)
            boxes.append(g)
        return g

    walk(formula)
    out = formula
    for b in boxes:
        out = implies(implies(b, b.args[0]), out)
    return out


def certified(result: TruthResult) -> None:
    """The certificate passes the kernel, on the reduced formula, in GL."""
    result.verify()
    gl = lobkit.Logic("GL")
    if result.valid:
        assert result.proof is not None and result.countermodel is None
        check_proof(result.proof, gl, result.reduced)
    else:
        model = result.countermodel
        assert model is not None and result.proof is None
        kripke = model.kripke()
        assert not holds_at(kripke, result.formula, model.root)
        for instance in result.instances:  # the root is a "true" world: every □ψ → ψ holds
            assert holds_at(kripke, instance, model.root)


@pytest.mark.parametrize(
    ("text", "in_s", "in_gl"),
    [
        ("~[]false", True, False),  # consistency of PA is true
        ("[]p -> p", True, False),  # local reflection is true
        ("<>true", True, False),
        ("~([]p & []~p)", True, False),
        ("[]([]p -> p)", False, False),  # S is not closed under necessitation
        ("[]~[]false", False, False),  # PA does not prove its consistency
        ("[]([]p -> p) -> []p", True, True),  # GL ⊆ S
        ("p", False, False),
        ("[][]false -> []false", True, False),  # □□⊥ is false in ℕ
        ("[]false -> [][]false", True, True),
    ],
)
def test_known_theorems_of_s(text: str, in_s: bool, in_gl: bool) -> None:
    result = prove(text, "S")
    assert isinstance(result, TruthResult)
    assert result.valid is in_s
    assert prove(text).valid is in_gl
    certified(result)


@settings(max_examples=120, deadline=None)
@given(formulas(("p", "q"), max_leaves=7))
def test_reduction_agrees_with_the_oracle(formula: Formula) -> None:
    result = prove(formula, "S")
    assert isinstance(result, TruthResult)
    assert str(result.reduced) == str(solovay_reduction(formula).reduced)
    assert result.valid is provable(reduced_here(formula), "GL")
    certified(result)


@settings(max_examples=120, deadline=None)
@given(letterless())
def test_letterless_theorems_are_the_truths_of_the_standard_model(formula: Formula) -> None:
    # Letterless sentences have one reading: S ⊢ φ iff φ is true in ℕ, its eventual value on
    # the linear frame (Boolos 1993, ch. 7 and 13).
    assert prove(formula, "S").valid is trace(formula)[-1]


@settings(max_examples=60, deadline=None)
@given(formulas(("p", "q"), max_leaves=6))
def test_s_contains_gl_and_reflection(formula: Formula) -> None:
    if prove(formula).valid:
        assert prove(formula, "S").valid
    assert prove(implies(box(formula), formula), "S").valid


def test_api_shapes_and_refusals() -> None:
    result = lobkit.prove("~[]false", "s")
    assert isinstance(result, TruthResult) and result.valid
    assert repr(result).startswith("<TruthResult ~[]false valid in S")
    assert [str(i) for i in result.instances] == ["[]false -> false"]
    assert lobkit.is_valid("[]p -> p", "S") and not lobkit.is_valid("[]p -> p")
    assert lobkit.is_satisfiable("[]false", "GL") and not lobkit.is_satisfiable("[]false", "S")
    with pytest.raises(InputError, match=r"\[T0\] names a theory"):
        prove("[T0]p -> p", "S")
    with pytest.raises(InputError, match=r"<T1> names a theory|\[T1\] names a theory"):
        prove("<T1>p", "S")
    with pytest.raises(InputError, match="no global premises"):
        prove("p", "S", premises=["q"])
    with pytest.raises(InputError, match="not by a shared engine"):
        Prover("S")
    with pytest.raises(TypeError, match="no truth value"):
        bool(result)
    html = result._repr_html_()
    assert "of S (truth in the standard model)" in html and "reduced formula" in html


def test_a_tampered_reduction_fails_verification() -> None:
    import dataclasses

    result = prove("~[]false", "S")
    assert isinstance(result, TruthResult)
    forged = dataclasses.replace(result, formula=parse("[]false"))
    with pytest.raises(lobkit.LobkitError, match="not Solovay's reduction"):
        forged.verify()


def test_cli_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prove", "~[]false", "--logic", "S"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("~[]false: theorem of S (truth in the standard model)\n")
    assert "reduced formula: ([]false -> false) -> ~[]false" in text
    assert main(["prove", "~[]false"]) == 1
    capsys.readouterr()
    assert main(["prove", "[]([]p -> p)", "--logic", "s", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["logic"] == "S" and payload["valid"] is False
    assert payload["reflection"] == ["[]p -> p", "[]([]p -> p) -> []p -> p"]
    assert payload["reduced"].endswith("-> []([]p -> p)")
    assert "countermodel to the reduced formula" in payload["certifies"]
    assert payload["countermodel"]["root"] == "w0"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["[T0]p", "--logic", "S"], "names a theory"),
        (["p", "--logic", "S", "--premise", "q"], "no global premises"),
        (["[T0]p", "--logic", "S", "--extends", "T1:T0"], "the logic S has one box"),
    ],
)
def test_cli_refusals_are_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["prove", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err


def test_extends_makes_an_inclusion(capsys: pytest.CaptureFixture[str]) -> None:
    formula = "[T0]p -> [T1]p"
    assert main(["prove", formula, "--extends", "T1:T0"]) == 0
    assert "theorem of GL with T1 extending T0" in capsys.readouterr().out
    assert main(["prove", formula]) == 1
    capsys.readouterr()
    assert main(["prove", "[T0]p -> [T2]p", "--extends", "T1:T0", "--extends", "T2:T1"]) == 0
    capsys.readouterr()
    assert main(["prove", formula, "--extends", "T1:T0", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["extends"] == {"T1": ["T0"]} and payload["valid"] is True
    assert main(["prove", "[T1]p -> [T0]p", "--extends", "T1:T0", "--logic", "K"]) == 1
    capsys.readouterr()
    # the same in Python
    logic = lobkit.Logic("GL", {"T1": {"T0"}})
    assert prove(formula, logic).valid and not prove(formula).valid
    assert prove(atom("p") >> atom("p"), logic).valid


@pytest.mark.parametrize("spec", ["T1", ":T0", "T1:", "t1:T0", "T1:T0:T2", "T1:T-0"])
def test_bad_extends_specs_exit_2(spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["prove", "[T0]p -> [T1]p", "--extends", spec])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "--extends" in err and "\n" not in err


def test_extends_refuses_batch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prove", "[T0]p", "[T1]p", "--extends", "T1:T0"]) == 2
    assert "one formula at a time" in capsys.readouterr().err
