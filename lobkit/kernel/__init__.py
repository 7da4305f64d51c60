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

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Each name of the signature and the kernel module that defines it. The modules load on first
#: use (PEP 562): a caller that checks GL proofs does not pay for the labelled calculus, the
#: frame conditions of the modal cube or the reflexive translation.
_HOME = {
    "Countermodel": "countermodel",
    "check_countermodel": "countermodel_checker",
    "countermodel_problems": "countermodel_checker",
    "CONDITION_NAMES": "frames",
    "CONDITIONS": "frames",
    "Frame": "frames",
    "Violation": "frames",
    "frame_violations": "frames",
    "BITSET_WORLDS": "kripke",
    "KripkeModel": "kripke",
    "check_frame": "kripke",
    "failing_premises": "kripke",
    "holds_at": "kripke",
    "holds_everywhere": "kripke",
    "truth_set": "kripke",
    "truth_sets": "kripke",
    "RULES_OF": "labelled",
    "LabelledNode": "labelled",
    "LabelledProof": "labelled",
    "check_labelled_proof": "labelled",
    "normal_form": "linear",
    "rank_values": "linear",
    "stable_prefix": "linear",
    "system_trace": "linear",
    "trace": "linear",
    "FRAMES": "logic",
    "Logic": "logic",
    "Theory": "logic",
    "canonical_logic": "logic",
    "JSON_VERSION": "proof",
    "MODAL_RULE": "proof",
    "Proof": "proof",
    "ProofNode": "proof",
    "check_proof": "proof_checker",
    "without_diamonds": "proof_checker",
    "REFLEXIVE_BASE": "reflexive",
    "ReflexiveProof": "reflexive",
    "check_reflexive_proof": "reflexive",
    "reflexive_translation": "reflexive",
    "TautCNF": "taut",
    "check_rup": "taut",
    "taut_cnf": "taut",
}
_MODULES = frozenset(_HOME.values())

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


def __getattr__(name: str) -> Any:
    """A name of the signature (or a kernel module), imported on first use."""
    home = _HOME.get(name)
    if home is None:
        if name in _MODULES:
            return import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
