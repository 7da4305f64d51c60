"""Layered (Sugiyama) layout of a small directed graph of boxes, with routed edges.

Kripke countermodels of GL are trees and DAGs drawn bottom-up: the root at the bottom, each
world above the worlds that reach it. A layered layout (Sugiyama, Tagawa and Toda 1981) puts
the worlds in rows, orders each row to reduce crossings and routes every edge that spans
several rows through dummy points in the gaps between boxes, so no edge runs through a box.
Two maintained implementations, nothing hand-made:

- graphviz's `dot` (Gansner et al., "A technique for drawing directed graphs", 1993), used
  when the binary is installed (`-Tplain` output: node centres and edge splines);
- grandalf's pure-Python `SugiyamaLayout` otherwise (or when `LOBKIT_LAYOUT=grandalf`), so a
  plain `pip install` draws clean pictures too.

Units are points (1/72 inch); y grows upwards; the graph's bounding box starts at (0, 0).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Layout", "layered_layout", "backend"]

Point = tuple[float, float]


@dataclass(frozen=True)
class Layout:
    """Centres of the boxes, one polyline or Bézier path per edge, and the extent."""

    centres: dict[str, Point]
    sizes: dict[str, tuple[float, float]]
    paths: dict[tuple[str, str], list[Point]]  # polylines, tail's border to head's border
    width: float
    height: float
    engine: str


def backend() -> str:
    """'dot' when graphviz is installed (and not overridden), else 'grandalf'."""
    forced = os.environ.get("LOBKIT_LAYOUT", "").strip().lower()
    if forced in ("dot", "grandalf"):
        return forced
    return "dot" if shutil.which("dot") else "grandalf"


def layered_layout(
    nodes: Sequence[str],
    sizes: dict[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    *,
    weak: Sequence[tuple[str, str]] = (),
) -> Layout:
    """Lay out `nodes` (sizes in points) with `edges` pointing upwards; `weak` edges (the
    faint closure) are routed too but do not decide the rows. Self-loops are left to the
    caller (neither engine routes them around a box of our own drawing)."""
    strong = [(a, b) for a, b in dict.fromkeys(edges) if a != b]
    faint = [(a, b) for a, b in dict.fromkeys(weak) if a != b and (a, b) not in strong]
    if backend() == "dot":
        try:
            return _dot(nodes, sizes, strong, faint)
        except (OSError, subprocess.SubprocessError, ValueError):
            pass  # a broken graphviz install: fall back to the pure-Python engine
    return _grandalf(nodes, sizes, strong, faint)


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot(
    nodes: Sequence[str],
    sizes: dict[str, tuple[float, float]],
    strong: list[tuple[str, str]],
    faint: list[tuple[str, str]],
) -> Layout:
    lines = ["digraph g {", "rankdir=BT; nodesep=0.35; ranksep=0.55; splines=true;"]
    lines.append('node [shape=box, fixedsize=true, label=""];')
    for n in nodes:
        w, h = sizes[n]
        lines.append(f"{_quote(n)} [width={w / 72:.3f}, height={h / 72:.3f}];")
    for a, b in strong:
        lines.append(f"{_quote(a)} -> {_quote(b)};")
    for a, b in faint:
        lines.append(f"{_quote(a)} -> {_quote(b)} [constraint=false];")
    lines.append("}")
    done = subprocess.run(
        ["dot", "-Tplain"],
        input="\n".join(lines),
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    centres: dict[str, Point] = {}
    paths: dict[tuple[str, str], list[Point]] = {}
    width = height = 0.0
    for raw in done.stdout.splitlines():
        parts = shlex.split(raw)
        if not parts:
            continue
        if parts[0] == "graph":
            width, height = float(parts[2]) * 72, float(parts[3]) * 72
        elif parts[0] == "node":
            centres[parts[1]] = (float(parts[2]) * 72, float(parts[3]) * 72)
        elif parts[0] == "edge":
            count = int(parts[3])
            coords = [float(v) * 72 for v in parts[4 : 4 + 2 * count]]
            control = list(zip(coords[0::2], coords[1::2], strict=True))
            paths[(parts[1], parts[2])] = _sample(control)
    if set(centres) != set(nodes):
        raise ValueError("dot dropped a node")
    for (_a, b), points in paths.items():  # dot stops short of the head, for its arrowhead
        points.append(_clip(centres[b], sizes[b], points[-1]))
    return Layout(centres, dict(sizes), paths, width, height, "dot")


def _sample(control: list[Point], steps: int = 8) -> list[Point]:
    """A cubic B\u00e9zier spline (1 + 3k control points) as a polyline."""
    out = [control[0]]
    for i in range(0, len(control) - 3, 3):
        p0, p1, p2, p3 = control[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            out.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return out


class _View:
    """What grandalf reads (w, h) and writes (xy, or a path) for a vertex or an edge."""

    def __init__(self, w: float = 0.0, h: float = 0.0) -> None:
        self.w, self.h = w, h
        self.xy: Point = (0.0, 0.0)
        self.path: list[Point] = []

    def setpath(self, points: list[Point]) -> None:
        self.path = [(float(x), float(y)) for x, y in points]


def _clip(centre: Point, size: tuple[float, float], towards: Point) -> Point:
    """Where the segment from a box's centre towards `towards` leaves the box."""
    (cx, cy), (w, h) = centre, size
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        (w / 2) / abs(dx) if dx else float("inf"),
        (h / 2) / abs(dy) if dy else float("inf"),
    )
    scale = min(scale, 1.0)
    return (cx + dx * scale, cy + dy * scale)


def _route(
    tail: Point,
    tail_size: tuple[float, float],
    head: Point,
    head_size: tuple[float, float],
    inner: list[Point],
    half: dict[float, float],
) -> list[Point]:
    """The polyline of a grandalf edge: vertical through every row it crosses (a dummy point
    becomes a vertical segment as tall as the row's tallest box) and slanted only in the gaps
    between rows, where no box is; so no edge runs through a box."""
    sign = 1.0 if head[1] > tail[1] else -1.0
    if head[1] == tail[1]:
        first = _clip(tail, tail_size, inner[0] if inner else head)
        return [first, *inner, _clip(head, head_size, inner[-1] if inner else tail)]
    band_t = half.get(round(tail[1], 3), tail_size[1] / 2)
    band_h = half.get(round(head[1], 3), head_size[1] / 2)
    out = [(tail[0], tail[1] + sign * tail_size[1] / 2), (tail[0], tail[1] + sign * band_t)]
    for x, y in inner:
        h = half.get(round(y, 3), 0.0)
        out += [(x, y - sign * h), (x, y + sign * h)]
    out += [(head[0], head[1] - sign * band_h), (head[0], head[1] - sign * head_size[1] / 2)]
    return [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]


def _grandalf(
    nodes: Sequence[str],
    sizes: dict[str, tuple[float, float]],
    strong: list[tuple[str, str]],
    faint: list[tuple[str, str]],
) -> Layout:
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    vertex = {n: Vertex(n) for n in nodes}
    for n, v in vertex.items():
        v.view = _View(*sizes[n])
    all_edges = []
    for a, b in strong + faint:
        e = Edge(vertex[a], vertex[b])
        e.view = _View()
        all_edges.append(((a, b), e))
    graph = Graph(list(vertex.values()), [e for _, e in all_edges])
    raw_centres: dict[str, Point] = {}
    offset = 0.0
    for core in graph.C:  # connected components side by side, in the nodes' order
        layout = SugiyamaLayout(core)
        layout.xspace, layout.yspace = 28, 40
        layout.init_all(roots=[v for v in core.sV if not v.e_in()] or None)
        layout.draw(3)
        xs = [v.view.xy[0] - v.view.w / 2 for v in core.sV]
        shift = offset - min(xs)
        for v in core.sV:
            raw_centres[v.data] = (v.view.xy[0] + shift, v.view.xy[1])
        for (_a, _b), e in all_edges:
            if e.v[0] in core.sV and e.view.path:
                e.view.path = [(x + shift, y) for x, y in e.view.path]
        offset = max(raw_centres[v.data][0] + v.view.w / 2 for v in core.sV) + 28
    # grandalf's y grows with the rank: the roots come out at the bottom, as wanted
    xs = [x + s * sizes[n][0] / 2 for n, (x, _) in raw_centres.items() for s in (-1, 1)]
    ys = [y + s * sizes[n][1] / 2 for n, (_, y) in raw_centres.items() for s in (-1, 1)]
    for _, e in all_edges:
        xs.extend(x for x, _ in e.view.path)
        ys.extend(y for _, y in e.view.path)
    left, low = min(xs), min(ys)
    centres = {n: (x - left, y - low) for n, (x, y) in raw_centres.items()}
    half: dict[float, float] = {}  # each row's half height (the tallest box in it)
    for n, (_, y) in centres.items():
        half[round(y, 3)] = max(half.get(round(y, 3), 0.0), sizes[n][1] / 2)
    paths: dict[tuple[str, str], list[Point]] = {}
    for (a, b), e in all_edges:
        inner = [(x - left, y - low) for x, y in e.view.path[1:-1]]
        paths[(a, b)] = _route(centres[a], sizes[a], centres[b], sizes[b], inner, half)
    return Layout(centres, dict(sizes), paths, max(xs) - left, max(ys) - low, "grandalf")
