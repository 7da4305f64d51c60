"""The house's layout rules, checked: one idea per module (no module over about 400 lines
without a reason written at its top), one module per basename, and imports that flow one way.

The import graph is drawn from every import statement, wherever it stands — at the top, inside
a function (a lazy import), under `if TYPE_CHECKING` — and from the display registry's lazy
imports (`lobkit.display.RENDERERS`, modules named by string). Its only circle may be the
display registry's: renderers import the value types they draw, the value types reach the
renderers only through `lobkit.display`."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from lobkit import display

PACKAGE = Path(__file__).resolve().parents[1] / "lobkit"
LIMIT = 400
MARK = "Long module:"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def docstring_reason(path: Path) -> str:
    """The reason a module's docstring gives for staying one module: the paragraph that
    starts with a line beginning `Long module:` (empty when there is none)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    for paragraph in doc.split("\n\n"):
        if paragraph.startswith(MARK):
            return " ".join(paragraph[len(MARK) :].split())
    return ""


def test_modules_are_small_or_say_why() -> None:
    too_long = []
    for path in modules().values():
        rel = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT and len(docstring_reason(path).split()) < 10:
            too_long.append(
                f"{rel}: {lines} lines, and its docstring has no paragraph starting "
                f"{MARK!r} that says (in a sentence) why it stays one module"
            )
    assert not too_long, "\n".join(too_long)


def test_a_reason_is_found_only_where_it_is_marked(tmp_path: Path) -> None:
    marked = tmp_path / "marked.py"
    marked.write_text(
        '"""What it does.\n\nLong module: one paper, nine families, read side by side\n'
        'with the source in the paper\'s order."""\n',
        encoding="utf-8",
    )
    assert docstring_reason(marked).startswith("one paper, nine families")
    unmarked = tmp_path / "unmarked.py"
    unmarked.write_text('"""What it does; not a Long module: in passing."""\n', encoding="utf-8")
    assert docstring_reason(unmarked) == ""


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The lobkit modules `name` imports anywhere in its source: at the top, inside functions
    and classes, under `if TYPE_CHECKING`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:  # `from pkg import submodule` needs the submodule
                sub = f"{base}.{alias.name}"
                targets.add(sub if sub in known else base)
    return {t for t in targets if t in known and t != name}


def stub_imports(known: set[str]) -> set[str]:
    """The modules `lobkit/__init__.py` imports on first use: those its stub names."""
    return imports("lobkit", PACKAGE / "__init__.pyi", known)


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    graph = {name: imports(name, path, known) for name, path in found.items()}
    graph["lobkit"] |= stub_imports(known)
    return graph


def components(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


# Circles drawn by code that is being split elsewhere: none left (issue 25 split the tiling
# package's: the data model in lobkit.tiling.theory_file, the oracle below the checker, and Spec's
# convenience methods above it).
KNOWN_CIRCLES: list[set[str]] = []


def outside_known(cycles: Iterable[list[str]]) -> list[list[str]]:
    return [c for c in cycles if not any(set(c) <= known for known in KNOWN_CIRCLES)]


def test_no_import_cycles_counting_every_import() -> None:
    assert not outside_known(components(import_graph()))


def test_the_only_circle_is_the_display_registrys() -> None:
    graph = import_graph()
    graph["lobkit.display"] |= {m for ms in display.RENDERERS.values() for m in ms}
    cycles = outside_known(components(graph))
    assert all("lobkit.display" in c for c in cycles), cycles
    without = {n: ts - {"lobkit.display"} for n, ts in graph.items()}
    assert not outside_known(components(without))


def test_a_lazy_import_is_an_import(tmp_path: Path) -> None:
    """The graph sees imports inside functions and under TYPE_CHECKING (a circle made only of
    lazy imports is still a circle)."""
    module = tmp_path / "hook.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from lobkit.render import notebook\n"
        "def f():\n    from lobkit.prover.pipeline import Prover\n",
        encoding="utf-8",
    )
    known = {"lobkit.render.notebook", "lobkit.prover.pipeline", "lobkit.render"}
    assert imports("lobkit.hook", module, known) == {
        "lobkit.render.notebook",
        "lobkit.prover.pipeline",
    }
    assert components({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_display_hooks_live_in_the_registry_only() -> None:
    """No value type defines a Jupyter hook of its own: they inherit `Displayable`, whose
    hooks ask `lobkit.display`."""
    owners = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("_repr_"):
                owners.append(f"{name}.{node.name}")
    assert sorted(owners) == [
        "lobkit.formula._repr_html_",
        "lobkit.formula._repr_latex_",
        "lobkit.formula._repr_svg_",
    ]


# One module per basename, but for modules named by the command or demo they implement
# (`lobkit/cli/*`, `lobkit/demos/*`) and tiling modules issue 25 renames.
SAME_NAME_ALLOWED = {
    "logic": {"lobkit.kernel.logic", "lobkit.tiling.logic"},
    "loader": {"lobkit.agents.loader", "lobkit.tiling.loader"},
    "resolve": {"lobkit.agents.resolve", "lobkit.tiling.resolve"},
}
NAMED_BY_COMMAND = ("lobkit.cli.", "lobkit.demos.")


def test_one_module_per_basename() -> None:
    by_base: dict[str, set[str]] = {}
    for name, path in modules().items():
        if path.name in ("__init__.py", "__main__.py") or name.startswith(NAMED_BY_COMMAND):
            continue
        by_base.setdefault(name.rpartition(".")[2], set()).add(name)
    clashes = {
        base: sorted(names)
        for base, names in by_base.items()
        if len(names) > 1 and names != SAME_NAME_ALLOWED.get(base)
    }
    assert not clashes, clashes


# The layers, bottom first: a module imports only from its own layer or below (the display
# registry's lazy imports of the renderers, by name, are the one way up).
LAYERS = [
    ("lobkit.errors", "lobkit.display", "lobkit.formula", "lobkit.limits"),
    ("lobkit.kernel",),
    ("lobkit.syntax", "lobkit.formats", "lobkit.inputs", "lobkit.outputs", "lobkit.sat"),
    ("lobkit.zoo", "lobkit.prover"),
    ("lobkit.tiling", "lobkit.classics", "lobkit.agents", "lobkit.collapse", "lobkit.theories"),
    ("lobkit.render",),
    ("lobkit", "lobkit.batch", "lobkit.cli", "lobkit.web", "lobkit.demos", "lobkit.schemas"),
]


def layer(module: str) -> int:
    found = [
        (len(prefix), i)
        for i, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    assert found, f"{module} is in no layer: add it to LAYERS"
    return max(found)[1]  # the longest prefix decides (`lobkit` is the façade, on top)


def test_imports_go_down_the_layers() -> None:
    upward = [
        f"{a} (layer {layer(a)}) imports {b} (layer {layer(b)})"
        for a, targets in sorted(import_graph().items())
        for b in sorted(targets)
        if layer(b) > layer(a)
    ]
    assert not upward, "\n".join(upward)
    assert layer("lobkit.kernel.proof") < layer("lobkit.prover.pipeline") < layer("lobkit.render")
