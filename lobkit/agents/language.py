"""The abstract syntax of MIRI's modal-combat language (machine-intelligence/provability,
src/Modal/CompilerBase.hs, Statement.hs, Code.hs, Def.hs, Combat.hs): immutable values the
reader (`lobkit.agents.combat_file`) builds and the compiler (`lobkit.agents.compiler`) reads.

Values (`$10`, `C`, `5`) are strings as written; numbers are read where a number is needed.
Every node that can be wrong at compile time keeps its location, `file:line:col`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The syntax nodes are values compared by identity (eq=False): fewer generated methods keep
# the import cheap (`lobkit play` start-up, benchmarks/bench_combat.py); calls compare by value.

__all__ = [
    "Ref",
    "RefValue",
    "Call",
    "Claim",
    "Statement",
    "Truth",
    "ClaimTest",
    "Not",
    "Binary",
    "Consistency",
    "Provable",
    "Possible",
    "Expression",
    "Range",
    "If",
    "For",
    "ForNumber",
    "Let",
    "Return",
    "Pass",
    "Fragment",
    "Code",
    "ActionMap",
    "Param",
    "Def",
    "Controls",
    "Command",
    "GameFile",
    "ACTION",
    "OUTCOME",
]

ACTION = "action"
OUTCOME = "outcome"
"""The two claim types of Def.hs: what a definition returns (ACTION) and what it reads about
its opponent or universe (OUTCOME). Problems swap the words: a universe returns outcomes."""


@dataclass(frozen=True)
class Ref:
    """`&name`: a variable of the program (a number, an action or an outcome)."""

    name: str

    def __str__(self) -> str:
        return f"&{self.name}"


RefValue = str | Ref
"""A literal value as written (`$10`, `C`, `3`) or a reference to a variable."""


@dataclass(frozen=True)
class Call:
    """`Name(args, key=value)[actions][outcomes]`: a definition with its arguments and, in
    brackets, a reordering of its action and outcome lists (`[...]`: leave as is)."""

    name: str
    args: tuple[str, ...] = ()
    kwargs: tuple[tuple[str, str], ...] = ()  # sorted by key, as MIRI's Map
    actions: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    location: str = field(default="", compare=False)

    def __str__(self) -> str:
        # CompilerBase.hs `show Call` (including its "," without a space before kwargs).
        params = ""
        if self.args or self.kwargs:
            mid = "," if self.args and self.kwargs else ""
            keywords = ", ".join(f"{k}={v}" for k, v in self.kwargs)
            params = f"({', '.join(self.args)}{mid}{keywords})"
        acts = ""
        if self.actions:
            acts = f"[{', '.join(self.actions)}]"
        elif self.outcomes:
            acts = "[...]"
        outs = f"[{', '.join(self.outcomes)}]" if self.outcomes else ""
        return f"{self.name}{params}{acts}{outs}"


@dataclass(frozen=True, eq=False, repr=False)
class Claim:
    """`Name(vs)=value` (or ≠, ∈ {…}, ∉ {…}): what an agent, opponent or universe plays."""

    name: str
    versus: Call | None  # None for `Name()` / `Name`
    relation: str  # "=", "≠", "∈", "∉"
    values: tuple[RefValue, ...]
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Truth:
    """`⊤` (True) or `⊥` (False)."""

    value: bool


@dataclass(frozen=True, eq=False, repr=False)
class ClaimTest:
    """A claim used as a statement: true when the named player plays the value(s)."""

    claim: Claim


@dataclass(frozen=True, eq=False, repr=False)
class Not:
    """`¬φ`."""

    body: Statement


@dataclass(frozen=True, eq=False, repr=False)
class Binary:
    """`φ ∧ ψ`, `φ ∨ ψ`, `φ → ψ` or `φ ↔ ψ`."""

    op: str  # "and", "or", "implies", "iff"
    left: Statement
    right: Statement


@dataclass(frozen=True, eq=False, repr=False)
class Consistency:
    """`Con(n)`: PA + Conⁿ⁻¹ is consistent, ¬□ⁿ⊥ (see `lobkit.agents.compiler`)."""

    level: RefValue
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Provable:
    """`[n]⌜φ⌝`: PA + Conⁿ(PA) proves φ."""

    level: RefValue
    body: Statement
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Possible:
    """`<n>⌜φ⌝`: φ is consistent with PA + Conⁿ(PA)."""

    level: RefValue
    body: Statement
    location: str = field(compare=False)


Statement = Truth | ClaimTest | Not | Binary | Consistency | Provable | Possible


@dataclass(frozen=True, eq=False, repr=False)
class Expression:
    """`let` arithmetic: a value, or (op, left, right) with op in + - * ^."""

    op: str  # "" for a single operand
    operands: tuple[Expression | RefValue, ...]
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Range:
    """`[a..b] by s`, `[a..]`, `[x, y, …]`, or the whole list (`actions`, `outcomes`)."""

    kind: str  # "enum", "list", "total"
    items: tuple[RefValue | None, ...]  # enum: (start, stop or None, step or None)
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class If:
    """`if φ` with its block, and the `else` block if there is one."""

    condition: Statement
    then: tuple[Fragment, ...]
    otherwise: tuple[Fragment, ...] | None
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class For:
    """`for action &a in …` / `for outcome &o in …` (the word as the definition names it)."""

    word: str
    name: str
    range: Range
    body: tuple[Fragment, ...]
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class ForNumber:
    """`for number &k in [a..b]` (or a list of numbers)."""

    name: str
    range: Range
    body: tuple[Fragment, ...]
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Let:
    """`let &name = expression`."""

    name: str
    expression: Expression
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Return:
    """`return value` (or a bare `return`)."""

    value: RefValue | None  # None: the first action of the definition's list
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Pass:
    """`pass`: nothing happens."""

    location: str = field(compare=False)


Fragment = If | For | ForNumber | Let | Return | Pass


@dataclass(frozen=True, eq=False, repr=False)
class Code:
    """A block of fragments, run in order until one returns."""

    fragments: tuple[Fragment, ...]


@dataclass(frozen=True, eq=False, repr=False)
class ActionMap:
    """`map` definitions and `bot`: each value's statement (`$5 ↔ A()=5`)."""

    entries: tuple[tuple[str, Statement], ...]


@dataclass(frozen=True, eq=False, repr=False)
class Param:
    """A parameter of a definition's head: `number level=0`, `action default`."""

    name: str
    kind: str  # "number", or the word written: "action", "outcome", "response"
    default: str | None
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Def:
    """An `agent`, `bot`, `theory` or `problem`; a problem also has its outcome list and
    action lists (one per player, or one for all)."""

    kind: str  # "agent", "theory", "problem"
    name: str
    params: tuple[Param, ...]
    code: Code | ActionMap
    location: str = field(compare=False)
    outcomes: tuple[str, ...] = ()
    action_lists: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Controls:
    """A command's `with frames`, `with map` and `hidden`."""

    frames: bool = False
    map: bool = False
    hidden: bool = False


@dataclass(frozen=True, eq=False, repr=False)
class Command:
    """`combat! A vs B`, `compete: A vs B` or `play: Problem, Theory, …`."""

    kind: str  # "combat", "compete", "play"
    controls: Controls
    calls: tuple[Call, ...]
    location: str = field(compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class GameFile:
    """A file: its definitions (in order) and its commands (in order)."""

    source: str
    definitions: tuple[Def, ...]
    commands: tuple[Command, ...]
