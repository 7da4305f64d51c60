"""Which logics prove it? One formula decided in every logic of the cube and its provability
cousins, from the weakest up, each answer certified; the weakest logics that prove it.

The logics are ordered by inclusion (`SUBLOGICS`: each logic's theorems include those of the
logics listed; Blackburn, de Rijke & Venema, *Modal Logic*, 2001, §4.1; Boolos, *The Logic of
Provability*, 1993, for GL ⊇ K4 and Grz ⊇ S4). `FRAMES` lists them in an order that extends
inclusion, so the table reads from the weakest logic up.

>>> prove_everywhere("[]p -> p").weakest
('T',)
>>> prove_everywhere("[]([]p -> p) -> []p").weakest
('GL',)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lobkit.formula import Formula
from lobkit.kernel.logic import FRAMES
from lobkit.prover.decide import prove
from lobkit.prover.pipeline import ProofResult
from lobkit.syntax.parser import as_formula

__all__ = ["SUBLOGICS", "EveryLogic", "prove_everywhere"]

#: Each logic to the logics directly below it (every theorem of those is one of it).
SUBLOGICS: dict[str, tuple[str, ...]] = {
    "K": (),
    "D": ("K",),
    "T": ("D",),
    "B": ("T",),
    "K4": ("K",),
    "K5": ("K",),
    "KD45": ("D", "K4", "K5"),
    "S4": ("T", "K4"),
    "S5": ("B", "S4", "KD45"),
    "GL": ("K4",),
    "Grz": ("S4",),
}


def below(logic: str) -> frozenset[str]:
    """The logics strictly below `logic` (reflexive-transitive closure of `SUBLOGICS`, minus
    `logic`)."""
    seen: set[str] = set()
    stack = list(SUBLOGICS[logic])
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(SUBLOGICS[name])
    return frozenset(seen)


@dataclass(frozen=True)
class EveryLogic:
    """The verdict of `formula` in each logic of `FRAMES`, in that order."""

    formula: Formula
    results: tuple[ProofResult, ...]

    @property
    def weakest(self) -> tuple[str, ...]:
        """The logics that prove the formula while no logic below them does (in table order;
        several when the formula needs incomparable principles, e.g. T and Grz for □p → p)."""
        proving = {r.logic.frame for r in self.results if r.valid}
        return tuple(f for f in FRAMES if f in proving and not (below(f) & proving))

    def to_json(self) -> dict[str, Any]:
        return {
            "formula": str(self.formula),
            "weakest": list(self.weakest),
            "logics": [r.to_json() for r in self.results],
        }

    def render_text(self) -> str:
        """The table, weakest logic first: verdict, certificate, seconds."""
        rows = [f"{self.formula}: which logics prove it?", ""]
        rows.append(f"{'logic':<6} {'verdict':<14} {'certificate':<30} seconds")
        for r in self.results:
            if r.valid:
                assert r.proof is not None
                cert = f"proof of {r.proof.size} steps, checked"
                verdict = "theorem"
            else:
                assert r.countermodel is not None
                n = len(r.countermodel.worlds)
                cert = f"countermodel, {n} world{'s' if n > 1 else ''}, checked"
                verdict = "not a theorem"
            rows.append(f"{r.logic.frame:<6} {verdict:<14} {cert:<30} {r.seconds:.3f}")
        weakest = ", ".join(self.weakest) or "none of them"
        rows.append("")
        rows.append(f"weakest logic proving it: {weakest}")
        return "\n".join(rows)


def prove_everywhere(formula: Formula | str, *, timeout: float | None = None) -> EveryLogic:
    """Decide `formula` in every logic of `FRAMES` (each answer a checked certificate);
    `timeout` is per logic."""
    goal = as_formula(formula)
    return EveryLogic(goal, tuple(prove(goal, name, timeout=timeout) for name in FRAMES))
