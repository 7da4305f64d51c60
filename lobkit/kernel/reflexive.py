"""Proofs in T and S4 by the reflexive translation, and their checker (trusted kernel).

A T (S4) proof of φ is a G3 proof in K (K4) of the *reflexive translation* φ*, where
(□A)* = A* ∧ □A* and * commutes with the connectives (diamonds read as ¬□¬ first). The kernel
computes φ* itself — `reflexive_translation` below, written here and sharing no code with the
search's `lobkit.prover.local_reduction` — and checks the K (K4) proof against it with
`check_proof`, the checker of every K, K4 and GL proof.

Why that is a proof of φ (the faithfulness lemma): for a model M = (W, R, V) let
Mʳ = (W, R ∪ {(w, w)}, V) be its reflexive closure. Then M, w ⊨ φ* iff Mʳ, w ⊨ φ, by induction
on φ; the □ case: M, w ⊨ A* ∧ □A* iff A* holds at w and at every R-successor of w, i.e. (by
induction) A holds at every Mʳ-successor of w, i.e. Mʳ, w ⊨ □A. A reflexive model N is its own
closure, so if K ⊢ φ* (φ* true in every model) then φ holds in every reflexive model: T ⊢ φ by
T's completeness for reflexive frames. A reflexive transitive N is the closure of itself, a
transitive model, so K4 ⊢ φ* gives S4 ⊢ φ alike. The converse (T ⊬ φ: a reflexive N refutes
φ, so N = Nʳ refutes φ*) is why the search may decide T and S4 by K and K4, but the kernel
needs only this direction. The reduction is the "local reduction" of T and S4 to K and K4
(Nalon, Hustadt, Papacchini & Dixon, *Local reductions for the modal cube*, IJCAR 2022).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lobkit.errors import InputError, ProofError
from lobkit.formula import AND, BOX, Displayable, Formula, fold
from lobkit.kernel.logic import Logic
from lobkit.kernel.proof import Proof
from lobkit.kernel.proof_checker import check_proof, without_diamonds

__all__ = ["REFLEXIVE_BASE", "ReflexiveProof", "reflexive_translation", "check_reflexive_proof"]

#: Each reflexive logic and the logic whose proof of φ* proves φ in it.
REFLEXIVE_BASE = {"T": "K", "S4": "K4"}


def reflexive_translation(formula: Formula) -> Formula:
    """φ*: every □A becomes A* ∧ □A* (its theory label kept), after ◇ is read as ¬□¬."""

    def box(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return Formula(AND, (args[0], Formula(BOX, (args[0],), node.label)))

    def same(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return node if args == node.args else Formula(node.op, args, node.label)

    return fold(without_diamonds(formula), {BOX: box}, default=same, name="reflexive_translation")


@dataclass(frozen=True)
class ReflexiveProof(Displayable):
    """A proof of a formula φ in `logic` ("T" or "S4"): `proof`, a G3 proof of ``⇒ φ*`` in
    `REFLEXIVE_BASE[logic]` (K or K4)."""

    logic: str
    proof: Proof

    @property
    def base(self) -> str:
        """The logic of the inner proof: K for T, K4 for S4."""
        return REFLEXIVE_BASE[self.logic]

    @property
    def translation(self) -> Formula:
        """φ*, the formula the inner proof concludes."""
        return self.proof.conclusion[1][0]

    @property
    def size(self) -> int:
        """Number of distinct rule applications of the inner proof."""
        return self.proof.size

    def to_json(self) -> dict[str, Any]:
        """`{"calculus": "reflexive", "base": "K", "proof": <the K proof's JSON>}`."""
        return {"calculus": "reflexive", "base": self.base, "proof": self.proof.to_json()}

    def json_text(self) -> str:
        """`to_json()` as compact text, the inner proof written by its own `json_text`."""
        base = json.dumps(self.base)
        return f'{{"calculus":"reflexive","base":{base},"proof":{self.proof.json_text()}}}'

    @classmethod
    def from_json(cls, data: Any, logic: str) -> ReflexiveProof:
        """The proof `to_json` printed, for `logic` (shape checks only: `InputError`);
        whether it proves anything is `check_reflexive_proof`'s question."""
        if logic not in REFLEXIVE_BASE:
            raise InputError(f"proof JSON: a reflexive proof is for T or S4, not {logic!r}")
        if not isinstance(data, dict) or data.get("calculus") != "reflexive":
            raise InputError("proof JSON: not a reflexive-translation proof")
        if data.get("base") != REFLEXIVE_BASE[logic]:
            raise InputError(
                f"proof JSON: a proof in {logic} is a proof in {REFLEXIVE_BASE[logic]}, "
                f"not {data.get('base')!r}"
            )
        return cls(logic, Proof.from_json(data.get("proof"), REFLEXIVE_BASE[logic]))

    def render_text(self) -> str:
        """What the proof is, then the K (K4) proof (`lobkit.render.proof_text`)."""
        return str(self)

    def to_latex(self) -> str:
        """bussproofs source of the K (K4) proof, headed by what it proves."""
        return str(self.render_as("latex"))


def check_reflexive_proof(
    proof: object,
    goal: Formula,
    premises: Iterable[Formula] = (),
    *,
    tick: Callable[[], None] | None = None,
) -> None:
    """Raise `ProofError` unless `proof` is a `ReflexiveProof` whose inner proof is a correct
    proof in K (for T) or K4 (for S4) of ``⇒ φ*``, φ* computed here from `goal`, with the
    translations P* of the global `premises` as its global premises. The inner proof's own
    `logic` is not trusted: it is checked in the base logic named by the table.

    With premises the lemma carries over: a reflexive (transitive) model N where every P holds
    is its own closure, so every P* holds in N too, hence φ* (the K proof is sound for models of
    its premises), hence φ."""
    if not isinstance(proof, ReflexiveProof):
        raise ProofError(f"not a reflexive-translation proof: {type(proof).__name__}")
    base = REFLEXIVE_BASE.get(proof.logic)
    if base is None:
        raise ProofError(f"no reflexive translation into {proof.logic!r} (T and S4 only)")
    logic = Logic(base, premises=tuple(reflexive_translation(p) for p in premises))
    check_proof(proof.proof, logic, reflexive_translation(goal), tick=tick)
