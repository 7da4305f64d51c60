"""Frame conditions with witnesses (lobkit.kernel.frames), against brute force on small frames."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.errors import InputError
from lobkit.kernel.frames import CONDITION_NAMES, CONDITIONS, Frame, frame_violations

WORLDS = ["w0", "w1", "w2", "w3"]


def brute(condition: str, worlds: list[str], rel: set[tuple[str, str]]) -> bool:
    """The condition by its first-order definition, quantifying over all worlds."""
    r = rel
    q = itertools.product
    if condition == "reflexive":
        return all((a, a) in r for a in worlds)
    if condition == "irreflexive":
        return all((a, a) not in r for a in worlds)
    if condition == "serial":
        return all(any((a, b) in r for b in worlds) for a in worlds)
    if condition == "symmetric":
        return all((b, a) in r for a, b in r)
    if condition == "antisymmetric":
        return all(a == b or (b, a) not in r for a, b in r)
    if condition == "transitive":
        return all((a, c) in r for a, b, c in q(worlds, repeat=3) if (a, b) in r and (b, c) in r)
    if condition == "euclidean":
        return all((b, c) in r for a, b, c in q(worlds, repeat=3) if (a, b) in r and (a, c) in r)
    assert condition == "acyclic"
    # acyclic iff the transitive closure is irreflexive
    closure = set(r)
    while True:
        more = {(a, d) for a, b in closure for c, d in closure if b == c} - closure
        if not more:
            return all((a, a) not in closure for a in worlds)
        closure |= more


relations = st.sets(st.tuples(st.sampled_from(WORLDS), st.sampled_from(WORLDS)))


@settings(max_examples=300, deadline=None)
@given(relations, st.sampled_from(CONDITION_NAMES))
def test_conditions_match_their_definitions(rel: set[tuple[str, str]], condition: str) -> None:
    violation = Frame(WORLDS, rel).violation(condition)
    assert (violation is None) == brute(condition, WORLDS, rel)
    if violation is not None:
        # the witness really breaks the condition
        w = violation.witness
        if condition == "transitive":
            assert (w[0], w[1]) in rel and (w[1], w[2]) in rel and (w[0], w[2]) not in rel
        elif condition == "euclidean":
            assert (w[0], w[1]) in rel and (w[0], w[2]) in rel and (w[1], w[2]) not in rel
        elif condition == "symmetric":
            assert (w[0], w[1]) in rel and (w[1], w[0]) not in rel
        elif condition == "acyclic":
            steps = list(zip(w, (*w[1:], w[0]), strict=True))
            assert all(step in rel for step in steps)


def test_messages_name_the_witness() -> None:
    frame = Frame(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")])
    assert str(frame.violation("transitive")) == "not transitive: a → b → c but not a → c"
    assert str(frame.violation("acyclic")) == "not conversely well-founded: the cycle a → b → c → a"
    assert str(frame.violation("reflexive")) == "not reflexive: no arrow a → a"


def test_logics_name_their_conditions() -> None:
    loop = (["w0"], [("w0", "w0")])
    assert [v.condition for v in frame_violations(*loop, "GL")] == ["irreflexive", "acyclic"]
    assert frame_violations(*loop, "S5") == []
    assert frame_violations(*loop, "Grz") == []
    assert [v.condition for v in frame_violations(["w0"], [], "D")] == ["serial"]
    assert set(CONDITIONS) >= {"K", "D", "T", "B", "K4", "K5", "KD45", "S4", "S5", "GL", "Grz"}


def test_bad_input_is_named() -> None:
    with pytest.raises(InputError, match="unknown world 'x'"):
        Frame(["w0"], [("w0", "x")])
    with pytest.raises(InputError, match="unknown frame condition"):
        Frame(["w0"], []).violation("dense")
    with pytest.raises(InputError, match="unknown logic"):
        frame_violations(["w0"], [], "KTX")
