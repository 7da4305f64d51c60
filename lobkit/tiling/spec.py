"""The data model of a theory file: theories, agents, queries, and the `Spec` that holds them.

A `Spec` is what `lobkit.load(path)` returns. It is a plain, immutable description of a .lob
file (after includes and name checks); questions about it (`prove`, `licenses`, `depth`,
`check`) are answered by `lobkit.tiling.checker`, which the methods here delegate to. The
checker memoises its answers per spec (outside the spec, keyed weakly by it: a `Spec` holds no
mutable state), so asking for a depth after a chain reuses the chain's proofs.

The vocabulary follows Yudkowsky & Herreshoff, "Tiling Agents for Self-Modifying AI, and the
Löbian Obstacle" (2013): an agent acts only on what its theory proves about its goal, and a
parent licenses a child when it can trust the child's proofs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lobkit.formula import Formula, implies
from lobkit.limits import Budget

if TYPE_CHECKING:
    from lobkit.tiling.checker import Checker
    from lobkit.tiling.results import LinkResult, QueryResult, Report
    from lobkit.tiling.sound_results import SoundResult

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
]


@dataclass(frozen=True)
class Location:
    """Where something was written: `source:line:column` (1-based)."""

    source: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}"


NOWHERE = Location("<python>", 0, 0)


@dataclass(frozen=True)
class TheoryDef:
    """`theory NAME [extends …] { axiom …; reflect … }`.

    `axioms` are public: the logic gets `[NAME]ax` in every world, never `ax` itself.
    `reflects` names theories S whose soundness schema `[S]X → X` NAME proves.
    """

    name: str
    extends: tuple[str, ...] = ()
    axioms: tuple[Formula, ...] = ()
    reflects: tuple[str, ...] = ()
    location: Location = NOWHERE


@dataclass(frozen=True)
class AgentDef:
    """`agent NAME { theory T; goal G; actions a, … }`: takes `a` only if T ⊢ `a → G`."""

    name: str
    theory: str
    goal: Formula
    actions: tuple[str, ...]
    location: Location = NOWHERE

    def action_goals(self) -> tuple[Formula, ...]:
        """`a → goal` for each action: what the agent's theory must prove before acting."""
        from lobkit.formula import atom

        return tuple(implies(atom(a), self.goal) for a in self.actions)


@dataclass(frozen=True)
class ProveQuery:
    """`prove [THEORY :] FORMULA`: does the logic prove `[THEORY]FORMULA` (or FORMULA)?"""

    theory: str | None
    formula: Formula
    expect: str | None = None
    location: Location = NOWHERE
    kind = "prove"


@dataclass(frozen=True)
class ChainQuery:
    """`chain A -> B [-> …]`: does every parent license its child?"""

    agents: tuple[str, ...]
    expect: str | None = None
    location: Location = NOWHERE
    kind = "chain"


@dataclass(frozen=True)
class ConsistentQuery:
    """`consistent THEORY`: is `[THEORY]⊥` unprovable?"""

    theory: str
    expect: str | None = None
    location: Location = NOWHERE
    kind = "consistent"


@dataclass(frozen=True)
class DepthQuery:
    """`depth AGENT`: the longest licensed chain, in links, starting at AGENT."""

    agent: str
    expect: str | None = None
    location: Location = NOWHERE
    kind = "depth"


@dataclass(frozen=True)
class SoundQuery:
    """`sound THEORY [given LITERAL, …]`: is THEORY sound on the valuations where the given
    literals hold? `given` pairs an atom with its value (`~pressed` is `("pressed", False)`);
    atoms not given range over every valuation. The semantics are in `lobkit.tiling.soundness`.
    """

    theory: str
    given: tuple[tuple[str, bool], ...] = ()
    expect: str | None = None
    location: Location = NOWHERE
    kind = "sound"


Query = ProveQuery | ChainQuery | ConsistentQuery | DepthQuery | SoundQuery

# The verdicts an `expect` may name, per statement kind ("depth" also takes a number).
LINK_FAILURES = ("blocked-lob", "no-reflection", "parent-inconsistent")
VERDICTS: dict[str, tuple[str, ...]] = {
    "prove": ("proved", "unprovable"),
    "chain": ("licensed", "blocked", *LINK_FAILURES),
    "consistent": ("consistent", "inconsistent"),
    "depth": ("unbounded",),
    "sound": ("sound", "unsound"),
}


@dataclass(frozen=True, eq=False)
class Spec:
    """A checked theory file: `frame`, `theories`, `agents` (by name) and `queries` in order.

    `premises` are the file's `premise φ` lines: global premises of its logic (φ holds in
    every world, so every theory proves it and it is true).

    Build one with `lobkit.load(path)`, `lobkit.tiling.loads(text)` or directly from the
    dataclasses above (names are then not checked; use `loads` for checked input).
    """

    theories: Mapping[str, TheoryDef]
    agents: Mapping[str, AgentDef] = field(default_factory=dict)
    queries: tuple[Query, ...] = ()
    frame: str = "GL"
    path: Path | None = None
    premises: tuple[Formula, ...] = ()

    def __repr__(self) -> str:
        name = self.path.name if self.path else "<spec>"
        return (
            f"<Spec {name} ({self.frame}): {len(self.theories)} theories, "
            f"{len(self.agents)} agents, {len(self.queries)} queries>"
        )

    @property
    def checker(self) -> Checker:
        """A checker answering questions about this spec. Each access makes a new, cheap
        `Checker`; all checkers of one spec share its memo of answers (see
        `lobkit.tiling.checker`), so nothing is decided twice."""
        from lobkit.tiling.checker import Checker

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
        return self.checker.link(parent, child, budget=Budget(timeout))

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
        from lobkit.tiling.soundness import sound

        return sound(self.checker, theory, given, budget=Budget(timeout))

    def check(self, *, timeout: float | None = None) -> Report:
        """Answer every query of the file, in order, with its certificate and expectation."""
        return self.checker.check(timeout=timeout)
