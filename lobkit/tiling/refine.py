"""Which of a closure's reflection instances a finite countermodel violates (the refinement
step of the checker's counterexample-guided decision).

The checker decides a goal with a small set of reflection instances. A proof from them is a
proof from the file's whole closure F. A countermodel is one for F too when every instance
`[T]([S]X → X)` of F holds at every world of it (Kripke soundness for global premises); the
instances it violates are added and the goal is decided again, until a proof or a countermodel
of all of F comes back (F is finite, so this ends).

Here the instances are evaluated fast, on bitmasks of worlds, grouped by the truth set of X:
an instance for (T, S, X) holds iff no R_T-successor v has `[S]X` true and X false, which
depends on X only through its truth set, and a small model has few distinct truth sets. This
is a search aid: the countermodel an answer keeps is re-checked against all of F by the kernel's
model checker (`Certificate.verify`).
"""

from __future__ import annotations

from collections.abc import Iterable

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
    box,
    fold,
    implies,
)
from lobkit.kernel.countermodel import Countermodel
from lobkit.tiling.logic import Closure

__all__ = ["violated"]


class _Masks:
    """Truth sets as bitmasks over a countermodel's worlds (bit i: world i)."""

    def __init__(self, model: Countermodel) -> None:
        index = {w: i for i, w in enumerate(model.worlds)}
        self.every = (1 << len(model.worlds)) - 1
        self.succ: dict[str | None, list[int]] = {}
        for theory, pairs in model.relations.items():
            succ = [0] * len(model.worlds)
            for a, b in pairs:
                succ[index[a]] |= 1 << index[b]
            self.succ[theory] = succ
        self.atoms: dict[str, int] = {}
        for w, true in model.valuation.items():
            for name in true:
                self.atoms[name] = self.atoms.get(name, 0) | (1 << index[w])
        self.memo: dict[Formula, int] = {}
        every = self.every
        self.table = {
            ATOM: lambda n, a: self.atoms.get(n.label, 0),
            TOP: lambda n, a: every,
            BOT: lambda n, a: 0,
            NOT: lambda n, a: every & ~a[0],
            AND: lambda n, a: a[0] & a[1],
            OR: lambda n, a: a[0] | a[1],
            IMP: lambda n, a: (every & ~a[0]) | a[1],
            IFF: lambda n, a: every & ~(a[0] ^ a[1]),
            BOX: lambda n, a: self.box(n.label, a[0]),
            DIA: lambda n, a: every & ~self.box(n.label, every & ~a[0]),
        }

    def box(self, theory: str | None, body: int) -> int:
        succ = self.succ.get(theory)
        if succ is None:
            return self.every
        out = 0
        for i, s in enumerate(succ):
            if not s & ~body:
                out |= 1 << i
        return out

    def of(self, formula: Formula) -> int:
        return fold(formula, self.table, memo=self.memo, name="refine")


def violated(
    model: Countermodel, closure: Closure, premises: Iterable[Formula] = (), *, every: bool = False
) -> list[Formula]:
    """The instances of `closure`, then the `premises`, that do not hold at every world of
    `model`, in a deterministic order. Unless `every`, one instance per reflection pair and
    truth set of X (the smallest such X, first in the closure's order): enough to exclude
    this model, and the refinement stays small."""
    masks = _Masks(model)
    out: list[Formula] = []
    by_mask: dict[int, list[Formula]] = {}
    for x in closure.formulas:
        by_mask.setdefault(masks.of(x), []).append(x)
    for t, s in closure.pairs:
        succ_t = masks.succ.get(t)
        if succ_t is None:
            continue  # R_T is empty: [T]… holds everywhere
        targets = 0
        for row in succ_t:
            targets |= row
        if not targets:
            continue
        for mask, xs in by_mask.items():
            # some R_T-successor where [S]X holds and X fails?
            if masks.box(s, mask) & ~mask & targets:
                chosen = xs if every else [min(xs, key=lambda f: f.size)]
                out += [box(implies(box(x, theory=s), x), theory=t) for x in chosen]
    out += [p for p in premises if masks.of(p) != masks.every]
    return out
