"""The data model of a theory file: theories, agents, queries, and the `TheoryFile` that holds
them — plain, immutable, and below everything that answers questions about them.

`lobkit.tiling.spec.Spec` is a `TheoryFile` with convenience methods that ask the checker
(`prove`, `licenses`, `depth`, `check`); the checker, the oracle and the rest of the tiling
package type against `TheoryFile` and import only this module, so nothing below the checker
reaches up to it (issue 19).

The vocabulary follows Yudkowsky & Herreshoff, "Tiling Agents for Self-Modifying AI, and the
Löbian Obstacle" (2013): an agent acts only on what its theory proves about its goal, and a
parent licenses a child when it can trust the child's proofs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lobkit.formula import Formula, implies

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
    "TheoryFile",
    "LINK_FAILURES",
    "VERDICTS",
    "NOWHERE",
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
# `undecided`: the refinement stopped at its limits (lobkit.tiling.oracle.Limits).
VERDICTS: dict[str, tuple[str, ...]] = {
    "prove": ("proved", "unprovable", "undecided"),
    "chain": ("licensed", "blocked", *LINK_FAILURES, "undecided"),
    "consistent": ("consistent", "inconsistent", "undecided"),
    "depth": ("unbounded", "undecided"),
    "sound": ("sound", "unsound", "undecided"),
}


@dataclass(frozen=True, eq=False)
class TheoryFile:
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
