"""Modal combat: play two modal agents, each answer checked by the GL prover.

The method is that of LaVictoire et al. 2014 ("Robust Cooperation in the Prisoner's Dilemma"),
§3-§4, also used by MIRI's modal-combat tool, in one module per step:

1. `lobkit.agents.system` — the joint fixed-point system of the match;
2. `lobkit.agents.frame` — its values rank by rank on the linear frame (the semantics of
   `lobkit.kernel.linear`, vectorised);
3. `lobkit.agents.solution` — the letterless solution read off the ranks, the least k with
   PA + Conᵏ(PA) ⊢ outcome, and the prover's check of both.

This module plays a match (and a round robin) and packages the answer as a `CombatResult`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lobkit.agents.agent import ModalAgent
from lobkit.agents.frame import Trace, frame_trace
from lobkit.agents.solution import letterless_fixed_point, proved_in, verify_solution
from lobkit.agents.system import System, build_system
from lobkit.errors import InputError
from lobkit.formula import Displayable, Formula, atom, conj, neg

__all__ = ["CombatResult", "combat", "round_robin", "verify_result"]


@dataclass(frozen=True)
class CombatResult(Displayable):
    """The outcome of `left` vs `right`: moves (True = cooperate) and the least k such that
    PA + Conᵏ(PA) proves that outcome."""

    left: ModalAgent
    right: ModalAgent
    moves: tuple[bool, bool]
    proved_in: int
    system: System = field(repr=False)
    trace: Trace = field(repr=False)
    indices: tuple[int, int] = field(repr=False)
    fixed_point: tuple[Formula, ...] = field(repr=False)
    verified: bool = False

    def __repr__(self) -> str:
        a, b = self.names()
        moves = "/".join(self.letters)
        return f"<CombatResult {a} vs {b}: {moves}, proved with k = {self.proved_in}>"

    @property
    def letters(self) -> tuple[str, str]:
        """The moves as "C"/"D"."""
        return ("C" if self.moves[0] else "D", "C" if self.moves[1] else "D")

    @property
    def outcome(self) -> Formula:
        """The outcome sentence O over the system's variables, e.g. x0 ∧ ¬x1."""
        lits = [
            atom(self.system.atoms[i]) if move else neg(atom(self.system.atoms[i]))
            for i, move in zip(self.indices, self.moves, strict=True)
        ]
        return lits[0] if self.indices[0] == self.indices[1] else conj(lits[0], lits[1])

    def names(self) -> tuple[str, str]:
        """Display names of the two sides (distinct even for a self-match)."""
        a, b = self.left.name, self.right.name
        return (a, b) if a != b else (f"{a}#1", f"{b}#2")

    def to_json(self, *, details: bool = False) -> dict[str, Any]:
        a, b = self.names()
        payload: dict[str, Any] = {
            "moves": {a: self.letters[0], b: self.letters[1]},
            "proved_in": self.proved_in,
        }
        if details:
            payload["verified"] = self.verified
            payload["stable_from"] = self.trace.stable_from
            payload["system"] = [
                {**eq, "fixed_point": str(h)}
                for eq, h in zip(self.system.to_json(), self.fixed_point, strict=True)
            ]
            payload["ranks"] = ["".join("1" if v else "0" for v in row) for row in self.trace.rows]
        return payload

    def __str__(self) -> str:
        a, b = self.names()
        return f"{a} vs {b}: {self.letters[0]}{self.letters[1]} (PA+Con^{self.proved_in} proves it)"


def combat(
    left: ModalAgent | str,
    right: ModalAgent | str,
    *,
    verify: bool = True,
    timeout: float | None = None,
) -> CombatResult:
    """Play `left` against `right`: each side's move and the least k with PA + Conᵏ ⊢ outcome.

    With `verify` (the default) the GL prover confirms the fixed point and k (see module doc).

    >>> from lobkit.agents.builtins import FairBot
    >>> str(combat(FairBot, FairBot, verify=False))
    'FairBot#1 vs FairBot#2: CC (PA+Con^0 proves it)'
    """
    if isinstance(left, str) or isinstance(right, str):
        from lobkit.agents.builtins import builtin

        left = builtin(left) if isinstance(left, str) else left
        right = builtin(right) if isinstance(right, str) else right
    system, i, j = build_system(left, right)
    trace = frame_trace(system)
    moves = (trace.values[i], trace.values[j])
    outcome = [bool(row[i] == moves[0] and row[j] == moves[1]) for row in trace.rows]
    result = CombatResult(
        left,
        right,
        moves,
        proved_in(outcome),
        system,
        trace,
        (i, j),
        letterless_fixed_point(system, trace),
    )
    if verify:
        verify_result(result, timeout=timeout)
        object.__setattr__(result, "verified", True)
    return result


def verify_result(result: CombatResult, *, timeout: float | None = None) -> None:
    """Check a result with the GL prover; raise `VerificationFailed` on any disagreement."""
    verify_solution(
        result.system,
        result.fixed_point,
        result.outcome,
        result.proved_in,
        what=str(result),
        timeout=timeout,
    )


def round_robin(
    agents: Sequence[ModalAgent], *, verify: bool = True, timeout: float | None = None
) -> dict[tuple[str, str], CombatResult]:
    """Every ordered pair of `agents` (self-matches included), keyed by their names."""
    names = [a.name for a in agents]
    if len(set(names)) != len(names):
        raise InputError("round robin: agent names must be distinct")
    results: dict[tuple[str, str], CombatResult] = {}
    for a in agents:
        for b in agents:
            if (b.name, a.name) in results:
                mirror = results[(b.name, a.name)]
                results[(a.name, b.name)] = _mirror(mirror)
            else:
                results[(a.name, b.name)] = combat(a, b, verify=verify, timeout=timeout)
    return results


def _mirror(result: CombatResult) -> CombatResult:
    """b vs a from a vs b: the same system, sides swapped (same outcome, same k)."""
    i, j = result.indices
    return CombatResult(
        result.right,
        result.left,
        (result.moves[1], result.moves[0]),
        result.proved_in,
        result.system,
        result.trace,
        (j, i),
        result.fixed_point,
        result.verified,
    )
