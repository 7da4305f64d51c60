"""Differential tests for the cube's logics (K, D, T, B, K4, K5, KD45, S4, S5, GL, Grz): each
verdict against a brute-force reference (tests/brute_frames.py: every frame of the class up to
3 worlds, every valuation), each certificate re-checked by the kernel, each countermodel also by
the reference's own frame conditions and evaluator."""

from __future__ import annotations

import pytest
from brute_frames import valid_up_to, valid_with_premise_up_to
from hypothesis import HealthCheck, given, settings
from strategies import formulas

from lobkit.formula import Formula
from lobkit.kernel.frames import frame_violations
from lobkit.kernel.kripke import holds_at as evaluate
from lobkit.kernel.labelled import check_labelled_proof
from lobkit.kernel.reflexive import REFLEXIVE_BASE, ReflexiveProof, check_reflexive_proof
from lobkit.prover import prove
from lobkit.prover.cube import CUBE_LOGICS, decide_cube

LOGICS = ("K", "D", "T", "B", "K4", "K5", "KD45", "S4", "S5", "GL", "Grz")
small = formulas(("p", "q"), max_leaves=7)


def _agrees(formula: Formula, logic: str) -> None:
    result = prove(formula, logic)
    brute = valid_up_to(formula, logic, 3)
    if result.valid:
        # a proved formula has no countermodel among the reference's frames
        assert brute, (str(formula), logic)
        if logic in REFLEXIVE_BASE:  # T, S4: a K (K4) proof of the kernel's own φ*
            assert isinstance(result.proof, ReflexiveProof), (str(formula), logic)
            check_reflexive_proof(result.proof, formula)
    else:
        cm = result.countermodel
        assert cm is not None
        pairs = cm.relation
        assert frame_violations(cm.worlds, pairs, logic) == [], (str(formula), logic)
        assert not evaluate(cm.kripke(), formula, cm.root)
        if len(cm.worlds) <= 3:
            assert not brute, (str(formula), logic)


@pytest.mark.parametrize("logic", LOGICS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small)
def test_agrees_with_brute_force(logic: str, formula: Formula) -> None:
    _agrees(formula, logic)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small)
def test_labelled_search_certificates(formula: Formula) -> None:
    """Every logic of the labelled search, K included (the engine decides K by default): the
    proof passes the kernel's labelled checker, and a brute-force countermodel means no proof."""
    for logic in CUBE_LOGICS:
        outcome = decide_cube(formula, logic)
        if outcome.proof is not None:
            check_labelled_proof(outcome.proof, formula)
            assert valid_up_to(formula, logic, 3), (str(formula), logic)
        else:
            cm = outcome.countermodel
            assert cm is not None
            assert frame_violations(cm.worlds, cm.relation, logic) == [], (str(formula), logic)
            assert not evaluate(cm.kripke(), formula, cm.root), (str(formula), logic)


@pytest.mark.parametrize("logic", sorted(REFLEXIVE_BASE))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas(("p", "q"), max_leaves=10))
def test_translation_agrees_with_the_labelled_search(logic: str, formula: Formula) -> None:
    """T and S4 two ways: `prove` (the K, K4 engine on the reflexive translation) and the
    labelled search in T's, S4's own calculus, which shares nothing with it."""
    outcome = decide_cube(formula, logic)
    assert prove(formula, logic).valid == (outcome.proof is not None), (str(formula), logic)


@pytest.mark.parametrize("logic", sorted(REFLEXIVE_BASE))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small, formulas(("p", "q"), max_leaves=4))
def test_premises_in_t_and_s4(logic: str, formula: Formula, premise: Formula) -> None:
    """T and S4 with a global premise (through the translation) against brute force; the proof
    re-checked with the premise, the countermodel with the premise true everywhere."""
    result = prove(formula, logic, premises=[premise])
    if result.valid:
        check_reflexive_proof(result.proof, formula, [premise])
        assert valid_with_premise_up_to(formula, premise, logic, 3), (str(formula), logic)
    else:
        cm = result.countermodel
        assert cm is not None
        assert frame_violations(cm.worlds, cm.relation, logic) == []
        model = cm.kripke()
        assert not evaluate(model, formula, cm.root)
        assert all(evaluate(model, premise, w) for w in cm.worlds)
        if len(cm.worlds) <= 3:
            assert not valid_with_premise_up_to(formula, premise, logic, 3)


@pytest.mark.parametrize("logic", CUBE_LOGICS)
def test_rules_that_add_what_is_already_there(logic: str) -> None:
    """A rule whose additions are partly present already (L-and adding p next to p): the
    proof's premise is still its conclusion plus everything the rule adds (a regression: the
    relevance read-off once kept only the new part, and the kernel refused the proof)."""
    from lobkit.syntax import parse

    for text in ("p -> (p & q -> q)", "~p -> (~(p | q) -> ~q)", "[]p -> ([](p & q) -> []q)"):
        outcome = decide_cube(parse(text), logic)
        assert outcome.proof is not None
        check_labelled_proof(outcome.proof, parse(text))
