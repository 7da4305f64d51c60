"""One description of an explained countermodel picture, shared by every renderer.

A `Scene` holds what each renderer (matplotlib PNG/SVG, DOT, TikZ, HTML) draws: the title, each
world's box (name, root mark, atoms, annotated subformulas, the refutation chain in bold), the
prover's steps with theory labels (and the weaker theories each step also counts for), the
faint closure pairs of transitive frames, self-loops, the legend, and the layered layout of
`lobkit.render.layout`. Renderers only translate; nothing is decided twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lobkit.render.layout import Layout, layered_layout
from lobkit.render.refutation import (
    Explanation,
    closure_edges,
    explain,
    inclusions,
    shorten,
    step_edges,
)
from lobkit.syntax.printers import to_unicode

if TYPE_CHECKING:
    from lobkit.formula import Formula
    from lobkit.kernel.countermodel import Countermodel

__all__ = ["Scene", "Line", "build_scene", "THEORY_COLOURS", "TRUE", "FALSE", "MAX_CLOSURE"]

THEORY_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
)
TRUE, FALSE = "#1a7f37", "#c62828"
MAX_CLOSURE = 120  # more faint pairs than this are summarised in the legend, not drawn
CHAR_W, LINE_H, PAD = 5.7, 12.0, 7.0  # points, for 9 pt DejaVu Sans


@dataclass(frozen=True)
class Line:
    """One text line in a world's box: `kind` is 'name', 'atoms', 'true' or 'false';
    `marked` lines are on the refutation chain."""

    text: str
    kind: str
    marked: bool = False


@dataclass(frozen=True)
class Scene:
    title: str
    worlds: tuple[str, ...]
    root: str
    refuting: str | None
    boxes: dict[str, list[Line]]
    steps: list[tuple[str, str | None, str]]
    labels: dict[tuple[str, str | None, str], str]
    closure: list[tuple[str, str]]
    closure_hidden: int
    loops: list[tuple[str, str | None]]
    colours: dict[str | None, str]
    legend: list[str]
    sentences: list[str]
    layout: Layout
    multi: bool
    explanation: Explanation


def theory_name(theory: str | None) -> str:
    """A theory's box as the pictures print it: □ or □_T, as `to_unicode` writes [T]A (one
    notation per picture)."""
    return "□" if theory is None else f"□_{theory}"


def build_scene(
    model: Countermodel,
    formula: Formula | None = None,
    *,
    logic: str | None = None,
    premises: tuple[Formula, ...] = (),
    per_world: int = 6,
) -> Scene:
    """Everything to draw `model` as a countermodel to `formula` (given, or the one the prover
    stored on the model)."""
    formula = formula if formula is not None else getattr(model, "formula", None)
    logic_obj = getattr(model, "logic", None)
    logic_name = logic or (logic_obj.frame if logic_obj is not None else "")
    if not premises and logic_obj is not None:
        premises = tuple(logic_obj.premises)
    kripke = model.kripke()
    ex = explain(
        kripke, model.root, formula, logic=logic_name, premises=premises, per_world=per_world
    )
    steps = step_edges(model.worlds, dict(model.relations), model.edges)
    also = inclusions(dict(model.relations), steps)
    multi = not set(model.relations) <= {None}
    theories = sorted({t for _, t, _ in steps} | set(model.relations), key=lambda t: t or "")
    colours = {t: THEORY_COLOURS[i % len(THEORY_COLOURS)] for i, t in enumerate(theories)}
    labels: dict[tuple[str, str | None, str], str] = {}
    for e in steps:
        if multi:
            extra = "".join(f", {theory_name(s)}" for s in also[e])
            labels[e] = theory_name(e[1]) + extra
        else:
            labels[e] = ""
    closure = [(a, b) for a, b in closure_edges(dict(model.relations), steps)]
    closure_loops = [(a, b) for a, b in closure if a == b]
    closure = [p for p in closure if p[0] != p[1]]
    hidden = 0
    if len(closure) > MAX_CLOSURE:
        hidden, closure = len(closure), []
    loops = [(a, t) for a, t, b in steps if a == b] + [(a, None) for a, _ in closure_loops]
    marks = ex.marks()
    boxes: dict[str, list[Line]] = {}
    for w in model.worlds:
        head = w
        if w == model.root:
            head += " · root"
        if formula is not None and w == ex.refuting:
            head += " · refutes the formula"
        atoms = ", ".join(sorted(model.valuation.get(w, ()))) or "none"
        lines = [Line(head, "name"), Line(f"atoms: {atoms}", "atoms")]
        for f, value in ex.rows.get(w, []):
            mark = f in marks.get(w, set())
            text = f"{'✓' if value else '✗'} {shorten(to_unicode(f), 44)}"
            lines.append(Line(text, "true" if value else "false", mark))
        if ex.more.get(w):  # never cut silently: the rest of the chain is listed below
            lines.append(Line(f"+ {ex.more[w]} more on the refutation (listed below)", "atoms"))
        boxes[w] = lines
    sizes = {
        w: (max(len(ln.text) for ln in lines) * CHAR_W + 2 * PAD, len(lines) * LINE_H + 2 * PAD)
        for w, lines in boxes.items()
    }
    layout = layered_layout(model.worlds, sizes, [(a, b) for a, _, b in steps], weak=closure)
    if formula is not None:
        title = f"Countermodel to {shorten(to_unicode(formula), 90)}"
        title += f" in {logic_name}" if logic_name else ""
    else:
        title = "Kripke model"
    legend = _legend(formula is not None, logic_name, bool(closure), hidden, multi, also)
    return Scene(
        title,
        tuple(model.worlds),
        model.root,
        ex.refuting if formula is not None else None,
        boxes,
        steps,
        labels,
        closure,
        hidden,
        loops,
        colours,
        legend,
        ex.sentences(),
        layout,
        multi,
        ex,
    )


def _legend(
    annotated: bool,
    logic: str,
    closure: bool,
    hidden: int,
    multi: bool,
    also: dict[tuple[str, str | None, str], list[str | None]],
) -> list[str]:
    out = []
    if annotated:
        out.append("✓ true at the world, ✗ false there; bold: the refutation chain")
    out.append("arrows: the prover's steps (a world reaches the worlds above it)")
    if closure:
        out.append("faint arrows: pairs the relation adds by transitivity")
    elif hidden:
        out.append(f"the transitive closure adds {hidden} pairs (not drawn)")
    elif logic == "K":
        out.append("K: the relation is exactly the drawn steps (no closure)")
    if multi:
        pairs = {(theory_name(e[1]), theory_name(s)) for e, ss in also.items() for s in ss}
        for t, s in sorted(pairs):
            out.append(f"a {t} step is also a {s} step: R{t} ⊆ R{s}")
    return out
