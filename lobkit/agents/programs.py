"""MIRI's modal agent programs, compiled to the formula "this agent cooperates".

The language of `machine-intelligence/provability` (src/Modal/Code.hs, Def.hs): a `def` or
`agent` with parameters (`number k=0`, `action default=D`), and statements `let &n = expr`,
`for number &n in [0, 1, 2]`, `for action &a in [C, D]` (or `[...]`, `actions`),
`if φ … else … end`, `return C|D|&a` (a bare `return` gives the `default` action, else D) and
`pass`; conditions may use boxes `[&n]φ` at a variable level and claims `Them(Me)=&a`.

Compilation follows Code.hs's continuation semantics: a program denotes, for the move C, the
formula "the first `return` reached answers C", where an `if` splits into (φ ∧ then-branch) ∨
(¬φ ∧ else-branch), `let` changes the numbers seen by everything after it (also across loop
iterations), and a `for` unrolls over its range. Placeholders left by the parser (a box
labelled `VAR__n`, an atom `them__eq__a`) are resolved in the environment of their statement.
Formulas are hash-consed, so the unrolled program stays a small DAG.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lobkit import formula as F
from lobkit.agents.agent import numeral_box, numeral_diamond
from lobkit.errors import InputError
from lobkit.formula import ATOM, BOX, DIA, Formula, fold

__all__ = ["Param", "Program", "compile_program", "VAR_PREFIX", "CLAIM_MARK"]

VAR_PREFIX = "VAR__"  # a box or diamond at a variable level: theory label VAR__n
CLAIM_MARK = "__eq__"  # a claim X=&a: the atom <x>__eq__<a>
MOVES = ("C", "D")
Value = int | str


@dataclass(frozen=True)
class Param:
    kind: str  # "number" or "action"
    name: str
    default: Value | None
    location: str


@dataclass(frozen=True)
class If:
    condition: Formula
    then: tuple[object, ...]
    otherwise: tuple[object, ...]
    location: str


@dataclass(frozen=True)
class Let:
    name: str
    terms: tuple[tuple[int, Value], ...]  # (sign, int or variable name)
    location: str


@dataclass(frozen=True)
class For:
    kind: str
    name: str
    values: tuple[Value, ...] | None  # None: every action / the open range
    body: tuple[object, ...]
    location: str


@dataclass(frozen=True)
class Return:
    value: Value | None  # "C", "D", a variable name, or None (the default action)
    location: str


@dataclass(frozen=True)
class Program:
    """A parsed program: its parameters and body, compiled per call with `compile_program`."""

    name: str
    params: tuple[Param, ...]
    body: tuple[object, ...]
    location: str
    extra: dict[str, object] = field(default_factory=dict)


def _value(env: Mapping[str, Value], item: Value, location: str) -> Value:
    if isinstance(item, str) and item not in MOVES:
        if item not in env:
            raise InputError(f"unknown variable &{item}", location)
        return env[item]
    return item


def _number(env: Mapping[str, Value], item: Value, location: str) -> int:
    value = _value(env, item, location)
    if not isinstance(value, int):
        raise InputError(f"&{item} is an action, a number is needed here", location)
    return value


def resolve(condition: Formula, env: Mapping[str, Value], location: str) -> Formula:
    """`condition` with its variable boxes and variable claims made concrete in `env`."""

    def modality(node: Formula, args: tuple[Formula, ...]) -> Formula:
        if not (node.label and node.label.startswith(VAR_PREFIX)):
            return F.rebuild(node, args)
        level = _number(env, node.label[len(VAR_PREFIX) :], location)
        if level < 0:
            raise InputError(f"a box level must be at least 0, not {level}", location)
        numeral = numeral_box if node.op == BOX else numeral_diamond  # the same two cases
        return numeral(args[0], level)

    def claim(node: Formula, args: tuple[Formula, ...]) -> Formula:
        if not (node.label and CLAIM_MARK in node.label):
            return node
        who, variable = node.label.split(CLAIM_MARK, 1)
        move = _value(env, variable, location)
        if move not in MOVES:
            raise InputError(f"&{variable} is a number, an action is needed here", location)
        return F.atom(who) if move == "C" else F.neg(F.atom(who))

    cases = {BOX: modality, DIA: modality, ATOM: claim}
    return fold(condition, cases, default=F.rebuild, name="resolve")


Continuation = Callable[[dict[str, Value]], Formula]


def _block(statements: tuple[object, ...], env: dict[str, Value], k: Continuation) -> Formula:
    """The formula for "returns C" of `statements` run in `env`, then `k` if they fall through."""
    if not statements:
        return k(env)
    head, rest = statements[0], statements[1:]

    def after(e: dict[str, Value]) -> Formula:
        return _block(rest, e, k)

    if isinstance(head, Return):
        if head.value is None:
            value: Value = env.get("default", "D")
        else:
            value = _value(env, head.value, head.location)
        if value not in MOVES:
            raise InputError(f"return needs an action C or D, not {value!r}", head.location)
        return F.top if value == "C" else F.bot
    if isinstance(head, Let):
        total = sum(sign * _number(env, term, head.location) for sign, term in head.terms)
        return after({**env, head.name: total})
    if isinstance(head, If):
        condition = resolve(head.condition, env, head.location)
        yes = _block(head.then, env, after)
        no = _block(head.otherwise, env, after)
        return _or(_and(condition, yes), _and(F.neg(condition), no))
    if isinstance(head, For):
        if head.values is None:
            if head.kind != "action":
                raise InputError("a number loop needs a finite list: [0, 1, 2]", head.location)
            values: tuple[Value, ...] = MOVES
        else:
            values = tuple(_value(env, v, head.location) for v in head.values)
        for v in values:
            if (head.kind == "action") != (v in MOVES):
                raise InputError(f"{v!r} is not a {head.kind}", head.location)
        return _loop(head, values, env, after)
    return after(env)  # pass


def _loop(head: For, values: tuple[Value, ...], env: dict[str, Value], k: Continuation) -> Formula:
    if not values:
        return k(env)
    return _block(head.body, {**env, head.name: values[0]}, lambda e: _loop(head, values[1:], e, k))


def _and(a: Formula, b: Formula) -> Formula:
    if a is F.bot or b is F.bot:
        return F.bot
    return b if a is F.top else a if b is F.top else F.conj(a, b)


def _or(a: Formula, b: Formula) -> Formula:
    if a is F.top or b is F.top:
        return F.top
    return b if a is F.bot else a if b is F.bot else F.disj(a, b)


def compile_program(program: Program, args: tuple[Value, ...] = ()) -> Formula:
    """The formula "`program` called with `args` cooperates"; missing arguments take their
    defaults. The program's fall-through end returns its default action (else D)."""
    if len(args) > len(program.params):
        raise InputError(
            f"{program.name} takes {len(program.params)} arguments, not {len(args)}",
            program.location,
        )
    env: dict[str, Value] = {}
    for i, param in enumerate(program.params):
        value = args[i] if i < len(args) else param.default
        if value is None:
            raise InputError(f"{program.name}: no value for {param.name}", program.location)
        if (param.kind == "action") != (value in MOVES):
            raise InputError(
                f"{program.name}: {param.name} is a {param.kind}, not {value!r}", param.location
            )
        env[param.name] = value
    return _block(program.body, env, lambda e: F.top if e.get("default", "D") == "C" else F.bot)
