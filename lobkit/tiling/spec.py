"""`Spec`: a checked theory file (`lobkit.tiling.theory_file.TheoryFile`) with the questions a user
asks of it — `prove`, `licenses`, `depth`, `consistent`, `sound`, `check` — answered by the
checker (`lobkit.tiling.checker`), which memoises its answers per spec (outside the spec, keyed
weakly by it: a `Spec` holds no mutable state), so asking for a depth after a chain reuses the
chain's proofs. This module sits above the checker; the data model below it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lobkit.formula import Formula
from lobkit.limits import Budget
from lobkit.tiling.checker import Checker
from lobkit.tiling.results import LinkResult, QueryResult, Report
from lobkit.tiling.sound_results import SoundResult
from lobkit.tiling.soundness import sound
from lobkit.tiling.theory_file import (
    LINK_FAILURES,
    NOWHERE,
    VERDICTS,
    AgentDef,
    ChainQuery,
    ConsistentQuery,
    DepthQuery,
    Location,
    ProveQuery,
    Query,
    SoundQuery,
    TheoryDef,
    TheoryFile,
)

__all__ = [
    "Location",
    "TheoryDef",
    "AgentDef",
    "ProveQuery",
    "ChainQuery",
    "ConsistentQuery",
    "DepthQuery",
    "SoundQuery",
    "Query",
    "Spec",
    "TheoryFile",
    "LINK_FAILURES",
    "VERDICTS",
    "NOWHERE",
]


@dataclass(frozen=True, eq=False, repr=False)
class Spec(TheoryFile):
    """A checked theory file, as `lobkit.load(path)` returns it, with its questions.

    Build one with `lobkit.load(path)`, `lobkit.tiling.loads(text)` or directly from the
    dataclasses of `lobkit.tiling.theory_file` (names are then not checked; use `loads`)."""

    @property
    def checker(self) -> Checker:
        """A checker answering questions about this spec. Each access makes a new, cheap
        `Checker`; all checkers of one spec share its memo of answers (see
        `lobkit.tiling.checker`), so nothing is decided twice."""
        return Checker(self)

    def prove(
        self, theory: str | None, formula: Formula | str, *, timeout: float | None = None
    ) -> QueryResult:
        """Does `theory` prove `formula` (None: does the logic itself prove it)?

        `formula` may be text (formula syntax). The result's `.verdict` is "proved" or
        "unprovable"; `.certificate` holds the proof or the countermodel.
        """
        return self.checker.prove(theory, formula, budget=Budget(timeout))

    def licenses(self, parent: str, child: str, *, timeout: float | None = None) -> LinkResult:
        """Does agent `parent` license agent `child`? `.licensed` is the yes/no answer."""
        return self.checker.licenses(parent, child, budget=Budget(timeout))

    def depth(self, agent: str, *, timeout: float | None = None) -> int | None:
        """The longest licensed chain from `agent`, in links; None when it is unbounded."""
        return self.checker.depth(agent, budget=Budget(timeout)).depth

    def consistent(self, theory: str, *, timeout: float | None = None) -> bool:
        """True when the logic does not prove `[theory]⊥`."""
        return self.checker.consistent(theory, budget=Budget(timeout)).verdict == "consistent"

    def sound(
        self,
        theory: str,
        given: Mapping[str, bool] | Iterable[tuple[str, bool] | str] = (),
        *,
        timeout: float | None = None,
    ) -> SoundResult:
        """Is `theory` sound (does it prove only truths) on every valuation agreeing with
        `given` ({"pressed": False}, or literals "~pressed")? `.verdict` is "sound" or
        "unsound", `.exact` whether it holds for the full reflection schema, `.falsehood` the
        false theorem with its valuation (see `lobkit.tiling.soundness`)."""
        return sound(self.checker.oracle, theory, given, budget=Budget(timeout))

    def check(self, *, timeout: float | None = None) -> Report:
        """Answer every query of the file, in order, with its certificate and expectation."""
        return self.checker.check(timeout=timeout)
