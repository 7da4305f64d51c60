"""lobkit: provability logic (GL) and the Löbian obstacle.

>>> import lobkit
>>> p = lobkit.atom("p")
>>> print(lobkit.to_unicode(lobkit.parse("[]([]p -> p) -> []p")))
□(□p → p) → □p
"""

from __future__ import annotations

import os as _os
import signal as _signal
import sys as _sys

# The `lobkit` command imports this package (z3, numpy, …) before `lobkit.cli` can install its
# signal handling; Ctrl-C in that first half second would print a bare KeyboardInterrupt
# traceback. For the command only (never for a program importing lobkit), SIGINT keeps its
# default action until then: the process ends quietly with status 130.
if _sys.argv and _os.path.basename(_sys.argv[0]) == "lobkit":
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)

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
from lobkit.theories import load_example  # the theory files shipped in the package
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
__all__ += ["load", "load_example", "Spec"]  # the tiling checker
__all__ += ["ModalAgent", "combat"]  # modal combat
__all__ += ["fixed_point", "solve_fixed_points", "interpolant"]  # classics
__all__ += ["letterless_normal_form", "standard_model_truth"]  # classics
