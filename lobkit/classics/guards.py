"""Guards shared by `lobkit.classics`: they are about GL's single box.

(The shared time budget they pass to the prover is `lobkit.limits.Budget`.)
"""

from __future__ import annotations

from lobkit.errors import InputError
from lobkit.formula import Formula, theories_of
from lobkit.syntax.printers import brief

__all__ = ["require_plain_box"]


def require_plain_box(*formulas: Formula) -> None:
    """Reject theory-indexed boxes: these classics are about GL's single box."""
    for formula in formulas:
        if any(t is not None for t in theories_of(formula)):
            raise InputError(
                f"{brief(formula)}: theory-indexed boxes are not supported here "
                "(GL has a single box)"
            )
