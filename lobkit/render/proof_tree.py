"""Proofs drawn as trees, conclusion at the bottom: SVG (Jupyter, the web page) and PNG.

The layout is the textbook one for sequent proofs: each inference is a horizontal line with
the premises' sequents above it, the conclusion below and the rule's name to the right. Modal
rules (GLR, K4R, KR: where a world is left for a successor) are drawn in blue on a tinted
band, so a reader sees where the proof "looks into the future". Proofs are DAGs: a shared
sub-proof is drawn once, numbered, and later uses say "⋮ as (n)". Large proofs are collapsed:
only the first `max_steps` inferences nearest the conclusion are drawn and each cut-off
sub-proof is a stub "⋮ k steps" carrying `data-node` (the web page expands it on click by
asking for that node in `expand`). Widths use a monospace font, so the layout is exact
without measuring text.
"""

from __future__ import annotations

import html
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lobkit.render.proof_text import sequent_text
from lobkit.syntax.printers import to_unicode

if TYPE_CHECKING:
    from lobkit.formula import Formula
    from lobkit.kernel.proof import Proof

__all__ = [
    "proof_svg",
    "proof_figure",
    "proof_png",
    "draw_proof",
    "layout_proof",
    "MODAL_RULES",
]

MODAL_RULES = frozenset({"GLR", "K4R", "KR"})
CHAR, LEVEL, GAP = 7.2, 25.0, 18.0  # px per character (12px DejaVu Sans Mono), row height
MODAL, PLAIN = "#1f5fbf", "#333333"


@dataclass
class _Occ:
    node: int
    depth: int
    kind: str  # 'step', 'ref' (shared, drawn elsewhere) or 'stub' (collapsed)
    text: str
    rule: str = ""
    label: str = ""  # '(n)' for a shared sub-proof drawn here
    hidden: int = 0
    children: list[int] = field(default_factory=list)
    width: float = 0.0
    x: float = 0.0


def _rule_text(proof: Proof, i: int) -> str:
    """The rule's name; a modal rule for theory T is GLR_T, as the drawn boxes are □_T (one
    notation per picture; the text proof keeps `GLR[T]`)."""
    node = proof.nodes[i]
    if node.rule in MODAL_RULES and node.principal is not None and node.principal.label:
        return f"{node.rule}_{node.principal.label}"
    return node.rule


def _below(proof: Proof, i: int) -> int:
    """Distinct inferences in the sub-proof at `i` (what a stub hides)."""
    seen = {i}
    todo = [i]
    while todo:
        for j in proof.nodes[todo.pop()].premises:
            if j not in seen:
                seen.add(j)
                todo.append(j)
    return len(seen)


def layout_proof(
    proof: Proof,
    *,
    max_steps: int = 60,
    expand: Iterable[int] = (),
    show: Callable[[Formula], str] | None = None,
) -> tuple[list[_Occ], float, float]:
    """The occurrences to draw (breadth first from the conclusion), total width and height;
    `show` prints a formula (default: Unicode; `lobkit.render.notation.user_notation(goal)`
    keeps the user's ◇)."""
    expanded = set(expand)
    uses: dict[int, int] = {}
    for node in proof.nodes:
        for j in node.premises:
            uses[j] = uses.get(j, 0) + 1
    occs: list[_Occ] = []
    drawn: dict[int, str] = {}
    queue: deque[tuple[int, int, int | None]] = deque([(proof.root, 0, None)])
    budget = max_steps
    while queue:
        i, depth, parent = queue.popleft()
        node = proof.nodes[i]
        if i in drawn:
            occ = _Occ(i, depth, "ref", f"⋮ as {drawn[i]}")
        elif budget <= 0 and node.premises and i not in expanded:
            occ = _Occ(i, depth, "stub", f"⋮ {_below(proof, i)} steps", hidden=_below(proof, i))
        else:
            budget -= 1
            text = sequent_text(node, show or to_unicode)
            occ = _Occ(i, depth, "step", text, _rule_text(proof, i))
            if uses.get(i, 0) > 1 and node.premises:
                drawn[i] = f"({len(drawn) + 1})"
                occ.label = drawn[i]
        occs.append(occ)
        k = len(occs) - 1
        if parent is not None:
            occs[parent].children.append(k)
        if occ.kind == "step":
            for j in node.premises:
                queue.append((j, depth + 1, k))
    for occ in reversed(occs):  # children come after their parent: widths bottom-up
        own = len(occ.text) * CHAR
        kids = sum(occs[c].width for c in occ.children) + GAP * max(0, len(occ.children) - 1)
        rule_w = (len(occ.rule) + len(occ.label) + 2) * CHAR * 0.85 if occ.kind == "step" else 0
        occ.width = max(own, kids) + rule_w + GAP / 2
    for occ in occs:  # parents first: place the children left to right above
        kids = sum(occs[c].width for c in occ.children) + GAP * max(0, len(occ.children) - 1)
        rule_w = (len(occ.rule) + len(occ.label) + 2) * CHAR * 0.85 if occ.kind == "step" else 0
        content = occ.width - rule_w - GAP / 2
        x = occ.x + (content - kids) / 2
        for c in occ.children:
            occs[c].x = x
            x += occs[c].width + GAP
    depth = max(o.depth for o in occs) + 1
    return occs, occs[0].width, depth * LEVEL + 16


def _geometry(occ: _Occ, occs: list[_Occ], height: float) -> dict[str, Any]:
    """Where an occurrence's text, line and rule label go (y grows downwards, as in SVG)."""
    rule_w = (len(occ.rule) + len(occ.label) + 2) * CHAR * 0.85 if occ.kind == "step" else 0
    content = occ.width - rule_w - GAP / 2
    y = height - occ.depth * LEVEL - 6
    if occ.children:
        left = occs[occ.children[0]].x
        last = occs[occ.children[-1]]
        right = last.x + last.width - _rule_width(last)
        text_left = occ.x + (content - len(occ.text) * CHAR) / 2
        left = min(left, text_left)
        right = max(right, text_left + len(occ.text) * CHAR)
    else:
        left = occ.x + (content - len(occ.text) * CHAR) / 2
        right = left + len(occ.text) * CHAR
    return {"cx": occ.x + content / 2, "y": y, "line": (left, right, y - 14.5)}


def _rule_width(occ: _Occ) -> float:
    if occ.kind != "step":
        return 0.0
    return (len(occ.rule) + len(occ.label) + 2) * CHAR * 0.85 + GAP / 2


def proof_svg(
    proof: Proof,
    *,
    max_steps: int = 60,
    expand: Iterable[int] = (),
    show: Callable[[Formula], str] | None = None,
) -> str:
    """The proof as a standalone SVG tree (collapsed beyond `max_steps` inferences); `show`
    prints the sequents' formulas (see `layout_proof`)."""
    occs, width, height = layout_proof(proof, max_steps=max_steps, expand=expand, show=show)
    width += 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lobkit-proof" width="{width:.0f}" '
        f'height="{height + 8:.0f}" viewBox="-10 0 {width:.0f} {height + 8:.0f}">',
        "<style>.lobkit-proof text{font-family:'DejaVu Sans Mono',monospace;font-size:12px}"
        ".lobkit-proof .rule{font-size:10px}.lobkit-proof .stub{cursor:pointer;fill:#7a4d00}"
        ".lobkit-proof .ref{fill:#777}</style>",
    ]
    hidden = 0
    for occ in occs:
        g = _geometry(occ, occs, height)
        text = html.escape(occ.text)
        if occ.kind == "stub":
            hidden += occ.hidden
            out.append(
                f'<g class="stub" data-node="{occ.node}"><title>click to expand</title>'
                f'<text x="{g["cx"]:.1f}" y="{g["y"]:.1f}" text-anchor="middle">{text}</text></g>'
            )
            continue
        if occ.kind == "ref":
            out.append(
                f'<text class="ref" x="{g["cx"]:.1f}" y="{g["y"]:.1f}" '
                f'text-anchor="middle">{text}</text>'
            )
            continue
        modal = proof.nodes[occ.node].rule in MODAL_RULES
        colour = MODAL if modal else PLAIN
        left, right, ly = g["line"]
        cls = "step modal" if modal else "step"
        out.append(f'<g class="{cls}" data-rule="{html.escape(occ.rule)}">')
        if modal:
            out.append(
                f'<rect x="{left - 4:.1f}" y="{ly + 1:.1f}" width="{right - left + 8:.1f}" '
                f'height="17" fill="#e8f0fc" rx="3"/>'
            )
        out.append(
            f'<text x="{g["cx"]:.1f}" y="{g["y"]:.1f}" text-anchor="middle" '
            f'fill="{colour}">{text}</text>'
        )
        out.append(
            f'<line x1="{left:.1f}" y1="{ly:.1f}" x2="{right:.1f}" y2="{ly:.1f}" '
            f'stroke="{colour}" stroke-width="{1.8 if modal else 1}"/>'
        )
        label = html.escape(occ.rule + (f" {occ.label}" if occ.label else ""))
        weight = ' font-weight="bold"' if modal else ""
        out.append(
            f'<text class="rule" x="{right + 4:.1f}" y="{ly + 4:.1f}" fill="{colour}"{weight}>'
            f"{label}</text></g>"
        )
    out.append("</svg>")
    return "\n".join(out)


def proof_figure(
    proof: Proof, *, max_steps: int = 60, show: Callable[[Formula], str] | None = None
) -> Any:
    """The same tree as a matplotlib Figure (for `--format png`)."""
    from matplotlib.figure import Figure

    occs, width, height = layout_proof(proof, max_steps=max_steps, show=show)
    fig = Figure(figsize=((width + 20) / 100, (height + 8) / 100), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    draw_proof(ax, proof, max_steps=max_steps, show=show)
    return fig


def draw_proof(
    ax: Any,
    proof: Proof,
    *,
    max_steps: int = 60,
    show: Callable[[Formula], str] | None = None,
    size: float = 9.0,
) -> tuple[float, float]:
    """Draw the tree into matplotlib axes `ax` (limits set here, in layout units: 100 per
    inch at `size` 9); return the layout's (width, height) so a caller can size its panel."""
    occs, width, height = layout_proof(proof, max_steps=max_steps, show=show)
    ax.set_xlim(-10, width + 10)
    ax.set_ylim(height + 8, 0)
    ax.set_axis_off()
    font: dict[str, Any] = {"family": "DejaVu Sans Mono", "size": size}
    for occ in occs:
        g = _geometry(occ, occs, height)
        if occ.kind != "step":
            ax.text(g["cx"], g["y"], occ.text, ha="center", va="baseline", color="#777", **font)
            continue
        modal = proof.nodes[occ.node].rule in MODAL_RULES
        colour = MODAL if modal else PLAIN
        left, right, ly = g["line"]
        ax.text(g["cx"], g["y"], occ.text, ha="center", va="baseline", color=colour, **font)
        ax.plot([left, right], [ly, ly], color=colour, linewidth=1.6 if modal else 0.9)
        label = occ.rule + (f" {occ.label}" if occ.label else "")
        ax.text(
            right + 4,
            ly + 4,
            label,
            color=colour,
            family="DejaVu Sans Mono",
            size=size * 0.85,
            fontweight="bold" if modal else "normal",
        )
    return width, height


def proof_png(proof: Proof, *, max_steps: int = 60, dpi: int = 130) -> bytes:
    """PNG bytes of `proof_figure`."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = proof_figure(proof, max_steps=max_steps)
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
