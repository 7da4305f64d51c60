"""Solovay's logic S of truth in the standard model, decided by Solovay's reduction to GL.

Solovay's second completeness theorem (1976, "Provability interpretations of modal logic",
Israel J. Math. 25; Boolos, *The Logic of Provability*, 1993, ch. 13): read □ as provability
in PA and atoms as arbitrary arithmetical sentences. The modal formulas φ whose every such
reading is *true in ℕ* are the theorems of S — GL's theorems and every instance of □ψ → ψ,
closed under modus ponens (not under necessitation: S ⊢ □p → p, but S ⊬ □(□p → p)). And S
is decidable through GL:

    S ⊢ φ   iff   GL ⊢ ⋀{□ψ → ψ : □ψ a sub-formula of φ} → φ.

So `prove_truth` builds that reduced formula (the *reflection instances* for the boxed
sub-formulas; diamonds read as ¬□¬), decides it with the certified GL prover and returns the
GL certificate: a checked proof of the reduced formula (hence φ ∈ S), or a checked GL
countermodel to it — a model whose root satisfies every instance and falsifies φ, which by
Solovay's construction yields a realization making φ false in ℕ.

One theory only: the reduction is proved for the plain box (one sound r.e. theory, PA).
Boxes indexed by several theories are refused (`InputError`) — the provability logic of
several theories with truth depends on how the theories relate (Beklemishev 1994,
"On bimodal logics of provability"), and no reduction of that generality is implemented.
Global premises are refused too: S is not closed under necessitation, so a premise true "in
every world" is not a premise about truth; write it as an antecedent instead.

>>> prove_truth("~[]false").valid, prove_truth("[]p -> p").valid, prove_truth("[](~[]p)").valid
(True, True, False)
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lobkit.errors import InputError, ProofError
from lobkit.formula import BOX, Formula, conjunction, implies, postorder, without_diamonds
from lobkit.kernel import Logic, check_countermodel, check_proof
from lobkit.limits import Budget
from lobkit.prover.build import DEFAULT_MAX_PROOF_NODES
from lobkit.prover.pipeline import ProofResult, Prover
from lobkit.prover.search import DEFAULT_MAX_WORLDS
from lobkit.sat import DEFAULT_SOLVER
from lobkit.syntax.parser import as_formula

__all__ = ["TRUTH_LOGIC", "Reduction", "TruthResult", "solovay_reduction", "prove_truth"]

TRUTH_LOGIC = "S"
CITATION = "Solovay's second completeness theorem (1976)"


@dataclass(frozen=True)
class Reduction:
    """Solovay's reduction of `formula`: `reduced` = ⋀`instances` → `formula`, where
    `instances` are □ψ → ψ for the boxed sub-formulas □ψ, smallest first."""

    formula: Formula
    instances: tuple[Formula, ...]
    reduced: Formula


def solovay_reduction(formula: Formula | str) -> Reduction:
    """The GL formula whose GL-provability is `formula`'s S-provability (Solovay 1976).

    Diamonds are first read as ¬□¬, so ◇q contributes □¬q → ¬q. Raises `InputError` for a
    box or diamond indexed by a theory (see the module docstring).

    >>> r = solovay_reduction("~[]false")
    >>> [str(i) for i in r.instances], str(r.reduced)
    (['[]false -> false'], '([]false -> false) -> ~[]false')
    """
    goal = as_formula(formula)
    named = sorted(
        {n.label for n in postorder(goal) if n.op in ("box", "dia") and n.label is not None}
    )
    if named:
        raise InputError(
            f"the logic S has one box (truth of PA's provability); [{named[0]}] names a "
            "theory: Solovay's reduction is not implemented for several theories (use GL, "
            "with --extends for inclusions)"
        )
    plain = without_diamonds(goal)
    # Smallest first, ties in postorder (stable sort): deterministic and readable.
    boxes = sorted((n for n in postorder(plain) if n.op == BOX), key=lambda f: f.size)
    instances = tuple(implies(b, b.args[0]) for b in boxes)
    reduced = implies(conjunction(instances), goal) if instances else goal
    return Reduction(goal, instances, reduced)


@dataclass(frozen=True, eq=False)
class TruthResult(ProofResult):
    """The verdict on `formula` in S: `valid` iff S ⊢ formula.

    The certificate is GL's, on `reduced` (Solovay's reduction): `proof` proves `reduced` in
    GL, or `countermodel` refutes it there (its root satisfies every one of `instances` and
    falsifies `formula`). `logic` is the GL `Logic` those certificates are checked in;
    `logic_name` is "S".
    """

    reduced: Formula
    instances: tuple[Formula, ...]

    logic_name = TRUTH_LOGIC

    def certifies(self) -> str:
        """One sentence: what the certificate shows, and why that decides `formula` in S."""
        what = "a GL proof of" if self.valid else "a GL countermodel to"
        then = "a theorem" if self.valid else "not a theorem"
        return f"{what} the reduced formula; by {CITATION}, {self.formula} is {then} of S"

    def verify(self) -> None:
        """Re-check independently: the reduction is recomputed, the proof is checked by the
        kernel's proof checker (or the countermodel by its model checker) against it."""
        if solovay_reduction(self.formula).reduced is not self.reduced:
            raise ProofError("the reduced formula is not Solovay's reduction of the formula")
        if self.proof is not None:
            check_proof(self.proof, self.logic, self.reduced)
            return
        if self.countermodel is None:
            raise ProofError("a result without proof or countermodel")
        check_countermodel(self.countermodel, self.logic, self.reduced)

    def to_json(self) -> dict[str, Any]:
        """`{"formula", "logic": "S", "reduced", "reflection", "certifies", "valid", "proof",
        "countermodel", "seconds"}`: the certificate is of `reduced` in GL."""
        out = super().to_json()
        return {
            "formula": out["formula"],
            "logic": TRUTH_LOGIC,
            "reduced": str(self.reduced),
            "reflection": [str(i) for i in self.instances],
            "certifies": self.certifies(),
            **{k: out[k] for k in ("valid", "proof", "countermodel", "seconds")},
        }

    def render_text(self) -> str:
        verdict = "theorem" if self.valid else "not a theorem"
        head = f"{self.formula}: {verdict} of S (truth in the standard model)"
        reduced = f"reduced formula: {self.reduced}"
        body = self.proof.render_text() if self.proof else self.countermodel.render_text()  # type: ignore[union-attr]
        return f"{head}\n{reduced}\ncertificate: {self.certifies()}\n{body}"

    def __repr__(self) -> str:
        verdict = "valid" if self.valid else "invalid"
        return f"<TruthResult {self.formula} {verdict} in S ({self.seconds:.3f}s)>"


def prove_truth(
    formula: Formula | str,
    *,
    premises: Iterable[Formula | str] = (),
    timeout: float | None = None,
    budget: Budget | None = None,
    max_proof_nodes: int = DEFAULT_MAX_PROOF_NODES,
    max_worlds: int = DEFAULT_MAX_WORLDS,
    solver: str = DEFAULT_SOLVER,
    proof_style: str = "taut",
) -> TruthResult:
    """Decide `formula` in S by Solovay's reduction; the limits are `prove`'s (on the
    reduced formula). Also reached as `lobkit.prove(formula, "S")` (`lobkit.prover.decide`)."""
    start = time.perf_counter()
    if tuple(premises):
        raise InputError(
            "the logic S takes no global premises (it is not closed under necessitation); "
            "write the premise as an antecedent, (premise) -> formula"
        )
    reduction = solovay_reduction(formula)
    gl = Prover(Logic("GL"), solver=solver).prove(
        reduction.reduced,
        timeout=timeout,
        budget=budget,
        max_proof_nodes=max_proof_nodes,
        max_worlds=max_worlds,
        proof_style=proof_style,
    )
    return TruthResult(
        reduction.formula,
        gl.logic,
        gl.valid,
        gl.proof,
        gl.countermodel,
        time.perf_counter() - start,
        reduction.reduced,
        reduction.instances,
    )
