"""Proof construction backtracks where core-guided choices loop (K4, K with premises).

The backtracking is in the cut-free G3 builder (`lobkit.prover.build`), which only
`proof_style="g3"` runs (the default "taut" style closes each world by one `Taut` step and never
meets a loop): these tests ask for it, and the last test checks that they reach the loop
branch — with it replaced by a `raise`, they fail."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import lobkit.prover.build
import lobkit.prover.pipeline
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


LOOP_BRANCH = """                if nxt in self.active:  # a loop: this option fails
                    next_option(frame)"""


def test_the_loop_branch_is_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    """`build.py` with its loop branch raising: the looping cases above no longer give a
    proof, so the tests above would go red if the branch were deleted."""
    source = Path(lobkit.prover.build.__file__).read_text(encoding="utf-8")
    assert source.count(LOOP_BRANCH) == 1, "the loop branch moved: update this test"
    mutant = types.ModuleType("mutant_build")
    sys.modules[mutant.__name__] = mutant  # dataclasses look the module up while it runs
    try:
        raising = LOOP_BRANCH.replace("next_option(frame)", "raise RuntimeError('loop')")
        exec(compile(source.replace(LOOP_BRANCH, raising), "build.py", "exec"), mutant.__dict__)
    finally:
        del sys.modules[mutant.__name__]
    monkeypatch.setattr(lobkit.prover.pipeline, "build_proof", mutant.build_proof)
    reached = []
    for logic, premise, goal in LOOPING:
        try:
            prove(goal, logic, premises=[premise], proof_style="g3")
        except RuntimeError:
            reached.append(logic)
    assert reached, "no case reaches the loop branch: find one that does"  # (today: K)
