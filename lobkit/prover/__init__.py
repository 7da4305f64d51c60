"""The certified prover for GL, K4 and K (with indexed boxes, theory inclusions and global
premises): `prove` answers with a checked `Proof` or a checked `Countermodel`.

The package: `search` (the decision procedure, over `encode`), `build` (proof construction
from the search's verdicts), `countermodel` (extraction and shrinking), `pipeline` (search,
certify, check), `truth` (Solovay's logic S of truth, by reduction to GL), `render` (proof
trees as text and LaTeX). The certificates' data types and their checkers live in the
trusted kernel, `lobkit.kernel`. The SAT engine sits behind the seam `lobkit.sat`
(`prove(..., solver=...)`). To decide many formulas in one logic, share one engine:
`Prover` / `shared_prover` (what is learned in a logic stays valid in it).

>>> prove("[]([]p -> p) -> []p").valid
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lobkit.errors import ProofError
from lobkit.kernel import Countermodel, Logic, Proof, ProofNode
from lobkit.prover.pipeline import (
    ProofResult,
    Prover,
    countermodel_problems,
    entails,
    is_satisfiable,
    is_valid,
    prove,
    shared_prover,
)
from lobkit.prover.search import interrupt

if TYPE_CHECKING:
    from lobkit.prover.truth import TruthResult, prove_truth, solovay_reduction

_TRUTH = ("TruthResult", "prove_truth", "solovay_reduction")

__all__ = [
    "prove",
    "Prover",
    "shared_prover",
    "interrupt",
    "is_valid",
    "is_satisfiable",
    "entails",
    "ProofResult",
    "Logic",
    "Proof",
    "ProofNode",
    "Countermodel",
    "ProofError",
    "countermodel_problems",
    "TruthResult",
    "prove_truth",
    "solovay_reduction",
]


def __getattr__(name: str) -> Any:
    """The logic S's names (`lobkit.prover.truth`), imported on first use: deciding a formula
    in GL, K4 or K never needs them."""
    if name in _TRUTH:
        from lobkit.prover import truth

        return getattr(truth, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
