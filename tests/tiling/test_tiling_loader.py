"""The loader's statements beyond theories, agents and queries: `premise` and `sound`."""

from __future__ import annotations

import pytest

from lobkit.errors import InputError
from lobkit.formula import atom, box, implies
from lobkit.tiling import loads
from lobkit.tiling.spec import VERDICTS, Location, SoundQuery


def test_sound_query_with_literals() -> None:
    spec = loads(
        "theory T { axiom p }\nsound T given ~pressed, a expect unsound\nsound T\n",
        source="s.lob",
    )
    first, second = spec.queries
    given = (("pressed", False), ("a", True))
    assert first == SoundQuery("T", given, "unsound", Location("s.lob", 2, 1))
    assert second == SoundQuery("T", (), None, Location("s.lob", 3, 1))
    assert first.kind == "sound" and VERDICTS["sound"] == ("sound", "unsound", "undecided")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("theory T\nsound U", "unknown theory 'U'"),
        ("theory T\nsound T given p, p", "atom p is given twice"),
        ("theory T\nsound T expect proved", "not a verdict of sound"),
    ],
)
def test_sound_query_errors(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        loads(text)


def test_premise_is_a_global_premise_of_the_logic() -> None:
    spec = loads("theory T { axiom p }\npremise [T]p -> q\nprove q expect proved\n")
    p, q = atom("p"), atom("q")
    assert spec.premises == (implies(box(p, theory="T"), q),)
    assert spec.check().ok
    assert loads("theory T { axiom p }\nprove q\n").check().results[0].verdict == "unprovable"


def test_premise_names_known_theories() -> None:
    with pytest.raises(InputError, match="unknown theory 'U' in a premise"):
        loads("theory T\npremise [U]p")
