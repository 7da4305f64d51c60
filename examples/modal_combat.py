"""Modal combat from Python: built-ins, a user-defined agent, an agent file, a round robin.

.venv/bin/python examples/modal_combat.py
"""

from __future__ import annotations

from pathlib import Path

from lobkit.agents import (
    BUILTINS,
    CooperateBot,
    DefectBot,
    FairBot,
    ModalAgent,
    PrudentBot,
    combat,
    define_agent,
    load_agents,
    numeral_box,
    round_robin,
)
from lobkit.formula import atom, box, conj, neg

# The paper's headline results (each verified by the GL prover).
for left, right in [(FairBot, FairBot), (PrudentBot, FairBot), (PrudentBot, CooperateBot)]:
    print(combat(left, right))

# A new agent in Python: PrudentBot with PA + Con^2 for the DefectBot test.
them, vs_db = atom("them"), atom("them_DefectBot")
cautious = ModalAgent(
    "CautiousBot", conj(box(them), numeral_box(neg(vs_db), 2)), {"them_DefectBot": DefectBot}
)
print(combat(cautious, PrudentBot))
# The same agent from text.
print(define_agent("CautiousBot", "[]them & [2]~them(DefectBot)") == cautious)

# An agent file in MIRI's notation, and the matches it asks for.
agents = load_agents(Path(__file__).parent / "agents" / "miri_base.agents")
for match in agents.matches:
    print(combat(agents.agents[match.left], agents.agents[match.right]))

# PrudentBot is never exploited by a built-in.
table = round_robin(list(BUILTINS.values()))
print(all(table[("PrudentBot", b)].letters != ("C", "D") for b in BUILTINS))
