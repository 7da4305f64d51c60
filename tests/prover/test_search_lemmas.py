"""Learned clauses are theorems of the logic: each is blamed on the boxes that really put the
refuted demand's items there (a K demand carries only bodies; K4 and K can carry [T]A itself as a
body)."""

from __future__ import annotations

import pytest

from lobkit.formula import without_diamonds
from lobkit.kernel import Logic
from lobkit.prover import prove
from lobkit.prover.search import Engine, Sequent, UnsatCore
from lobkit.syntax import parse
from lobkit.zoo.lwb_families import k_dum_p


def sequent(left: list[str], right: list[str]) -> Sequent:
    return Sequent(
        frozenset(without_diamonds(parse(f)) for f in left),
        frozenset(without_diamonds(parse(f)) for f in right),
    )


def test_k_lemmas_blame_bodies_not_boxes() -> None:
    # Deciding k_dum_p(1) in K once learned "[]p0 -> [](p0 -> []p0)" (blaming the true box
    # []p0 for an item that was the body of another box): unsound in K.
    engine = Engine(Logic.named("K"))
    assert isinstance(engine.sat(sequent([], [str(k_dum_p(1))])), UnsatCore)
    refutable = sequent(["[]([](p0 -> []p0) -> p0)", "[]p0"], ["[](p0 -> []p0)"])
    assert not isinstance(engine.sat(refutable), UnsatCore)
    assert not prove("[]([](p0 -> []p0) -> p0) & []p0 -> [](p0 -> []p0)", "K").valid


@pytest.mark.parametrize("frame", ["K", "K4", "GL"])
def test_dum_family_certified(frame: str) -> None:
    result = prove(k_dum_p(2), frame)
    assert result.valid and result.proof is not None
