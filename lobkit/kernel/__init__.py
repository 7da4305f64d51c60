"""The trusted kernel: everything a certificate must pass, and nothing else.

In the spirit of HOL Light's `fusion.ml` or a DRAT checker, lobkit's answers are trusted because
they pass the code here, not because the search that found them is right. The kernel imports only
`lobkit.formula` and `lobkit.errors` (never the search, never z3; `tests/kernel/` enforces it):

* `logic` — what a `Logic` is: frame, theory inclusions (closure), global premises;
* `proof` — proof certificates as data (`Proof`, `ProofNode`), `checker` — the proof checker,
  `taut` — the clauses of a `Taut` step and the RUP checker for its certificate;
* `countermodel` — countermodels as data, `kripke` — the model checker and frame conditions;
* `linear` — the linear-frame (letterless) semantics.
"""

from __future__ import annotations

from lobkit.kernel.checker import check_proof, without_diamonds
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.kripke import KripkeModel, check_frame, evaluate, holds_everywhere, truth_set
from lobkit.kernel.logic import FRAMES, Logic, Theory
from lobkit.kernel.proof import MODAL_RULE, Proof, ProofNode

__all__ = [
    "FRAMES",
    "MODAL_RULE",
    "Countermodel",
    "KripkeModel",
    "Logic",
    "Proof",
    "ProofNode",
    "Theory",
    "check_frame",
    "check_proof",
    "evaluate",
    "holds_everywhere",
    "without_diamonds",
    "truth_set",
]
