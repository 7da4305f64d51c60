"""Draw an explained countermodel (a `lobkit.render.scene.Scene`) with matplotlib: PNG, SVG.

Boxes sit where the layered layout put them (root at the bottom); each line of a box is its
own text, green for a subformula true at the world and red for one false there, bold on the
refutation chain; the refuting world has a thick red border. Steps are solid arrows in their
theory's colour along the routed paths, closure pairs faint grey. Only `matplotlib.figure`
and the Agg/SVG canvases are used: headless and free of global pyplot state.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lobkit.display import renders
from lobkit.render.scene import FALSE, LINE_H, PAD, THEORY_COLOURS, TRUE, Scene, build_scene

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from lobkit.formula import Formula
    from lobkit.kernel.countermodel import Countermodel

__all__ = [
    "draw_countermodel",
    "draw_scene",
    "countermodel_figure",
    "countermodel_svg",
    "countermodel_png",
    "plot_countermodel",
    "save",
    "THEORY_COLOURS",
]

MARGIN = 30.0
NOTE_STEPS = 14  # refutation steps written under a picture (then "… k of n steps shown")
_KIND_COLOUR = {"name": "black", "atoms": "#444444", "true": TRUE, "false": FALSE}


def draw_scene(ax: Axes, scene: Scene, *, title: bool = True) -> float:
    """Draw `scene` into `ax` (its limits set here); return the font scale used (1.0 when
    one data unit is one point, as in `countermodel_figure`)."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    lay = scene.layout
    ax.set_xlim(-MARGIN, lay.width + MARGIN)
    ax.set_ylim(-MARGIN, lay.height + MARGIN)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    bbox = ax.get_window_extent()
    dpi = ax.figure.dpi if ax.figure is not None else 72.0
    width_pt = bbox.width * 72.0 / dpi
    scale = max(0.35, min(1.0, width_pt / (lay.width + 2 * MARGIN))) if width_pt > 1 else 1.0
    for a, b in scene.closure:
        path = lay.paths.get((a, b))
        if path:
            _arrow(ax, path, "#b0b0b0", 0.9, scale, dashed=True)
    for a, t, b in scene.steps:
        if a == b:
            continue
        path = lay.paths.get((a, b))
        if not path:
            continue
        colour = scene.colours.get(t, "black")
        _arrow(ax, path, colour, 1.6, scale)
        label = scene.labels.get((a, t, b))
        if label:
            mx, my = path[len(path) // 2]
            ax.text(
                mx + 3,
                my,
                label,
                color=colour,
                fontsize=8 * scale,
                ha="left",
                va="center",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
            )
    for k, (w, t) in enumerate(scene.loops):
        (cx, cy), (bw, bh) = lay.centres[w], lay.sizes[w]
        x = cx + bw / 2
        arrow = FancyArrowPatch(
            (x, cy + 9 + 4 * k),
            (x, cy - 9 - 4 * k),
            arrowstyle="-|>",
            mutation_scale=10 * scale,
            connectionstyle="arc3,rad=-1.1",
            color=scene.colours.get(t, "black") if t is not None else "black",
            linewidth=1.3,
            shrinkA=0,
            shrinkB=0,
            zorder=2,
        )
        ax.add_patch(arrow)
    for w in scene.worlds:
        (cx, cy), (bw, bh) = lay.centres[w], lay.sizes[w]
        refuting = w == scene.refuting
        ax.add_patch(
            FancyBboxPatch(
                (cx - bw / 2, cy - bh / 2),
                bw,
                bh,
                boxstyle="round,pad=0,rounding_size=5",
                facecolor="#fff8dc" if w == scene.root else "white",
                edgecolor=FALSE if refuting else "black",
                linewidth=2.4 if refuting else 1.0,
                zorder=3,
            )
        )
        top = cy + bh / 2 - PAD
        for i, line in enumerate(scene.boxes[w]):
            ax.text(
                cx - bw / 2 + PAD,
                top - (i + 0.5) * LINE_H,
                line.text,
                fontsize=9 * scale,
                ha="left",
                va="center",
                color=_KIND_COLOUR[line.kind],
                fontweight="bold" if line.kind == "name" or line.marked else "normal",
                zorder=4,
            )
    if title:
        ax.set_title(scene.title, fontsize=11)
    return scale


def _arrow(
    ax: Axes,
    points: list[tuple[float, float]],
    colour: str,
    width: float,
    scale: float,
    *,
    dashed: bool = False,
) -> None:
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path as MPath

    codes = [MPath.MOVETO] + [MPath.LINETO] * (len(points) - 1)
    arrow = FancyArrowPatch(
        path=MPath(points, codes),
        arrowstyle="-|>",
        mutation_scale=(9 if dashed else 13) * scale,
        color=colour,
        linewidth=width,
        linestyle="--" if dashed else "-",
        zorder=1 if dashed else 2,
        alpha=0.8 if dashed else 1.0,
    )
    ax.add_patch(arrow)


def draw_countermodel(
    ax: Axes,
    model: Countermodel,
    *,
    title: str | None = None,
    colours: dict[str | None, str] | None = None,
    formula: Formula | None = None,
) -> dict[str | None, str]:
    """Draw `model` into `ax` (annotated when the formula is known); return the colour used
    for each theory (for a legend)."""
    scene = build_scene(model, formula)
    if colours:
        scene.colours.update(colours)
    draw_scene(ax, scene, title=False)
    ax.set_title(title or scene.title, fontsize=10)
    return scene.colours


def countermodel_figure(
    model: Countermodel,
    formula: Formula | None = None,
    *,
    title: str | None = None,
    notes: bool = True,
) -> Figure:
    """A matplotlib Figure (no global state, no display needed): the explained model, its
    title, and (unless `notes` is False: the HTML lists them as text) the refutation in
    sentences and the legend below."""
    from matplotlib.figure import Figure

    scene = build_scene(model, formula)
    lay = scene.layout
    sentences = scene.sentences
    if len(sentences) > NOTE_STEPS:  # never cut silently: say how many and where the rest is
        sentences = sentences[:NOTE_STEPS] + [
            f"… {NOTE_STEPS} of {len(sentences)} steps shown; the HTML and text forms list all"
        ]
    lines = sentences + [""] + scene.legend if sentences else scene.legend
    lines = lines if notes else []
    head, foot = 30.0, 13.0 * len(lines) + 10
    w_pt = max(lay.width + 2 * MARGIN, 7.0 * max(len(n) for n in lines + [scene.title]) * 0.8)
    h_pt = lay.height + 2 * MARGIN + head + foot
    fig = Figure(figsize=(w_pt / 72, h_pt / 72), dpi=100)
    pic_h = (lay.height + 2 * MARGIN) / h_pt
    pic_w = (lay.width + 2 * MARGIN) / w_pt
    ax = fig.add_axes(((1 - pic_w) / 2, foot / h_pt, pic_w, pic_h))
    draw_scene(ax, scene, title=False)
    fig.text(
        0.5,
        1 - 8 / h_pt,
        title or scene.title,
        ha="center",
        va="top",
        fontsize=11,
        fontweight="bold",
    )
    for i, note in enumerate(lines):
        fig.text(
            8 / w_pt,
            (foot - 8 - 13 * i) / h_pt,
            note,
            ha="left",
            va="top",
            fontsize=8.5,
            color="#222222" if i < len(sentences) else "#555555",
        )
    return fig


@renders("lobkit.kernel.countermodel.Countermodel", "svg")
def countermodel_svg(
    model: Countermodel, formula: Formula | None = None, *, notes: bool = True
) -> str:
    """`model` explained, as SVG text (Jupyter, the web page, `--format svg`)."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    fig = countermodel_figure(model, formula, notes=notes)
    FigureCanvasSVG(fig)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text: small, searchable
        fig.savefig(buffer, format="svg")
    return buffer.getvalue()


@renders("lobkit.kernel.countermodel.Countermodel", "png")
def countermodel_png(model: Countermodel, formula: Formula | None = None, dpi: int = 130) -> bytes:
    """`model` explained, as PNG bytes (`--format png`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = countermodel_figure(model, formula)
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


@renders("lobkit.kernel.countermodel.Countermodel", "figure")
def plot_countermodel(
    model: Countermodel,
    path: str | Path | None = None,
    *,
    title: str | None = None,
    caption: str | None = None,
    formula: Formula | None = None,
    dpi: int = 130,
) -> Figure:
    """`model` explained as a Figure (`Countermodel.plot`), also written as a PNG at `path`
    when one is given."""
    fig = countermodel_figure(model, formula, title=title)
    if caption:
        fig.text(0.5, 0.005, caption, ha="center", fontsize=8, color="#555555")
    if path is not None:
        save(fig, Path(path), dpi=dpi)
    return fig


def save(fig: Any, path: Path, *, dpi: int = 130) -> None:
    """Save a matplotlib Figure (Agg canvas) to `path`, creating the folder."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lobkit.outputs import make_folder, save_figure

    make_folder(path.parent)
    FigureCanvasAgg(fig)
    save_figure(fig, path, dpi=dpi, bbox_inches="tight")
