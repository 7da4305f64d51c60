"""Differential tests: the prover against an independent naive sequent search (tests/oracles.py),
certificates checked, random small models never refute a proved formula, K ⊢ ⇒ K4 ⊢ ⇒ GL ⊢."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracles import provable
from strategies import oracle_sized

from lobkit.formula import Formula
from lobkit.kernel import Logic
from lobkit.kernel.kripke import KripkeModel, check_frame, holds_at
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import prove
from lobkit.zoo.verdicts import EXAMPLES, Example

formulas = oracle_sized()


def _random_models(frame: str, rng: random.Random, count: int) -> list[KripkeModel]:
    models = []
    for _ in range(count):
        n = rng.randint(1, 4)
        worlds = [f"v{i}" for i in range(n)]
        rel = {(a, b) for a in worlds for b in worlds if rng.random() < 0.4}
        if frame == "GL":
            rel = {(a, b) for a, b in rel if a < b}
        if frame in ("GL", "K4"):
            changed = True
            while changed:
                extra = {(a, d) for a, b in rel for c, d in rel if b == c} - rel
                changed = bool(extra)
                rel |= extra
        val = {w: {x for x in ("p", "q") if rng.random() < 0.5} for w in worlds}
        models.append(KripkeModel.build(worlds, {None: rel}, val))
    return models


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas, st.randoms(use_true_random=False))
def test_agrees_with_naive_search(formula: Formula, rng: random.Random) -> None:
    verdicts = {}
    for frame in ("K", "K4", "GL"):
        logic = Logic.named(frame)
        result = prove(formula, frame)
        verdicts[frame] = result.valid
        assert result.valid == provable(formula, frame), (str(formula), frame)
        if result.valid:
            check_proof(result.proof, logic, formula)
            for model in _random_models(frame, rng, 5):
                assert check_frame(model, logic) == []
                assert all(holds_at(model, formula, w) for w in model.worlds)
        else:
            cm = result.countermodel
            model = cm.kripke()
            assert check_frame(model, logic) == []
            assert not holds_at(model, formula, cm.root)
    assert not verdicts["K"] or verdicts["K4"]
    assert not verdicts["K4"] or verdicts["GL"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_naive_oracle_knows_the_zoo(example: Example) -> None:
    for frame in ("GL", "K4", "K"):
        expected = example.valid_in(frame)
        assert provable(example.formula, frame) is expected, (example.text, frame)
        assert provable(example.formula, frame, memo=False) is expected, (example.text, frame)
