"""lobkit: provability logic (GL) and the Löbian obstacle.

>>> import lobkit
>>> p = lobkit.atom("p")
>>> print(lobkit.to_unicode(lobkit.parse("[]([]p -> p) -> []p")))
□(□p → p) → □p
"""

from __future__ import annotations

__version__ = "0.1.0"

from lobkit.agents import ModalAgent, combat  # modal agents and modal combat
from lobkit.classics.fixpoint import fixed_point, solve_fixed_points  # de Jongh-Sambin
from lobkit.classics.interpolation import interpolant  # Craig interpolation (Maehara)
from lobkit.classics.letterless import letterless_normal_form, standard_model_truth
from lobkit.errors import InputError, LobkitError, ParseError, ResourceLimit
from lobkit.formula import (
    Formula,
    atom,
    atoms,
    bot,
    box,
    conj,
    diamond,
    disj,
    dotbox,
    iff,
    implies,
    neg,
    substitute,
    top,
)
from lobkit.kernel import kripke
from lobkit.prover import (
    Countermodel,
    Logic,
    Proof,
    ProofResult,
    entails,
    is_satisfiable,
    is_valid,
    prove,
)
from lobkit.syntax import parse, to_ascii, to_latex, to_unicode
from lobkit.tiling import Spec, load  # theory files and the tiling checker

__all__ = [
    "__version__",
    "LobkitError",
    "InputError",
    "ParseError",
    "ResourceLimit",
    "Formula",
    "atom",
    "atoms",
    "top",
    "bot",
    "neg",
    "conj",
    "disj",
    "implies",
    "iff",
    "box",
    "diamond",
    "dotbox",
    "substitute",
    "parse",
    "to_ascii",
    "to_unicode",
    "to_latex",
    "kripke",
    "prove",
    "is_valid",
    "is_satisfiable",
    "entails",
    "Logic",
    "Proof",
    "ProofResult",
    "Countermodel",
]
__all__ += ["load", "Spec"]  # the tiling checker
__all__ += ["ModalAgent", "combat"]  # modal combat
__all__ += ["fixed_point", "solve_fixed_points", "interpolant"]  # classics
__all__ += ["letterless_normal_form", "standard_model_truth"]  # classics
