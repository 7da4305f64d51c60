"""What the web page asks for, as plain functions of JSON-able arguments (run in a worker).

Each job returns the CLI's JSON document for the same request (`"result"`, exactly what
`lobkit prove|check|collapse --format json` prints) plus what the page draws (`"html"`: an
explained countermodel, an SVG proof tree, a licensing matrix, a collapse plot). Errors come
back as `{"error": message, "exit": code}` with the CLI's exit codes (2 bad input, 3 a limit),
never as a traceback. Nothing here reads or writes a file: an uploaded spec is text, and
`include` is refused in it.
"""

from __future__ import annotations

import html
import io
from typing import Any

from lobkit.errors import InputError, LobkitError, ParseError, ResourceLimit

__all__ = ["run", "parse_job", "prove_job", "check_job", "collapse_job", "JOBS"]

#: Every logic the prover decides (the page's menu lists them), Solovay's S, and "all".
LOGICS = ("GL", "K4", "K", "D", "T", "B", "K5", "KD45", "S4", "S5", "Grz", "S")
MAX_PICTURES = 40  # certificates drawn per theory file; the rest are listed as text


def _error(error: BaseException) -> dict[str, Any]:
    if isinstance(error, ParseError):
        return {
            "error": str(error),
            "exit": 2,
            "line": error.line,
            "column": error.column,
        }
    if isinstance(error, ResourceLimit):
        return {"error": str(error), "exit": 3}
    if isinstance(error, InputError):
        return {"error": str(error), "exit": 2}
    return {"error": f"internal error: {error}", "exit": 70}


def run(kind: str, payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """Dispatch one request; every lobkit error becomes the `{"error", "exit"}` shape."""
    try:
        return JOBS[kind](payload, limits)
    except LobkitError as error:
        return _error(error)
    except RecursionError:
        return {"error": "input nested too deeply", "exit": 2}


def _text(payload: dict[str, Any], key: str, limits: dict[str, Any]) -> str:
    value = payload.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"'{key}' must be text")
    if len(value) > limits["max_chars"]:
        raise InputError(
            f"'{key}' is {len(value):,} characters; the limit is {limits['max_chars']:,}"
        )
    return value


def parse_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit parse --format json`: the formula in three notations (or the caret message)."""
    from lobkit.formula import atoms_of
    from lobkit.syntax import parse, to_ascii, to_latex, to_unicode

    formula = parse(_text(payload, "formula", limits), source="<formula>")
    return {
        "result": {
            "ascii": to_ascii(formula),
            "unicode": to_unicode(formula),
            "latex": to_latex(formula),
            "atoms": sorted(atoms_of(formula)),
        }
    }


def _picture(result: Any, expand: list[int] | None = None) -> str:
    """A verdict drawn: the explained countermodel (HTML + SVG), the proof tree (SVG, its
    formulas in the user's notation), or a labelled proof (the cube's logics) as text."""
    from lobkit.kernel.proof import Proof
    from lobkit.render.countermodel_text import countermodel_html
    from lobkit.render.notation import user_notation
    from lobkit.render.proof_tree import proof_svg

    if result.countermodel is not None:
        return countermodel_html(result.countermodel)
    assert result.proof is not None
    if not isinstance(result.proof, Proof):  # a labelled proof: its text, as a tableau reads
        return f"<pre class='labelled-proof'>{html.escape(result.proof.render_text())}</pre>"
    goal = getattr(result, "reduced", result.formula)
    return proof_svg(result.proof, expand=expand or (), show=user_notation(goal))


def prove_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit prove --format json`, with the verdict drawn: proof tree or countermodel. In S
    the answer also shows Solovay's reduction (the reflection instances and the GL formula
    whose certificate decides it)."""
    from lobkit.kernel.logic import canonical_logic
    from lobkit.prover import prove
    from lobkit.prover.solovay import TruthResult
    from lobkit.syntax import parse, to_unicode

    formula = parse(_text(payload, "formula", limits), source="<formula>")
    asked = str(payload.get("logic", "GL"))
    premises = [parse(p, source="<premise>") for p in payload.get("premises", []) if str(p).strip()]
    if asked.strip().lower() == "all":
        return _every_logic_job(formula, premises, limits)
    logic = "S" if asked.strip().upper() == "S" else canonical_logic(asked)
    expand = [int(i) for i in payload.get("expand", []) if str(i).isdigit()]
    result = prove(formula, logic, premises=premises, timeout=limits["timeout"])
    answer = {
        "result": result.to_json(),
        "verdict": "theorem" if result.valid else "not a theorem",
        "formula": to_unicode(formula),
        "text": result.render_text(),
        "html": _picture(result, expand),
    }
    if isinstance(result, TruthResult):
        answer["reduction"] = {
            "instances": [to_unicode(i) for i in result.instances],
            "reduced": to_unicode(result.reduced),
            "certifies": result.certifies(),
        }
    return answer


def _every_logic_job(formula: Any, premises: list[Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit prove --logic all --format json`: the table from the weakest logic up."""
    from lobkit.prover.every_logic import prove_everywhere

    if premises:
        raise InputError("'all' decides the formula alone, without premises")
    table = prove_everywhere(formula, timeout=limits["timeout"])
    text = table.render_text()
    return {
        "result": table.to_json(),
        "verdict": "weakest: " + (", ".join(table.weakest) or "none"),
        "text": text,
        "html": f"<pre class='every-logic'>{html.escape(text)}</pre>",
    }


def shown_verdict(result: Any) -> str:
    """One name per verdict, the same in the table and the matrix: a chain that is blocked
    is named by its first failing link (`blocked-lob`, `no-reflection`, …)."""
    if result.statement == "chain" and result.verdict == "blocked":
        failed = [link for link in result.links if not link.licensed]
        if failed:
            return str(failed[0].verdict)
    return str(result.verdict)


def check_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit check --format json` of uploaded text (includes refused), with the agents'
    licensing matrix and, per query, its one-line reason and its certificates drawn."""
    from lobkit.render.notebook import licensing_matrix, matrix_html
    from lobkit.syntax import to_unicode
    from lobkit.tiling.loader import loads
    from lobkit.tiling.report import qualifier, render_result, to_json

    text = _text(payload, "text", limits)
    name = str(payload.get("name") or "<upload>")[:120]
    spec = loads(text, source=name, includes=False)
    report = spec.check(timeout=limits["timeout"])
    document = to_json(report)
    document["file"] = name
    agents, matrix = licensing_matrix(spec, timeout=limits["timeout"])
    rows = []
    drawn = 0
    for r, item in zip(report.results, document["results"], strict=True):
        pictures = []
        for cert in r.certificates():
            entry = {
                "kind": "proof" if cert.valid else "countermodel",
                "goal": to_unicode(cert.goal),
                "html": "",
            }
            if drawn < MAX_PICTURES:
                entry["html"] = _picture(cert.result)
                drawn += 1
            pictures.append(entry)
        rows.append(
            {
                "line": item["line"],
                "query": item["query"],
                "verdict": shown_verdict(r),
                "reason": (r.explanation or "").strip().split("\n")[0],
                "expected": r.expected,
                "ok": r.ok,
                "exact": not r.relative,
                "exactness": qualifier(r).strip().strip("()"),
                "text": render_result(r),
                "certificates": pictures,
            }
        )
    return {
        "result": document,
        "agents": agents,
        "matrix": matrix,
        "rows": rows,
        "certificates": [{"line": row["line"], "text": row["text"]} for row in rows],
        "html": matrix_html(agents, matrix),
    }


COLLAPSE_AXIS = (1e-6, 3.0)  # the variance axis, fixed whatever the sliders say


def collapse_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit collapse --format json` for the sliders' N, real fraction and generations,
    drawn beside synthetic-only (same N, generations, seed) on one fixed log axis with the
    theory curve, as SVG."""
    from lobkit.collapse import GaussianChain, simulate
    from lobkit.collapse.plot import variance_figure

    try:
        samples = int(payload.get("samples", 100))
        generations = int(payload.get("generations", 100))
        trajectories = int(payload.get("trajectories", 2000))
        real = float(payload.get("real_fraction", 0.0))
        seed = int(payload.get("seed", 0))
    except (TypeError, ValueError) as error:
        raise InputError(f"collapse parameters must be numbers ({error})") from None

    def chain(fraction: float) -> Any:
        return GaussianChain(
            samples=samples,
            generations=generations,
            trajectories=trajectories,
            real_fraction=fraction,
        )

    result = simulate(chain(real), seed=seed, max_work=limits["max_work"])
    panels = [(f"real fraction {real:g}", result)]
    if real != 0:
        baseline = simulate(chain(0.0), seed=seed, max_work=limits["max_work"])
        panels.insert(0, ("real fraction 0 (synthetic only)", baseline))
    else:
        panels[0] = ("real fraction 0 (synthetic only)", result)
    fig = variance_figure(panels, lines=20)
    for ax in fig.axes:
        ax.set_ylim(*COLLAPSE_AXIS)
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(fig)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return {
        "result": result.to_json(),
        "panels": [title for title, _ in panels],
        "axis": list(COLLAPSE_AXIS),
        "html": svg[svg.find("<svg") :],
    }


JOBS = {"parse": parse_job, "prove": prove_job, "check": check_job, "collapse": collapse_job}
