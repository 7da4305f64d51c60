"""The house's layout rules, checked: one idea per module (no module over about 400 lines
without a reason written at its top) and imports that flow one way (no import cycle among
lobkit's modules; imports inside functions — the lazy display hooks such as `_repr_svg_` — are
not part of the module graph, since they run only when called)."""

from __future__ import annotations

import ast
from pathlib import Path

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


def top_level_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The lobkit modules `name` imports when it is loaded (not inside functions, not under
    `if TYPE_CHECKING`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
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
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for block in ("body", "orelse", "finalbody"):
                    visit(getattr(node, block, []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)

    visit(tree.body)
    return {t for t in targets if t in known and t != name}


def test_no_import_cycles() -> None:
    found = modules()
    graph = {name: top_level_imports(name, path, set(found)) for name, path in found.items()}
    # Tarjan's strongly connected components, iteratively
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
    assert not cycles, f"import cycles: {cycles}"
