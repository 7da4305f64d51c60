"""The certified prover for GL, K4 and K (with indexed boxes, theory inclusions and global
premises): `prove` answers with a `Proof` or a `Countermodel` that the kernel has accepted.

The package: `search` (the decision procedure, over `encode`), `build` and `build_taut` (proof
construction from the search's verdicts), `extract` (countermodels from the search's worlds,
shrunk), `pipeline` (search, certify, have the kernel check: `Prover`), `decide` (the one-call
entry points), `solovay` (Solovay's logic S of truth, by reduction to GL). The certificates'
data types and their checkers live in the trusted kernel, `lobkit.kernel`; their pictures in
`lobkit.render`. The SAT engine sits behind the seam `lobkit.sat` (`prove(..., solver=...)`).
To decide many formulas in one logic, share one engine: `Prover` / `shared_prover` (what is
learned in a logic stays valid in it). `letterless` certifies letterless GL formulas straight
from the linear frame (what a modal agent's verification asks), without the search.

>>> from lobkit.prover import prove
>>> prove("[]([]p -> p) -> []p").valid
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lobkit.prover.decide import entails, is_satisfiable, is_valid, prove
    from lobkit.prover.pipeline import ProofResult, Prover, shared_prover
    from lobkit.prover.search import interrupt
    from lobkit.prover.solovay import TruthResult, prove_truth, solovay_reduction

#: Where each public name lives. Imported on first use (PEP 562): a caller that needs one part
#: — `lobkit.prover.letterless_certificates` for a modal agent's verification, the logic S —
#: does not pay for the search engine, the SAT backend and the modal cube's labelled search.
_HOME = {
    "prove": "decide",
    "is_valid": "decide",
    "is_satisfiable": "decide",
    "entails": "decide",
    "ProofResult": "pipeline",
    "Prover": "pipeline",
    "shared_prover": "pipeline",
    "interrupt": "search",
    "TruthResult": "solovay",
    "prove_truth": "solovay",
    "solovay_reduction": "solovay",
}

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
    """The public names, each imported from its module on first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"lobkit.prover.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
