"""Jupyter displays: one HTML rendering per result type, registered with `lobkit.display`
(`Displayable._repr_html_` finds them there; the result types import nothing from here).

Everything is self-contained HTML (inline SVG or a base64 PNG, inline styles): no
MathJax or other script is needed, so the output reads the same in JupyterLab, in a notebook
rendered to HTML by nbconvert, and on GitHub.
"""

from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lobkit.display import renders
from lobkit.render.countermodel_text import countermodel_html

if TYPE_CHECKING:
    from lobkit.agents.combat import CombatResult
    from lobkit.agents.games import GameResult
    from lobkit.agents.playfile import Played
    from lobkit.collapse.gaussian import CollapseResult
    from lobkit.formula import Formula
    from lobkit.kernel.proof import Proof
    from lobkit.kernel.reflexive import ReflexiveProof
    from lobkit.prover.pipeline import ProofResult
    from lobkit.prover.solovay import TruthResult
    from lobkit.tiling.results import LinkResult, Report
    from lobkit.tiling.spec import Spec

__all__ = [
    "formula_html",
    "proof_html",
    "proof_result_html",
    "truth_result_html",
    "report_html",
    "link_html",
    "collapse_html",
    "combat_html",
    "batch_html",
    "batch_result_html",
    "games_html",
    "figure_png_html",
    "licensing_matrix",
    "matrix_html",
]

GOOD, BAD, NEUTRAL = "#1a7f37", "#c62828", "#555555"
_GOOD_VERDICTS = {"proved", "licensed", "consistent", "theorem", "sound"}


def _verdict(text: str, good: bool | None) -> str:
    colour = NEUTRAL if good is None else GOOD if good else BAD
    return f'<b style="color:{colour}">{html.escape(text)}</b>'


@renders("lobkit.formula.Formula", "html")
def formula_html(formula: Formula) -> str:
    """The formula in Unicode, monospace (readable where MathJax does not load)."""
    from lobkit.syntax import to_unicode

    text = html.escape(to_unicode(formula))
    return f'<code style="font-size:1.05em">{text}</code>'


@renders("lobkit.kernel.proof.Proof", "html")
def proof_html(proof: Proof, *, max_steps: int = 60, goal: Formula | None = None) -> str:
    """The drawn tree (collapsed beyond `max_steps` inferences) and the text tree on request;
    with the `goal` as typed, the tree keeps its ◇ (see `lobkit.render.notation`)."""
    from lobkit.render.notation import user_notation
    from lobkit.render.proof_tree import proof_svg

    svg = proof_svg(proof, max_steps=max_steps, show=user_notation(goal))
    return (
        f'<div style="overflow:auto">{svg}</div>'
        "<details><summary>the proof as text</summary>"
        f"<pre>{html.escape(proof.render_text())}</pre></details>"
    )


@renders("lobkit.kernel.reflexive.ReflexiveProof", "html")
def reflexive_proof_html(proof: ReflexiveProof) -> str:
    """A T (S4) proof: what it is (a K, K4 proof of the reflexive translation), then that
    proof drawn as `proof_html` draws it."""
    from lobkit.render.proof_text import reflexive_heading

    return f"<p><small>{html.escape(reflexive_heading(proof))}</small></p>" + proof_html(
        proof.proof
    )


@renders("lobkit.prover.pipeline.ProofResult", "html")
def proof_result_html(result: ProofResult) -> str:
    """Verdict headline (green theorem, red not a theorem), then the tree or the model."""
    verdict = "theorem" if result.valid else "not a theorem"
    head = (
        f"<p>{formula_html(result.formula)}: {_verdict(verdict, result.valid)} of "
        f"{html.escape(str(result.logic))} <small>({result.seconds:.3f} s)</small></p>"
    )
    if result.countermodel is not None:
        return head + countermodel_html(result.countermodel)
    assert result.proof is not None
    from lobkit.kernel.proof import Proof
    from lobkit.kernel.reflexive import ReflexiveProof

    if isinstance(result.proof, ReflexiveProof):  # T, S4: a K (K4) proof of φ*
        return head + reflexive_proof_html(result.proof)
    if not isinstance(result.proof, Proof):  # a labelled proof (the cube's logics): as text
        return head + f"<pre>{html.escape(result.proof.render_text())}</pre>"
    return head + proof_html(result.proof, goal=result.formula)


@renders("lobkit.prover.solovay.TruthResult", "html")
def truth_result_html(result: TruthResult) -> str:
    """The verdict in S, what the certificate is about, then the certificate."""
    verdict = "theorem" if result.valid else "not a theorem"
    head = (
        f"<p>{formula_html(result.formula)}: <b>{verdict}</b> of S (truth in the standard "
        f"model) <small>({result.seconds:.3f} s)</small></p>"
        f"<p><small>{html.escape(result.certifies())}: {formula_html(result.reduced)}"
        "</small></p>"
    )
    if result.countermodel is not None:
        return head + countermodel_html(result.countermodel)
    from lobkit.kernel.proof import Proof

    assert isinstance(result.proof, Proof)  # S is decided in GL: a G3 proof
    return head + proof_html(result.proof, goal=result.reduced)


def _shown_path(path: Path | str | None) -> str:
    """A path relative to the working folder when it is inside it (never an absolute one)."""
    if path is None:
        return "<spec>"
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.path.basename(str(p)) if p.is_absolute() else str(p)


@renders("lobkit.tiling.results.Report", "html")
def report_html(report: Report) -> str:
    """The answers of a theory file as a table: line, query, verdict, expectation."""
    rows = []
    for r in report.results:
        good: bool | None = r.verdict in _GOOD_VERDICTS
        if r.statement == "depth":
            good = None  # a depth is a number (or unbounded), neither good nor bad
        elif r.verdict in ("unprovable", "inconsistent", "unsound") or r.verdict.startswith(
            ("blocked", "no-")
        ):
            good = False
        ok = "" if r.ok is None else _verdict("ok" if r.ok else "FAILED", r.ok)
        line = "" if r.location is None else str(r.location.line)
        rows.append(
            f'<tr><td>{line}</td><td style="text-align:left">'
            f"<code>{html.escape(r.query)}</code></td>"
            f"<td>{_verdict(r.verdict, good)}</td><td>{html.escape(r.expected or '')}</td>"
            f"<td>{ok}</td></tr>"
        )
    held = sum(1 for r in report.results if r.ok)
    expected = sum(1 for r in report.results if r.ok is not None)
    name = _shown_path(report.spec.path)
    caption = (
        f"{html.escape(name)} ({html.escape(report.spec.frame)}): {len(report.results)} queries, "
        f"{_verdict(f'{held}/{expected} expectations hold', report.ok)}"
    )
    return (
        f'<table style="border-collapse:collapse"><caption style="text-align:left">{caption}'
        '</caption><tr><th>line</th><th style="text-align:left">query</th><th>verdict</th>'
        "<th>expected</th><th></th></tr>" + "".join(rows) + "</table>"
    )


@renders("lobkit.tiling.results.LinkResult", "html")
def link_html(link: LinkResult) -> str:
    """Parent → child, the verdict coloured, the explanation and the certificates."""
    certs = "".join(
        f"<details><summary>certificate: {html.escape(c.kind)} for "
        f"{formula_html(c.goal)}</summary>{proof_result_html(c.result)}</details>"
        for c in link.certificates()
    )
    return (
        f"<p><b>{html.escape(link.parent)}</b> ({html.escape(link.parent_theory)}) → "
        f"<b>{html.escape(link.child)}</b> ({html.escape(link.child_theory)}): "
        f"{_verdict(link.verdict, link.licensed)}</p>"
        f"<p>{html.escape(link.explanation)}</p>{certs}"
    )


def figure_png_html(fig: Any, *, dpi: int = 90) -> str:
    """A matplotlib Figure as an inline PNG `<img>`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="plot" src="data:image/png;base64,{data}">'


@renders("lobkit.collapse.gaussian.CollapseResult", "html")
def collapse_html(result: CollapseResult) -> str:
    """A summary table (final generation against the closed form) and the variance plot."""
    from lobkit.collapse.plot import variance_figure

    c = result.chain
    theory = result.theory_mean_variance
    cells = [
        ("samples per generation N", f"{c.samples}"),
        ("generations", f"{c.generations}"),
        ("trajectories", f"{c.trajectories:,}"),
        ("real fraction", f"{c.real_fraction:g}"),
        ("final mean σ²", f"{result.mean_variance[-1]:.4g}"),
        ("theory E[σ²]", "—" if theory is None else f"{theory[-1]:.4g}"),
        ("final median σ²", f"{result.median_variance[-1]:.4g}"),
        ("collapsed trajectories", f"{result.collapsed_fraction[-1]:.1%}"),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in cells)
    label = "synthetic only" if c.real_fraction == 0 else f"real fraction {c.real_fraction:g}"
    plot = figure_png_html(variance_figure([(label, result)], lines=20))
    return (
        '<div style="display:flex;gap:1em;align-items:flex-start">'
        f'<table style="border-collapse:collapse">{table}</table>{plot}</div>'
    )


@renders("lobkit.agents.combat.CombatResult", "html")
def combat_html(result: CombatResult) -> str:
    """The match: each side's move (C green, D red) and where the outcome is proved."""
    a, b = result.names()
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{_verdict(move, move == 'C')}</td></tr>"
        for name, move in zip((a, b), result.letters, strict=True)
    )
    k = result.proved_in
    where = "PA" if k == 0 else f"PA + Con<sup>{k}</sup>(PA)"
    return (
        f'<table style="border-collapse:collapse"><caption style="text-align:left">'
        f"{html.escape(a)} vs {html.escape(b)}</caption><tr><th>agent</th><th>move</th></tr>"
        f"{rows}</table><p>outcome proved in {where} (k = {k})"
        + (", verified" if result.verified else "")
        + "</p>"
    )


def games_html(results: Sequence[GameResult], *, caption: str = "") -> str:
    """Games of MIRI's language, one row each: the command, who played, the result, and the
    k such that PA + Con^k proves it (green: verified by the GL prover)."""
    cell = '<td style="text-align:left;padding:2px 8px">{}</td>'
    rows = []
    for r in results:
        k = r.proved_in
        where = "PA" if k == 0 else f"PA + Con<sup>{k}</sup>"
        check = "verified" if r.verified else "not verified"
        rows.append(
            "<tr>"
            + cell.format(html.escape(r.kind))
            + cell.format(html.escape(", ".join(str(c) for c in r.calls)))
            + cell.format(html.escape(r.result_text()))
            + f'<td style="padding:2px 8px;color:{GOOD if r.verified else NEUTRAL}">'
            + f"{where} (k = {k}), {check}</td></tr>"
        )
    head = "".join(
        f'<th style="text-align:left;padding:2px 8px">{h}</th>'
        for h in ("command", "players", "result", "proved in")
    )
    title = f'<caption style="text-align:left">{html.escape(caption)}</caption>' if caption else ""
    return f'<table style="border-collapse:collapse">{title}<tr>{head}</tr>{"".join(rows)}</table>'


@renders("lobkit.agents.games.GameResult", "html")
def game_result_html(result: GameResult) -> str:
    """One game of MIRI's language: a one-row table."""
    return games_html([result])


@renders("lobkit.agents.playfile.Played", "html")
def played_html(played: Played) -> str:
    """A file of MIRI's language, played: a table of outcome per game."""
    return games_html(played.results, caption=played.source)


def licensing_matrix(
    spec: Spec, *, timeout: float | None = None
) -> tuple[list[str], list[list[str]]]:
    """The agents of `spec` and, for each parent (row) and child (column), the verdict of
    `spec.licenses(parent, child)`."""
    agents = list(spec.agents)
    return agents, [[spec.licenses(p, c, timeout=timeout).verdict for c in agents] for p in agents]


def matrix_html(agents: list[str], matrix: list[list[str]]) -> str:
    """Rows: parents; columns: children; a cell is the verdict, green when licensed."""
    if not agents:
        return "<p>(no agents in this file)</p>"
    head = "".join(f"<th>{html.escape(a)}</th>" for a in agents)
    rows = []
    for parent, row in zip(agents, matrix, strict=True):
        cells = "".join(
            f'<td class="{"licensed" if v == "licensed" else "refused"}" '
            f'style="color:{GOOD if v == "licensed" else BAD};border:1px solid #ccc">'
            f"{html.escape(v)}</td>"
            for v in row
        )
        rows.append(f"<tr><th>{html.escape(parent)}</th>{cells}</tr>")
    return (
        '<table class="matrix" style="border-collapse:collapse"><caption style="text-align:left">'
        f"parent (row) licenses child (column)?</caption><tr><th></th>{head}</tr>"
        f"{''.join(rows)}</table>"
    )


def _batch_row(result: Any) -> str:  # a lobkit.batch.BatchResult (a layer above render)
    verdict = {True: "theorem", False: "not a theorem", None: "no answer"}[result.valid]
    note = f" <small>({html.escape(result.error)})</small>" if result.error else ""
    return (
        f"<tr><td>{result.line}</td><td><code>{html.escape(result.formula)}</code></td>"
        f"<td>{html.escape(result.logic)}</td><td>{_verdict(verdict, result.valid)}{note}</td>"
        f'<td style="text-align:right">{result.seconds:.3f}</td></tr>'
    )


_BATCH_HEAD = "<tr><th>line</th><th>formula</th><th>logic</th><th>verdict</th><th>s</th></tr>"


@renders("lobkit.batch.BatchResult", "html")
def batch_result_html(result: Any) -> str:
    """One answer of a batch: its row (line, formula, logic, verdict, seconds)."""
    return f'<table style="border-collapse:collapse">{_BATCH_HEAD}{_batch_row(result)}</table>'


@renders("lobkit.batch.Batch", "html")
def batch_html(batch: Any) -> str:
    """A batch, run to its end first: the counts (theorems green, not theorems red, errors
    grey), the time and where it ran, then a table of its first answers."""
    for _ in batch:  # a display shows a finished run
        pass
    c = batch.counts
    rows = "".join(_batch_row(r) for r in batch.first)
    more = batch.done - len(batch.first)
    tail = f"<p><small>… and {more} more answers</small></p>" if more > 0 else ""
    return (
        f"<p><b>{batch.done}</b> formula{'s' if batch.done != 1 else ''}: "
        f"{_verdict(str(c['theorems']) + ' theorems', True)}, "
        f"{_verdict(str(c['not_theorems']) + ' not theorems', False)}, "
        f"{_verdict(str(c['errors']) + ' without answer', None)} "
        f"<small>in {batch.seconds:.2f} s on {html.escape(batch.where)}</small></p>"
        f'<table style="border-collapse:collapse">{_BATCH_HEAD}{rows}</table>{tail}'
    )
