"""What a call of a definition of MIRI's language starts with (machine-intelligence/provability
src/Modal/Def.hs `makeContext`): its action and outcome lists — the code's literals must be
among them (`ensureEnumContains`), a call's `[…]` may reorder them (`matchEnumsR`) — and its
parameters' values, positional, then keyword, then defaults (`initialVariables`).
"""

from __future__ import annotations

import re

from lobkit.agents import language as L
from lobkit.agents.claims import word_type
from lobkit.errors import InputError

__all__ = ["INTEGER", "check_enumeration", "reorder", "dedupe", "call_variables"]

INTEGER = re.compile(r"-?[0-9]+")
"""A number as a value of the language (Haskell's `read` of an Int)."""


def check_enumeration(
    name: str, used: list[str], available: tuple[str, ...], what: str, where: str
) -> None:
    missing = sorted(set(used) - set(available))
    if missing:
        raise InputError(
            f"error while compiling {name}: {what} enumeration {{{', '.join(available)}}} "
            f"excludes {{{', '.join(missing)}}}, used in the code",
            where,
        )


def reorder(
    name: str, available: tuple[str, ...], given: tuple[str, ...], what: str, where: str
) -> tuple[str, ...]:
    """Def.hs matchEnumsR: a call may reorder a list (same elements), or leave it."""
    if not given:
        return available
    if not available:
        return given
    if set(available) != set(given):
        raise InputError(
            f"error while compiling {name}: {what} enumeration mismatch: "
            f"[{', '.join(available)}] / [{', '.join(given)}]",
            where,
        )
    return given


def dedupe(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def call_variables(
    definition: L.Def,
    call: L.Call,
    actions: tuple[str, ...],
    outcomes: tuple[str, ...],
    where: str,
) -> dict[str, tuple[str, object]]:
    """Def.hs initialVariables: positional arguments, then keyword ones, then defaults."""
    name, params = definition.name, definition.params
    if len(call.args) > len(params):
        raise InputError(
            f"error while compiling {name}: too many arguments: expected {len(params)}, "
            f"got {len(call.args)}",
            where,
        )
    known = {p.name for p in params}
    unknown = sorted(k for k, _ in call.kwargs if k not in known)
    if unknown:
        raise InputError(
            f"error while compiling {name}: unknown keyword arguments: {{{', '.join(unknown)}}}",
            where,
        )
    kwargs = dict(call.kwargs)
    variables: dict[str, tuple[str, object]] = {}
    for i, param in enumerate(params):
        value = kwargs.get(param.name, call.args[i] if i < len(call.args) else param.default)
        if value is None:
            raise InputError(
                f"error while compiling {name}: {param.kind} argument {param.name} not given",
                where,
            )
        if param.kind == "number":
            if not INTEGER.fullmatch(value):
                raise InputError(
                    f"error while compiling {name}: argument type mismatch for {param.name}: "
                    f"expected a number, got {value}",
                    where,
                )
            variables[param.name] = ("number", int(value))
            continue
        target = word_type(definition.kind, param.kind, param.location)
        table = actions if target == L.ACTION else outcomes
        if value not in table:
            raise InputError(
                f"error while compiling {name}: argument type mismatch for {param.name}: "
                f"expected one of {{{', '.join(table)}}}, got {value}",
                where,
            )
        variables[param.name] = (target, value)
    return variables
