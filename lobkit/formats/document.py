"""What every format reads into and writes from: a `Document` of numbered `Entry`s.

An entry is one question: a formula, the global premises it is asked under (TPTP axioms), the
line it starts on and its name in the file (an LWB number, a TPTP name). A document may say
which logic its questions are about (TPTP's logic specification line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lobkit.formula import Formula

__all__ = ["Entry", "Document"]


@dataclass(frozen=True)
class Entry:
    """One formula of a file, with where it came from."""

    formula: Formula
    line: int = 1
    name: str | None = None
    premises: tuple[Formula, ...] = ()


@dataclass(frozen=True)
class Document:
    """The entries of one file, in order, and the logic the file names (if it names one)."""

    entries: tuple[Entry, ...] = field(default=())
    logic: str | None = None

    @classmethod
    def of(cls, formulas: Sequence[Formula], logic: str | None = None) -> Document:
        """A document holding `formulas`, numbered from 1."""
        return cls(tuple(Entry(f, i + 1, str(i + 1)) for i, f in enumerate(formulas)), logic)

    @property
    def formulas(self) -> list[Formula]:
        return [e.formula for e in self.entries]
