"""The classroom zoo of separating formulas: the axioms that tell the cube's logics and their
provability cousins apart, with their verdicts in every logic (`lobkit.kernel.logic.FRAMES`).

The verdicts are the textbook ones (Chellas, *Modal Logic*, 1980, ch. 3–5; Blackburn, de Rijke
& Venema, *Modal Logic*, 2001, §4.1; Boolos, *The Logic of Provability*, 1993, ch. 12 for Grz),
each checked against its frame class by hand: "T" holds where every world sees itself, "5"
where the relation is euclidean, Löb's axiom only in GL (a reflexive world refutes it), Grz's
only in Grz, McKinsey's in Grz (finite partial orders have maximal points) and not in S4.
The tests (tests/zoo/test_separating.py) decide each one in every logic with certificates.

>>> separating("T").valid_in("S4"), separating("T").valid_in("GL")
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from lobkit.formula import Formula

__all__ = ["SEPARATING", "Separating", "separating"]

_ORDER = ("K", "D", "T", "B", "K4", "K5", "KD45", "S4", "S5", "GL", "Grz")


@dataclass(frozen=True)
class Separating:
    """A formula (`text`), what it says, and the logics (of `_ORDER`) proving it."""

    name: str
    text: str
    says: str
    proved_by: frozenset[str]

    @cached_property
    def formula(self) -> Formula:
        from lobkit.syntax import parse

        return parse(self.text)

    def valid_in(self, logic: str) -> bool:
        """The textbook verdict in `logic` (one of the eleven names)."""
        if logic not in _ORDER:
            raise KeyError(logic)
        return logic in self.proved_by

    def verdicts(self) -> dict[str, bool]:
        return {name: name in self.proved_by for name in _ORDER}


def _s(names: str) -> frozenset[str]:
    return frozenset(names.split())


SEPARATING: tuple[Separating, ...] = (
    Separating(
        "K", "[](p -> q) -> []p -> []q", "distribution: every normal logic", _s(" ".join(_ORDER))
    ),
    Separating(
        "D", "[]p -> <>p", "seriality: every world sees some world", _s("D T B KD45 S4 S5 Grz")
    ),
    Separating("T", "[]p -> p", "reflexivity: what is necessary is true", _s("T B S4 S5 Grz")),
    Separating(
        "4", "[]p -> [][]p", "transitivity: positive introspection", _s("K4 KD45 S4 S5 GL Grz")
    ),
    Separating("5", "<>p -> []<>p", "euclidean frames: negative introspection", _s("K5 KD45 S5")),
    Separating("B", "p -> []<>p", "symmetry (Brouwer)", _s("B S5")),
    Separating("Lob", "[]([]p -> p) -> []p", "Löb: transitive, conversely well-founded", _s("GL")),
    Separating(
        "Grz",
        "[]([](p -> []p) -> p) -> p",
        "Grzegorczyk: reflexive, transitive, no infinite ascending chain",
        _s("Grz"),
    ),
    Separating("McKinsey", "[]<>p -> <>[]p", "McKinsey (S4.1): maximal points above", _s("Grz")),
    Separating("G", "<>[]p -> []<>p", "Geach (.2): confluence", _s("B K5 KD45 S5")),
    Separating(
        "shift-T",
        "[](([]p) -> p)",
        "shift reflexivity: every successor sees itself",
        _s("T B K5 KD45 S4 S5 Grz"),
    ),
    Separating(
        "consistency",
        "~[]false",
        "¬□⊥: no dead end (GL: Gödel's second theorem)",
        _s("D T B KD45 S4 S5 Grz"),
    ),
)

_BY_NAME = {s.name: s for s in SEPARATING}


def separating(name: str) -> Separating:
    """The zoo's separating formula called `name` (KeyError naming it otherwise)."""
    return _BY_NAME[name]
