"""TheoryFile → the prover's `Logic`, under the file's arithmetic reading (`lobkit.tiling.reading`).

Each theory T is its reflection part R_T plus the sentence A_T (its axioms); `[T]φ` is
`[R_T](α_T → φ)` by the formalised deduction theorem. What a goal's logic holds:

* one box per reflection part, PA's plain box `[]` below every one (PA ⊆ every theory), the
  parts' inclusions decided by `Reading.inclusions`;
* the definitions α_T ↔ A_T(α) of the α's the goal needs (the diagonal lemma) and the file's
  `premise` lines, as global premises (they are PA-provable, so true and known everywhere);
* reflection instances `[R]([S]X → X)` for the pairs (R, S) — R reflects S — and X in the
  file's closure: the schema cannot be a frame condition, so it is instantiated, on demand
  (the counterexample-guided refinement of `lobkit.tiling.oracle`).

The file's closure (`file_closure`) is one per file, so the answers of one file are answers
in one logic and cohere: ⊥, each agent's goal and `action → goal`, the sub-formulas of every
theory's axioms and of the premises, each theory's consistency statement, and the sub-formulas
of every goal the file's statements ask (a `depth` asks every link) — all translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from lobkit.formula import Formula, atom, bot, box, implies, neg, postorder
from lobkit.kernel import Logic
from lobkit.tiling.reading import Label, Reading, reading
from lobkit.tiling.theory_file import (
    AgentDef,
    ChainQuery,
    ConsistentQuery,
    DepthQuery,
    ProveQuery,
    SoundQuery,
    TheoryFile,
)

__all__ = [
    "QueryLogic",
    "Closure",
    "file_closure",
    "query_logic",
    "licensing_condition",
    "link_goals",
]


@dataclass(frozen=True)
class QueryLogic:
    """The logic one goal is decided in, and the reflection instances it contains."""

    logic: Logic
    instances: tuple[Formula, ...]


def licensing_condition(parent: AgentDef, child: AgentDef, action: str) -> Formula:
    """`[T_C](a → G_C) → (a → G_P)`: what the parent's theory must prove to license `action`
    (Yudkowsky & Herreshoff 2013, §2)."""
    a = atom(action)
    return implies(box(implies(a, child.goal), theory=child.theory), implies(a, parent.goal))


def link_goals(parent: AgentDef, child: AgentDef) -> tuple[Formula, ...]:
    """The goals a link decides: the parent's inconsistency, then one condition per action."""
    return (box(bot, theory=parent.theory),) + tuple(
        box(licensing_condition(parent, child, a), theory=parent.theory) for a in child.actions
    )


def file_goals(spec: TheoryFile) -> tuple[Formula, ...]:
    """Every goal the file's statements ask the prover (`depth`: every link among the
    agents, since its search may consult any), untranslated."""
    goals: dict[Formula, None] = {}
    agents = spec.agents
    for query in spec.queries:
        if isinstance(query, ProveQuery):
            f = query.formula
            goals[f if query.theory is None else box(f, theory=query.theory)] = None
        elif isinstance(query, ConsistentQuery | SoundQuery):
            goals[box(bot, theory=query.theory)] = None
        elif isinstance(query, ChainQuery):
            for a, b in zip(query.agents, query.agents[1:], strict=False):
                goals.update(dict.fromkeys(link_goals(agents[a], agents[b])))
        elif isinstance(query, DepthQuery):
            for parent in agents.values():
                for child in agents.values():
                    goals.update(dict.fromkeys(link_goals(parent, child)))
    return tuple(goals)


@dataclass(frozen=True, eq=False)
class Closure:
    """A finite closure: translated formulas X and reflection pairs (R, S) (part R reflects
    theory S); its instances are `[R]([S]X → X)` (translated) for every pair and every X."""

    formulas: tuple[Formula, ...]
    pairs: tuple[tuple[Label, str], ...]
    reading: Reading = field(compare=False, repr=False)
    # The closure this one extends (`with_goal`): its formulas are a prefix of these, so
    # work done per closure (`lobkit.tiling.refine`'s compiled evaluator) can be extended.
    base: Closure | None = field(default=None, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.formulas) * len(self.pairs)

    def with_goal(self, goal: Formula) -> Closure:
        """The closure with the sub-formulas of the translated `goal` added."""
        extra = [f for f in postorder(goal) if f not in self._members]
        if not extra:
            return self
        return Closure(self.formulas + tuple(dict.fromkeys(extra)), self.pairs, self.reading, self)

    @cached_property
    def _members(self) -> frozenset[Formula]:
        return frozenset(self.formulas)

    def instances(self) -> tuple[Formula, ...]:
        return tuple(self.reading.instance(r, s, x) for r, s in self.pairs for x in self.formulas)

    def to_json(self) -> dict[str, list[str] | list[list[str | None]]]:
        return {
            "formulas": [str(x) for x in self.formulas],
            "reflections": [[r, s] for r, s in self.pairs],
        }


def file_closure(spec: TheoryFile) -> Closure:
    """The file's closure (translated), one per file."""
    read = reading(spec)
    items: dict[Formula, None] = {bot: None}
    sources: list[Formula] = []
    for agent in spec.agents.values():
        sources += [agent.goal, *agent.action_goals()]
    sources += [d.args[1] for d in read.definitions.values()]  # the axioms, translated
    sources += list(read.user_premises)
    sources += [read.translate(neg(box(bot, theory=name))) for name in spec.theories]
    for f in sources:
        items.update(dict.fromkeys(postorder(f)))
    for goal in file_goals(spec):
        # smallest first (stable): deterministic, and no printing
        items.update(dict.fromkeys(sorted(postorder(read.translate(goal)), key=lambda f: f.size)))
    return Closure(tuple(items), read.pairs, read)


def query_logic(read: Reading, goal: Formula, instances: Iterable[Formula] = ()) -> QueryLogic:
    """The `Logic` for deciding the translated `goal`: the frame, the inclusions among the
    boxes that occur, the definitions the α's need and the file's premises, and `instances`."""
    instances = tuple(dict.fromkeys(instances))
    premises = read.premises_for((goal, *instances)) + instances
    labels = {t for f in (goal, *premises) for t in read.boxes(f)}
    extends = read.extends_map(labels)
    return QueryLogic(Logic(read.spec.frame, extends, premises), instances)


def relevant_labels(read: Reading, goal: Formula) -> frozenset[Label]:
    """The boxes a translated goal and the premises it needs mention."""
    return frozenset(t for f in (goal, *read.premises_for((goal,))) for t in read.boxes(f))
