"""The certified prover for GL, K4 and K (with indexed boxes, theory inclusions and global
premises): `prove` answers with a `Proof` or a `Countermodel` that the kernel has accepted.

The package: `search` (the decision procedure, over `encode`), `build` and `build_taut` (proof
construction from the search's verdicts), `extract` (countermodels from the search's worlds,
shrunk), `pipeline` (search, certify, have the kernel check: `Prover`), `decide` (the one-call
entry points), `solovay` (Solovay's logic S of truth, by reduction to GL). The certificates'
data types and their checkers live in the trusted kernel, `lobkit.kernel`; their pictures in
`lobkit.render`. The SAT engine sits behind the seam `lobkit.sat` (`prove(..., solver=...)`).
To decide many formulas in one logic, share one engine: `Prover` / `shared_prover` (what is
learned in a logic stays valid in it).

>>> prove("[]([]p -> p) -> []p").valid
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lobkit.prover.decide import entails, is_satisfiable, is_valid, prove
from lobkit.prover.pipeline import ProofResult, Prover, shared_prover
from lobkit.prover.search import interrupt

if TYPE_CHECKING:
    from lobkit.prover.solovay import TruthResult, prove_truth, solovay_reduction

_SOLOVAY = ("TruthResult", "prove_truth", "solovay_reduction")

__all__ = [
    "prove",
    "Prover",
    "shared_prover",
    "interrupt",
    "is_valid",
    "is_satisfiable",
    "entails",
    "ProofResult",
    "TruthResult",
    "prove_truth",
    "solovay_reduction",
]


def __getattr__(name: str) -> Any:
    """The logic S's names (`lobkit.prover.solovay`), imported on first use: deciding a
    formula in GL, K4 or K never needs them."""
    if name in _SOLOVAY:
        from lobkit.prover import solovay

        return getattr(solovay, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
