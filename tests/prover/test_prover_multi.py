"""Indexed boxes, theory inclusions and global premises."""

from __future__ import annotations

from lobkit.kernel import Logic
from lobkit.kernel.kripke import check_frame, holds_at, holds_everywhere
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import entails, is_satisfiable, is_valid, prove
from lobkit.syntax import parse
from lobkit.zoo.verdicts import LOB

TWO = Logic("GL", {"T1": {"T0"}})
THREE = Logic("GL", {"T2": {"T1"}, "T1": {"T0"}})


def _certified(result) -> bool:
    logic = result.logic
    if result.valid:
        check_proof(result.proof, logic, result.formula)
    else:
        model = result.countermodel.kripke()
        assert not holds_at(model, result.formula, result.countermodel.root)
        assert check_frame(model, logic) == []
        assert all(holds_everywhere(model, p) for p in logic.premises)
    return result.valid


def test_inclusion_direction() -> None:
    assert _certified(prove(parse("[T0]p -> [T1]p"), TWO))
    assert not _certified(prove(parse("[T1]p -> [T0]p"), TWO))
    assert not _certified(prove(parse("[T0]p -> [T1]p"), "GL"))
    assert _certified(prove(parse("[T0]p -> [T2]p"), THREE))


def test_provable_sigma1_completeness() -> None:
    for text in ("[T0]p -> [T1][T0]p", "[T1]p -> [T0][T1]p", "[T1]p -> [T1][T1]p"):
        assert _certified(prove(parse(text), TWO)), text


def test_lob_per_theory() -> None:
    assert _certified(prove(parse("[T1]([T1]p -> p) -> [T1]p"), TWO))
    assert not _certified(prove(parse("[T1]([T0]p -> p) -> [T1]p"), TWO))


def test_premises() -> None:
    reflection = parse("[T1]([T0]p -> p)")
    result = entails([reflection], reflection, TWO)
    assert _certified(result)
    assert any(n.rule == "Premise" for n in result.proof.nodes)
    assert not _certified(entails([reflection], parse("[T1]p"), TWO))
    # a theory reflecting on itself is inconsistent (Löb)
    naive = parse("[N]([N]false -> false)")
    assert _certified(entails([naive], parse("[N]false"), "GL"))
    assert _certified(entails([parse("<>true")], parse("false"), "GL"))
    assert not _certified(entails([parse("<>true")], parse("false"), "K4"))
    assert not _certified(entails([parse("<>true")], parse("false"), "K"))
    assert _certified(entails([parse("p")], parse("[][]p"), "K"))


def test_scripting_helpers() -> None:
    assert is_valid(LOB.text)
    assert not is_valid(LOB.text, "K4")
    assert not is_satisfiable("[]([]p -> p) & ~[]p")
    assert is_satisfiable("[]([]p -> p) & ~[]p", "K4")
    assert is_satisfiable("~[]false")
    assert not is_satisfiable("~[]false", premises=["[]false"])


def test_logic_value() -> None:
    assert Logic.named("gl") == Logic("GL")
    assert hash(TWO) == hash(Logic("GL", {"T1": {"T0"}}))
    assert THREE.extends_theory("T2", "T0") and not THREE.extends_theory("T0", "T2")
