"""Spec → the prover's `Logic`: theory inclusions, public axioms, and reflection instances.

Each theory T of a file has its own GL box `[T]` (Yudkowsky & Herreshoff 2013, §3: the agent's
proof system is a theory of arithmetic, `[T]` its provability predicate). What goes in:

* `theory T extends S` ⇒ `[S]φ → [T]φ`: an inclusion of the prover's `Logic.extends`.
* `axiom ax` of T ⇒ the global premise `[T]ax`. Axioms are public (what T proves is known to
  every theory), but `ax` itself is *not* assumed: soundness is never slipped in silently.
* `reflect S` in T ⇒ T proves `[S]X → X` for every X. A schema cannot be a frame condition
  (a frame validating `[T]([S]p → p)` with R_T ⊆ R_S has R_T empty, making T look inconsistent),
  so it is instantiated, as global premises `[T]([S]X → X)`, on a finite closure: ⊥, every
  goal, every `action → goal` of the file's agents, the subformulas of every theory's axioms,
  and the subformulas of the query. Every answer reports the instances it was given.

The axioms' subformulas are needed for the verdicts to be right: without them
`S { axiom q }`, `U { reflect S; axiom ~q }` looks consistent, though in arithmetic
U ⊢ Pr_S(q) (a true Σ1 sentence, q being an axiom of S) and U ⊢ Pr_S(q) → q (reflection),
so U ⊢ q and, with its axiom ~q, U ⊢ ⊥.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lobkit.formula import Formula, bot, box, implies, postorder, theories_of
from lobkit.prover import Logic
from lobkit.tiling.spec import Spec

__all__ = ["QueryLogic", "closure", "reflection_instances", "query_logic"]


@dataclass(frozen=True)
class QueryLogic:
    """The logic one query is decided in, and the reflection instances it contains."""

    logic: Logic
    instances: tuple[Formula, ...]


def base_closure(spec: Spec) -> tuple[Formula, ...]:
    """⊥, each agent's goal and each `action → goal`, and the subformulas of every axiom:
    the file's part of the closure."""
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
    return tuple(items)


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
    boxed = [*queries, *base_closure(spec)]  # goals inside reflection instances box theories
    todo = [t for q in boxed for t in theories_of(q) if t is not None and t in spec.theories]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        theory = spec.theories[name]
        todo += theory.extends
        todo += theory.reflects
        for ax in theory.axioms:
            todo += [t for t in theories_of(ax) if t is not None and t in spec.theories]
    return frozenset(seen)


def query_logic(spec: Spec, queries: Iterable[Formula]) -> QueryLogic:
    """The `Logic` for deciding `queries` in `spec`: frame, inclusions, axioms, instances
    (restricted to the theories relevant to the queries, see `relevant_theories`)."""
    queries = tuple(queries)
    relevant = relevant_theories(spec, queries)
    part = Spec(
        {n: t for n, t in spec.theories.items() if n in relevant},
        spec.agents,
        (),
        spec.frame,
        spec.path,
    )
    extends: dict[str | None, frozenset[str | None]] = {
        name: frozenset(t.extends) for name, t in spec.theories.items()
    }
    instances = reflection_instances(part, closure(spec, queries))
    premises = axiom_premises(part) + spec.premises + instances
    return QueryLogic(Logic(spec.frame, extends, premises), instances)
