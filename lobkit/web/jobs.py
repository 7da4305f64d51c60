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

#: Every logic the prover decides (the page's menu lists them), and "all".
LOGICS = ("GL", "K4", "K", "D", "T", "B", "K5", "KD45", "S4", "S5", "Grz")


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


def prove_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit prove --format json`, with the verdict drawn: proof tree or countermodel."""
    from lobkit.kernel.logic import canonical_logic
    from lobkit.kernel.proof import Proof
    from lobkit.prover import prove
    from lobkit.render.countermodel_text import countermodel_html
    from lobkit.render.proof_tree import proof_svg
    from lobkit.syntax import parse

    formula = parse(_text(payload, "formula", limits), source="<formula>")
    asked = str(payload.get("logic", "GL"))
    premises = [parse(p, source="<premise>") for p in payload.get("premises", []) if str(p).strip()]
    if asked.strip().lower() == "all":
        return _every_logic_job(formula, premises, limits)
    logic = canonical_logic(asked)
    expand = [int(i) for i in payload.get("expand", []) if str(i).isdigit()]
    result = prove(formula, logic, premises=premises, timeout=limits["timeout"])
    if result.countermodel is not None:
        picture = countermodel_html(result.countermodel)
    elif isinstance(result.proof, Proof):
        picture = proof_svg(result.proof, expand=expand)
    else:  # a labelled proof (the cube's logics): its text, as a tableau reads
        assert result.proof is not None
        picture = f"<pre class='labelled-proof'>{html.escape(result.proof.render_text())}</pre>"
    return {
        "result": result.to_json(),
        "verdict": "theorem" if result.valid else "not a theorem",
        "text": result.render_text(),
        "html": picture,
    }


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


def check_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit check --format json` of uploaded text (includes refused), with the agents'
    licensing matrix and each query's certificate as text."""
    from lobkit.render.notebook import licensing_matrix, matrix_html
    from lobkit.tiling.loader import loads
    from lobkit.tiling.report import render_result, to_json

    text = _text(payload, "text", limits)
    name = str(payload.get("name") or "<upload>")[:120]
    spec = loads(text, source=name, includes=False)
    report = spec.check(timeout=limits["timeout"])
    document = to_json(report)
    document["file"] = name
    agents, matrix = licensing_matrix(spec, timeout=limits["timeout"])
    certificates = [
        {"line": item["line"], "text": render_result(r)}
        for r, item in zip(report.results, document["results"], strict=True)
    ]
    return {
        "result": document,
        "agents": agents,
        "matrix": matrix,
        "certificates": certificates,
        "html": matrix_html(agents, matrix),
    }


def collapse_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit collapse --format json` for the sliders' N, real fraction and generations,
    with the variance plot as SVG."""
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
    chain = GaussianChain(
        samples=samples, generations=generations, trajectories=trajectories, real_fraction=real
    )
    result = simulate(chain, seed=seed, max_work=limits["max_work"])
    label = "synthetic only" if real == 0 else f"λ = {real:g}"
    fig = variance_figure([(label, result)])
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(fig)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return {"result": result.to_json(), "html": svg[svg.find("<svg") :]}


JOBS = {"parse": parse_job, "prove": prove_job, "check": check_job, "collapse": collapse_job}
