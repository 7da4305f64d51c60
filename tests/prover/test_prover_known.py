"""Known verdicts in GL, K4 and K; every certificate is re-checked here too."""

from __future__ import annotations

import pytest

from lobkit.formula import atom, bot, box, implies
from lobkit.kernel import Logic
from lobkit.kernel.kripke import check_frame, holds_at
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import prove
from lobkit.syntax import parse
from lobkit.zoo.verdicts import EXAMPLES, LOB, Example


def _check(result, formula, logic: Logic) -> None:
    if result.valid:
        assert result.countermodel is None and result.proof is not None
        check_proof(result.proof, logic, formula)
    else:
        assert result.proof is None and result.countermodel is not None
        model = result.countermodel.kripke()
        assert not holds_at(model, formula, result.countermodel.root)
        assert check_frame(model, logic) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_known_verdicts(example: Example) -> None:
    formula = example.formula
    for name in ("GL", "K4", "K"):
        result = prove(formula, name)
        assert result.valid is example.valid_in(name), (example.text, name)
        assert result.logic == Logic.named(name)
        _check(result, formula, Logic.named(name))


def test_lob_countermodels_in_k4_and_k() -> None:
    lob = LOB.formula
    k4 = prove(lob, "K4").countermodel
    assert k4 is not None
    assert any(a == b for a, b in k4.relation)  # K4 needs a reflexive point
    assert prove(lob, "K").countermodel is not None


@pytest.mark.parametrize("n", [0, 1, 5, 20, 40])
def test_boxchain(n: int) -> None:
    invalid = prove(implies(box(bot, n + 1), box(bot, n)))
    assert not invalid.valid
    cm = invalid.countermodel
    assert cm is not None and len(cm.worlds) == n + 1
    # a chain: the transitive closure of n+1 worlds in a line
    assert len(cm.relation) == n * (n + 1) // 2
    valid = prove(implies(box(bot, n), box(bot, n + 1)))
    assert valid.valid


def test_json_shape() -> None:
    result = prove(parse("[]p -> p"))
    data = result.to_json()
    assert list(data) == ["formula", "logic", "valid", "proof", "countermodel", "seconds"]
    assert data["valid"] is False and data["proof"] is None
    assert data["countermodel"]["root"] == "w0"
    assert data["countermodel"]["relations"] == {"": []}
    proof = prove(LOB.formula).to_json()["proof"]
    assert proof["root"] == len(proof["nodes"]) - 1
    assert {n["rule"] for n in proof["nodes"]} >= {"GLR", "Taut"}
    assert all(("certificate" in n) == (n["rule"] == "Taut") for n in proof["nodes"])


def test_renderings() -> None:
    proof = prove(LOB.formula).proof
    assert proof is not None
    assert "GLR" in proof.render_text()
    assert "\\begin{prooftree}" in proof.to_latex() and proof._repr_latex_()
    cm = prove(parse("[]p | []~p")).countermodel
    assert cm is not None
    assert cm.to_dot().startswith("digraph") and "w0" in cm.render_text()
    assert "<pre>" in cm._repr_html_()


def test_deep_formula_does_not_crash() -> None:
    p = atom("p")
    f = p
    for _ in range(10_000):
        f = ~f
    result = prove(f >> p)
    assert result.valid
    g = box(p, 10_000)
    assert not prove(g >> p).valid


def test_no_truthiness() -> None:
    result = prove(parse("[]p -> p"))
    with pytest.raises(TypeError, match="result.valid"):
        bool(result)


def test_countermodels_are_shrunk_to_what_the_refutation_needs() -> None:
    # The search builds a successor for each false box, [](q -> q) among them; none is needed.
    result = prove(parse("[]p | ~[](q -> q) | [][]r -> p"))
    assert not result.valid and result.countermodel is not None
    assert result.countermodel.worlds == ("w0",)
