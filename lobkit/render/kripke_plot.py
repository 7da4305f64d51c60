"""Draw a finite (multi-relational) Kripke countermodel as a picture with matplotlib.

Worlds are boxes labelled with their name and true atoms, the root drawn thicker at the bottom
and each world one row above the world it is reached from (the usual way GL models are drawn:
accessible worlds "later", higher up). Arrows are the prover's labelled steps, one colour per
theory; each relation R_T is the closure of these steps (for GL: a path whose last step is by a
theory extending T), which the caption says. No graphviz binary is assumed: matplotlib's Agg
backend only, through `matplotlib.figure.Figure`, so it runs headless and thread-safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from lobkit.prover import Countermodel

__all__ = ["draw_countermodel", "plot_countermodel", "THEORY_COLOURS"]

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


def _edges(model: Countermodel) -> list[tuple[str, str | None, str]]:
    """The steps to draw: the search's labelled edges, or (a model built by hand without
    them) the relations' immediate pairs."""
    edges = list(getattr(model, "edges", ()) or ())
    if edges:
        return edges
    out = []
    for theory, relation in model.relations.items():
        pairs = set(relation)
        for a, b in sorted(pairs):
            # keep a -> b only when no c gives a -> c -> b (transitive reduction)
            if not any((a, c) in pairs and (c, b) in pairs for c in model.worlds):
                out.append((a, theory, b))
    return out


def _levels(model: Countermodel, edges: Sequence[tuple[str, str | None, str]]) -> dict[str, int]:
    """Row of each world: the length of the longest path of steps from the root."""
    level = {w: 0 for w in model.worlds}
    for _ in range(len(model.worlds)):  # Bellman–Ford style; the step graph is small
        changed = False
        for a, _t, b in edges:
            if a != b and level[b] < level[a] + 1 and level[a] + 1 < len(model.worlds):
                level[b] = level[a] + 1
                changed = True
        if not changed:
            break
    return level


def draw_countermodel(
    ax: Axes,
    model: Countermodel,
    *,
    title: str | None = None,
    colours: dict[str | None, str] | None = None,
) -> dict[str | None, str]:
    """Draw `model` into `ax`; return the colour used for each theory (for a legend)."""
    from matplotlib.patches import FancyArrowPatch

    edges = _edges(model)
    level = _levels(model, edges)
    rows: dict[int, list[str]] = {}
    for w in model.worlds:
        rows.setdefault(level[w], []).append(w)
    pos: dict[str, tuple[float, float]] = {}
    for row, worlds in rows.items():
        for i, w in enumerate(worlds):
            pos[w] = (i - (len(worlds) - 1) / 2, float(row))
    theories = sorted({t for _, t, _ in edges}, key=lambda t: "" if t is None else t)
    palette = dict(colours or {})
    for t in theories:
        palette.setdefault(t, THEORY_COLOURS[len(palette) % len(THEORY_COLOURS)])
    for w, (x, y) in pos.items():
        atoms = ", ".join(sorted(model.valuation.get(w, ()))) or "—"
        root = w == model.root
        ax.text(
            x,
            y,
            f"{w}{' (root)' if root else ''}\n{atoms}",
            ha="center",
            va="center",
            fontsize=9,
            zorder=3,
            bbox={
                "boxstyle": "round,pad=0.4",
                "facecolor": "#fff8dc" if root else "white",
                "edgecolor": "black",
                "linewidth": 2.0 if root else 1.0,
            },
        )
    seen: dict[tuple[str, str], int] = {}
    for a, t, b in edges:
        k = seen.get((a, b), 0)
        seen[(a, b)] = k + 1
        if a == b:  # a reflexive point (K4, K): a small loop on the world's right side
            x, y = pos[a]
            start, end = (x + 0.13, y + 0.1 + 0.1 * k), (x + 0.13, y - 0.1 - 0.1 * k)
            style, shrink = "arc3,rad=-1.8", 0.0
        else:
            start, end, style, shrink = pos[a], pos[b], f"arc3,rad={0.15 * k}", 18.0
        arrow = FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=14,
            color=palette[t],
            linewidth=1.6,
            shrinkA=shrink,
            shrinkB=shrink,
            connectionstyle=style,
            zorder=2,
        )
        ax.add_patch(arrow)
        if a == b:
            mx, my = pos[a][0] + 0.22, pos[a][1]
        else:
            mx, my = (pos[a][0] + pos[b][0]) / 2, (pos[a][1] + pos[b][1]) / 2
        ax.text(
            mx + 0.08 + 0.12 * k,
            my,
            "□" if t is None else f"[{t}]",
            color=palette[t],
            fontsize=8,
            ha="left",
            va="center",
        )
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=10)
    return palette


CAPTION = "arrows: the prover's steps; in GL and K4 each relation is their transitive closure"


def countermodel_figure(model: Countermodel, *, title: str | None = None) -> Any:
    """A matplotlib Figure (no global state, no display needed) showing `model`."""
    from matplotlib.figure import Figure

    rows = len(set(_levels(model, _edges(model)).values()))
    fig = Figure(figsize=(6.0, 1.6 + 1.3 * rows))
    ax = fig.add_subplot(1, 1, 1)
    draw_countermodel(ax, model, title=title)
    return fig


def countermodel_svg(model: Countermodel) -> str:
    """`model` drawn as SVG text (what Jupyter shows for a countermodel)."""
    import io

    from matplotlib.backends.backend_svg import FigureCanvasSVG

    fig = countermodel_figure(model)
    FigureCanvasSVG(fig)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def plot_countermodel(
    model: Countermodel,
    path: str | Path,
    *,
    title: str | None = None,
    caption: str | None = None,
    dpi: int = 130,
) -> Path:
    """Write `model` as a PNG at `path`; return the path."""
    fig = countermodel_figure(model, title=title)
    fig.text(
        0.5,
        0.02,
        caption or CAPTION,
        ha="center",
        fontsize=8,
        color="#555555",
    )
    out = Path(path)
    save(fig, out, dpi=dpi)
    return out


def save(fig: Any, path: Path, *, dpi: int = 130) -> None:
    """Save a matplotlib Figure (Agg canvas) to `path`, creating the folder."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lobkit.outputs import make_folder, save_figure

    make_folder(path.parent)
    FigureCanvasAgg(fig)
    save_figure(fig, path, dpi=dpi, bbox_inches="tight")
