"""What the parser saw in a .lob file, before includes, families and names are resolved.

`lobkit.tiling.parse` turns text into a `ParsedFile` of the frozen declarations below;
`lobkit.tiling.resolve` follows its includes, expands its families and checks its names into a
`Spec`. Every declaration keeps the `Location`s of its parts, so a later error (an unknown
name, a cycle, a bad index) points at the spot as data, never by re-reading the text.

Formulas carry no positions, so a parsed formula is a `Template`: the formula, plus one
`NameUse` per theory box or diamond and per indexed atom in it, with the use's `Location`.
An indexed name (`[T[k-1]]p`, `wait[k]`) is held in the template under a placeholder label
(`T[k-1]`, `wait[k]`), a spelling no resolved name can have; `lobkit.tiling.families`
replaces it by the member's name (`T_2`, `wait_3`) once the index's value is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from lobkit.errors import InputError
from lobkit.formula import Formula
from lobkit.tiling.theory_file import Location

__all__ = [
    "Number",
    "Variable",
    "Arithmetic",
    "Index",
    "Comparison",
    "Guard",
    "Ref",
    "NameUse",
    "Template",
    "Family",
    "Axiom",
    "Reflect",
    "Extends",
    "TheoryItem",
    "TheoryDecl",
    "AgentTheory",
    "AgentGoal",
    "AgentActions",
    "AgentItem",
    "AgentDecl",
    "Expectation",
    "Literal",
    "ProveDecl",
    "ChainDecl",
    "ConsistentDecl",
    "DepthDecl",
    "SoundDecl",
    "QueryDecl",
    "LogicDecl",
    "PremiseDecl",
    "IncludeDecl",
    "Statement",
    "ParsedFile",
    "LocatedError",
]


# --- index arithmetic ------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """An integer literal in an index expression."""

    value: int

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Variable:
    """A family's variable (`k`), where it was written."""

    name: str
    location: Location

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Arithmetic:
    """`left op right` with op one of `+ - *`."""

    op: str
    left: Index
    right: Index

    def __str__(self) -> str:
        """As written, with the parentheses the value needs (`2*k+1`, `k-(j-1)`): two
        expressions printed alike have the same value, so the text can label a placeholder."""
        rank = {"+": 1, "-": 1, "*": 2}

        def side(part: Index, right: bool) -> str:
            if not isinstance(part, Arithmetic):
                return str(part)
            loose = rank[part.op] < rank[self.op]
            loose = loose or (right and rank[part.op] == rank[self.op] and self.op == "-")
            return f"({part})" if loose else str(part)

        return f"{side(self.left, False)}{self.op}{side(self.right, True)}"


Index = Number | Variable | Arithmetic


@dataclass(frozen=True)
class Comparison:
    """`left op right` with op one of `< <= > >= == !=`."""

    op: str
    left: Index
    right: Index


@dataclass(frozen=True)
class Guard:
    """`if c1 and c2 …`: the item belongs to the family members where every comparison holds."""

    comparisons: tuple[Comparison, ...]
    location: Location


# --- names and formulas ----------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A theory, agent, atom or action named in the file: `T`, `T[3]`, `T[k-1]`."""

    name: str
    index: Index | None
    location: Location

    @property
    def label(self) -> str:
        """How the name is held before resolution: `T` or the placeholder `T[k-1]`."""
        return self.name if self.index is None else f"{self.name}[{self.index}]"


@dataclass(frozen=True)
class NameUse:
    """A name used inside a formula: a theory (`kind == "theory"`, every box or diamond) or an
    indexed atom (`kind == "atom"`), under its placeholder label `ref.label`."""

    kind: str
    ref: Ref


@dataclass(frozen=True)
class Template:
    """A parsed formula and the names it uses, in the order they were written."""

    formula: Formula
    uses: tuple[NameUse, ...]


# --- declarations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """`NAME[k] for k in low..high`: the declaration stands for members k = low … high."""

    variable: str
    low: int
    high: int
    location: Location  # the range's first number


@dataclass(frozen=True)
class Axiom:
    """`axiom φ [if …]` in a theory's braces."""

    formula: Template
    location: Location  # the keyword
    guard: Guard | None = None


@dataclass(frozen=True)
class Reflect:
    """`reflect S [if …]` in a theory's braces."""

    theory: Ref
    location: Location
    guard: Guard | None = None


@dataclass(frozen=True)
class Extends:
    """`extends S` in a theory's header, or `extends S [if …]` in its braces."""

    theory: Ref
    location: Location
    guard: Guard | None = None


TheoryItem = Axiom | Reflect | Extends


@dataclass(frozen=True)
class TheoryDecl:
    """`theory NAME [for …] [extends …] [{ items }]`; header `extends` come first in `items`."""

    name: str
    location: Location  # the name
    family: Family | None
    items: tuple[TheoryItem, ...]


@dataclass(frozen=True)
class AgentTheory:
    theory: Ref
    location: Location


@dataclass(frozen=True)
class AgentGoal:
    formula: Template
    location: Location


@dataclass(frozen=True)
class AgentActions:
    actions: tuple[Ref, ...]
    location: Location


AgentItem = AgentTheory | AgentGoal | AgentActions


@dataclass(frozen=True)
class AgentDecl:
    """`agent NAME [for …] { theory T; goal G; actions a, … }`."""

    name: str
    location: Location
    family: Family | None
    items: tuple[AgentItem, ...]


@dataclass(frozen=True)
class Expectation:
    """`expect VERDICT`, as written (checked against the statement's verdicts on resolution)."""

    text: str
    location: Location


@dataclass(frozen=True)
class Literal:
    """`p` or `~p` in a `sound … given` list."""

    atom: Ref
    value: bool


@dataclass(frozen=True)
class ProveDecl:
    theory: Ref | None
    formula: Template
    expect: Expectation | None
    location: Location
    kind = "prove"


@dataclass(frozen=True)
class ChainDecl:
    agents: tuple[Ref, ...]
    expect: Expectation | None
    location: Location
    kind = "chain"


@dataclass(frozen=True)
class ConsistentDecl:
    theory: Ref
    expect: Expectation | None
    location: Location
    kind = "consistent"


@dataclass(frozen=True)
class DepthDecl:
    agent: Ref
    expect: Expectation | None
    location: Location
    kind = "depth"


@dataclass(frozen=True)
class SoundDecl:
    theory: Ref
    given: tuple[Literal, ...]
    expect: Expectation | None
    location: Location
    kind = "sound"


QueryDecl = ProveDecl | ChainDecl | ConsistentDecl | DepthDecl | SoundDecl


@dataclass(frozen=True)
class LogicDecl:
    """`logic FRAME`."""

    frame: str
    frame_location: Location
    location: Location


@dataclass(frozen=True)
class PremiseDecl:
    """`premise φ`: a global premise of the file's logic."""

    formula: Template
    location: Location


@dataclass(frozen=True)
class IncludeDecl:
    """`include "path"`, the path as written (without quotes), located at the string."""

    path: str
    location: Location


Statement = LogicDecl | TheoryDecl | AgentDecl | QueryDecl | PremiseDecl | IncludeDecl


@dataclass(frozen=True)
class ParsedFile:
    """One file's statements, in order, with its display name and text (for carets)."""

    source: str
    text: str
    statements: tuple[Statement, ...]


class LocatedError(InputError):
    """A meaning error (unknown name, cycle, bad index …) at `where`; `lobkit.tiling.loader`
    shows it like a syntax error, with the line from the file and a caret under the spot."""

    def __init__(self, message: str, where: Location) -> None:
        self.where = where
        super().__init__(message, str(where))
