"""Which modal logic a question is asked in: the frame class, theory inclusions, global premises
(part of the trusted kernel).

A `Logic` has one box per theory (`None` is the plain box). Semantics, for every theory S an
accessibility relation R_S:

* ``frame="GL"``: (a, c) ∈ R_S iff there is a path of edges from a to c whose *last* edge is
  labelled by some T that extends S; the edge graph is acyclic (so each R_S is transitive,
  irreflexive and conversely well-founded). This validates Löb's axiom for each box,
  ``[S]φ → [T]φ`` when T extends S, and ``[S]φ → [T][S]φ`` for all S, T (every theory proves
  true provability facts).
* ``frame="K4"``: the same with cycles allowed.
* ``frame="K"``: R_T ⊆ R_S when T extends S, nothing more.

`premises` are global: they hold at every world of every model considered. `direct` keeps the
inclusions as given, so the search can compute its own closure (`prover.search.theory_reach`)
instead of trusting this one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lobkit.errors import InputError
from lobkit.formula import Formula

__all__ = ["Logic", "FRAMES", "Theory", "canonical_logic"]

Theory = str | None
FRAMES = ("K", "D", "T", "B", "K4", "K5", "KD45", "S4", "S5", "GL", "Grz")
#: Other names of the same logics (KT is T, KTB is B, KT4 is S4, ...), any case.
ALIASES = {"KT": "T", "KD": "D", "KTB": "B", "KT4": "S4", "KT45": "S5", "KT5": "S5"}
_CANONICAL = {name.upper(): name for name in FRAMES} | ALIASES


def canonical_logic(name: str) -> str:
    """The logic's name as `FRAMES` spells it ("grz" → "Grz", "KT" → "T"), or `InputError`."""
    found = _CANONICAL.get(name.strip().upper()) if isinstance(name, str) else None
    if found is None:
        raise InputError(f"unknown logic {name!r}; choose from {', '.join(FRAMES)}")
    return found


def _closure(extends: Mapping[Theory, Iterable[Theory]]) -> dict[Theory, frozenset[Theory]]:
    """Reflexive-transitive closure of the "extends" relation (iterative, no recursion)."""
    direct: dict[Theory, set[Theory]] = {}
    for theory, parents in extends.items():
        direct.setdefault(theory, set()).update(parents)
        for parent in parents:
            direct.setdefault(parent, set())
    closure: dict[Theory, frozenset[Theory]] = {}
    for theory in direct:
        seen = {theory}
        stack = [theory]
        while stack:
            for parent in direct.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        closure[theory] = frozenset(seen)
    return closure


@dataclass(frozen=True, eq=False)
class Logic:
    """A modal logic: `frame` ∈ {"GL", "K4", "K"}, theory inclusions `extends`, `premises`.

    `extends` maps a theory to the theories it extends (directly); the reflexive-transitive
    closure is computed here. Theories never mentioned extend only themselves.

    >>> Logic.named("GL").frame
    'GL'
    >>> Logic("GL", {"T1": {"T0"}}).extends_theory("T1", "T0")
    True
    """

    frame: str = "GL"
    extends: Mapping[Theory, frozenset[Theory]] = field(default_factory=dict)
    premises: tuple[Formula, ...] = ()
    direct: Mapping[Theory, frozenset[Theory]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.frame not in FRAMES:
            raise InputError(f"unknown logic {self.frame!r}; choose from {', '.join(FRAMES)}")
        for theory, parents in self.extends.items():
            if isinstance(parents, str | type(None)):
                raise InputError(f"extends[{theory!r}] must be a collection of theory names")
        direct = {t: frozenset(ps) for t, ps in self.extends.items()}
        object.__setattr__(self, "direct", MappingProxyType(direct))
        closure = _closure(direct)
        object.__setattr__(self, "extends", MappingProxyType(closure))
        premises = tuple(self.premises)
        for premise in premises:
            if not isinstance(premise, Formula):
                raise InputError(f"a premise must be a Formula, not {type(premise).__name__}")
        object.__setattr__(self, "premises", premises)

    @classmethod
    def named(cls, name: str) -> Logic:
        """The single-box logic `name` (one of `FRAMES`, any case, or an alias), no premises."""
        return cls(canonical_logic(name) if isinstance(name, str) else name)

    @classmethod
    def coerce(cls, logic: Logic | str) -> Logic:
        """A `Logic` from a `Logic` or a name."""
        if isinstance(logic, Logic):
            return logic
        if isinstance(logic, str):
            return cls.named(logic)
        raise InputError(f"logic must be a name or a Logic, not {type(logic).__name__}")

    def with_premises(self, premises: Iterable[Formula]) -> Logic:
        """The same logic with `premises` added to its global premises."""
        extra = tuple(premises)
        if not extra:
            return self
        return Logic(self.frame, dict(self.extends), self.premises + extra)

    def extends_theory(self, sub: Theory, sup: Theory) -> bool:
        """True when theory `sub` extends `sup` (reflexively, transitively): [sup]φ → [sub]φ."""
        return sub == sup or sup in self.extends.get(sub, ())

    def theories(self) -> frozenset[Theory]:
        """The theories named in `extends`."""
        return frozenset(self.extends)

    def _key(self) -> tuple[Any, ...]:
        items = frozenset((k, v) for k, v in self.extends.items() if v != frozenset({k}))
        return (self.frame, items, self.premises)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Logic) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        parts = [repr(self.frame)]
        ext = {k: sorted(v - {k}, key=str) for k, v in self.extends.items() if v != {k}}
        if ext:
            parts.append(f"extends={ext!r}")
        if self.premises:
            parts.append(f"premises=({', '.join(str(p) for p in self.premises)})")
        return f"Logic({', '.join(parts)})"

    def __str__(self) -> str:
        """For people: `GL`, `GL with T1 extending T0`, `GL with premises p -> q; p`."""
        ext = {k: sorted(v - {k}, key=str) for k, v in self.extends.items() if v != {k}}
        parts = [
            f"{k} extending {', '.join(str(s) for s in v)}"
            for k, v in sorted(ext.items(), key=lambda kv: str(kv[0]))
        ]
        if self.premises:
            parts.append("premises " + "; ".join(str(p) for p in self.premises))
        return self.frame + (" with " + ", ".join(parts) if parts else "")
