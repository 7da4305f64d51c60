"""The trusted kernel imports only `lobkit.formula` and `lobkit.errors`: never the search, a
renderer or z3. Checked on the source — every import statement in `lobkit/kernel`, those
inside functions and under `if TYPE_CHECKING` included — and, in a fresh interpreter, on what
importing the kernel loads. `lobkit.kernel.__init__` is its complete signature."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import lobkit
import lobkit.kernel

KERNEL = Path(lobkit.__file__).parent / "kernel"
ALLOWED = {"lobkit.formula", "lobkit.errors"}


def imported_modules(path: Path) -> set[str]:
    """Every module an import statement anywhere in `path` names (relative ones resolved)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = "lobkit.kernel" if node.level == 1 else "lobkit"
                names.add(f"{base}.{node.module}" if node.module else base)
            else:
                names.add(node.module or "")
    return names


def test_the_kernel_source_imports_only_formula_errors_and_itself() -> None:
    outside = {}
    for path in sorted(KERNEL.glob("*.py")):
        bad = {
            m
            for m in imported_modules(path)
            if m.split(".")[0] not in sys.stdlib_module_names
            and m not in ALLOWED
            and not m.startswith("lobkit.kernel")
        }
        if bad:
            outside[path.name] = sorted(bad)
    assert not outside, f"the kernel imports {outside}"


def test_an_import_inside_a_function_is_seen(tmp_path: Path) -> None:
    hooked = tmp_path / "hooked.py"
    hooked.write_text("def render_text(self):\n    from lobkit.render import x\n")
    assert imported_modules(hooked) == {"lobkit.render"}


def test_importing_the_kernel_loads_no_search_and_no_renderer() -> None:
    """What importing the kernel pulls in, in a fresh interpreter whose `lobkit` package is
    bare: the kernel, formula, errors, and the display registry formula's hooks call (which
    imports nothing of lobkit until something is displayed)."""
    package_dir = str(Path(lobkit.__file__).parent)
    code = (
        "import sys, json, types\n"
        "bare = types.ModuleType('lobkit')\n"
        f"bare.__path__ = [{package_dir!r}]\n"
        "sys.modules['lobkit'] = bare\n"
        "import lobkit.kernel\n"
        "for name in lobkit.kernel.__all__: getattr(lobkit.kernel, name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    modules = set(json.loads(out))
    assert "z3" not in modules and "pysat" not in modules
    assert "lobkit.kernel.proof_checker" in modules  # the bare package did load the kernel
    lobkit_modules = {m for m in modules if m.startswith("lobkit.")}
    outside = {m for m in lobkit_modules if not m.startswith("lobkit.kernel")}
    assert outside == {"lobkit.formula", "lobkit.errors", "lobkit.display"}


def test_the_kernel_init_is_its_complete_signature() -> None:
    """Every public name of every kernel module is listed by `lobkit.kernel`."""
    missing = {}
    for path in sorted(KERNEL.glob("*.py")):
        if path.name == "__init__.py":
            continue
        module = importlib.import_module(f"lobkit.kernel.{path.stem}")
        absent = set(getattr(module, "__all__", ())) - set(lobkit.kernel.__all__)
        if absent:
            missing[path.stem] = sorted(absent)
    assert not missing
    assert "complete signature" in (lobkit.kernel.__doc__ or "")


def test_the_kernel_loads_its_modules_on_first_use() -> None:
    """`lobkit.kernel` names each part of its signature and imports it when first asked for:
    checking a GL proof loads neither the labelled calculus nor the reflexive translation."""
    for name in lobkit.kernel.__all__:
        value = getattr(lobkit.kernel, name)
        home = importlib.import_module(f"lobkit.kernel.{lobkit.kernel._HOME[name]}")
        assert getattr(home, name) is value
    assert lobkit.kernel.linear is importlib.import_module("lobkit.kernel.linear")
    code = "import sys\nfrom lobkit.kernel import Logic, check_proof\nprint(sorted(sys.modules))\n"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    modules = set(ast.literal_eval(out))
    assert "lobkit.kernel.proof_checker" in modules
    assert not modules & {"lobkit.kernel.labelled", "lobkit.kernel.reflexive", "json"}
