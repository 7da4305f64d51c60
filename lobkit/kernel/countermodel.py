"""Countermodels as data: the finite Kripke model refuting a formula (its pictures are
registered renderers, reached through `lobkit.display`).

`Countermodel.kripke()` hands the model to the kernel's model checker (`lobkit.kernel.kripke`);
`lobkit.prover.extract` builds countermodels from the search's worlds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lobkit.errors import InputError
from lobkit.formula import Displayable
from lobkit.kernel.kripke import KripkeModel
from lobkit.kernel.logic import Theory
from lobkit.kernel.proof import _collector_paused

if TYPE_CHECKING:
    from lobkit.formula import Formula
    from lobkit.kernel.logic import Logic

__all__ = ["Countermodel"]


def _is_atom_name(name: str) -> bool:
    """An atom's name as `lobkit.formula.atom` accepts it: a lowercase identifier."""
    return (
        bool(name)
        and name[0].islower()
        and name.replace("_", "a").isalnum()
        and name not in ("true", "false")
    )


def _tname(theory: Theory) -> str:
    return "□" if theory is None else theory


@dataclass(frozen=True)
class Countermodel(Displayable):
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
    # What it refutes, for the explained pictures (set by `prove`; not part of equality)
    formula: Formula | None = field(default=None, compare=False, repr=False)
    logic: Logic | None = field(default=None, compare=False, repr=False)

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
        """As a `lobkit.kernel.kripke.KripkeModel` (for independent model checking)."""
        return KripkeModel(self.worlds, dict(self.relations), dict(self.valuation))

    def _successor_lists(self, pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
        """Each world's successors in world order (grouped once: linear up to small sorts)."""
        order = {w: i for i, w in enumerate(self.worlds)}
        rows: dict[int, list[int]] = {}
        for a, b in pairs:
            rows.setdefault(order[a], []).append(order[b])
        worlds = self.worlds
        return {worlds[i]: [worlds[j] for j in sorted(rows[i])] for i in sorted(rows)}

    def _sorted_pairs(self, pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
        return [[a, b] for a, bs in self._successor_lists(pairs).items() for b in bs]

    def to_json(self) -> dict[str, Any]:
        """`{"worlds", "root", "relations", "valuation"}` (see docs/prover.md).

        `relations` maps each box to its pairs — `""` for the plain box, a theory's name for
        an indexed one — whatever the logic: one stable key for programs to read."""
        with _collector_paused():  # many small lists, no cycle among them
            out: dict[str, Any] = {"worlds": list(self.worlds), "root": self.root}
            relations = dict(self.relations) or {None: frozenset()}
            out["relations"] = {
                ("" if t is None else t): self._sorted_pairs(p)
                for t, p in sorted(relations.items(), key=lambda kv: str(kv[0] or ""))
            }
            out["valuation"] = {w: sorted(self.valuation.get(w, ())) for w in self.worlds}
        return out

    @classmethod
    def from_json(cls, data: Any) -> Countermodel:
        """The countermodel that `to_json` wrote (a dict, or its JSON text): the inverse of
        `to_json` up to the search's edge labels (every pair becomes an edge). Malformed data
        is an `InputError` naming the field, e.g. `relations[""][2]: unknown world 'w9'`."""
        import json  # (only when reading or printing: checking a model never needs it)

        if isinstance(data, str | bytes):
            try:
                data = json.loads(data)
            except ValueError as error:
                raise InputError(f"not JSON: {error}", "countermodel") from None
        if not isinstance(data, dict):
            raise InputError("a countermodel is a JSON object", "countermodel")
        worlds = data.get("worlds")
        if not isinstance(worlds, list) or not worlds:
            raise InputError("`worlds` must be a non-empty list of names", "countermodel")
        for i, w in enumerate(worlds):
            if not isinstance(w, str) or not w:
                raise InputError(f"a world is a non-empty string, not {w!r}", f"worlds[{i}]")
        if len(set(worlds)) != len(worlds):
            twice = next(w for i, w in enumerate(worlds) if w in worlds[:i])
            raise InputError(f"the world {twice!r} is listed twice", "worlds")
        known = set(worlds)
        root = data.get("root", worlds[0])
        if root not in known:
            raise InputError(f"unknown world {root!r}", "root")
        raw_relations = data.get("relations", {})
        if not isinstance(raw_relations, dict):
            raise InputError("`relations` maps each box to a list of pairs", "relations")
        relations: dict[Theory, frozenset[tuple[str, str]]] = {}
        edges: list[tuple[str, Theory, str]] = []
        for key, pairs in raw_relations.items():
            where = f"relations[{json.dumps(key)}]"
            if not isinstance(pairs, list):
                raise InputError("a relation is a list of [from, to] pairs", where)
            theory: Theory = None if key == "" else key
            found: set[tuple[str, str]] = set()
            for i, pair in enumerate(pairs):
                if not (isinstance(pair, list | tuple) and len(pair) == 2):
                    raise InputError(f"a pair is [from, to], not {pair!r}", f"{where}[{i}]")
                for w in pair:
                    if w not in known:
                        raise InputError(f"unknown world {w!r}", f"{where}[{i}]")
                a, b = pair
                if (a, b) not in found:
                    found.add((a, b))
                    edges.append((a, theory, b))
            relations[theory] = frozenset(found)
        raw_valuation = data.get("valuation", {})
        if not isinstance(raw_valuation, dict):
            raise InputError("`valuation` maps each world to its true atoms", "valuation")
        valuation: dict[str, frozenset[str]] = {w: frozenset() for w in worlds}
        for w, atoms in raw_valuation.items():
            if w not in known:
                raise InputError(f"unknown world {w!r}", "valuation")
            if not isinstance(atoms, list) or not all(
                isinstance(a, str) and _is_atom_name(a) for a in atoms
            ):
                raise InputError(
                    "a world's atoms are a list of lowercase identifiers", f"valuation[{w!r}]"
                )
            valuation[w] = frozenset(atoms)
        names: list[str] = [root] + [w for w in worlds if w != root]
        return cls(tuple(names), str(root), relations, valuation, tuple(edges))

    def render_text(self) -> str:
        """Worlds with their true atoms and their successors, one per line (each relation's
        pairs sorted once and grouped by world: linear in the model, up to the sort)."""
        lines = []
        multi = not set(self.relations) <= {None}
        theories = sorted(self.relations, key=lambda t: str(t or ""))
        succ = {t: self._successor_lists(self.relations[t]) for t in theories}
        for w in self.worlds:
            atoms = ", ".join(sorted(self.valuation.get(w, ()))) or "-"
            mark = " (root)" if w == self.root else ""
            lines.append(f"{w}{mark}: {atoms}")
            for t in theories:
                targets = succ[t].get(w)
                if targets:
                    label = f" [{_tname(t)}]" if multi else ""
                    lines.append(f"  ->{label} {', '.join(targets)}")
        return "\n".join(lines)

    def to_dot(self) -> str:
        """Graphviz DOT of the explained model (`lobkit.render.countermodel_text`)."""
        return str(self.render_as("dot"))

    def to_tikz(self) -> str:
        """A TikZ picture of the explained model (`lobkit.render.countermodel_text`)."""
        return str(self.render_as("tikz"))

    def to_svg(self) -> str:
        """SVG text of the explained model (`lobkit.render.kripke_plot`, matplotlib)."""
        return str(self.render_as("svg"))

    def to_png(self) -> bytes:
        """PNG bytes of the explained model (`lobkit.render.kripke_plot`, matplotlib)."""
        data: bytes = self.render_as("png")
        return data

    def plot(self, path: str | Path | None = None) -> Any:
        """The explained model as a matplotlib Figure (also written to `path` as PNG)."""
        return self.render_as("figure", path=path)

    def __str__(self) -> str:
        return self.render_text()

    def __repr__(self) -> str:
        import json

        return f"Countermodel({json.dumps(self.to_json())})"
