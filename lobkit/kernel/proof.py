"""Proof certificates as data: a DAG of sequent-calculus rule applications.

Calculus (sequents are pairs of *sets*; Troelstra & Schwichtenberg's G3cp for the connectives):

* axioms ``Ax`` (a formula on both sides), ``L-bot`` (⊥ left), ``R-top`` (⊤ right);
* one left and one right rule per connective ¬ ∧ ∨ → ↔, all invertible;
* ``W`` (weakening: the premise's sides are subsets of the conclusion's);
* ``Premise``: from Γ, P ⇒ Δ infer Γ ⇒ Δ when P is a global premise of the logic;
* the modal rule of the frame for the box [T] (Sambin & Valentini's G3GL, indexed):
  ``GLR``: □Γ, Γ_T, [T]A ⇒ A  /  Σ, □Γ ⇒ [T]A, Δ; ``K4R`` drops [T]A from the premise and
  ``KR`` keeps only Γ_T, where Γ_T are the bodies of the boxes [S]B with T extending S;
* ``Taut``: from proved sequents Π₁ ⇒ Σ₁, … infer Γ ⇒ Δ when Γ, ¬Δ and the premises' clauses
  are propositionally unsatisfiable (boxes as atoms), shown by a RUP certificate
  (`lobkit.kernel.taut`): cut and propositional reasoning in one step, so that proofs grow
  with the search's learned lemmas rather than with a cut-free tree.

Diamonds are not primitive: ``<T>A`` is read as ``~[T]~A`` throughout a proof. This module
holds only the data; `lobkit.kernel.checker` checks it, `lobkit.prover.build` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lobkit.formula import Formula
from lobkit.kernel.logic import Logic

__all__ = ["ProofNode", "Proof", "MODAL_RULE"]

MODAL_RULE = {"GL": "GLR", "K4": "K4R", "K": "KR"}


@dataclass(frozen=True)
class ProofNode:
    """One rule application: its conclusion, the principal formula, the premises' indices;
    a `Taut` node also carries its RUP `certificate` (see `lobkit.kernel.taut`)."""

    rule: str
    left: tuple[Formula, ...]
    right: tuple[Formula, ...]
    premises: tuple[int, ...] = ()
    principal: Formula | None = None
    certificate: tuple[tuple[int, ...], ...] = ()


class _Names(dict[Formula, str]):
    """Formula -> its text, printed on first lookup only."""

    def __missing__(self, formula: Formula) -> str:
        text = self[formula] = str(formula)
        return text


@dataclass(frozen=True)
class Proof:
    """A derivation as a DAG: `nodes[i].premises` are indices smaller than i; `root` proves
    ``premises-free ⇒ goal`` of `logic` (with `Premise` rules for its global premises)."""

    nodes: tuple[ProofNode, ...]
    root: int
    logic: Logic

    @property
    def size(self) -> int:
        """Number of distinct rule applications."""
        return len(self.nodes)

    @property
    def conclusion(self) -> tuple[tuple[Formula, ...], tuple[Formula, ...]]:
        node = self.nodes[self.root]
        return node.left, node.right

    def to_json(self) -> dict[str, Any]:
        """`{"nodes": [{"rule", "left", "right", "premises", "principal"}], "root": i}`; a
        `Taut` node adds `"certificate"` (its RUP clauses). Each distinct formula is printed
        once (formulas are hash-consed and shared between nodes), so the size of the output,
        not the number of formula occurrences times their size, bounds the time."""
        name = _Names().__getitem__  # a C-level lookup per occurrence, str() per formula
        nodes = []
        for n in self.nodes:
            item: dict[str, Any] = {
                "rule": n.rule,
                "left": list(map(name, n.left)),
                "right": list(map(name, n.right)),
                "premises": list(n.premises),
                "principal": None if n.principal is None else name(n.principal),
            }
            if n.rule == "Taut":
                item["certificate"] = [list(c) for c in n.certificate]
            nodes.append(item)
        return {"nodes": nodes, "root": self.root}

    def render_text(self) -> str:
        from lobkit.prover.render import proof_text

        return proof_text(self)

    def to_latex(self) -> str:
        from lobkit.prover.render import proof_latex

        return proof_latex(self)

    def _repr_latex_(self) -> str:
        return self.to_latex()

    def _repr_html_(self) -> str:
        """Jupyter: the indented tree (MathJax does not load bussproofs by default, and HTML
        is preferred to LaTeX by the notebook front ends)."""
        import html

        return f"<pre>{html.escape(self.render_text())}</pre>"

    def __str__(self) -> str:
        return self.render_text()
