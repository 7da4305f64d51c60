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

from typing import TYPE_CHECKING, Any

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

# Everything heavier is imported on first use (PEP 562 module `__getattr__`), so that
# `import lobkit` — and every `lobkit` command — loads only what it needs: z3, numpy, sympy
# and matplotlib stay unloaded until a name that uses them is touched.
_LAZY = {
    "kripke": "lobkit.kernel.kripke",
    "ModalAgent": "lobkit.agents",
    "combat": "lobkit.agents",
    "fixed_point": "lobkit.classics.fixpoint",
    "solve_fixed_points": "lobkit.classics.fixpoint",
    "interpolant": "lobkit.classics.interpolation",
    "letterless_normal_form": "lobkit.classics.letterless",
    "standard_model_truth": "lobkit.classics.letterless",
    "Countermodel": "lobkit.prover",
    "Logic": "lobkit.prover",
    "Proof": "lobkit.prover",
    "ProofResult": "lobkit.prover",
    "entails": "lobkit.prover",
    "is_satisfiable": "lobkit.prover",
    "is_valid": "lobkit.prover",
    "prove": "lobkit.prover",
    "parse": "lobkit.syntax",
    "to_ascii": "lobkit.syntax",
    "to_latex": "lobkit.syntax",
    "to_unicode": "lobkit.syntax",
    "Spec": "lobkit.tiling",
    "load": "lobkit.tiling",
    "load_example": "lobkit.theories",
    "prove_many": "lobkit.batch",
    "BatchResult": "lobkit.batch",
    "read_model": "lobkit.models",
    "evaluate_model": "lobkit.models.report",
    "load_exercise_set": "lobkit.exercises",
    "check_answer": "lobkit.exercises",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lobkit' has no attribute {name!r}")
    import importlib

    mod = importlib.import_module(module)
    value = mod if module.endswith(f".{name}") else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # the names as the type checker and editors see them
    from lobkit.agents import ModalAgent, combat  # type: ignore[no-redef]
    from lobkit.batch import BatchResult, prove_many
    from lobkit.classics.fixpoint import fixed_point, solve_fixed_points
    from lobkit.classics.interpolation import interpolant
    from lobkit.classics.letterless import letterless_normal_form, standard_model_truth
    from lobkit.exercises import check_answer, load_exercise_set
    from lobkit.kernel import kripke
    from lobkit.models import read_model
    from lobkit.models.report import evaluate_model
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
    from lobkit.theories import load_example
    from lobkit.tiling import Spec, load

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
__all__ += ["prove_many", "BatchResult"]  # batch proving
__all__ += ["load", "load_example", "Spec"]  # the tiling checker
__all__ += ["ModalAgent", "combat"]  # modal combat
__all__ += ["fixed_point", "solve_fixed_points", "interpolant"]  # classics
__all__ += ["letterless_normal_form", "standard_model_truth"]  # classics
__all__ += ["read_model", "evaluate_model"]  # models a person writes
__all__ += ["load_exercise_set", "check_answer"]  # exercises judged by the kernel
