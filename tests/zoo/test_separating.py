"""The classroom zoo: every separating formula decided in every logic, each certificate checked,
the verdicts the textbook's, and the brute-force reference agreeing on frames up to 3 worlds."""

from __future__ import annotations

import pytest
from brute_frames import valid_up_to

from lobkit.kernel.logic import FRAMES
from lobkit.prover import prove
from lobkit.prover.every_logic import below, prove_everywhere
from lobkit.zoo.separating import SEPARATING, Separating


@pytest.mark.parametrize("item", SEPARATING, ids=lambda s: s.name)
def test_verdicts_in_every_logic(item: Separating) -> None:
    table = prove_everywhere(item.formula)
    got = {r.logic.frame: r.valid for r in table.results}
    assert got == item.verdicts()
    for logic in FRAMES:
        if not item.valid_in(logic):  # the refutations are small: the reference finds one
            assert not valid_up_to(item.formula, logic, 3), (item.name, logic)


@pytest.mark.parametrize("item", SEPARATING, ids=lambda s: s.name)
def test_theorems_are_closed_upward(item: Separating) -> None:
    for logic in FRAMES:
        if any(item.valid_in(sub) for sub in below(logic)):
            assert item.valid_in(logic), (item.name, logic)


def test_every_logic_is_separated_from_every_other() -> None:
    """For any two distinct logics some zoo formula (or Löb/Grz) tells them apart."""
    for a in FRAMES:
        for b in FRAMES:
            if a != b:
                assert any(s.valid_in(a) != s.valid_in(b) for s in SEPARATING), (a, b)


def test_weakest_logic() -> None:
    assert prove_everywhere("[]p -> p").weakest == ("T",)
    assert prove_everywhere("[]p -> <>p").weakest == ("D",)
    assert prove_everywhere("[]([]p -> p) -> []p").weakest == ("GL",)
    assert prove_everywhere("p & ~p").weakest == ()
    assert prove("[]<>p -> <>[]p", "Grz").valid
