"""The abstract syntax of MIRI's modal-combat language (machine-intelligence/provability,
src/Modal/CompilerBase.hs, Statement.hs, Code.hs, Def.hs, Combat.hs): immutable values the
reader (`lobkit.agents.combat_file`) builds and the compiler (`lobkit.agents.compiler`) reads.

Values (`$10`, `C`, `5`) are strings as written; numbers are read where a number is needed.
Every node that can be wrong at compile time keeps its location, `file:line:col`.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field

# The syntax nodes are values compared by identity (eq=False): fewer generated methods keep
# the import cheap (`lobkit play` start-up, benchmarks/bench_combat.py); calls compare by value.
# For the same reason they are immutable through `_Node`, one `__setattr__` and `__delattr__`
# for all of them, rather than `frozen=True`, which has `dataclass` compile both anew for every
# class at import (~5 ms of `lobkit play`, measured).

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


class _Node:
    """A syntax node: immutable once built, as a frozen dataclass is — each field is set once,
    by the generated `__init__`, and nothing can be set again, added or deleted."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        if name in vars(self) or name not in getattr(type(self), "__dataclass_fields__", ()):
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


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


@dataclass(eq=False, repr=False)
class Claim(_Node):
    """`Name(vs)=value` (or ≠, ∈ {…}, ∉ {…}): what an agent, opponent or universe plays."""

    name: str
    versus: Call | None  # None for `Name()` / `Name`
    relation: str  # "=", "≠", "∈", "∉"
    values: tuple[RefValue, ...]
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Truth(_Node):
    """`⊤` (True) or `⊥` (False)."""

    value: bool


@dataclass(eq=False, repr=False)
class ClaimTest(_Node):
    """A claim used as a statement: true when the named player plays the value(s)."""

    claim: Claim


@dataclass(eq=False, repr=False)
class Not(_Node):
    """`¬φ`."""

    body: Statement


@dataclass(eq=False, repr=False)
class Binary(_Node):
    """`φ ∧ ψ`, `φ ∨ ψ`, `φ → ψ` or `φ ↔ ψ`."""

    op: str  # "and", "or", "implies", "iff"
    left: Statement
    right: Statement


@dataclass(eq=False, repr=False)
class Consistency(_Node):
    """`Con(n)`: PA + Conⁿ⁻¹ is consistent, ¬□ⁿ⊥ (see `lobkit.agents.compiler`)."""

    level: RefValue
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Provable(_Node):
    """`[n]⌜φ⌝`: PA + Conⁿ(PA) proves φ."""

    level: RefValue
    body: Statement
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Possible(_Node):
    """`<n>⌜φ⌝`: φ is consistent with PA + Conⁿ(PA)."""

    level: RefValue
    body: Statement
    location: str = field(compare=False)


Statement = Truth | ClaimTest | Not | Binary | Consistency | Provable | Possible


@dataclass(eq=False, repr=False)
class Expression(_Node):
    """`let` arithmetic: a value, or (op, left, right) with op in + - * ^."""

    op: str  # "" for a single operand
    operands: tuple[Expression | RefValue, ...]
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Range(_Node):
    """`[a..b] by s`, `[a..]`, `[x, y, …]`, or the whole list (`actions`, `outcomes`)."""

    kind: str  # "enum", "list", "total"
    items: tuple[RefValue | None, ...]  # enum: (start, stop or None, step or None)
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class If(_Node):
    """`if φ` with its block, and the `else` block if there is one."""

    condition: Statement
    then: tuple[Fragment, ...]
    otherwise: tuple[Fragment, ...] | None
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class For(_Node):
    """`for action &a in …` / `for outcome &o in …` (the word as the definition names it)."""

    word: str
    name: str
    range: Range
    body: tuple[Fragment, ...]
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class ForNumber(_Node):
    """`for number &k in [a..b]` (or a list of numbers)."""

    name: str
    range: Range
    body: tuple[Fragment, ...]
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Let(_Node):
    """`let &name = expression`."""

    name: str
    expression: Expression
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Return(_Node):
    """`return value` (or a bare `return`)."""

    value: RefValue | None  # None: the first action of the definition's list
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Pass(_Node):
    """`pass`: nothing happens."""

    location: str = field(compare=False)


Fragment = If | For | ForNumber | Let | Return | Pass


@dataclass(eq=False, repr=False)
class Code(_Node):
    """A block of fragments, run in order until one returns."""

    fragments: tuple[Fragment, ...]


@dataclass(eq=False, repr=False)
class ActionMap(_Node):
    """`map` definitions and `bot`: each value's statement (`$5 ↔ A()=5`)."""

    entries: tuple[tuple[str, Statement], ...]


@dataclass(eq=False, repr=False)
class Param(_Node):
    """A parameter of a definition's head: `number level=0`, `action default`."""

    name: str
    kind: str  # "number", or the word written: "action", "outcome", "response"
    default: str | None
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class Def(_Node):
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


@dataclass(eq=False, repr=False)
class Command(_Node):
    """`combat! A vs B`, `compete: A vs B` or `play: Problem, Theory, …`."""

    kind: str  # "combat", "compete", "play"
    controls: Controls
    calls: tuple[Call, ...]
    location: str = field(compare=False)


@dataclass(eq=False, repr=False)
class GameFile(_Node):
    """A file: its definitions (in order) and its commands (in order)."""

    source: str
    definitions: tuple[Def, ...]
    commands: tuple[Command, ...]
