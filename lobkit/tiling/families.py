"""Families of theories and agents: `theory T[k] for k in 0..8 { … }` and its members.

A family declaration stands for one ordinary declaration per value of its variable; member k
of family `T` is named `T_k` (and `T[k]` is another way to write that name, so `[T[3]]p` is
`[T_3]p`). This module evaluates index arithmetic (`k-1`, `2*k+1`) and guards (`if k > 0`)
for one member, names indexed theories, agents, atoms and actions, and instantiates a parsed
formula's placeholders (`[T[k-1]]`, `wait[k]`) into the member's formula. A declaration that
is not a family has one member with no variable, where an index must be constant.

Families let a file state the towers and chains of Yudkowsky & Herreshoff, "Tiling Agents for
Self-Modifying AI, and the Löbian Obstacle" (2013, §4 towers T_{k+1} = T_k + Refl(T_k), §5 the
descending chain T_n ⊢ Refl(T_{n+1})) and the κ-indexed theories of Fallenstein & Soares,
"Problems of self-reference in self-improving space-time embedded intelligence" (2014), at any
height, instead of writing each theory out.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lobkit.formula import ATOM, BOX, DIA, Formula, atom, box, diamond, fold, rebuild
from lobkit.tiling import parsed as P
from lobkit.tiling.spec import Location

__all__ = ["MAX_MEMBERS", "Member", "members", "evaluate", "holds", "name_of", "instantiate"]

MAX_MEMBERS = 10_000
"""The most members one family may have, and all of a file's families together: far past the
towers the checker decides in seconds, and a bound keeps `for k in 0..10000000` from
building millions of theories. More is bad input (exit 2), located at the range."""

_ARITHMETIC: Mapping[str, Callable[[int, int], int]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}
_COMPARE: Mapping[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
# Index values stay small: a product of large numbers is refused before it is computed.
_MAX_VALUE = 10**9


@dataclass(frozen=True)
class Member:
    """One member of a declaration: `T` (no family) or `T[k]` with k = `value`."""

    base: str
    variable: str | None = None
    value: int = 0

    @property
    def name(self) -> str:
        """The member's name: `T`, or `T_3` for k = 3."""
        return self.base if self.variable is None else f"{self.base}_{self.value}"

    def context(self) -> str:
        """Words for messages about this member: ' (in family T[k] with k = 3)' or ''."""
        if self.variable is None:
            return ""
        return f" (in family {self.base}[{self.variable}] with {self.variable} = {self.value})"


def members(name: str, family: P.Family | None, budget: list[int]) -> list[Member]:
    """The members of the declaration `name` with `family`; `budget` holds the number of
    family members the file may still declare (one list shared by the file's declarations)."""
    if family is None:
        return [Member(name)]
    count = family.high - family.low + 1
    if count > MAX_MEMBERS:
        raise P.LocatedError(
            f"the family {name}[{family.variable}] has {count:,} members; "
            f"at most {MAX_MEMBERS:,} are allowed",
            family.location,
        )
    if count > budget[0]:
        raise P.LocatedError(
            f"the family {name}[{family.variable}] brings the file's family members past "
            f"{MAX_MEMBERS:,} in all",
            family.location,
        )
    budget[0] -= count
    return [Member(name, family.variable, k) for k in range(family.low, family.high + 1)]


def evaluate(index: P.Index, member: Member, where: Location) -> int:
    """The value of `index` for `member` (its variable bound to the member's value); `where`
    locates an error about the whole expression (a value too large)."""
    if isinstance(index, P.Number):
        if index.value > _MAX_VALUE:
            raise P.LocatedError(f"the index {index} is past {_MAX_VALUE:,}", where)
        return index.value
    if isinstance(index, P.Variable):
        if index.name != member.variable:
            known = f"; this family's variable is '{member.variable}'" if member.variable else ""
            place = "here" if member.variable else "outside a family"
            raise P.LocatedError(
                f"unknown index variable '{index.name}' {place}{known}", index.location
            )
        return member.value
    left, right = evaluate(index.left, member, where), evaluate(index.right, member, where)
    value = _ARITHMETIC[index.op](left, right)
    if abs(value) > _MAX_VALUE:  # operands are at most _MAX_VALUE, so this stays cheap
        raise P.LocatedError(
            f"the index {index} is {value:,}{member.context()}; indexes are at most {_MAX_VALUE:,}",
            where,
        )
    return value


def holds(guard: P.Guard | None, member: Member) -> bool:
    """Whether `member` has the item that `guard` guards (no guard: every member has it)."""
    if guard is None:
        return True
    return all(
        _COMPARE[c.op](
            evaluate(c.left, member, guard.location), evaluate(c.right, member, guard.location)
        )
        for c in guard.comparisons
    )


def name_of(ref: P.Ref, member: Member) -> str:
    """The name `ref` stands for in `member`: `T`, or `T_2` for `T[k-1]` with k = 3."""
    if ref.index is None:
        return ref.name
    value = evaluate(ref.index, member, ref.location)
    if value < 0:
        raise P.LocatedError(
            f"the index of {ref.label} is {value}{member.context()}; indexes are natural "
            "numbers (guard the item, e.g. 'if k > 0')",
            ref.location,
        )
    return f"{ref.name}_{value}"


def instantiate(template: P.Template, member: Member) -> tuple[Formula, dict[P.NameUse, str]]:
    """The formula `template` stands for in `member`, and the name each use resolved to."""
    names = {use: name_of(use.ref, member) for use in template.uses}
    atoms = {u.ref.label: n for u, n in names.items() if u.kind == "atom"}
    theories = {u.ref.label: n for u, n in names.items() if u.kind == "theory"}
    if not any(use.ref.index is not None for use in template.uses):
        return template.formula, names  # no placeholder to replace

    def leaf(node: Formula, args: tuple[Formula, ...]) -> Formula:
        name = atoms.get(node.label or "")
        return atom(name) if name is not None else node

    def modal(node: Formula, args: tuple[Formula, ...]) -> Formula:
        label = theories.get(node.label or "", node.label)
        return (box if node.op == BOX else diamond)(args[0], theory=label)

    table = {ATOM: leaf, BOX: modal, DIA: modal}
    return fold(template.formula, table, default=rebuild, name="instantiate"), names
