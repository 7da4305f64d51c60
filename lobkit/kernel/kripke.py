"""Finite Kripke models: an independent model checker and frame-condition checker.

This module deliberately shares nothing with the prover's search: it evaluates formulas by the
textbook clauses (one accessibility relation per theory, `None` for the plain box) and checks
frame conditions directly on the relations. The prover re-checks every countermodel here before
returning it.

Sets of worlds are bit masks (Python integers, bit i for the i-th world) while a model has at
most `BITSET_WORLDS` worlds, and frozensets of world indices above that (where a row of bits
per world would cost memory quadratic in the worlds): both support the same ``&``, ``|`` and
complement-by-difference, so each clause below is written once. Evaluating a formula on a
model above `BITSET_WORLDS` worlds keeps bit masks for sets and reads each relation as a list
of pairs instead (one bit test per pair for a box; a frozenset per sub-formula would take
memory linear in the worlds for each, a gigabyte on k_branch_n(15)'s 65,535 worlds). With
masks, the box clause at every world and the transitivity check at every pair are a
word-parallel ``&`` — the countermodel of ``[]ⁿp``, a transitive chain of n + 1 worlds with
n²/2 pairs, is checked in O(n³/64) word operations instead of O(n³) set probes. `tick`, when
given, is called now and then, so a caller can bound checking a huge model by its deadline
(it raises to stop).

Long module: it is the kernel's one model checker, and the evaluator, its two set
representations and the frame checks read the same relation rows; split, each part would need
the others' private row format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    fold,
    postorder,
)
from lobkit.kernel.logic import Logic

__all__ = [
    "KripkeModel",
    "holds_at",
    "truth_set",
    "truth_sets",
    "check_frame",
    "holds_everywhere",
    "failing_premises",
    "BITSET_WORLDS",
]

WorldName = str  # a world of a finite model is named by a string
Theory = str | None
Tick = Callable[[], None] | None

BITSET_WORLDS = 1 << 14
"""Up to this many worlds, sets of worlds are bit masks (rows of at most 2 KB each)."""

_TICK_EVERY = 1 << 12  # worlds or pairs between two calls of `tick`


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


class _Sets:
    """Sets of the model's worlds, as bit masks or as frozensets of indices (see the module
    doc), and each relation as one row (the successor set) per world."""

    def __init__(
        self, model: KripkeModel, tick: Tick, bits: bool | None = None, *, sparse: bool = False
    ) -> None:
        self.model = model
        self.tick = tick
        self.n = n = len(model.worlds)
        self.index = {w: i for i, w in enumerate(model.worlds)}
        # `sparse`: sets of worlds as bit masks, but relations as lists of index pairs, not
        # rows (the box and diamond clauses then read each pair once): what evaluating a
        # formula on a model above `BITSET_WORLDS` worlds uses, in memory linear in the model
        self.sparse = sparse
        self.bits = True if sparse else (n <= BITSET_WORLDS if bits is None else bits)
        self._pairs: dict[Theory, tuple[list[int], list[int]]] = {}
        self._atoms: dict[str, list[int]] | None = None
        self.every: Any = (1 << n) - 1 if self.bits else frozenset(range(n))
        self.empty: Any = 0 if self.bits else frozenset()
        self._rows: dict[Theory, list[Any]] = {}

    def collect(self, indices: Iterable[int]) -> Any:
        """The set of the worlds with these indices."""
        if not self.bits:
            return frozenset(indices)
        raw = bytearray((self.n + 7) // 8)
        for i in indices:
            raw[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(raw, "little")

    def members(self, value: Any) -> list[int]:
        """The indices in a set, ascending."""
        if not self.bits:
            return sorted(value)
        return [i for i, bit in enumerate(reversed(bin(value)[2:])) if bit == "1"]

    def rows(self, theory: Theory) -> list[Any]:
        """Row i: the successors of world i under R_theory (pairs naming unknown worlds are
        left out; `check_frame` reports them)."""
        if theory not in self._rows:
            succ: list[list[int]] = [[] for _ in range(self.n)]
            find = self.index.get
            for a, b in self.model.relations.get(theory, frozenset()):
                i, j = find(a), find(b)
                if i is not None and j is not None:
                    succ[i].append(j)
            out = []
            for i, row in enumerate(succ):
                if self.tick is not None and i % _TICK_EVERY == 0:
                    self.tick()
                out.append(self.collect(row) if row else self.empty)
            self._rows[theory] = out
        return self._rows[theory]

    def true_at(self, atom: str | None) -> list[int]:
        """The indices of the worlds where `atom` is true (one pass over the valuation for
        every atom at once, not one pass over the worlds per atom)."""
        if self._atoms is None:
            self._atoms = {}
            valuation = self.model.valuation
            for i, w in enumerate(self.model.worlds):
                for name in valuation.get(w, ()):
                    self._atoms.setdefault(name, []).append(i)
        return self._atoms.get(atom, []) if atom is not None else []

    def pairs(self, theory: Theory) -> tuple[list[int], list[int]]:
        """R_theory as two lists, the sources' and the targets' indices (pairs naming unknown
        worlds are left out, as in `rows`)."""
        if theory not in self._pairs:
            sources: list[int] = []
            targets: list[int] = []
            find = self.index.get
            for a, b in self.model.relations.get(theory, frozenset()):
                i, j = find(a), find(b)
                if i is not None and j is not None:
                    sources.append(i)
                    targets.append(j)
            self._pairs[theory] = (sources, targets)
        return self._pairs[theory]

    def necessity(self, theory: Theory, body: Any) -> Any:
        """The worlds all of whose successors are in `body`."""
        outside = self.every - body
        if self.sparse:
            return self.every - self.possibility(theory, outside)
        chosen: list[int] = []
        for rows, lo in self._blocks(theory):
            chosen += [lo + i for i, row in enumerate(rows) if not row & outside]
        return self.collect(chosen)

    def possibility(self, theory: Theory, body: Any) -> Any:
        """The worlds with a successor in `body`."""
        chosen: list[int] = []
        if self.sparse:  # one bit test per pair, on the bytes of the mask
            view = body.to_bytes((self.n + 7) // 8, "little")
            sources, targets = self.pairs(theory)
            for lo in range(0, len(sources), _TICK_EVERY):
                if self.tick is not None:
                    self.tick()
                hi = lo + _TICK_EVERY
                chosen += [
                    a
                    for a, b in zip(sources[lo:hi], targets[lo:hi], strict=True)
                    if view[b >> 3] >> (b & 7) & 1
                ]
            return self.collect(chosen)
        for rows, lo in self._blocks(theory):
            chosen += [lo + i for i, row in enumerate(rows) if row & body]
        return self.collect(chosen)

    def _blocks(self, theory: Theory) -> Iterator[tuple[list[Any], int]]:
        """The rows of R_theory in blocks of `_TICK_EVERY` (with the first index of each),
        `tick` called before each block: a comprehension per block, no call per row."""
        rows, tick = self.rows(theory), self.tick
        if tick is None:
            yield rows, 0
            return
        for lo in range(0, len(rows), _TICK_EVERY):
            tick()
            yield rows[lo : lo + _TICK_EVERY], lo

    def names(self, value: Any) -> frozenset[WorldName]:
        worlds = self.model.worlds
        return frozenset(worlds[i] for i in self.members(value))


def _clauses(sets: _Sets) -> dict[str, Callable[[Formula, tuple[Any, ...]], Any]]:
    """The textbook clauses, one per operator, over `sets`' representation."""
    every = sets.every

    def atom(node: Formula, _: tuple[Any, ...]) -> Any:
        return sets.collect(sets.true_at(node.label))

    return {
        ATOM: atom,
        TOP: lambda n, a: every,
        BOT: lambda n, a: sets.empty,
        NOT: lambda n, a: every - a[0],
        AND: lambda n, a: a[0] & a[1],
        OR: lambda n, a: a[0] | a[1],
        IMP: lambda n, a: (every - a[0]) | a[1],
        IFF: lambda n, a: (a[0] & a[1]) | (every - (a[0] | a[1])),
        BOX: lambda n, a: sets.necessity(n.label, a[0]),
        DIA: lambda n, a: sets.possibility(n.label, a[0]),
    }


def _evaluating(model: KripkeModel, tick: Tick) -> _Sets:
    """The sets for evaluating formulas on `model`: bit masks and rows up to `BITSET_WORLDS`
    worlds, bit masks and pairs above (rows of bits would take memory quadratic in the
    worlds, sets of indices memory linear in the worlds per sub-formula)."""
    return _Sets(model, tick, sparse=len(model.worlds) > BITSET_WORLDS)


def _truth(sets: _Sets, formula: Formula) -> Any:
    """The worlds where `formula` holds, in `sets`' representation: bottom-up over the
    distinct sub-formulas (`fold`, no recursion)."""
    return fold(formula, _clauses(sets), name="truth_set")


def truth_set(model: KripkeModel, formula: Formula, *, tick: Tick = None) -> frozenset[WorldName]:
    """The worlds where `formula` holds (the textbook clauses; see the module doc)."""
    sets = _evaluating(model, tick)
    return sets.names(_truth(sets, formula))


def truth_sets(
    model: KripkeModel, formula: Formula, *, tick: Tick = None
) -> dict[Formula, frozenset[WorldName]]:
    """Every distinct sub-formula's truth set, from one bottom-up pass: what explaining a
    model needs (one `truth_set` call per sub-formula would be quadratic in the formula)."""
    sets = _evaluating(model, tick)
    clauses = _clauses(sets)
    memo: dict[Formula, Any] = {}
    for node in postorder(formula):
        memo[node] = clauses[node.op](node, tuple(memo[a] for a in node.args))
    return {f: sets.names(value) for f, value in memo.items()}


def holds_at(model: KripkeModel, formula: Formula, world: WorldName, *, tick: Tick = None) -> bool:
    """Whether `formula` is true at `world` of `model`."""
    if world not in model.worlds:
        raise ValueError(f"no world {world!r} in the model")
    sets = _evaluating(model, tick)
    value = _truth(sets, formula)
    i = sets.index[world]
    return bool(value >> i & 1) if sets.bits else i in value


def holds_everywhere(model: KripkeModel, formula: Formula, *, tick: Tick = None) -> bool:
    """Whether `formula` is true at every world (global truth, as for premises)."""
    sets = _evaluating(model, tick)
    return bool(_truth(sets, formula) == sets.every)


def failing_premises(
    model: KripkeModel, premises: Iterable[Formula], *, tick: Tick = None
) -> list[Formula]:
    """The premises that are not true at every world, in order, evaluated over one shared set
    of relation rows (a `holds_everywhere` per premise rebuilds every row for each one)."""
    sets = _evaluating(model, tick)
    return [premise for premise in premises if _truth(sets, premise) != sets.every]


def _on_cycles(
    nodes: Iterable[WorldName], pairs: Iterable[tuple[WorldName, WorldName]], tick: Tick
) -> set[WorldName]:
    """The nodes lying on a cycle of the graph: those of a strongly connected component with
    two or more nodes, or with a loop (Tarjan 1972, on an explicit stack: O(nodes + pairs))."""
    adj: dict[WorldName, list[WorldName]] = {w: [] for w in nodes}
    looped: set[WorldName] = set()
    for a, b in pairs:
        adj.setdefault(a, []).append(b)
        adj.setdefault(b, [])
        if a == b:
            looped.add(a)
    number: dict[WorldName, int] = {}
    low: dict[WorldName, int] = {}
    on_stack: set[WorldName] = set()
    stack: list[WorldName] = []
    cyclic = set(looped)
    for start in adj:
        if start in number:
            continue
        work = [(start, 0)]
        while work:
            v, k = work.pop()
            if k == 0:
                if tick is not None and len(number) % _TICK_EVERY == 0:
                    tick()
                number[v] = low[v] = len(number)
                stack.append(v)
                on_stack.add(v)
            succ = adj[v]
            if k < len(succ):
                work.append((v, k + 1))
                w = succ[k]
                if w not in number:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], number[w])
                continue
            if low[v] == number[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    cyclic.update(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return cyclic


def _composition_escape(
    sets: _Sets, rows_t: list[Any], rows_s: list[Any]
) -> tuple[int, int, int] | None:
    """The first (in world order) a →T b →S c with no a →S c, as indices, or None."""
    every, tick = sets.every, sets.tick
    for i, row in enumerate(rows_t):
        if tick is not None and i % 256 == 0:
            tick()
        if not row:
            continue
        outside = every - rows_s[i]
        for j in sets.members(row):
            missing = rows_s[j] & outside
            if missing:
                return i, j, sets.members(missing)[0]
    return None


def check_frame(
    model: KripkeModel, logic: Logic | str, theories: Iterable[Theory] = (), *, tick: Tick = None
) -> list[str]:
    """The frame conditions of `logic` that `model` violates (empty list: a frame of the logic).

    For every theory S, T among the model's relations, `theories` and the logic's:
    K: R_T ⊆ R_S when T extends S. K4: also R_T ; R_S ⊆ R_S (hence each R_S transitive).
    GL: also each R_S irreflexive (with transitivity on a finite frame: conversely
    well-founded), and no cycle through the relations together.
    """
    lg = Logic.coerce(logic)
    if lg.frame not in ("GL", "K4", "K"):  # the cube's single-box logics: lobkit.kernel.frames
        from lobkit.kernel.frames import frame_violations

        if set(model.relations) - {None}:
            return ["the logic has one box; the model has indexed relations"]
        pairs = model.relations.get(None, frozenset())
        return [str(v) for v in frame_violations(model.worlds, pairs, lg.frame)]
    names: set[Theory] = set(model.relations) | set(theories) | set(lg.theories())
    if not names:
        names = {None}
    order = sorted(names, key=str)
    rel = {t: model.relations.get(t, frozenset()) for t in names}
    problems: list[str] = []
    worlds = set(model.worlds)
    for t in order:
        for a, b in rel[t]:
            if a not in worlds or b not in worlds:
                problems.append(f"R[{t}] relates unknown worlds {a!r}, {b!r}")
    for t in order:
        for s in order:
            if t != s and lg.extends_theory(t, s) and not rel[t] <= rel[s]:
                problems.append(f"R[{t}] ⊄ R[{s}] although {t} extends {s}")
    if lg.frame in ("GL", "K4"):
        sets = _Sets(model, tick)
        names_of = model.worlds
        for t in order:
            rows_t = sets.rows(t)
            for s in order:
                rows_s = sets.rows(s)
                found = _composition_escape(sets, rows_t, rows_s)
                if found is not None:
                    a, b, c = (names_of[i] for i in found)
                    problems.append(
                        f"R[{t}];R[{s}] ⊄ R[{s}]: {a}→{b}→{c} but not {a}→{c} in R[{s}]"
                    )
    if lg.frame == "GL":
        for t in order:
            loops = sorted(a for a, b in rel[t] if a == b)
            if loops:
                problems.append(f"R[{t}] is reflexive at {loops[0]}")
        # Once every R_T;R_S ⊆ R_S holds and no relation is reflexive, no cycle is possible:
        # a cycle a₁ →T₁ a₂ … →Tₖ a₁ shrinks, step by step, to a₁ →Tₖ a₁. So the cycle search
        # runs only to name a world on a cycle of a frame already found wrong.
        if problems:
            union = (p for t in order for p in rel[t])
            cyclic = _on_cycles(model.worlds, union, tick)
            if cyclic:
                problems.append(f"the relations have a cycle through {min(cyclic)}")
    return problems
