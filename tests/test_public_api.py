"""The public API takes formulas as strings wherever it takes `Formula`s, and agents by name."""

from __future__ import annotations

import pytest

import lobkit
from lobkit.errors import InputError, ParseError


def test_strings_everywhere() -> None:
    assert str(lobkit.fixed_point("~[]p", "p").fixpoint) == "~[]false"
    system = lobkit.solve_fixed_points({"p": "~[]q", "q": "[]p"})
    assert [str(h) for _, h in system.solutions] == ["~[][]false", "[]false"]
    assert str(lobkit.interpolant("[]p & []q", "[](p | r)").interpolant) == "[]p"
    assert lobkit.standard_model_truth("~[]false").true_in_standard_model
    assert str(lobkit.letterless_normal_form("[][]false -> []false")) == "[][]false -> []false"
    assert lobkit.combat("FairBot", "PrudentBot").moves == (True, True)


def test_bad_inputs_are_input_errors() -> None:
    with pytest.raises(ParseError):
        lobkit.fixed_point("~[]p &", "p")
    with pytest.raises(InputError):
        lobkit.interpolant(42, "p")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        lobkit.combat("NoSuchBot", "FairBot")
