"""Resource limits and bad input."""

from __future__ import annotations

import pytest

from lobkit.errors import InputError, ResourceLimit
from lobkit.formula import bot, box, implies
from lobkit.prover import Logic, prove
from lobkit.zoo.verdicts import LOB


def test_timeout() -> None:
    with pytest.raises(ResourceLimit):
        prove(implies(box(bot, 60), box(bot, 59)), timeout=1e-6)


def test_proof_size_limit() -> None:
    with pytest.raises(ResourceLimit):
        prove(LOB.text, max_proof_nodes=2)


def test_world_limit() -> None:
    with pytest.raises(ResourceLimit):
        prove(implies(box(bot, 30), box(bot, 29)), max_worlds=5)


def test_bad_logic() -> None:
    with pytest.raises(InputError):
        prove("p", "S5")
    with pytest.raises(InputError):
        Logic("GL", premises=("p",))  # type: ignore[arg-type]
