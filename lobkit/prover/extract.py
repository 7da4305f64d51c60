"""Countermodel extraction: the worlds the search built, as a finite `Countermodel`.

Relations are computed from the labelled edges of the search graph by the logic's semantics:
for K, (a, b) ∈ R_S iff an edge a →T b with T extending S; for GL and K4, (a, c) ∈ R_S iff a
path of edges leads from a to c whose last edge is labelled by a T extending S.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.logic import Logic, Theory
from lobkit.prover.search import World

__all__ = ["extract", "shrink"]


def extract(root: World, logic: Logic, theories: Iterable[Theory]) -> Countermodel:
    """Name the worlds reachable from `root` (preorder: w0, w1, …) and compute the relations."""
    names: dict[int, str] = {}
    order: list[World] = []
    stack = [root]
    while stack:
        w = stack.pop()
        if id(w) in names:
            continue
        names[id(w)] = f"w{len(order)}"
        order.append(w)
        for _, child in reversed(w.children):
            if id(child) not in names:
                stack.append(child)
    edges: list[tuple[str, Theory, str]] = []
    seen_edges: set[tuple[str, Theory, str]] = set()
    for w in order:
        for t, child in w.children:
            e = (names[id(w)], t, names[id(child)])
            if e not in seen_edges:
                seen_edges.add(e)
                edges.append(e)
    labels = {t for _, t, _ in edges}
    all_theories = set(theories) | labels | set(logic.theories())
    if not all_theories:
        all_theories = {None}
    worlds = tuple(names[id(w)] for w in order)
    out_edges: dict[str, list[tuple[Theory, str]]] = {w: [] for w in worlds}
    for a, t, b in edges:
        out_edges[a].append((t, b))
    relations: dict[Theory, set[tuple[str, str]]] = {s: set() for s in all_theories}
    for a in worlds:
        if logic.frame == "K":
            sources = [a]
        else:  # every world reachable from a (a included): a path ending in the last edge
            seen = {a}
            todo = [a]
            while todo:
                x = todo.pop()
                for _, y in out_edges[x]:
                    if y not in seen:
                        seen.add(y)
                        todo.append(y)
            sources = list(seen)
        for b in sources:
            for t, c in out_edges[b]:
                for s in all_theories:
                    if logic.extends_theory(t, s):
                        relations[s].add((a, c))
    valuation = {names[id(w)]: w.atoms for w in order}
    return Countermodel(
        worlds,
        worlds[0],
        {s: frozenset(p) for s, p in relations.items()},
        valuation,
        tuple(edges),
    )


def shrink(
    model: Countermodel, still_refutes: Callable[[Countermodel], bool], max_worlds: int = 400
) -> Countermodel:
    """Drop leaf worlds while `still_refutes` the smaller model: the search builds a successor
    for every false box, also for boxes the refutation does not need, and a small countermodel
    is the one a person can read. Leaves go in groups, halved when a group is needed (Zeller's
    delta debugging, 2002): all of them at once first, then halves, quarters, … one at a
    time, so a model most of whose leaves can go costs a few checks, not one per leaf
    (k_ph_n(19): 172 worlds). Each pass ends trying every remaining leaf alone, so no single
    leaf of the result can be dropped. Left alone above `max_worlds` worlds."""
    if len(model.worlds) > max_worlds:
        return model
    changed = True
    while changed:  # a pass tries every leaf; removals may make new leaves for the next pass
        changed = False
        leaves = list(reversed(model.leaves()))
        size = len(leaves)
        while leaves and size:
            needed: list[str] = []
            for lo in range(0, len(leaves), size):
                group = leaves[lo : lo + size]
                smaller = _without(model, set(group))
                if still_refutes(smaller):
                    model, changed = smaller, True
                else:
                    needed += group
            leaves = needed
            size = 0 if size == 1 else (size + 1) // 2
    return model.renamed()


def _without(model: Countermodel, gone: set[str]) -> Countermodel:
    """`model` without the leaves `gone` (each as `Countermodel.without` removes one)."""
    if len(gone) == 1:
        return model.without(next(iter(gone)))
    return Countermodel(
        tuple(w for w in model.worlds if w not in gone),
        model.root,
        {
            t: frozenset(p for p in pairs if p[0] not in gone and p[1] not in gone)
            for t, pairs in model.relations.items()
        },
        {w: atoms for w, atoms in model.valuation.items() if w not in gone},
        tuple(e for e in model.edges if e[0] not in gone and e[2] not in gone),
    )
