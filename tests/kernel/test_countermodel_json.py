"""Countermodel.from_json inverts to_json, and names what is wrong in malformed data."""

from __future__ import annotations

import json

import pytest

import lobkit
from lobkit.errors import InputError
from lobkit.kernel import Countermodel


@pytest.mark.parametrize(
    ("formula", "logic"),
    [
        ("[]p -> p", "GL"),
        ("[]([]p -> p) -> []p", "K4"),
        ("[][]p -> []p", "K"),
        ("<>p & <>~p & []([]q -> q) -> []q", "K4"),
    ],
)
def test_round_trip_of_found_countermodels(formula: str, logic: str) -> None:
    model = lobkit.prove(formula, logic).countermodel
    assert model is not None
    data = model.to_json()
    again = Countermodel.from_json(json.dumps(data))
    assert again.to_json() == data
    assert again.kripke().relations == model.kripke().relations


def test_indexed_relations_and_root() -> None:
    data = {
        "worlds": ["a", "b"],
        "root": "b",
        "relations": {"PA": [["b", "a"]], "": []},
        "valuation": {"a": ["p"]},
    }
    model = Countermodel.from_json(data)
    assert model.root == "b" and model.worlds[0] == "b"
    assert model.relations["PA"] == frozenset({("b", "a")})
    assert model.valuation["b"] == frozenset()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{", "countermodel: not JSON"),
        ([], "countermodel: a countermodel is a JSON object"),
        ({"worlds": []}, "non-empty list"),
        ({"worlds": ["a", "a"]}, "worlds: the world 'a' is listed twice"),
        ({"worlds": ["a"], "root": "b"}, "root: unknown world 'b'"),
        ({"worlds": ["a"], "relations": {"": [["a", "z"]]}}, 'relations[""][0]: unknown world'),
        ({"worlds": ["a"], "relations": {"": [["a"]]}}, 'relations[""][0]: a pair is'),
        ({"worlds": ["a"], "valuation": {"a": ["P"]}}, "valuation['a']: a world's atoms"),
        ({"worlds": ["a"], "valuation": {"b": []}}, "valuation: unknown world 'b'"),
    ],
)
def test_malformed_models_are_located(data: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        Countermodel.from_json(data)
    assert message in str(caught.value)
