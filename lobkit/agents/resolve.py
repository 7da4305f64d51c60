"""Agent definitions to agents: each definition's helper names (`them(X)`) resolved to agents
of the same file, then to the caller's known agents, then to the built-ins, depth-first; a
cycle of helpers is rejected with the chain it went round.

The parser (`lobkit.agents.loader`) produces `Definition`s; this module knows no syntax.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lobkit import formula as F
from lobkit.agents.agent import ME, THEM, ModalAgent
from lobkit.agents.builtins import builtin
from lobkit.errors import InputError
from lobkit.formula import Formula, atoms_of, substitute

__all__ = ["Definition", "Resolver"]

# The formula variables for the two players; MIRI's ModalCombat.hs names them `a` (me) and
# `b` (them).
_VARIABLES = {"them": THEM, "b": THEM, "me": ME, "a": ME}


@dataclass(frozen=True)
class Definition:
    """An agent as the file wrote it: its name, its formula over player variables and
    `them_X` helper atoms, and where it was defined (for error messages)."""

    name: str
    formula: Formula
    location: str


class Resolver:
    """Turns definitions into agents, resolving helper names depth-first (cycles rejected)."""

    def __init__(self, definitions: Mapping[str, Definition], known: Mapping[str, ModalAgent]):
        self.definitions = definitions
        self.known = known
        self.done: dict[str, ModalAgent] = {}
        self.active: list[str] = []

    def lookup(self, name: str, location: str) -> ModalAgent:
        if name in self.definitions:
            return self.agent(name)
        if name in self.known:
            return self.known[name]
        try:
            return builtin(name)
        except InputError as error:
            raise InputError(error.message, location) from None

    def agent(self, name: str) -> ModalAgent:
        if name in self.done:
            return self.done[name]
        definition = self.definitions[name]
        if name in self.active:
            cycle = " -> ".join([*self.active[self.active.index(name) :], name])
            raise InputError(
                f"helper agents refer to each other in a cycle: {cycle}", definition.location
            )
        self.active.append(name)
        mapping: dict[str | Formula, Formula] = {}
        helpers: dict[str, ModalAgent] = {}
        for variable in sorted(atoms_of(definition.formula)):
            if variable in _VARIABLES:
                mapping[variable] = F.atom(_VARIABLES[variable])
            elif variable.startswith("them_"):
                helpers[variable] = self.lookup(variable[len("them_") :], definition.location)
            else:
                raise InputError(
                    f"agent {name}: unknown variable {variable!r} "
                    "(use them, me, or them(Agent) for the opponent against another agent)",
                    definition.location,
                )
        self.active.pop()
        try:
            agent = ModalAgent(name, substitute(definition.formula, mapping), helpers)
        except InputError as error:
            raise InputError(error.message, definition.location) from None
        self.done[name] = agent
        return agent
