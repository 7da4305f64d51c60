"""Modal agents and modal combat (LaVictoire et al. 2014, "Robust Cooperation in the Prisoner's
Dilemma: Program Equilibrium via Provability Logic").

>>> from lobkit.agents import combat, FairBot, PrudentBot, CooperateBot
>>> combat(PrudentBot, CooperateBot).letters
('D', 'C')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Exports load on first use (PEP 562), so `import lobkit.agents.combat_file` for a game
# of MIRI's language does not pay for numpy, the .agents grammar or the combat engine.
_EXPORTS = {
    "ME": "lobkit.agents.agent",
    "THEM": "lobkit.agents.agent",
    "ModalAgent": "lobkit.agents.agent",
    "helper_atom": "lobkit.agents.agent",
    "numeral_box": "lobkit.agents.agent",
    "numeral_diamond": "lobkit.agents.agent",
    "BUILTINS": "lobkit.agents.builtins",
    "CooperateBot": "lobkit.agents.builtins",
    "DefectBot": "lobkit.agents.builtins",
    "FairBot": "lobkit.agents.builtins",
    "PrudentBot": "lobkit.agents.builtins",
    "TrollBot": "lobkit.agents.builtins",
    "UnfairBot": "lobkit.agents.builtins",
    "builtin": "lobkit.agents.builtins",
    "fair_bot_k": "lobkit.agents.builtins",
    "Trace": "lobkit.agents.frame",
    "frame_trace": "lobkit.agents.frame",
    "AgentFile": "lobkit.agents.loader",
    "Match": "lobkit.agents.loader",
    "define_agent": "lobkit.agents.loader",
    "load_agents": "lobkit.agents.loader",
    "parse_agents": "lobkit.agents.loader",
    "letterless_fixed_point": "lobkit.agents.solution",
    "System": "lobkit.agents.system",
    "build_system": "lobkit.agents.system",
    "VerificationFailed": "lobkit.errors",
}

# `combat` names both a submodule and its function: import the function now, so that loading
# the submodule later cannot leave the module object in its place.
from lobkit.agents.combat import CombatResult, combat, round_robin, verify_result  # noqa: E402

if TYPE_CHECKING:  # the names as the type checker sees them
    from lobkit.agents.agent import ME, THEM, ModalAgent, helper_atom, numeral_box, numeral_diamond
    from lobkit.agents.builtins import (
        BUILTINS,
        CooperateBot,
        DefectBot,
        FairBot,
        PrudentBot,
        TrollBot,
        UnfairBot,
        builtin,
        fair_bot_k,
    )
    from lobkit.agents.frame import Trace, frame_trace
    from lobkit.agents.loader import AgentFile, Match, define_agent, load_agents, parse_agents
    from lobkit.agents.solution import letterless_fixed_point
    from lobkit.agents.system import System, build_system
    from lobkit.errors import VerificationFailed

__all__ = [
    "ME",
    "THEM",
    "ModalAgent",
    "helper_atom",
    "numeral_box",
    "numeral_diamond",
    "BUILTINS",
    "CooperateBot",
    "DefectBot",
    "FairBot",
    "PrudentBot",
    "TrollBot",
    "UnfairBot",
    "builtin",
    "fair_bot_k",
    "CombatResult",
    "System",
    "Trace",
    "VerificationFailed",
    "build_system",
    "combat",
    "frame_trace",
    "letterless_fixed_point",
    "round_robin",
    "verify_result",
    "AgentFile",
    "Match",
    "define_agent",
    "load_agents",
    "parse_agents",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
