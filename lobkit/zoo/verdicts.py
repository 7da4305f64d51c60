"""Small formulas with their known verdicts in GL, K4 and K, and how lobkit prints them.

One table shared by the prover, printer, CLI and benchmark tests (in the spirit of pysmt's
``test/examples.py``): a formula that a test needs for its meaning ("Löb's axiom", "axiom 4")
is taken from here by name rather than typed again. The verdicts are the textbook ones (Boolos,
*The Logic of Provability*, ch. 1–4): Löb's axiom holds in GL alone; 4 in GL and K4; K's axiom
everywhere; reflection ``□p → p`` nowhere.

>>> LOB.text, LOB.valid_in("GL"), LOB.valid_in("K4")
('[]([]p -> p) -> []p', True, False)
>>> str(example("four").formula)
'[]p -> [][]p'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from lobkit.formula import Formula

__all__ = ["Example", "EXAMPLES", "LOB", "example"]


@dataclass(frozen=True)
class Example:
    """A formula (`text`, as the parser reads it), whether it is a theorem of GL, K4 and K,
    and its Unicode rendering."""

    name: str
    text: str
    gl: bool
    k4: bool
    k: bool
    unicode: str

    @cached_property
    def formula(self) -> Formula:
        from lobkit.syntax import parse  # the zoo is data: parse on first use only

        return parse(self.text)

    def valid_in(self, frame: str) -> bool:
        """The expected verdict in the frame named `frame` (GL, K4 or K)."""
        return {"GL": self.gl, "K4": self.k4, "K": self.k}[frame.upper()]


EXAMPLES: tuple[Example, ...] = (
    Example("lob", "[]([]p -> p) -> []p", True, False, False, "□(□p → p) → □p"),
    Example("k", "[](p -> q) -> []p -> []q", True, True, True, "□(p → q) → □p → □q"),
    Example("four", "[]p -> [][]p", True, True, False, "□p → □□p"),
    Example("lob-iff", "[]([]p -> p) <-> []p", True, False, False, "□(□p → p) ↔ □p"),
    Example("goedel2", "~[]false -> ~[]~[]false", True, False, False, "¬□⊥ → ¬□¬□⊥"),
    Example("box-false", "[]false -> []p", True, True, True, "□⊥ → □p"),
    Example("dia-lob", "<>p -> <>(p & ~<>p)", True, False, False, "◇p → ◇(p ∧ ¬◇p)"),
    Example("dead-end", "<>true -> <>[]false", True, False, False, "◇⊤ → ◇□⊥"),
    Example("reflection", "[]p -> p", False, False, False, "□p → p"),
    Example("consistency", "~[]false", False, False, False, "¬□⊥"),
    Example("converse-four", "[][]p -> []p", False, False, False, "□□p → □p"),
    Example("boxed-lob", "[]([]p -> p)", False, False, False, "□(□p → p)"),
    Example("box-or-box-not", "[]p | []~p", False, False, False, "□p ∨ □¬p"),
    Example("box-or", "[](p | q) -> []p | []q", False, False, False, "□(p ∨ q) → □p ∨ □q"),
    Example("box-and", "[](p & q) <-> []p & []q", True, True, True, "□(p ∧ q) ↔ □p ∧ □q"),
    Example("dia-dual", "<>p <-> ~[]~p", True, True, True, "◇p ↔ ¬□¬p"),
    Example("four-twice", "[]p -> [][][]p", True, True, False, "□p → □□□p"),
    Example("lob-boxed", "[]([]p -> p) -> [][]p", True, False, False, "□(□p → p) → □□p"),
)

_BY_NAME = {e.name: e for e in EXAMPLES}


def example(name: str) -> Example:
    """The zoo's example called `name` (KeyError naming it otherwise)."""
    return _BY_NAME[name]


LOB = example("lob")
