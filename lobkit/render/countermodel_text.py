"""The explained countermodel as text formats: Graphviz DOT, TikZ, and HTML.

All three read the same `Scene` as the matplotlib pictures: the formula as title, the root and
the refuting world marked, each world's annotated subformulas (✓ true, ✗ false, bold on the
refutation chain), theory-labelled steps (with the weaker theories they also count for), the
closure dashed and grey, and the legend. DOT leaves the layout to graphviz; TikZ places nodes
where the layered layout put them (in points) and draws the routed paths; HTML embeds the SVG
picture and lists the refutation chain and the legend as text a screen reader can read.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from lobkit.display import renders
from lobkit.render.scene import FALSE, TRUE, Scene, build_scene
from lobkit.syntax.printers import to_unicode

if TYPE_CHECKING:
    from lobkit.formula import Formula
    from lobkit.kernel.countermodel import Countermodel

__all__ = ["countermodel_dot", "countermodel_tikz", "countermodel_html"]

_HEX = {"true": TRUE, "false": FALSE, "atoms": "#444444", "name": "#000000"}


def _dot_id(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@renders("lobkit.kernel.countermodel.Countermodel", "dot")
def countermodel_dot(model: Countermodel, formula: Formula | None = None) -> str:
    """Graphviz DOT with HTML-like labels; `dot -Tsvg` draws it (root at the bottom)."""
    scene = build_scene(model, formula)
    title = html.escape(scene.title)
    lines = [
        "digraph countermodel {",
        "  rankdir=BT;",
        f'  label=<<b>{title}</b>>; labelloc=t; fontname="DejaVu Sans";',
        '  node [shape=plain, fontname="DejaVu Sans", fontsize=10];',
        '  edge [fontname="DejaVu Sans", fontsize=9];',
    ]
    for w in scene.worlds:
        rows = []
        for line in scene.boxes[w]:
            text = html.escape(line.text)
            if line.kind == "name" or line.marked:
                text = f"<b>{text}</b>"
            rows.append(
                f'<tr><td align="left"><font color="{_HEX[line.kind]}">{text}</font></td></tr>'
            )
        border = 3 if w == scene.refuting else 1
        colour = FALSE if w == scene.refuting else "#000000"
        fill = "#fff8dc" if w == scene.root else "#ffffff"
        table = (
            f'<table border="{border}" color="{colour}" bgcolor="{fill}" cellborder="0" '
            f'cellspacing="0" cellpadding="2" style="rounded">{"".join(rows)}</table>'
        )
        lines.append(f"  {_dot_id(w)} [label=<{table}>];")
    for a, t, b in scene.steps:
        attrs = [f'color="{scene.colours.get(t, "black")}"', "penwidth=1.6"]
        label = scene.labels.get((a, t, b))
        if label:
            attrs.append(f'label="{label}"')
            attrs.append(f'fontcolor="{scene.colours.get(t, "black")}"')
        lines.append(f"  {_dot_id(a)} -> {_dot_id(b)} [{', '.join(attrs)}];")
    for a, b in scene.closure:
        lines.append(
            f'  {_dot_id(a)} -> {_dot_id(b)} [style=dashed, color="#b0b0b0", constraint=false];'
        )
    legend = "".join(f'<tr><td align="left">{html.escape(n)}</td></tr>' for n in _notes(scene))
    lines.append(
        f'  legend [label=<<table border="0" cellspacing="0">{legend}</table>>, '
        'fontsize=9, fontcolor="#555555"];'
    )
    lines.append(f"  {_dot_id(scene.root)} -> legend [style=invis];")
    lines.append("}")
    return "\n".join(lines)


def _notes(scene: Scene) -> list[str]:
    return scene.sentences + scene.legend


_TEX = {
    "□": r"$\Box$",
    "◇": r"$\Diamond$",
    "¬": r"$\neg$",
    "∧": r"$\wedge$",
    "∨": r"$\vee$",
    "→": r"$\to$",
    "↔": r"$\leftrightarrow$",
    "⊤": r"$\top$",
    "⊥": r"$\bot$",
    "✓": r"\checkmark",
    "✗": r"$\times$",
    "⊨": r"$\models$",
    "⊭": r"$\not\models$",
    "⊆": r"$\subseteq$",
    "·": r"$\cdot$",
    "…": r"\ldots",
    "_": r"\_",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "{": r"\{",
    "}": r"\}",
    "^": r"\^{}",
    "~": r"\textasciitilde{}",
    "\\": r"\textbackslash{}",
}


def _tex(text: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in text)


@renders("lobkit.kernel.countermodel.Countermodel", "tikz")
def countermodel_tikz(model: Countermodel, formula: Formula | None = None) -> str:
    """A `tikzpicture` (needs `\\usepackage{tikz,xcolor,amssymb}`; ✓ is amssymb's
    `\\checkmark`): nodes at the layered layout's positions, the routed paths as polylines."""
    scene = build_scene(model, formula)
    lay = scene.layout
    out = [
        "% " + _tex(scene.title).replace("\n", " "),
        r"\begin{tikzpicture}[x=1pt, y=1pt, font=\small,",
        r"  world/.style={draw, rounded corners=3pt, align=left, inner sep=4pt},",
        r"  step/.style={-stealth, thick}, closure/.style={-stealth, dashed, gray!60}]",
        rf"\node[font=\bfseries] at ({lay.width / 2:.1f}, {lay.height + 22:.1f}) "
        rf"{{{_tex(scene.title)}}};",
    ]
    for i, w in enumerate(scene.worlds):
        x, y = lay.centres[w]
        rows = []
        for line in scene.boxes[w]:
            text = _tex(line.text)
            if line.kind == "name" or line.marked:
                text = rf"\textbf{{{text}}}"
            if line.kind in ("true", "false"):
                colour = "green!50!black" if line.kind == "true" else "red!75!black"
                text = rf"\textcolor{{{colour}}}{{{text}}}"
            rows.append(text)
        style = "world"
        if w == scene.refuting:
            style += ", very thick, draw=red!75!black"
        if w == scene.root:
            style += ", fill=yellow!12"
        body = r" \\ ".join(rows)
        out.append(rf"\node[{style}] (n{i}) at ({x:.1f}, {y:.1f}) {{{body}}};")
    index = {w: f"n{i}" for i, w in enumerate(scene.worlds)}
    for a, b in scene.closure:
        out.append(rf"\draw[closure] {_route(lay.paths.get((a, b), []), index[a], index[b])};")
    for a, t, b in scene.steps:
        colour = scene.colours.get(t, "#000000").lstrip("#")
        if a == b:
            out.append(
                rf"\draw[step, color={{rgb,255:red,{int(colour[0:2], 16)};"
                rf"green,{int(colour[2:4], 16)};blue,{int(colour[4:6], 16)}}}] "
                rf"({index[a]}.east) to[loop right] ({index[a]}.east);"
            )
            continue
        label = scene.labels.get((a, t, b), "")
        node = rf" node[midway, right, font=\scriptsize] {{{_tex(label)}}}" if label else ""
        route = _route(lay.paths.get((a, b), []), index[a], index[b])
        out.append(
            rf"\draw[step, color={{rgb,255:red,{int(colour[0:2], 16)};"
            rf"green,{int(colour[2:4], 16)};blue,{int(colour[4:6], 16)}}}] {route}{node};"
        )
    for k, note in enumerate(_notes(scene)):
        out.append(
            rf"\node[anchor=west, font=\scriptsize, text=gray!40!black] at (0, {-20 - 11 * k:.1f}) "
            rf"{{{_tex(note)}}};"
        )
    out.append(r"\end{tikzpicture}")
    return "\n".join(out)


def _route(points: list[tuple[float, float]], tail: str, head: str) -> str:
    """`(tail) -- (bend) -- … -- (head)`: the layout's inner points, node borders by TikZ."""
    inner = points[1:-1]
    if len(inner) > 6:  # a sampled spline: keep a few points, enough to go round the boxes
        step = len(inner) / 6
        inner = [inner[int(i * step)] for i in range(6)]
    parts = [f"({tail})"] + [f"({x:.1f}, {y:.1f})" for x, y in inner] + [f"({head})"]
    return " -- ".join(parts)


SHOWN_STEPS = 14  # links of the refutation chain listed before "show all"


@renders("lobkit.kernel.countermodel.Countermodel", "html")
def countermodel_html(model: Countermodel, formula: Formula | None = None) -> str:
    """The picture (inline SVG), the refutation chain (the first `SHOWN_STEPS` links, then
    "k of n steps; show all"), every world's annotations behind a click, and the legend as
    text. No inline style: the page's stylesheet (and a notebook's defaults) style it."""
    from lobkit.render.kripke_plot import countermodel_svg

    scene = build_scene(model, formula)
    svg = countermodel_svg(model, formula, notes=False)
    svg = svg[svg.find("<svg") :]
    items = [f"<li>{html.escape(s)}</li>" for s in scene.sentences]
    chain = "".join(items[:SHOWN_STEPS])
    if len(items) > SHOWN_STEPS:
        chain += (
            f'<li class="more"><details><summary>{SHOWN_STEPS} of {len(items)} steps shown; '
            f'show all</summary><ol start="{SHOWN_STEPS + 1}">{"".join(items[SHOWN_STEPS:])}'
            "</ol></details></li>"
        )
    legend = "".join(f"<li>{html.escape(s)}</li>" for s in scene.legend)
    return (
        '<div class="lobkit-countermodel">'
        f'<div class="lobkit-picture">{svg}</div>'
        + (
            f"<p><b>Why it refutes</b> ({len(scene.explanation.chain)} steps)</p>"
            f'<ol class="lobkit-chain">{chain}</ol>'
            if items
            else ""
        )
        + _worlds_html(scene, model)
        + f'<ul class="lobkit-legend">{legend}</ul>'
        + "<details><summary>the model as text</summary>"
        + f"<pre>{html.escape(model.render_text())}</pre></details></div>"
    )


def _worlds_html(scene: Scene, model: Countermodel) -> str:
    """Each world's subformulas with their truth (✓/✗), one `<details>` per world: what the
    picture leaves out of a box (it shows what the refutation uses) is one click away."""
    ex = scene.explanation
    if ex.formula is None:
        return ""
    from lobkit.formula import ATOM, BOT, TOP, postorder
    from lobkit.kernel.kripke import truth_sets

    formula = ex.formula
    subs = [f for f in dict.fromkeys(postorder(formula)) if f.op not in (ATOM, TOP, BOT)]
    subs.sort(key=lambda f: len(to_unicode(f)) if f.size <= 256 else 10**6 + f.size)
    truth = truth_sets(model.kripke(), formula)
    parts = []
    for w in scene.worlds:
        rows = "".join(
            f'<li class="{"true" if w in truth.get(f, ()) else "false"}">'
            f"{'✓' if w in truth.get(f, ()) else '✗'} {html.escape(to_unicode(f))}</li>"
            for f in subs[:200]
        )
        more = f"<li>… and {len(subs) - 200} more</li>" if len(subs) > 200 else ""
        parts.append(
            f'<details data-world="{html.escape(w)}"><summary>{html.escape(w)}</summary>'
            f"<ul>{rows}{more}</ul></details>"
        )
    return (
        '<div class="lobkit-worlds"><p><b>Every subformula at each world</b> '
        "(click a world)</p>" + "".join(parts) + "</div>"
    )
