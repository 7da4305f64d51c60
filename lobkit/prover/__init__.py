"""The certified prover for GL, K4 and K (with indexed boxes, theory inclusions and global
premises): `prove` answers with a checked `Proof` or a checked `Countermodel`.

The package: `search` (the decision procedure, over `encode`), `build` (proof construction
from the search's verdicts), `countermodel` (extraction and shrinking), `pipeline` (search,
certify, check), `render` (proof trees as text and LaTeX). The certificates' data types and
their checkers live in the trusted kernel, `lobkit.kernel`.

>>> prove("[]([]p -> p) -> []p").valid
True
"""

from __future__ import annotations

from lobkit.errors import ProofError
from lobkit.kernel import Countermodel, Logic, Proof, ProofNode
from lobkit.prover.pipeline import (
    ProofResult,
    countermodel_problems,
    entails,
    is_satisfiable,
    is_valid,
    prove,
)

__all__ = [
    "prove",
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
]
