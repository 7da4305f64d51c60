"""Proof construction backtracks where core-guided choices loop (K4, K with premises).

The backtracking is in the cut-free G3 builder (`lobkit.prover.build`), which only
`proof_style="g3"` runs (the default "taut" style closes each world by one `Taut` step and never
meets a loop): these tests ask for it. With the loop branch of `build.py` replaced by a `raise`
they fail (checked by hand, 2026-12-07)."""

from __future__ import annotations

import pytest

from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import prove
from lobkit.syntax import parse

# Found by a random stress run: the first, core-guided choice met a sequent already on the path.
LOOPING = [
    ("K4", "<>[]false | ~[]true", "~(<>[]false | ~[]true)"),
    ("K", "<>true & <>[]false", "~(<>true & <>[]false)"),
]


@pytest.mark.parametrize(("logic", "premise", "goal"), LOOPING)
def test_looping_choices_still_give_a_checked_proof(logic: str, premise: str, goal: str) -> None:
    result = prove(goal, logic, premises=[premise], proof_style="g3")
    assert result.valid and result.proof is not None
    check_proof(result.proof, result.logic, parse(goal))


def test_abandoned_options_leave_no_nodes() -> None:
    proof = prove(LOOPING[1][2], "K", premises=[LOOPING[1][1]], proof_style="g3").proof
    assert proof is not None
    used = {proof.root}
    for i in range(len(proof.nodes) - 1, -1, -1):
        if i in used:
            used.update(proof.nodes[i].premises)
    assert used == set(range(len(proof.nodes)))
