"""Frame conditions of one accessibility relation, each failure with its witness (trusted kernel).

The modal cube's logics are the logics of frame classes (Kripke 1963; Blackburn, de Rijke &
Venema, *Modal Logic*, 2001, §4.2): a finite frame is a frame of the logic iff its relation
meets every condition the logic names in `CONDITIONS`. On a finite frame "conversely
well-founded" (GL) is "no cycle, loops included", and Grz's "no infinite non-trivial ascending
chain" is "antisymmetric" once the relation is a preorder.

Each check returns `None` when the condition holds, else a `Violation` naming the smallest
witness in world order: the world, the pair, the triple, or the cycle. Worlds are strings;
the relation is any iterable of pairs. Linear in the relation for every condition but
`transitive` and `euclidean` (sum over worlds of out-degree squared, set operations in C).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lobkit.errors import InputError

__all__ = [
    "CONDITIONS",
    "CONDITION_NAMES",
    "Frame",
    "Violation",
    "frame_violations",
]

# The frame class of each logic of the cube and its provability cousins, by the conditions its
# finite frames meet (each logic has the finite model property for exactly this class).
CONDITIONS: dict[str, tuple[str, ...]] = {
    "K": (),
    "D": ("serial",),
    "T": ("reflexive",),
    "B": ("reflexive", "symmetric"),
    "K4": ("transitive",),
    "K5": ("euclidean",),
    "KD45": ("serial", "transitive", "euclidean"),
    "S4": ("reflexive", "transitive"),
    "S5": ("reflexive", "symmetric", "transitive"),
    "GL": ("transitive", "irreflexive", "acyclic"),
    "Grz": ("reflexive", "transitive", "antisymmetric"),
}


@dataclass(frozen=True)
class Violation:
    """A frame condition that fails, and the worlds that show it (`witness`, in order)."""

    condition: str
    witness: tuple[str, ...]

    def __str__(self) -> str:
        w = self.witness
        if self.condition == "reflexive":
            return f"not reflexive: no arrow {w[0]} → {w[0]}"
        if self.condition == "irreflexive":
            return f"not irreflexive: {w[0]} → {w[0]}"
        if self.condition == "serial":
            return f"not serial: {w[0]} has no successor"
        if self.condition == "symmetric":
            return f"not symmetric: {w[0]} → {w[1]} but not {w[1]} → {w[0]}"
        if self.condition == "transitive":
            return f"not transitive: {w[0]} → {w[1]} → {w[2]} but not {w[0]} → {w[2]}"
        if self.condition == "euclidean":
            return f"not euclidean: {w[0]} → {w[1]} and {w[0]} → {w[2]} but not {w[1]} → {w[2]}"
        if self.condition == "antisymmetric":
            return f"not antisymmetric: {w[0]} → {w[1]} and {w[1]} → {w[0]}"
        cycle = " → ".join((*w, w[0]))
        return f"not conversely well-founded: the cycle {cycle}"


class Frame:
    """A finite frame: `worlds` in a fixed order and one relation between them.

    >>> f = Frame(["w0", "w1"], [("w0", "w1"), ("w1", "w1")])
    >>> str(f.violation("irreflexive"))
    'not irreflexive: w1 → w1'
    >>> f.violation("transitive") is None
    True
    """

    def __init__(self, worlds: Sequence[str], pairs: Iterable[tuple[str, str]]) -> None:
        self.worlds = tuple(worlds)
        self.index = {w: i for i, w in enumerate(self.worlds)}
        if len(self.index) != len(self.worlds):
            raise InputError("a frame names a world twice")
        self.succ: list[set[int]] = [set() for _ in self.worlds]
        for a, b in pairs:
            if a not in self.index or b not in self.index:
                unknown = a if a not in self.index else b
                raise InputError(f"the relation mentions the unknown world {unknown!r}")
            self.succ[self.index[a]].add(self.index[b])

    def _names(self, *ids: int) -> tuple[str, ...]:
        return tuple(self.worlds[i] for i in ids)

    def _reflexive(self) -> tuple[str, ...] | None:
        for i, out in enumerate(self.succ):
            if i not in out:
                return self._names(i)
        return None

    def _irreflexive(self) -> tuple[str, ...] | None:
        for i, out in enumerate(self.succ):
            if i in out:
                return self._names(i)
        return None

    def _serial(self) -> tuple[str, ...] | None:
        for i, out in enumerate(self.succ):
            if not out:
                return self._names(i)
        return None

    def _symmetric(self) -> tuple[str, ...] | None:
        for i, out in enumerate(self.succ):
            for j in sorted(out):
                if i not in self.succ[j]:
                    return self._names(i, j)
        return None

    def _antisymmetric(self) -> tuple[str, ...] | None:
        for i, out in enumerate(self.succ):
            for j in sorted(out):
                if j != i and i in self.succ[j]:
                    return self._names(i, j)
        return None

    def _transitive(self) -> tuple[str, ...] | None:
        for i, out in enumerate(self.succ):
            for j in sorted(out):
                missing = self.succ[j] - out
                if missing:
                    return self._names(i, j, min(missing))
        return None

    def _euclidean(self) -> tuple[str, ...] | None:
        for i, out in enumerate(self.succ):
            for j in sorted(out):
                missing = out - self.succ[j]
                if missing:
                    return self._names(i, j, min(missing))
        return None

    def _acyclic(self) -> tuple[str, ...] | None:
        """A cycle (a loop is a cycle of length one), found by depth-first search with colours
        on an explicit stack; the cycle is read off the search path."""
        colour = [0] * len(self.worlds)  # 0 new, 1 on the path, 2 done
        for start in range(len(self.worlds)):
            if colour[start]:
                continue
            path = [start]
            todo = [iter(sorted(self.succ[start]))]
            colour[start] = 1
            while todo:
                step = next(todo[-1], None)
                if step is None:
                    colour[path.pop()] = 2
                    todo.pop()
                elif colour[step] == 1:
                    return self._names(*path[path.index(step) :])
                elif colour[step] == 0:
                    colour[step] = 1
                    path.append(step)
                    todo.append(iter(sorted(self.succ[step])))
        return None

    def violation(self, condition: str) -> Violation | None:
        """The first failure of `condition` (one of `CONDITION_NAMES`), or None if it holds."""
        check = _CHECKS.get(condition)
        if check is None:
            raise InputError(
                f"unknown frame condition {condition!r}; choose from {', '.join(CONDITION_NAMES)}"
            )
        witness = check(self)
        return None if witness is None else Violation(condition, witness)


_CHECKS: dict[str, Callable[[Frame], tuple[str, ...] | None]] = {
    "reflexive": Frame._reflexive,
    "irreflexive": Frame._irreflexive,
    "serial": Frame._serial,
    "symmetric": Frame._symmetric,
    "antisymmetric": Frame._antisymmetric,
    "transitive": Frame._transitive,
    "euclidean": Frame._euclidean,
    "acyclic": Frame._acyclic,
}
CONDITION_NAMES: tuple[str, ...] = tuple(_CHECKS)


def frame_violations(
    worlds: Sequence[str], pairs: Iterable[tuple[str, str]], logic: str
) -> list[Violation]:
    """The conditions of `logic`'s frame class (`CONDITIONS`) that the frame breaks, in the
    order `CONDITIONS` lists them, each with its witness (empty: a frame of the logic)."""
    if logic not in CONDITIONS:
        raise InputError(f"unknown logic {logic!r}; choose from {', '.join(CONDITIONS)}")
    frame = Frame(worlds, pairs)
    found = (frame.violation(c) for c in CONDITIONS[logic])
    return [v for v in found if v is not None]
