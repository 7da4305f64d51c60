"""Modal agents and modal combat (LaVictoire et al. 2014, "Robust Cooperation in the Prisoner's
Dilemma: Program Equilibrium via Provability Logic").

>>> from lobkit.agents import combat, FairBot, PrudentBot, CooperateBot
>>> combat(PrudentBot, CooperateBot).letters
('D', 'C')
"""

from __future__ import annotations

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
from lobkit.agents.combat import CombatResult, combat, round_robin, verify_result
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
