"""Spec → the prover's `Logic`: theory inclusions, public axioms, and reflection instances.

Each theory T of a file has its own GL box `[T]` (Yudkowsky & Herreshoff 2013, §3: the agent's
proof system is a theory of arithmetic, `[T]` its provability predicate). What goes in:

* `theory T extends S` ⇒ `[S]φ → [T]φ`: an inclusion of the prover's `Logic.extends`.
* `axiom ax` of T ⇒ the global premise `[T]ax`. Axioms are public (what T proves is known to
  every theory), but `ax` itself is *not* assumed: soundness is never slipped in silently.
* `reflect S` in T ⇒ T proves `[S]X → X` for every X. A schema cannot be a frame condition
  (a frame validating `[T]([S]p → p)` with R_T ⊆ R_S has R_T empty, making T look inconsistent),
  so it is instantiated, as global premises `[T]([S]X → X)`, on a finite closure: ⊥, every
  goal, every `action → goal` of the file's agents, the subformulas of every theory's axioms
  and of the file's premises, the consistency statements `~[U]⊥`, and the subformulas of the
  query. Every answer reports the instances it was given.

The file's closure (`file_closure`) is the union of these over every goal the file's
statements ask (a `depth` asks every link): one closure per file, so that the answers of one
file are answers in one logic and cohere. `lobkit.tiling.checker` decides each goal with the
query's own, smaller closure and refines it with the file's instances a countermodel violates
(counterexample-guided), which gives exactly the answer under the file's closure.

The axioms' subformulas are needed for the verdicts to be right: without them
`S { axiom q }`, `U { reflect S; axiom ~q }` looks consistent, though in arithmetic
U ⊢ Pr_S(q) (a true Σ1 sentence, q being an axiom of S) and U ⊢ Pr_S(q) → q (reflection),
so U ⊢ q and, with its axiom ~q, U ⊢ ⊥.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast
from weakref import WeakKeyDictionary

from lobkit.formula import Formula, atom, bot, box, implies, neg, postorder, theories_of
from lobkit.kernel import Logic
from lobkit.tiling.spec import (
    AgentDef,
    ChainQuery,
    ConsistentQuery,
    DepthQuery,
    ProveQuery,
    Spec,
)

__all__ = [
    "QueryLogic",
    "reach",
    "Closure",
    "closure",
    "file_closure",
    "reflection_instances",
    "query_logic",
    "licensing_condition",
    "link_goals",
    "relevant_theories",
]


@dataclass(frozen=True)
class QueryLogic:
    """The logic one query is decided in, and the reflection instances it contains."""

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


def file_goals(spec: Spec) -> tuple[Formula, ...]:
    """Every goal the file's statements ask the prover (`depth`: every link among the
    agents, since its search may consult any)."""
    goals: dict[Formula, None] = {}
    agents = spec.agents
    for query in spec.queries:
        if isinstance(query, ProveQuery):
            f = query.formula
            goals[f if query.theory is None else box(f, theory=query.theory)] = None
        elif isinstance(query, ConsistentQuery):
            goals[box(bot, theory=query.theory)] = None
        elif isinstance(query, ChainQuery):
            for a, b in zip(query.agents, query.agents[1:], strict=False):
                goals.update(dict.fromkeys(link_goals(agents[a], agents[b])))
        elif isinstance(query, DepthQuery):
            for parent in agents.values():
                for child in agents.values():
                    goals.update(dict.fromkeys(link_goals(parent, child)))
    return tuple(goals)


def consistency_statements(spec: Spec) -> tuple[Formula, ...]:
    """`~[U]⊥` for every theory U of the file."""
    return tuple(neg(box(bot, theory=name)) for name in spec.theories)


def base_closure(spec: Spec, *, consistency: bool = True) -> tuple[Formula, ...]:
    """⊥, each agent's goal and each `action → goal`, the subformulas of every axiom and
    premise, and the consistency statements: the file's part of every query's closure.
    Memoised per spec (a spec is immutable; every query of a `depth` asks for it)."""
    memo = _memo(spec)
    key = ("base_closure", consistency)
    if key not in memo:
        memo[key] = _base_closure(spec, consistency)
    return cast("tuple[Formula, ...]", memo[key])


def _memo(spec: Spec) -> dict[object, object]:
    memo = _MEMO.get(spec)
    if memo is None:
        memo = _MEMO[spec] = {}
    return memo


# Values computed once per spec, dropped with it.
_MEMO: WeakKeyDictionary[Spec, dict[object, object]] = WeakKeyDictionary()


def _base_closure(spec: Spec, consistency: bool) -> tuple[Formula, ...]:
    items: dict[Formula, None] = {bot: None}
    for agent in spec.agents.values():
        items[agent.goal] = None
        for formula in agent.action_goals():
            items[formula] = None
    for theory in spec.theories.values():
        for axiom in theory.axioms:
            items.update(dict.fromkeys(postorder(axiom)))
    for premise in spec.premises:
        items.update(dict.fromkeys(postorder(premise)))
    for statement in consistency_statements(spec) if consistency else ():
        items.update(dict.fromkeys(postorder(statement)))
    return tuple(items)


@dataclass(frozen=True, eq=False)
class Closure:
    """A finite closure: the formulas X and the reflection pairs (T, S) (`T` reflects `S`);
    its instances are `[T]([S]X → X)` for every pair and every X."""

    formulas: tuple[Formula, ...]
    pairs: tuple[tuple[str, str], ...]
    # The closure this one extends (`with_goal`): its formulas are a prefix of these, so
    # work done per closure (`lobkit.tiling.refine`'s compiled evaluator) can be extended.
    base: Closure | None = field(default=None, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.formulas) * len(self.pairs)

    def with_goal(self, goal: Formula) -> Closure:
        """The closure with the sub-formulas of `goal` added (a goal not asked in the file)."""
        extra = [f for f in postorder(goal) if f not in self._members]
        if not extra:
            return self
        return Closure(self.formulas + tuple(dict.fromkeys(extra)), self.pairs, self)

    @cached_property
    def _members(self) -> frozenset[Formula]:
        # cached: `with_goal` asks for it once per goal decided, and a `depth` query's
        # closure holds every link's goals (made once per query, not once per link)
        return frozenset(self.formulas)

    def instances(self) -> tuple[Formula, ...]:
        return tuple(
            box(implies(box(x, theory=s), x), theory=t)
            for t, s in self.pairs
            for x in self.formulas
        )

    def to_json(self) -> dict[str, list[str] | list[list[str]]]:
        return {
            "formulas": [str(x) for x in self.formulas],
            "reflections": [[t, s] for t, s in self.pairs],
        }


def reflection_pairs(spec: Spec) -> tuple[tuple[str, str], ...]:
    """(T, S) for every `reflect S` of every theory T."""
    return tuple((t.name, s) for t in spec.theories.values() for s in t.reflects)


def file_closure(spec: Spec) -> Closure:
    """The file's closure: the base closure and the sub-formulas of every goal the file asks."""
    return Closure(closure(spec, file_goals(spec)), reflection_pairs(spec))


def closure(spec: Spec, queries: Iterable[Formula]) -> tuple[Formula, ...]:
    """The formulas X whose reflection instances `[S]X → X` a query gets, in a stable order."""
    items: dict[Formula, None] = dict.fromkeys(base_closure(spec))
    for query in queries:
        # Smallest first; ties keep the left-to-right postorder (stable sort): deterministic,
        # and no printing — sorting by printed strings made long formulas quadratic.
        for sub in sorted(postorder(query), key=lambda f: f.size):
            items[sub] = None
    return tuple(items)


def reflection_instances(spec: Spec, xs: Iterable[Formula]) -> tuple[Formula, ...]:
    """`[T]([S]X → X)` for every `reflect S` of every theory T and every X in `xs`."""
    xs = tuple(xs)
    out: list[Formula] = []
    for theory in spec.theories.values():
        for reflected in theory.reflects:
            for x in xs:
                out.append(box(implies(box(x, theory=reflected), x), theory=theory.name))
    return tuple(out)


def axiom_premises(spec: Spec) -> tuple[Formula, ...]:
    """`[T]ax` for every axiom `ax` of every theory T (public axioms, not assumed true)."""
    return tuple(
        box(ax, theory=theory.name) for theory in spec.theories.values() for ax in theory.axioms
    )


def relevant_theories(spec: Spec, queries: Iterable[Formula]) -> frozenset[str]:
    """The theories whose axioms and reflection can bear on `queries`.

    Start from the theories boxed in the queries and the agents' goals; add every theory a
    relevant theory extends (its theorems are the relevant one's), and every theory boxed in
    a relevant theory's axioms or reflected by it. Premises `[U]Y` for the other theories U
    change no answer: dropping premises loses no countermodel, and a countermodel of the
    rest has no step labelled by U or by a theory extending U (that theory, hence U, would
    be relevant), so R_U is empty there and every `[U]Y` holds. Dropping them keeps reports
    short and the prover fast.
    """
    # goals inside reflection instances box theories (the consistency statements box every
    # theory, and are left out: a violated one is added by the checker's refinement)
    memo = _memo(spec)
    if "file_boxes" not in memo:
        memo["file_boxes"] = {
            t for f in base_closure(spec, consistency=False) for t in theories_of(f)
        }
    boxed = {t for q in queries for t in theories_of(q)} | cast(
        "set[str | None]", memo["file_boxes"]
    )
    return frozenset(t for t in reach(spec, boxed) if t is not None)


def reach(spec: Spec, start: Iterable[str | None]) -> frozenset[str | None]:
    """The theories in `start` and, from each, every theory it extends, reflects or boxes in
    an axiom, transitively (the plain box `None` kept when met; names the file does not
    define dropped): what a theory's theorems can depend on."""
    todo = [t for t in start if t is None or t in spec.theories]
    seen: set[str | None] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name is None:
            continue
        theory = spec.theories[name]
        todo += [t for t in (*theory.extends, *theory.reflects) if t in spec.theories]
        for ax in theory.axioms:
            todo += [t for t in theories_of(ax) if t is None or t in spec.theories]
    return frozenset(seen)


def query_logic(
    spec: Spec, queries: Iterable[Formula], extra: Iterable[Formula] = (), *, seed: bool = True
) -> QueryLogic:
    """The `Logic` for deciding `queries` in `spec`: frame, inclusions, axioms, the instances
    of the queries' closure (unless `seed` is False), restricted to the theories relevant to
    the queries (see `relevant_theories`), and the `extra` instances a refinement added."""
    queries = tuple(queries)
    relevant = relevant_theories(spec, queries)
    part = Spec(
        {n: t for n, t in spec.theories.items() if n in relevant},
        spec.agents,
        (),
        spec.frame,
        spec.path,
    )
    # Inclusions of the relevant theories only: no other theory occurs in the goal or the
    # premises, so the rest are conservative (see `relevant_theories`) and only slow the
    # countermodel checks, whose frame conditions range over every pair of theories.
    extends: dict[str | None, frozenset[str | None]] = {
        name: frozenset(t.extends) for name, t in part.theories.items()
    }
    instances = reflection_instances(part, closure(spec, queries)) if seed else ()
    known = set(instances)
    instances += tuple(i for i in dict.fromkeys(extra) if i not in known)
    premises = axiom_premises(part) + spec.premises + instances
    return QueryLogic(Logic(spec.frame, extends, premises), instances)
