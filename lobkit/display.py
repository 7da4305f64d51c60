"""Display by registration: the one place that connects lobkit's values to their renderers.

A value type (a `Formula`, a kernel `Proof` or `Countermodel`, a prover, tiling, combat or
collapse result) imports no renderer: it inherits `lobkit.formula.Displayable`, whose hooks —
`__str__`, Jupyter's `_repr_html_`, `_repr_latex_`, `_repr_svg_` — call `show` here. Each
renderer registers itself for a (type, format) pair with `@renders`, naming the type by its
dotted path so that registering imports nothing. This is sympy's `Printable` mixin and pysmt's
environment printer, with the table of printers in one module.

The registry finds renderers lazily: the first time a format is asked for, it imports the
modules listed for that format in `RENDERERS`. Those lazy imports are the one import circle the
package allows (`tests/test_layout.py`): renderers import the types they draw, and the types
reach them only through here. At load time this module imports nothing of lobkit.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["RENDERERS", "FORMATS", "renders", "show", "renderer"]

FORMATS = ("text", "latex", "html", "svg", "png", "dot", "tikz", "figure")
"""What a renderer can produce: `text` (`str(value)`), `latex`, `html` and `svg` (Jupyter's
`_repr_latex_`, `_repr_html_`, `_repr_svg_`), `png` (bytes), `dot` and `tikz` (source text),
`figure` (a matplotlib Figure)."""

RENDERERS: dict[str, tuple[str, ...]] = {
    "text": ("lobkit.syntax.printers", "lobkit.render.proof_text"),
    "latex": ("lobkit.syntax.printers", "lobkit.render.proof_text"),
    "html": ("lobkit.render.notebook", "lobkit.render.countermodel_text"),
    "svg": ("lobkit.render.kripke_plot",),
    "png": ("lobkit.render.kripke_plot",),
    "dot": ("lobkit.render.countermodel_text",),
    "tikz": ("lobkit.render.countermodel_text",),
    "figure": ("lobkit.render.kripke_plot",),
}
"""For each format, the modules whose `@renders` registrations provide it (imported on the
first request for the format, so `str(formula)` never loads the notebook or plotting code)."""

_TABLE: dict[tuple[str, str], Callable[..., Any]] = {}
_LOADED: set[str] = set()
_FOUND: dict[tuple[type, str], Callable[..., Any] | None] = {}

F = TypeVar("F", bound=Callable[..., Any])


def renders(type_path: str, *formats: str) -> Callable[[F], F]:
    """Register the decorated function as the renderer of the type at `type_path` (its module
    and qualified name, `"lobkit.kernel.proof.Proof"`) in each of `formats`."""
    unknown = [f for f in formats if f not in FORMATS]
    if not formats or unknown:
        raise ValueError(f"renders: formats must be among {FORMATS} (got {formats})")

    def register(function: F) -> F:
        for fmt in formats:
            _TABLE[type_path, fmt] = function
        _FOUND.clear()
        return function

    return register


def renderer(kind: type, fmt: str) -> Callable[..., Any] | None:
    """The function registered for `kind` (or its nearest base) in `fmt`, loading that
    format's renderer modules on first use; None when there is none."""
    key = (kind, fmt)
    if key in _FOUND:
        return _FOUND[key]
    if fmt not in _LOADED:
        # Thread-safe without a lock of ours: a thread importing a module another thread is
        # importing waits for it to finish (the import system's per-module lock), so once
        # `import_module` returns, the module's renderers are registered.
        for module in RENDERERS.get(fmt, ()):
            importlib.import_module(module)
        _LOADED.add(fmt)
    found = None
    for base in kind.__mro__:
        found = _TABLE.get((f"{base.__module__}.{base.__qualname__}", fmt))
        if found is not None:
            break
    _FOUND[key] = found
    return found


def show(value: object, fmt: str, **options: Any) -> Any:
    """`value` rendered in `fmt` by its registered renderer (None when it has none: Jupyter
    then skips that format)."""
    function = renderer(type(value), fmt)
    return None if function is None else function(value, **options)
