"""Resource limits and bad input."""

from __future__ import annotations

import pytest

from lobkit.errors import InputError, ResourceLimit
from lobkit.formula import bot, box, implies
from lobkit.kernel import Logic
from lobkit.prover import prove
from lobkit.zoo.verdicts import LOB


def test_timeout() -> None:
    with pytest.raises(ResourceLimit, match="time limit .* --timeout"):
        prove(implies(box(bot, 60), box(bot, 59)), timeout=1e-6)


def test_proof_size_limit() -> None:
    with pytest.raises(ResourceLimit, match="proof size limit of 2 nodes .* --max-proof-nodes"):
        prove(LOB.text, max_proof_nodes=2)


def test_world_limit() -> None:
    with pytest.raises(ResourceLimit, match="search limit of 5 worlds .* max_worlds="):
        prove(implies(box(bot, 30), box(bot, 29)), max_worlds=5)


def test_bad_logic() -> None:
    with pytest.raises(InputError, match="unknown logic 'S6'; choose from K, D, T, B, K4"):
        prove("p", "S6")
    with pytest.raises(InputError, match="a premise must be a Formula, not str"):
        Logic("GL", premises=("p",))  # type: ignore[arg-type]
