"""The proof checker is a real check: tampered or misapplied proofs are rejected."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lobkit.errors import ProofError
from lobkit.formula import atom
from lobkit.kernel.checker import check_proof
from lobkit.prover import Logic, Proof, prove
from lobkit.syntax import parse

LOB = parse("[]([]p -> p) -> []p")


def lob_proof() -> Proof:
    proof = prove(LOB, proof_style="g3").proof  # the cut-free tree: every G3 rule occurs
    assert proof is not None
    check_proof(proof, Logic.named("GL"), LOB)  # the untampered proof passes
    return proof


def with_node(proof: Proof, index: int, **changes: object) -> Proof:
    nodes = list(proof.nodes)
    nodes[index] = replace(nodes[index], **changes)
    return replace(proof, nodes=tuple(nodes))


def index_of(proof: Proof, rule: str) -> int:
    return next(i for i, n in enumerate(proof.nodes) if n.rule == rule)


def test_gl_rule_is_not_a_k4_rule() -> None:
    with pytest.raises(ProofError):
        check_proof(lob_proof(), Logic.named("K4"), LOB)


def test_wrong_goal() -> None:
    with pytest.raises(ProofError):
        check_proof(lob_proof(), Logic.named("GL"), parse("[]p"))


def test_glr_premise_with_an_extra_formula() -> None:
    proof = lob_proof()
    glr = proof.nodes[index_of(proof, "GLR")]
    premise = glr.premises[0]
    tampered = with_node(proof, premise, left=(*proof.nodes[premise].left, atom("q")))
    with pytest.raises(ProofError):
        check_proof(tampered, Logic.named("GL"), LOB)


def test_premises_swapped() -> None:
    proof = lob_proof()
    i = index_of(proof, "L-imp")
    tampered = with_node(proof, i, premises=tuple(reversed(proof.nodes[i].premises)))
    with pytest.raises(ProofError):
        check_proof(tampered, Logic.named("GL"), LOB)


def test_axiom_without_its_formula_on_both_sides() -> None:
    proof = lob_proof()
    i = index_of(proof, "Ax")
    node = proof.nodes[i]
    tampered = with_node(proof, i, right=tuple(f for f in node.right if f != node.principal))
    with pytest.raises(ProofError):
        check_proof(tampered, Logic.named("GL"), LOB)


def test_forward_premise_index() -> None:
    proof = lob_proof()
    tampered = with_node(proof, 0, premises=(len(proof.nodes) - 1,))
    with pytest.raises(ProofError):
        check_proof(tampered, Logic.named("GL"), LOB)


def test_premise_rule_needs_a_declared_premise() -> None:
    premise, goal = parse("[]([]q -> q)"), parse("[]q")
    result = prove(goal, "GL", premises=[premise])
    assert result.valid and result.proof is not None
    assert any(n.rule == "Premise" for n in result.proof.nodes)
    check_proof(result.proof, result.logic, goal)
    with pytest.raises(ProofError):
        check_proof(result.proof, Logic.named("GL"), goal)


def test_theory_rule_respects_inclusions() -> None:
    goal = parse("[T0]p -> [T1]p")
    result = prove(goal, Logic("GL", {"T1": {"T0"}}))
    assert result.valid and result.proof is not None
    with pytest.raises(ProofError):  # without "T1 extends T0" the GLR[T1] step is wrong
        check_proof(result.proof, Logic("GL", {}), goal)
