"""The trusted kernel: everything a certificate must pass, and nothing else.

This `__init__` is the kernel's complete signature, as HOL Light's `Hol_kernel` is: every name
a result's trust rests on is listed below, and nothing outside these modules is trusted. In the
spirit of HOL Light's `fusion.ml` or a DRAT checker, lobkit's answers are trusted because they
pass the code here, not because the search that found them is right. The kernel's source
imports only `lobkit.formula` and `lobkit.errors` — never the search, a renderer or z3
(`tests/kernel/test_kernel_isolation.py` reads every import statement here, those inside
functions included):

* acceptance: `check_proof` (every "valid" in GL, K4, K), `check_reflexive_proof` (every
  "valid" in T and S4: a K or K4 proof of the reflexive translation), `check_labelled_proof`
  (every "valid" in the other logics of the modal cube and Grz) and `check_countermodel`
  (every "not valid");
  `countermodel_problems` lists every reason a model fails;
* `logic` — what a `Logic` is: frame, theory inclusions (closure), global premises;
* `proof` — proof certificates as data (`Proof`, `ProofNode`), `proof_checker` — their checker,
  `taut` — the clauses of a `Taut` step and the RUP checker for its certificate;
* `countermodel` — countermodels as data, `countermodel_checker` — their checker, `kripke` —
  the model checker and frame conditions; `frames` — frame conditions with a witness, for the
  logics of the modal cube;
* `labelled` — proofs in Negri's labelled calculus with frame rules and their checker;
* `reflexive` — T and S4 proofs as K and K4 proofs of the reflexive translation φ*, the
  kernel's own φ*, and their checker;
* `linear` — the linear-frame (letterless) semantics.
"""

from __future__ import annotations

from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.countermodel_checker import check_countermodel, countermodel_problems
from lobkit.kernel.frames import CONDITION_NAMES, CONDITIONS, Frame, Violation, frame_violations
from lobkit.kernel.kripke import (
    BITSET_WORLDS,
    KripkeModel,
    check_frame,
    failing_premises,
    holds_at,
    holds_everywhere,
    truth_set,
    truth_sets,
)
from lobkit.kernel.labelled import RULES_OF, LabelledNode, LabelledProof, check_labelled_proof
from lobkit.kernel.linear import normal_form, rank_values, stable_prefix, system_trace, trace
from lobkit.kernel.logic import FRAMES, Logic, Theory, canonical_logic
from lobkit.kernel.proof import JSON_VERSION, MODAL_RULE, Proof, ProofNode
from lobkit.kernel.proof_checker import check_proof, without_diamonds
from lobkit.kernel.reflexive import (
    REFLEXIVE_BASE,
    ReflexiveProof,
    check_reflexive_proof,
    reflexive_translation,
)
from lobkit.kernel.taut import TautCNF, check_rup, taut_cnf

__all__ = [
    # acceptance: what every answer passes
    "check_proof",
    "check_reflexive_proof",
    "check_labelled_proof",
    "check_countermodel",
    "countermodel_problems",
    # logics
    "FRAMES",
    "canonical_logic",
    "Logic",
    "Theory",
    # proofs as data, and the pieces of their check
    "Proof",
    "ProofNode",
    "MODAL_RULE",
    "JSON_VERSION",
    "without_diamonds",
    # labelled proofs for the modal cube's logics and Grz (Negri's calculus with frame rules)
    "LabelledProof",
    "LabelledNode",
    "RULES_OF",
    # T and S4 proofs: K and K4 proofs of the reflexive translation
    "ReflexiveProof",
    "REFLEXIVE_BASE",
    "reflexive_translation",
    "TautCNF",
    "taut_cnf",
    "check_rup",
    # countermodels as data, and the model checker
    "Countermodel",
    "KripkeModel",
    "BITSET_WORLDS",
    "check_frame",
    "holds_at",
    "holds_everywhere",
    "failing_premises",
    "truth_set",
    "truth_sets",
    # frame conditions with witnesses, for the logics of the modal cube
    "CONDITIONS",
    "CONDITION_NAMES",
    "Frame",
    "Violation",
    "frame_violations",
    # the linear-frame (letterless) semantics
    "normal_form",
    "rank_values",
    "stable_prefix",
    "system_trace",
    "trace",
]
