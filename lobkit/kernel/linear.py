"""The linear frame 0 < 1 < 2 < …: the one semantics of letterless sentences in lobkit.

A letterless formula (no atoms: ⊤, ⊥, connectives, □, ◇) has the same truth value at every world
of a finite GL model (transitive, irreflexive, conversely well-founded) that has the same *rank*
(the length of the longest path going up from it), so it is enough to evaluate it on the frame
whose rank k sees exactly the ranks j < k:

    □φ is true at k  iff  φ is true at every j < k;   ◇φ  iff  φ at some j < k.

Eventual constancy: a formula of modal depth d has the same value at every rank k ≥ d (induction
on φ; Boolos, *The Logic of Provability*, 1993, ch. 7). The *trace* is the list of values at
ranks 0, 1, … up to the first rank from which the value never changes; `normal_form` turns a
trace back into the Boolean combination of □ⁿ⊥ ("rank < n") true exactly there — the union of
rank intervals [a, b) = ¬□ᵃ⊥ ∧ □ᵇ⊥ and [a, ∞) = ¬□ᵃ⊥ (Boolos ch. 7, the normal form theorem).

`system_trace` is the same semantics for a modalized system of equations x_i ↔ φ_i (modal combat,
LaVictoire et al. 2014): rank n of each x_i depends only on ranks < n. It is the reference the
vectorised evaluator in `lobkit.agents.frame` is tested against.

Every walk here is an explicit-stack fold over interned nodes: depth never recurses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from lobkit.errors import InputError
from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    MODAL,
    NOT,
    OR,
    TOP,
    Formula,
    bot,
    box,
    conj,
    disjunction,
    fold,
    neg,
    outer_nodes,
    postorder,
    top,
)

Column = tuple[bool, ...]  # a formula's values at ranks 0, 1, …
Column2 = tuple[Column, ...]

__all__ = ["rank_values", "stable_prefix", "trace", "normal_form", "system_trace"]


def _require_letterless(formula: Formula) -> None:
    for node in postorder(formula):
        if node.op == ATOM:
            raise InputError(
                "the formula is not letterless: it contains the atom "
                f"{node.label} (only true, false, connectives and boxes may occur)"
            )
        if node.op in MODAL and node.label is not None:
            raise InputError(
                f"theory-indexed modalities ([{node.label}]) have no linear-frame reading; "
                "use the plain box []"
            )


# The connectives on truth values, one function per operator tag.
_CONNECTIVES: dict[str, Callable[[bool, bool], bool]] = {
    AND: lambda a, b: a and b,
    OR: lambda a, b: a or b,
    IMP: lambda a, b: (not a) or b,
    IFF: lambda a, b: a == b,
}


def _so_far(values: Sequence[bool], every: bool) -> Column:
    """At each rank k, whether every value (`every`) or some value (not `every`) at the ranks
    j < k is true: □ (◇) of a column of values."""
    out: list[bool] = []
    acc = every
    for v in values:
        out.append(acc)
        acc = (acc and v) if every else (acc or v)
    return tuple(out)


def _outer(node: Formula) -> bool:
    """Whether a walk enters `node`: boxes and diamonds are read from earlier ranks instead."""
    return node.op not in MODAL


def rank_values(formula: Formula, width: int | None = None) -> tuple[bool, ...]:
    """Truth values of a letterless formula at ranks 0 … width − 1 (default: its modal depth
    + 1, after which the value never changes). `InputError` if it is not letterless."""
    _require_letterless(formula)
    n = formula.modal_depth + 1 if width is None else width

    def binary(node: Formula, args: Column2) -> Column:
        connective = _CONNECTIVES[node.op]
        return tuple(connective(x, y) for x, y in zip(*args, strict=True))

    table: dict[str, Callable[[Formula, Column2], Column]] = {
        TOP: lambda node, args: (True,) * n,
        BOT: lambda node, args: (False,) * n,
        NOT: lambda node, args: tuple(not v for v in args[0]),
        BOX: lambda node, args: _so_far(args[0], every=True),
        DIA: lambda node, args: _so_far(args[0], every=False),
        **dict.fromkeys(_CONNECTIVES, binary),
    }
    return fold(formula, table, name="the linear-frame semantics")


def stable_prefix(values: Sequence[bool]) -> tuple[bool, ...]:
    """`values` cut after the first entry from which all the rest are equal (the last entry is
    the value at every later rank)."""
    end = len(values) - 1
    while end > 0 and values[end - 1] == values[-1]:
        end -= 1
    return tuple(values[: end + 1])


def trace(formula: Formula) -> tuple[bool, ...]:
    """Values at ranks 0, 1, … up to (and including) the first rank from which it is constant."""
    return stable_prefix(rank_values(formula))


def _interval(a: int, b: int | None) -> Formula:
    """The ranks in [a, b) (b None: [a, ∞)) as a Boolean combination of □ⁿ⊥."""
    low = top if a == 0 else neg(box(bot, a))
    if b is None:
        return low
    high = box(bot, b)
    return high if a == 0 else conj(low, high)


def normal_form(values: Sequence[bool]) -> Formula:
    """The letterless sentence true exactly at the ranks where `values` is true; the last entry
    holds at every rank ≥ len(values) − 1. ⊥ when it is true nowhere."""
    pieces: list[Formula] = []
    k = 0
    last = len(values) - 1
    while k <= last:
        if not values[k]:
            k += 1
            continue
        start = k
        while k <= last and values[k]:
            k += 1
        pieces.append(_interval(start, None if k > last else k))
    return disjunction(pieces)


def system_trace(equations: Mapping[str, Formula], ranks: int) -> list[dict[str, bool]]:
    """The values of a modalized system x ↔ φ_x at ranks 0 … ranks − 1 (plain Python).

    Each φ_x may mention the system's variables only under a box or diamond (an unmodalized or
    unknown variable is an `InputError`): rank n then depends on ranks < n alone. Per rank, the
    boxes and diamonds take their values from the earlier ranks of their bodies; the equations
    are evaluated with them (no variable is reachable outside a box), and then the body of every
    box and diamond with the new values of the variables, for the ranks to come.
    """
    nodes: list[Formula] = []
    seen: set[Formula] = set()
    for name, root in equations.items():
        for node in outer_nodes(root):
            if node.op == ATOM:
                raise InputError(
                    f"equation for {name} is not modalized: {node.label} is outside a box"
                )
        for node in postorder(root):
            if node not in seen:
                seen.add(node)
                nodes.append(node)
    for node in nodes:
        if node.op == ATOM and node.label not in equations:
            raise InputError(f"unknown variable {node.label!r} in the system")
        if node.op in MODAL and node.label is not None:
            raise InputError("theory-indexed modalities cannot be evaluated on the linear frame")
    bodies = list(dict.fromkeys(node.args[0] for node in nodes if node.op in MODAL))
    history: dict[Formula, list[bool]] = {body: [] for body in bodies}  # values at ranks < n
    value: dict[Formula, bool] = {}  # this rank's values (the fold's memo, cleared per rank)

    def binary(node: Formula, args: tuple[bool, ...]) -> bool:
        return _CONNECTIVES[node.op](args[0], args[1])

    # Boxes and diamonds are leaves of the walk (`_outer`): their bodies' values at this rank
    # are not needed, only those at earlier ranks. A variable is read from its equation's value,
    # which is known by the time a box's body is walked.
    table: dict[str, Callable[[Formula, tuple[bool, ...]], bool]] = {
        ATOM: lambda node, args: value[equations[str(node.label)]],
        TOP: lambda node, args: True,
        BOT: lambda node, args: False,
        NOT: lambda node, args: not args[0],
        BOX: lambda node, args: all(history[node.args[0]]),
        DIA: lambda node, args: any(history[node.args[0]]),
        **dict.fromkeys(_CONNECTIVES, binary),
    }
    walk = "the linear-frame semantics of a system"
    rows: list[dict[str, bool]] = []
    for _ in range(ranks):
        value.clear()
        for root in equations.values():
            fold(root, table, memo=value, enter=_outer, name=walk)
        now = [fold(body, table, memo=value, enter=_outer, name=walk) for body in bodies]
        for body, v in zip(bodies, now, strict=True):  # (after the walk: it reads ranks < n)
            history[body].append(v)
        rows.append({name: value[root] for name, root in equations.items()})
    return rows
