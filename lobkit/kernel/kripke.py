"""Finite Kripke models: an independent model checker and frame-condition checker.

This module deliberately shares nothing with the prover's search: it evaluates formulas by the
textbook clauses (one accessibility relation per theory, `None` for the plain box) and checks
frame conditions directly on the relations. The prover re-checks every countermodel here before
returning it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lobkit.formula import AND, ATOM, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula, fold
from lobkit.kernel.logic import Logic

__all__ = ["KripkeModel", "evaluate", "truth_set", "check_frame", "holds_everywhere"]

WorldName = str  # a world of a finite model is named by a string
Theory = str | None


@dataclass(frozen=True)
class KripkeModel:
    """Worlds, one relation per theory (missing theory = empty relation), and a valuation.

    `valuation[w]` is the set of atoms true at world `w`.
    """

    worlds: tuple[WorldName, ...]
    relations: Mapping[Theory, frozenset[tuple[WorldName, WorldName]]]
    valuation: Mapping[WorldName, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        worlds: Iterable[WorldName],
        relations: Mapping[Theory, Iterable[tuple[WorldName, WorldName]]],
        valuation: Mapping[WorldName, Iterable[str]],
    ) -> KripkeModel:
        """Construct from plain collections (lists of pairs, lists of atom names)."""
        ws = tuple(worlds)
        return cls(
            ws,
            {t: frozenset((a, b) for a, b in pairs) for t, pairs in relations.items()},
            {w: frozenset(valuation.get(w, ())) for w in ws},
        )

    def successors(self, theory: Theory) -> dict[WorldName, set[WorldName]]:
        """Adjacency lists of R_theory."""
        adj: dict[WorldName, set[WorldName]] = {w: set() for w in self.worlds}
        for a, b in self.relations.get(theory, frozenset()):
            adj.setdefault(a, set()).add(b)
        return adj


def truth_set(model: KripkeModel, formula: Formula) -> frozenset[WorldName]:
    """The worlds where `formula` holds: the textbook clauses, one per operator, bottom-up over
    the distinct sub-formulas (`fold`, no recursion)."""
    every = frozenset(model.worlds)
    adjacency: dict[Theory, dict[WorldName, set[WorldName]]] = {}
    Sets = tuple[frozenset[WorldName], ...]

    def successors(theory: Theory) -> dict[WorldName, set[WorldName]]:
        if theory not in adjacency:
            adjacency[theory] = model.successors(theory)
        return adjacency[theory]

    def atom(node: Formula, _: Sets) -> frozenset[WorldName]:
        return frozenset(w for w in model.worlds if node.label in model.valuation.get(w, ()))

    def box(node: Formula, a: Sets) -> frozenset[WorldName]:
        adj = successors(node.label)
        return frozenset(w for w in model.worlds if adj.get(w, set()) <= a[0])

    def dia(node: Formula, a: Sets) -> frozenset[WorldName]:
        adj = successors(node.label)
        return frozenset(w for w in model.worlds if adj.get(w, set()) & a[0])

    return fold(
        formula,
        {
            ATOM: atom,
            TOP: lambda n, a: every,
            BOT: lambda n, a: frozenset(),
            NOT: lambda n, a: every - a[0],
            AND: lambda n, a: a[0] & a[1],
            OR: lambda n, a: a[0] | a[1],
            IMP: lambda n, a: (every - a[0]) | a[1],
            IFF: lambda n, a: (a[0] & a[1]) | (every - a[0] - a[1]),
            BOX: box,
            DIA: dia,
        },
        name="truth_set",
    )


def evaluate(model: KripkeModel, formula: Formula, world: WorldName) -> bool:
    """Whether `formula` is true at `world` of `model`."""
    if world not in model.worlds:
        raise ValueError(f"no world {world!r} in the model")
    return world in truth_set(model, formula)


def holds_everywhere(model: KripkeModel, formula: Formula) -> bool:
    """Whether `formula` is true at every world (global truth, as for premises)."""
    return truth_set(model, formula) == frozenset(model.worlds)


def _transitive_closure(
    pairs: Iterable[tuple[WorldName, WorldName]],
) -> set[tuple[WorldName, WorldName]]:
    adj: dict[WorldName, set[WorldName]] = {}
    for a, b in pairs:
        adj.setdefault(a, set()).add(b)
    closure: set[tuple[WorldName, WorldName]] = set()
    for start in list(adj):
        seen: set[WorldName] = set()
        stack = list(adj[start])
        while stack:
            w = stack.pop()
            if w in seen:
                continue
            seen.add(w)
            stack.extend(adj.get(w, ()))
        closure.update((start, w) for w in seen)
    return closure


def check_frame(
    model: KripkeModel, logic: Logic | str, theories: Iterable[Theory] = ()
) -> list[str]:
    """The frame conditions of `logic` that `model` violates (empty list: a frame of the logic).

    For every theory S, T among the model's relations, `theories` and the logic's:
    K: R_T ⊆ R_S when T extends S. K4: also R_T ; R_S ⊆ R_S (hence each R_S transitive).
    GL: also each R_S irreflexive (with transitivity on a finite frame: conversely
    well-founded).
    """
    lg = Logic.coerce(logic)
    names: set[Theory] = set(model.relations) | set(theories) | set(lg.theories())
    if not names:
        names = {None}
    rel = {t: set(model.relations.get(t, frozenset())) for t in names}
    problems: list[str] = []
    worlds = set(model.worlds)
    for t, pairs in rel.items():
        for a, b in pairs:
            if a not in worlds or b not in worlds:
                problems.append(f"R[{t}] relates unknown worlds {a!r}, {b!r}")
    for t in sorted(names, key=str):
        for s in sorted(names, key=str):
            if t != s and lg.extends_theory(t, s) and not rel[t] <= rel[s]:
                problems.append(f"R[{t}] ⊄ R[{s}] although {t} extends {s}")
    if lg.frame in ("GL", "K4"):
        for t in sorted(names, key=str):
            for s in sorted(names, key=str):
                succ_s: dict[WorldName, set[WorldName]] = {}
                for a, b in rel[s]:
                    succ_s.setdefault(a, set()).add(b)
                for a, b in rel[t]:
                    missing = succ_s.get(b, set()) - succ_s.get(a, set())
                    if missing:
                        c = sorted(missing)[0]
                        problems.append(
                            f"R[{t}];R[{s}] ⊄ R[{s}]: {a}→{b}→{c} but not {a}→{c} in R[{s}]"
                        )
                        break
    if lg.frame == "GL":
        for t in sorted(names, key=str):
            loops = sorted(a for a, b in rel[t] if a == b)
            if loops:
                problems.append(f"R[{t}] is reflexive at {loops[0]}")
        union = _transitive_closure(p for pairs in rel.values() for p in pairs)
        cyclic = sorted(a for a, b in union if a == b)
        if cyclic:
            problems.append(f"the relations have a cycle through {cyclic[0]}")
    return problems
