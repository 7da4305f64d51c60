"""T and S4 proofs as K and K4 proofs of the reflexive translation: real proofs pass (also
after a JSON round trip); a proof of another formula, a K4 proof offered in T, a proof of a
wrongly translated formula, a tampered step, a logic without a translation are each refused.
The kernel's translation meets the faithfulness lemma on random models and agrees with the
search's own (written separately)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import formulas

from lobkit.errors import InputError, ProofError
from lobkit.formula import BOX, TOP, Formula, fold
from lobkit.kernel import Countermodel, holds_at
from lobkit.kernel.reflexive import ReflexiveProof, check_reflexive_proof, reflexive_translation
from lobkit.prover import Prover, prove
from lobkit.prover.local_reduction import reflexive_closure
from lobkit.prover.local_reduction import reflexive_translation as search_translation
from lobkit.syntax import parse


def _proof(text: str, logic: str, style: str = "taut") -> ReflexiveProof:
    result = prove(text, logic, proof_style=style)
    assert result.valid and isinstance(result.proof, ReflexiveProof)
    return result.proof


@pytest.mark.parametrize("style", ["taut", "g3"])
def test_real_proofs_pass_also_after_json(style: str) -> None:
    for text, logic in [
        ("[]p -> p", "T"),
        ("[]p -> <>p", "T"),
        ("[]p -> [][]p", "S4"),
        ("<>[]<>p -> <>p", "S4"),
        ("[](p -> q) -> [][]p -> [][]q", "S4"),
    ]:
        proof = _proof(text, logic, style)
        assert proof.base == {"T": "K", "S4": "K4"}[logic]
        check_reflexive_proof(proof, parse(text))
        again = ReflexiveProof.from_json(json.loads(proof.json_text()), logic)
        assert again.to_json() == proof.to_json()
        check_reflexive_proof(again, parse(text))


def test_a_proof_of_another_formula() -> None:
    proof = _proof("[]p -> p", "T")
    with pytest.raises(ProofError, match="root does not conclude"):
        check_reflexive_proof(proof, parse("[]q -> q"))
    with pytest.raises(ProofError, match="root does not conclude"):
        check_reflexive_proof(proof, parse("p -> p"))


def test_a_k4_proof_offered_in_t() -> None:
    """[]p -> [][]p is an S4 theorem, not a T one (a reflexive 3-chain refutes it): its K4 proof
    of the translation uses K4R, which K (T's base) does not have."""
    s4 = _proof("[]p -> [][]p", "S4")
    assert not prove("[]p -> [][]p", "T").valid
    with pytest.raises(ProofError, match="K4R is not the modal rule of K"):
        check_reflexive_proof(dataclasses.replace(s4, logic="T"), parse("[]p -> [][]p"))
    # the inner proof's own logic is not what the kernel trusts
    inner = dataclasses.replace(s4.proof, logic=s4.proof.logic.__class__("K"))
    with pytest.raises(ProofError, match="K4R is not the modal rule of K"):
        check_reflexive_proof(ReflexiveProof("T", inner), parse("[]p -> [][]p"))


def _boxes_as(replacement: str, formula: Formula) -> Formula:
    """A wrong translation: every box read as ⊤ ("top"), or as □A* ∧ A* ("swapped")."""

    def box(node: Formula, args: tuple[Formula, ...]) -> Formula:
        if replacement == "top":
            return Formula(TOP)
        return Formula("and", (Formula(BOX, args, node.label), args[0]))

    def same(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return node if args == node.args else Formula(node.op, args, node.label)

    return fold(formula, {BOX: box}, default=same)


@pytest.mark.parametrize(
    ("wrong", "text"),
    [("top", "[]p"), ("top", "[]p -> [][]p"), ("swapped", "[]p -> p")],
)
def test_a_proof_of_a_wrong_translation(wrong: str, text: str) -> None:
    """A correct K proof of a formula that is not the kernel's φ*: refused, also when the wrong
    translation is K-equivalent to φ* ("swapped" conjuncts) — the match is exact."""
    goal = parse(text)
    result = Prover("K").prove(_boxes_as(wrong, goal))
    assert result.valid
    assert isinstance(result.proof, type(_proof("[]p -> p", "T").proof))
    with pytest.raises(ProofError, match="root does not conclude"):
        check_reflexive_proof(ReflexiveProof("T", result.proof), goal)


def test_a_tampered_step() -> None:
    proof = _proof("[](p -> q) -> [][]p -> [][]q", "S4")
    nodes = list(proof.proof.nodes)
    i = next(k for k, n in enumerate(nodes) if n.rule == "Taut" and n.certificate)
    nodes[i] = dataclasses.replace(nodes[i], certificate=nodes[i].certificate[:-1])
    bad = dataclasses.replace(proof, proof=dataclasses.replace(proof.proof, nodes=tuple(nodes)))
    with pytest.raises(ProofError, match=f"node {i}"):
        check_reflexive_proof(bad, parse("[](p -> q) -> [][]p -> [][]q"))


def test_only_t_and_s4_and_only_reflexive_proofs() -> None:
    proof = _proof("[]p -> p", "T")
    for logic in ("K", "S5", "GL", "B"):
        with pytest.raises(ProofError, match="no reflexive translation"):
            check_reflexive_proof(dataclasses.replace(proof, logic=logic), parse("[]p -> p"))
    with pytest.raises(ProofError, match="not a reflexive-translation proof"):
        check_reflexive_proof(proof.proof, parse("[]p -> p"))
    data = proof.to_json()
    with pytest.raises(InputError, match="is a proof in K"):
        ReflexiveProof.from_json({**data, "base": "K4"}, "T")
    with pytest.raises(InputError, match="T or S4"):
        ReflexiveProof.from_json(data, "B")
    with pytest.raises(InputError, match="not a reflexive"):
        ReflexiveProof.from_json(data["proof"], "T")


@st.composite
def _models(draw: st.DrawFn) -> Countermodel:
    n = draw(st.integers(1, 3))
    worlds = tuple(f"w{i}" for i in range(n))
    pairs = draw(st.frozensets(st.tuples(st.sampled_from(worlds), st.sampled_from(worlds))))
    valuation = {w: draw(st.frozensets(st.sampled_from(("p", "q")))) for w in worlds}
    return Countermodel(worlds, "w0", {None: pairs}, valuation)


@settings(max_examples=200, deadline=None)
@given(formulas(("p", "q"), max_leaves=8), _models())
def test_faithfulness_lemma(formula: Formula, model: Countermodel) -> None:
    """M, w ⊨ φ* iff Mʳ, w ⊨ φ at every world (the lemma the kernel's docstring proves), and
    the kernel's translation is the search's, written twice."""
    star = reflexive_translation(formula)
    assert star == search_translation(formula)
    plain, closed = model.kripke(), reflexive_closure(model).kripke()
    for w in model.worlds:
        assert holds_at(plain, star, w) == holds_at(closed, formula, w)
