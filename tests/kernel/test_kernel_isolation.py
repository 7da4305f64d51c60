"""The trusted kernel imports only `lobkit.formula` and `lobkit.errors`: never the search,
never z3. Checked in a fresh interpreter where the `lobkit` package's own `__init__` (which
imports the whole toolkit for the user's convenience) is replaced by a bare package, so what
is left in `sys.modules` is what the kernel itself pulls in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lobkit

_ALLOWED = {"lobkit", "lobkit.formula", "lobkit.errors"}


def test_kernel_imports_nothing_but_formula_and_errors() -> None:
    package_dir = str(Path(lobkit.__file__).parent)
    code = (
        "import sys, json, types\n"
        "bare = types.ModuleType('lobkit')\n"
        f"bare.__path__ = [{package_dir!r}]\n"
        "sys.modules['lobkit'] = bare\n"
        "import lobkit.kernel, lobkit.kernel.checker, lobkit.kernel.kripke, lobkit.kernel.linear\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    modules = set(json.loads(out))
    assert "z3" not in modules
    assert "lobkit.kernel.checker" in modules  # the bare package did load the kernel
    lobkit_modules = {m for m in modules if m == "lobkit" or m.startswith("lobkit.")}
    outside = {m for m in lobkit_modules - _ALLOWED if not m.startswith("lobkit.kernel")}
    assert not outside, f"the kernel pulled in {sorted(outside)}"
