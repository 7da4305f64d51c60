"""lobkit: provability logic (GL) and the Löbian obstacle.

>>> import lobkit
>>> p = lobkit.atom("p")
>>> print(lobkit.to_unicode(lobkit.parse("[]([]p -> p) -> []p")))
□(□p → p) → □p
"""

from __future__ import annotations

__version__ = "0.1.0"

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
from lobkit.syntax import parse, to_ascii, to_latex, to_unicode

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
]
