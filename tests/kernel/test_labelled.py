"""The labelled calculus's checker: real proofs pass (also after a JSON round trip), and each
kind of wrong step is refused — a frame rule the logic lacks, a non-fresh eigenvariable, an
L-box without its relational atom, a premise that adds the wrong thing, a wrong root."""

from __future__ import annotations

import dataclasses
import json

import pytest

from lobkit.errors import ProofError
from lobkit.kernel.labelled import LabelledNode, LabelledProof, check_labelled_proof
from lobkit.prover.cube import decide_cube
from lobkit.syntax import parse


def _proof(text: str, logic: str) -> LabelledProof:
    """The labelled search's proof (`prove` answers T and S4 by the reflexive translation)."""
    outcome = decide_cube(parse(text), logic)
    assert outcome.proof is not None
    return outcome.proof


def _replace(proof: LabelledProof, i: int, **changes: object) -> LabelledProof:
    nodes = list(proof.nodes)
    nodes[i] = dataclasses.replace(nodes[i], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(proof, nodes=tuple(nodes))


def _index(proof: LabelledProof, rule: str) -> int:
    return next(i for i, n in enumerate(proof.nodes) if n.rule == rule)


def test_json_round_trip_checks() -> None:
    for text, logic in [("[]p -> p", "T"), ("<>p -> []<>p", "S5"), ("[]p -> <>p", "D")]:
        proof = _proof(text, logic)
        again = LabelledProof.from_json(json.loads(proof.json_text()), logic)
        check_labelled_proof(again, parse(text))


def test_a_frame_rule_the_logic_lacks() -> None:
    proof = _proof("[]p -> p", "T")
    with pytest.raises(ProofError, match="Ref is not a rule of K"):
        check_labelled_proof(dataclasses.replace(proof, logic="K"))
    with pytest.raises(ProofError, match="not a rule of S4"):
        grz = _proof("[]([](p -> []p) -> p) -> p", "Grz")
        check_labelled_proof(dataclasses.replace(grz, logic="S4"))


def test_eigenvariable_must_be_fresh() -> None:
    proof = _proof("[]p -> [][]p", "S4")
    i = _index(proof, "R-box")
    node = proof.nodes[i]
    y = node.worlds[1]
    bad = _replace(proof, i, relation=node.relation | {(y, y)})
    with pytest.raises(ProofError, match="not fresh"):
        check_labelled_proof(bad)


def test_lbox_needs_its_relational_atom() -> None:
    proof = _proof("[]p -> p", "T")
    i = _index(proof, "L-box")
    node = proof.nodes[i]
    with pytest.raises(ProofError, match="relational atom"):
        check_labelled_proof(_replace(proof, i, relation=frozenset()))
    with pytest.raises(ProofError):
        check_labelled_proof(_replace(proof, i, worlds=(node.worlds[0], "w9")))


def test_wrong_root_and_wrong_axiom() -> None:
    proof = _proof("[]p -> p", "T")
    with pytest.raises(ProofError, match="root"):
        check_labelled_proof(proof, parse("[]q -> q"))
    i = _index(proof, "Ax")
    node = proof.nodes[i]
    assert isinstance(node, LabelledNode)
    with pytest.raises(ProofError, match="both sides"):
        check_labelled_proof(_replace(proof, i, left=frozenset()))
