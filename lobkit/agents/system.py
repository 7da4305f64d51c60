"""The joint fixed-point system of a match: one modalized equation per move the match needs.

For X against Y there is a variable per ordered pair "P's move against Q" that the match needs:
X(Y), Y(X), and for each helper H of either side the opponent's move against H (PrudentBot asks
how its opponent does against DefectBot), closed under the same rule. P(Q) gets the equation
P(Q) ↔ φ_P[me := P(Q), them := Q(P), them_H := Q(H)] (LaVictoire et al. 2014, §3). Every
equation is modalized, so by the fixed-point theorem for systems (de Jongh-Sambin; Boolos, *The
Logic of Provability*, ch. 9) it has a unique solution made of letterless sentences.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from lobkit.agents.agent import ME, THEM, ModalAgent
from lobkit.formula import Formula, atom, substitute

__all__ = ["System", "build_system"]


@dataclass(frozen=True)
class System:
    """Modalized equations `atoms[i] ↔ equations[i]`; `labels[i]` says which move it is.

    The atoms are `x0, x1, …`; `labels[i]` reads "P(Q)": P's move against Q (true: cooperate).
    """

    atoms: tuple[str, ...]
    labels: tuple[str, ...]
    equations: tuple[Formula, ...]

    def __len__(self) -> int:
        return len(self.atoms)

    @property
    def max_depth(self) -> int:
        return max((e.modal_depth for e in self.equations), default=0)

    def to_json(self) -> list[dict[str, str]]:
        return [
            {"variable": a, "move": label, "equation": str(e)}
            for a, label, e in zip(self.atoms, self.labels, self.equations, strict=True)
        ]


def build_system(left: ModalAgent, right: ModalAgent) -> tuple[System, int, int]:
    """The system of left vs right; returns it with the indices of left(right) and right(left).

    Breadth-first over the pairs the equations mention, so the order is deterministic.
    """
    index: dict[tuple[ModalAgent, ModalAgent], int] = {}
    order: list[tuple[ModalAgent, ModalAgent]] = []
    queue: deque[tuple[ModalAgent, ModalAgent]] = deque()

    def var(p: ModalAgent, q: ModalAgent) -> Formula:
        key = (p, q)
        if key not in index:
            index[key] = len(order)
            order.append(key)
            queue.append(key)
        return atom(f"x{index[key]}")

    var(left, right)
    var(right, left)
    equations: dict[int, Formula] = {}
    while queue:
        p, q = queue.popleft()
        mapping: dict[str | Formula, Formula] = {ME: var(p, q), THEM: var(q, p)}
        for helper, agent in p.helpers:
            mapping[helper] = var(q, agent)  # "the opponent cooperates with the helper agent"
        equations[index[(p, q)]] = substitute(p.formula, mapping)
    labels = _labels(order)
    n = len(order)
    system = System(tuple(f"x{i}" for i in range(n)), labels, tuple(equations[i] for i in range(n)))
    return system, index[(left, right)], index[(right, left)]


def _labels(order: Sequence[tuple[ModalAgent, ModalAgent]]) -> tuple[str, ...]:
    """ "P(Q)" labels; distinct agents sharing a name get #1, #2 suffixes."""
    names: dict[ModalAgent, str] = {}
    by_name: dict[str, list[ModalAgent]] = {}
    for pair in order:
        for agent in pair:
            group = by_name.setdefault(agent.name, [])
            if agent not in group:
                group.append(agent)
    for name, group in by_name.items():
        for i, agent in enumerate(group):
            names[agent] = name if len(group) == 1 else f"{name}#{i + 1}"
    return tuple(f"{names[p]}({names[q]})" for p, q in order)
