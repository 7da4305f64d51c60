"""The built-in modal agents of the literature, each with its source.

Definitions follow LaVictoire et al. 2014 ("Robust Cooperation in the Prisoner's Dilemma", §3-§5)
and MIRI's modal-combat tool (`machine-intelligence/provability`, `src/base.env`: DB, CB, FB, PB,
TB). UnfairBot is the agent of the LessWrong discussion of the paper (2013): it cooperates with
X iff PA proves that X defects against it, □¬them.
"""

from __future__ import annotations

from lobkit.agents.agent import THEM, ModalAgent, helper_atom, numeral_box
from lobkit.formula import atom, bot, box, conj, neg, top

__all__ = [
    "CooperateBot",
    "DefectBot",
    "FairBot",
    "fair_bot_k",
    "PrudentBot",
    "TrollBot",
    "UnfairBot",
    "BUILTINS",
    "builtin",
]

_them = atom(THEM)

CooperateBot = ModalAgent("CooperateBot", top, description="always cooperates: ⊤")
DefectBot = ModalAgent("DefectBot", bot, description="always defects: ⊥")
FairBot = ModalAgent(
    "FairBot", box(_them), description="cooperates iff PA proves the opponent cooperates: □them"
)


def fair_bot_k(k: int) -> ModalAgent:
    """FairBot_k: cooperates iff PA + Conᵏ(PA) proves the opponent cooperates, `[k]them`."""
    return ModalAgent(
        f"FairBot_{k}",
        numeral_box(_them, k),
        description=f"cooperates iff PA+Con^{k} proves the opponent cooperates: [{k}]them",
    )


_vs_db = helper_atom(DefectBot.name)
# Paper §5 (Definition of PrudentBot): cooperate iff PA ⊢ X(PB)=C and PA+Con(PA) ⊢ X(DB)=D.
PrudentBot = ModalAgent(
    "PrudentBot",
    conj(box(_them), numeral_box(neg(atom(_vs_db)), 1)),
    {_vs_db: DefectBot},
    description="□them ∧ [1]¬them(DefectBot): cooperates iff PA proves the opponent cooperates "
    "and PA+Con(PA) proves it defects against DefectBot",
)
# Paper §7: TrollBot cooperates with X iff PA ⊢ X(DB)=C (punishes agents that are fair).
TrollBot = ModalAgent(
    "TrollBot",
    box(atom(_vs_db)),
    {_vs_db: DefectBot},
    description="□them(DefectBot): cooperates iff PA proves the opponent cooperates with DefectBot",
)
UnfairBot = ModalAgent(
    "UnfairBot",
    box(neg(_them)),
    description="□¬them: cooperates iff PA proves the opponent defects against it",
)

BUILTINS: dict[str, ModalAgent] = {
    a.name: a
    for a in (
        CooperateBot,
        DefectBot,
        FairBot,
        fair_bot_k(1),
        fair_bot_k(2),
        PrudentBot,
        TrollBot,
        UnfairBot,
    )
}
"""The round-robin line-up: the bots of the issue (FairBot_k for k = 1, 2)."""

_ALIASES = {
    "CB": "CooperateBot",
    "DB": "DefectBot",
    "FB": "FairBot",
    "PB": "PrudentBot",
    "TB": "TrollBot",
    "UB": "UnfairBot",
}


MAX_K = 1000
"""The largest k of `FairBot_k` and of `[k]` / `<k>` in agent files (PA + Con^k(PA))."""


def builtin(name: str) -> ModalAgent:
    """A built-in by name (`FairBot`, `FairBot_3`, MIRI's short names `FB`, `PB`, …)."""
    name = _ALIASES.get(name, name)
    if name in BUILTINS:
        return BUILTINS[name]
    from lobkit.errors import InputError
    from lobkit.limits import parse_count

    prefix = "FairBot_"
    if name.startswith(prefix) and name[len(prefix) :].isdigit():
        k = parse_count(name[len(prefix) :], f"the k of {prefix}k", MAX_K, minimum=0)
        return fair_bot_k(k)

    known = ", ".join([*BUILTINS, "FairBot_k"])
    raise InputError(f"unknown agent {name!r} (built-ins: {known})")
