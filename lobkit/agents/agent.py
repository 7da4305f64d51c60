"""`ModalAgent`: a player of the open-source Prisoner's Dilemma given by one modal formula.

LaVictoire, Bárász, Christiano, Fallenstein, Herreshoff, Yudkowsky, "Robust Cooperation in the
Prisoner's Dilemma: Program Equilibrium via Provability Logic" (2014), §3: a *modal agent* is a
formula φ(them, helpers…) that is fully modalized in the opponent's action: every mention of
"the opponent cooperates with me" (`them`), of "I cooperate" (`me`) and of "the opponent
cooperates with agent H" (a helper atom) lies under a box. The agent cooperates with an
opponent exactly when φ holds for that opponent.

Boxes indexed by a number are the paper's `[k]φ = □(¬□ᵏ⊥ → φ)`, provability in PA + Conᵏ(PA);
`numeral_box` builds them (the formula itself only contains plain boxes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lobkit.errors import InputError
from lobkit.formula import (
    BOX,
    DIA,
    Formula,
    atoms_of,
    bot,
    box,
    implies,
    is_modalized_in,
    neg,
    postorder,
)

__all__ = ["ME", "THEM", "ModalAgent", "numeral_box", "numeral_diamond", "helper_atom"]

ME = "me"
"""The atom for "this agent cooperates with its opponent" (MIRI's `a` / `Me(Them)=C`)."""
THEM = "them"
"""The atom for "the opponent cooperates with this agent" (MIRI's `b` / `Them(Me)=C`)."""


def numeral_box(formula: Formula, k: int) -> Formula:
    """`[k]φ = □(¬□ᵏ⊥ → φ)`: provable in PA + Conᵏ(PA) (the paper's notation; `[0]φ = □φ`)."""
    if k < 0:
        raise ValueError("a numeral box needs k >= 0")
    if k == 0:
        return box(formula)
    return box(implies(neg(box(bot, k)), formula))


def numeral_diamond(formula: Formula, k: int) -> Formula:
    """`<k>φ = ¬[k]¬φ`: consistent with PA + Conᵏ(PA) (MIRI's `diak`)."""
    return neg(numeral_box(neg(formula), k))


def helper_atom(agent_name: str) -> str:
    """The atom standing for "the opponent cooperates with `agent_name`": `them_<name>`.

    The name keeps its case (`them_DefectBot`), so the atom names the agent exactly.
    """
    if not agent_name.replace("_", "a").isalnum():
        raise InputError(f"not an agent name: {agent_name!r}")
    return "them_" + agent_name


@dataclass(frozen=True)
class ModalAgent:
    """A named modal agent: `formula` over `me`, `them` and helper atoms.

    `helpers` maps each helper atom to the agent it stands for: the atom means "the opponent
    cooperates with that agent" (PrudentBot's "the opponent defects against DefectBot").
    Agents are immutable values; equal definitions compare equal.

    >>> from lobkit.formula import atom
    >>> str(ModalAgent("FairBot", box(atom("them"))).formula)
    '[]them'
    """

    name: str
    formula: Formula
    helpers: tuple[tuple[str, ModalAgent], ...] = field(default=())
    description: str = field(default="", compare=False)

    def __init__(
        self,
        name: str,
        formula: Formula,
        helpers: Mapping[str, ModalAgent] | tuple[tuple[str, ModalAgent], ...] = (),
        description: str = "",
    ) -> None:
        pairs = tuple(sorted(dict(helpers).items()))
        setter = object.__setattr__
        setter(self, "name", name)
        setter(self, "formula", formula)
        setter(self, "helpers", pairs)
        setter(self, "description", description)
        self._check()

    def _check(self) -> None:
        if not self.name or not self.name.replace("_", "a").isalnum():
            raise InputError(f"not an agent name: {self.name!r}")
        known = {ME, THEM, *(h for h, _ in self.helpers)}
        for h, agent in self.helpers:
            if h in (ME, THEM):
                raise InputError(f"agent {self.name}: {h!r} cannot name a helper")
            if not isinstance(agent, ModalAgent):
                raise InputError(f"agent {self.name}: helper {h!r} is not a ModalAgent")
        unknown = sorted(atoms_of(self.formula) - known)
        if unknown:
            raise InputError(
                f"agent {self.name}: unknown variable {unknown[0]!r} "
                "(use them, me, or a helper such as them(DefectBot))"
            )
        for node in postorder(self.formula):
            if node.op in (BOX, DIA) and node.label is not None:
                raise InputError(f"agent {self.name}: theory-indexed boxes are not allowed")
        if not is_modalized_in(self.formula):
            raise InputError(
                f"agent {self.name} is not fully modalized: every mention of an agent's "
                "action must lie under a box (the paper's definition of a modal agent)"
            )

    @property
    def helper_map(self) -> dict[str, ModalAgent]:
        """`helpers` as a dictionary."""
        return dict(self.helpers)

    @property
    def depth(self) -> int:
        """Modal depth of the definition (boxes of `[k]` counted as written out)."""
        return self.formula.modal_depth

    def __str__(self) -> str:
        return f"{self.name} = {self.formula}"
