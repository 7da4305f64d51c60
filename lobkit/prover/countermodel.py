"""Countermodels: the worlds the search built, as a finite Kripke model, with renderings.

Relations are computed from the labelled edges of the search graph by the logic's semantics:
for K, (a, b) ∈ R_S iff an edge a →T b with T extending S; for GL and K4, (a, c) ∈ R_S iff a
path of edges leads from a to c whose last edge is labelled by a T extending S.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lobkit.kripke import KripkeModel
from lobkit.prover.logic import Logic, Theory
from lobkit.prover.search import World

__all__ = ["Countermodel", "extract", "shrink"]


def _tname(theory: Theory) -> str:
    return "□" if theory is None else theory


@dataclass(frozen=True)
class Countermodel:
    """A finite model whose `root` refutes the formula (and where every premise holds).

    `worlds` are named w0, w1, … (w0 the root), `relations` maps each theory (None: the plain
    box) to its set of pairs, `valuation` maps each world to the atoms true there, `edges` are
    the labelled steps the search took (the relations are generated from them).
    """

    worlds: tuple[str, ...]
    root: str
    relations: dict[Theory, frozenset[tuple[str, str]]]
    valuation: dict[str, frozenset[str]]
    edges: tuple[tuple[str, Theory, str], ...] = ()

    @property
    def relation(self) -> frozenset[tuple[str, str]]:
        """The plain box's relation (single-box logics)."""
        return self.relations.get(None, frozenset())

    def leaves(self) -> list[str]:
        """Worlds other than the root that the search left without successors."""
        inner = {a for a, _, _ in self.edges}
        return [w for w in self.worlds if w != self.root and w not in inner]

    def without(self, world: str) -> Countermodel:
        """The model with the leaf `world` removed: the relations stay those that the remaining
        edges generate (no path runs through a leaf), and an induced submodel keeps every
        frame condition (transitivity, irreflexivity, inclusions)."""
        return Countermodel(
            tuple(w for w in self.worlds if w != world),
            self.root,
            {
                t: frozenset(p for p in pairs if world not in p)
                for t, pairs in self.relations.items()
            },
            {w: atoms for w, atoms in self.valuation.items() if w != world},
            tuple(e for e in self.edges if world not in (e[0], e[2])),
        )

    def renamed(self) -> Countermodel:
        """The same model with its worlds named w0, w1, … in their order (root first)."""
        name = {w: f"w{i}" for i, w in enumerate(self.worlds)}
        if all(name[w] == w for w in self.worlds):
            return self
        return Countermodel(
            tuple(name[w] for w in self.worlds),
            name[self.root],
            {
                t: frozenset((name[a], name[b]) for a, b in pairs)
                for t, pairs in self.relations.items()
            },
            {name[w]: atoms for w, atoms in self.valuation.items()},
            tuple((name[a], t, name[b]) for a, t, b in self.edges),
        )

    def kripke(self) -> KripkeModel:
        """As a `lobkit.kripke.KripkeModel` (for independent model checking)."""
        return KripkeModel(self.worlds, dict(self.relations), dict(self.valuation))

    def _sorted_pairs(self, pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
        order = {w: i for i, w in enumerate(self.worlds)}
        return [[a, b] for a, b in sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))]

    def to_json(self) -> dict[str, Any]:
        """`{"worlds", "root", "relation" | "relations", "valuation"}` (see docs/prover.md)."""
        out: dict[str, Any] = {"worlds": list(self.worlds), "root": self.root}
        if set(self.relations) <= {None}:
            out["relation"] = self._sorted_pairs(self.relation)
        else:
            out["relations"] = {
                ("" if t is None else t): self._sorted_pairs(p)
                for t, p in sorted(self.relations.items(), key=lambda kv: str(kv[0] or ""))
            }
        out["valuation"] = {w: sorted(self.valuation.get(w, ())) for w in self.worlds}
        return out

    def render_text(self) -> str:
        """Worlds with their true atoms and their successors, one per line."""
        lines = []
        multi = not set(self.relations) <= {None}
        for w in self.worlds:
            atoms = ", ".join(sorted(self.valuation.get(w, ()))) or "-"
            mark = " (root)" if w == self.root else ""
            lines.append(f"{w}{mark}: {atoms}")
            for t, pairs in sorted(self.relations.items(), key=lambda kv: str(kv[0] or "")):
                succ = [b for a, b in self._sorted_pairs(pairs) if a == w]
                if succ:
                    label = f" [{_tname(t)}]" if multi else ""
                    lines.append(f"  ->{label} {', '.join(succ)}")
        return "\n".join(lines)

    def to_dot(self) -> str:
        """Graphviz DOT: the search's edges (the relations are their closures), true atoms."""
        lines = ["digraph countermodel {", "  rankdir=TB;", "  node [shape=box];"]
        for w in self.worlds:
            atoms = ", ".join(sorted(self.valuation.get(w, ())))
            label = f"{w}\\n{atoms}" if atoms else w
            style = ", penwidth=2" if w == self.root else ""
            lines.append(f'  {w} [label="{label}"{style}];')
        multi = not set(self.relations) <= {None}
        for a, t, b in self.edges:
            extra = f' [label="{_tname(t)}"]' if multi else ""
            lines.append(f"  {a} -> {b}{extra};")
        lines.append("}")
        return "\n".join(lines)

    def _repr_svg_(self) -> str:
        """Jupyter: the model drawn (matplotlib, no extra install)."""
        from lobkit.render.kripke_plot import countermodel_svg

        return countermodel_svg(self)

    def _repr_html_(self) -> str:
        """Jupyter prefers HTML to SVG, so the HTML shows the picture and the text."""
        return f"{self._repr_svg_()}<pre>{html.escape(self.render_text())}</pre>"

    def __str__(self) -> str:
        return self.render_text()

    def __repr__(self) -> str:
        return f"Countermodel({json.dumps(self.to_json())})"


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
    """Drop leaf worlds, one at a time, while `still_refutes` the smaller model: the search
    builds a successor for every false box, also for boxes the refutation does not need, and a
    small countermodel is the one a person can read. Left alone above `max_worlds` worlds."""
    if len(model.worlds) > max_worlds:
        return model
    changed = True
    while changed:  # a pass tries every leaf; removals may make new leaves for the next pass
        changed = False
        for leaf in reversed(model.leaves()):
            smaller = model.without(leaf)
            if still_refutes(smaller):
                model, changed = smaller, True
    return model.renamed()
