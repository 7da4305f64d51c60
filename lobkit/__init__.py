"""lobkit: provability logic (GL) and the Löbian obstacle.

>>> import lobkit
>>> p = lobkit.atom("p")
>>> print(lobkit.to_unicode(lobkit.parse("[]([]p -> p) -> []p")))
□(□p → p) → □p

The public names are listed once, in `lobkit/__init__.pyi` (which type checkers read); each is
imported on first use (PEP 562), so `import lobkit` — and every `lobkit` command — loads only
what it needs: z3, numpy, sympy and matplotlib stay unloaded until a name that uses them is
touched.
"""

import ast as _ast
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


def _public() -> dict[str, tuple[str, str]]:
    """Each public name → (its module, its name there), read from the stub's imports."""
    stub = _os.path.join(_os.path.dirname(__file__), "__init__.pyi")
    with open(stub, encoding="utf-8") as file:
        tree = _ast.parse(file.read(), stub)
    return {
        alias.asname or alias.name: (node.module, alias.name)
        for node in tree.body
        if isinstance(node, _ast.ImportFrom) and node.module
        for alias in node.names
    }


_PUBLIC = _public()
__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> object:
    where = _PUBLIC.get(name)
    if where is None:
        raise AttributeError(f"module 'lobkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(where[0]), where[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
