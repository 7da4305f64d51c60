"""Correspondence: the Sahlqvist–van Benthem algorithm's conditions, each tested on every frame
up to 4 worlds (the formula valid iff the condition holds), and the known non-first-order
answers (Löb: transitive + conversely well-founded, through the kernel's frame conditions)."""

from __future__ import annotations

import pytest

from lobkit.classics.correspondence import correspond
from lobkit.classics.frame_check import check_on_frames, reading
from lobkit.cli import main
from lobkit.errors import InputError

SAHLQVIST = [
    ("[]p -> p", "∀x Rxx", ("reflexive",)),
    ("[]p -> [][]p", "∀x ∀y (Rxy → (∀z (Ryz → Rxz)))", ("transitive",)),
    ("p -> []<>p", "∀x ∀y (Rxy → Ryx)", ("symmetric",)),
    ("<>p -> []<>p", "∀x ∀y (Rxy → (∀z (Rxz → Rzy)))", ("euclidean",)),
    ("[]p -> <>p", "∀x ∃y Rxy", ("serial",)),
    ("<>true", "∀x ∃y Rxy", ("serial",)),
    ("[][]p -> []p", "∀x ∀y (Rxy → (∃z (Rxz ∧ Rzy)))", ()),  # density
    ("<>[]p -> []<>p", "∀x ∀y (Rxy → (∀z (Rxz → (∃u (Rzu ∧ Ryu)))))", ()),  # Church–Rosser
]


@pytest.mark.parametrize(("text", "condition", "reads"), SAHLQVIST)
def test_sahlqvist_conditions(text: str, condition: str, reads: tuple[str, ...]) -> None:
    result = correspond(text)
    assert result.first_order
    assert str(result.condition) == condition
    assert reading(result) == reads
    assert check_on_frames(result, 3).disagreement is None


@pytest.mark.parametrize("text", ["[]p -> [][]p", "<>p -> []<>p", "[]([]p -> p) -> []p"])
def test_every_frame_up_to_four_worlds(text: str) -> None:
    checked = check_on_frames(correspond(text), 4)
    assert checked.disagreement is None
    assert checked.frames == 2**1 + 2**4 + 2**9 + 2**16


def test_a_wrong_condition_is_caught() -> None:
    """The frame test can fail: T's formula against 4's condition disagrees on a small frame."""
    import dataclasses

    wrong = dataclasses.replace(
        correspond("[]p -> p"), condition=correspond("[]p -> [][]p").condition
    )
    assert check_on_frames(wrong, 2).disagreement is not None


def test_lob_grz_and_mckinsey_are_not_first_order() -> None:
    lob = correspond("[]([]q -> q) -> []q")  # any atom
    assert not lob.first_order and "conversely well-founded" in lob.known
    assert lob.checks == ("transitive", "irreflexive", "acyclic")
    assert not correspond("[]([](p -> []p) -> p) -> p").first_order
    assert check_on_frames(correspond("[]([](p -> []p) -> p) -> p"), 3).disagreement is None
    assert "not first-order" in correspond("[]<>p -> <>[]p").known


def test_not_sahlqvist() -> None:
    with pytest.raises(InputError, match="not a Sahlqvist formula"):
        correspond("[]([]p -> p)")
    with pytest.raises(InputError, match="not a Sahlqvist formula"):
        correspond("[]<>p -> p")


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correspond", "[]p -> [][]p", "--check", "3"]) == 0
    out = capsys.readouterr().out
    assert "reads as: transitive" in out and "all 530 frames" in out
    assert main(["correspond", "[]([]p -> p)"]) == 2
