"""What the web page asks for, as plain functions of JSON-able arguments (run in a worker).

Each job returns the CLI's JSON document for the same request (`"result"`, exactly what
`lobkit prove|check|collapse --format json` prints) plus what the page draws (`"html"`: an
explained countermodel, an SVG proof tree, a licensing matrix, a collapse plot). Errors come
back as `{"error": message, "exit": code}` with the CLI's exit codes (2 bad input, 3 a limit,
70 an internal error, with a reference to the server's log), never as a traceback. Nothing
here reads or writes a file: an uploaded spec is text, and `include` is refused in it.

`validate` runs in the server before a request is queued: every field is checked for its type
and range (a JSON document is untrusted: `"premises": 5`, `"expand": ["²"]`, a seed of 5,000
digits), so a worker only ever sees well-formed arguments.

Long module: the page's API is one contract — each job's checks of its fields sit beside the job
that trusts them and the one `run` that turns every failure into an answer, so that what a
worker may be handed and what it answers are read in one place.
"""

from __future__ import annotations

import html
import io
import math
import secrets
import sys
import traceback
from collections.abc import Callable
from typing import Any

from lobkit.errors import InputError, LobkitError, ParseError, ResourceLimit
from lobkit.web.models_api import JOBS as MODEL_JOBS

__all__ = [
    "run",
    "validate",
    "parse_job",
    "prove_job",
    "check_job",
    "collapse_job",
    "play_job",
    "spurious_job",
    "JOBS",
]

#: Every logic the prover decides (the page's menu lists them), Solovay's S, and "all".
LOGICS = ("GL", "K4", "K", "D", "T", "B", "K5", "KD45", "S4", "S5", "Grz", "S")
MAX_PICTURES = 40  # certificates drawn per theory file; the rest are listed as text
MAX_LIST = 1_000  # premises, expanded proof nodes
MAX_SEED = 2**63 - 1
MAX_COUNT = 10**12  # collapse's -G and -T (the CLI's bound); their product is `max_work`
MAX_SAMPLES = 10**7  # collapse's -N (the CLI's bound)


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


def internal_error(error: BaseException) -> dict[str, Any]:
    """The answer to a bug: a reference the server's log (stderr) has the traceback under;
    the response itself carries no traceback."""
    reference = secrets.token_hex(4)
    print(f"lobkit serve: internal error {reference}:", file=sys.stderr)
    traceback.print_exception(error, file=sys.stderr)
    return {"error": f"internal error (reference {reference} in the server's log)", "exit": 70}


def run(
    kind: str,
    payload: dict[str, Any],
    limits: dict[str, Any],
    reply: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Dispatch one request; every error becomes the `{"error", "exit"}` shape. The whole job
    — parsing, loading a theory file with its families, every query — runs under one
    deadline of `limits["timeout"]` seconds (`lobkit.deadline`, `lobkit.limits.within`).

    `reply` (a worker's pipe) is given the answer as soon as it is known — for an error,
    inside the handler, before unwinding frees what the job built (half a gigabyte of a
    theory family took seconds to free, past the deadline)."""
    from lobkit.deadline import hard_deadline
    from lobkit.limits import Budget, within

    def answer(document: dict[str, Any]) -> dict[str, Any]:
        if reply is not None:
            reply(document)
        return document

    seconds = limits["timeout"]
    whole = f"the request took longer than {seconds:g} s (raise it with lobkit serve --timeout)"
    try:
        with hard_deadline(seconds, whole), within(Budget(seconds)):
            checked = validate(kind, payload, limits)  # first: an unknown kind is a 400
            return answer(JOBS[kind](checked, limits))
    except LobkitError as error:
        return answer(_error(error))
    except RecursionError:
        return answer({"error": "input nested too deeply", "exit": 2})
    except (MemoryError, ImportError) as error:
        # Under RLIMIT_AS a compiled module imported late fails as "failed to map segment"
        # (an ImportError): the memory cap, not a bug. Any other ImportError is a bug.
        if isinstance(error, ImportError) and "failed to map" not in str(error):
            return answer(internal_error(error))
        memory = limits.get("memory_mb") or "its"
        return answer(
            {
                "error": f"out of memory: the request needs more than the worker's {memory} MB "
                "(raise it with lobkit serve --max-memory MB)",
                "exit": 3,
            }
        )
    except Exception as error:  # a bug: answered, with a reference, never a traceback
        return answer(internal_error(error))


# ---------------------------------------------------------------------------------------------
# Validation: what each field may be.


def validate(kind: str, payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """The request's fields, checked and normalised (`InputError` naming the field otherwise).

    Unknown fields are ignored (a page may send more, such as a request id); text fields must
    be strings within `max_chars`, numbers finite and in range, lists of the right items. A
    job this module does not define (another module's, added to `JOBS`) gets the object as it
    is and checks its own fields — the JSON itself was checked by the server (`decode_json`).
    """
    if not isinstance(payload, dict):
        raise InputError("the request body must be a JSON object")
    if kind == "parse":
        return {"formula": _text(payload, "formula", limits)}
    if kind == "prove":
        from lobkit.kernel.logic import canonical_logic

        asked = _string(payload, "logic", "GL", 16)
        special = {"ALL": "all", "S": "S"}  # every logic at once; Solovay's S (truth)
        logic = special.get(asked.strip().upper()) or canonical_logic(asked)
        premises = _list(payload, "premises")
        if not all(isinstance(p, str) for p in premises):
            raise InputError("'premises' must be a list of formulas (strings)")
        if sum(map(len, premises)) > limits["max_chars"]:
            raise InputError(f"'premises' are over {limits['max_chars']:,} characters in all")
        expand = _list(payload, "expand")
        if not all(_is_int(i) and 0 <= i <= 10**9 for i in expand):
            raise InputError("'expand' must be a list of proof node numbers (whole numbers)")
        return {
            "formula": _text(payload, "formula", limits),
            "logic": logic,
            "premises": premises,
            "expand": expand,
        }
    if kind == "check":
        return {
            "text": _text(payload, "text", limits),
            "name": _string(payload, "name", "<upload>", 10**4)[:120] or "<upload>",
        }
    if kind == "play":
        return {
            "text": _text(payload, "text", limits),
            "name": _string(payload, "name", "<game>", 10**4)[:120] or "<game>",
        }
    if kind == "spurious":  # the demo takes no field
        return {}
    if kind == "collapse":
        real = payload.get("real_fraction", 0.0)
        if isinstance(real, bool) or not isinstance(real, (int, float)) or not 0 <= real <= 1:
            raise InputError("'real_fraction' must be a number from 0 to 1")
        return {
            "samples": _whole(payload, "samples", 100, 2, MAX_SAMPLES),
            "generations": _whole(payload, "generations", 100, 0, MAX_COUNT),
            "trajectories": _whole(payload, "trajectories", 2000, 1, MAX_COUNT),
            "real_fraction": float(real),
            "seed": _whole(payload, "seed", 0, 0, MAX_SEED),
        }
    if kind in JOBS:  # a job added by another module checks its own fields
        return payload
    raise InputError(f"no API {kind!r}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(payload: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    """A whole number (an integral float such as 100.0 too, as JavaScript may send)."""
    value = payload.get(key, default)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if not _is_int(value) or not low <= value <= high:
        raise InputError(f"'{key}' must be a whole number from {low:,} to {high:,}")
    return int(value)


def _string(payload: dict[str, Any], key: str, default: str, limit: int) -> str:
    value = payload.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str) or len(value) > limit:
        raise InputError(f"'{key}' must be a string of at most {limit:,} characters")
    return value


def _list(payload: dict[str, Any], key: str) -> list[Any]:
    value = payload.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise InputError(f"'{key}' must be a list (of at most {MAX_LIST:,} items)")
    return value


def _text(payload: dict[str, Any], key: str, limits: dict[str, Any]) -> str:
    value = payload.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"'{key}' must be text (a JSON string)")
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
    formulas in the user's notation; in T and S4 the K, K4 proof of the reflexive translation,
    so named), or a labelled proof (the cube's other logics) as text."""
    from lobkit.kernel.proof import Proof
    from lobkit.kernel.reflexive import ReflexiveProof
    from lobkit.render.countermodel_text import countermodel_html
    from lobkit.render.notation import user_notation
    from lobkit.render.proof_text import reflexive_heading
    from lobkit.render.proof_tree import proof_svg

    if result.countermodel is not None:
        return countermodel_html(result.countermodel)
    assert result.proof is not None
    if isinstance(result.proof, ReflexiveProof):  # T, S4: a K (K4) proof of φ*, drawn
        heading = html.escape(reflexive_heading(result.proof))
        svg = proof_svg(result.proof.proof, expand=expand or ())
        return f"<p class='reflexive-proof'>{heading}</p>{svg}"
    if not isinstance(result.proof, Proof):  # a labelled proof: its text, as a tableau reads
        return f"<pre class='labelled-proof'>{html.escape(result.proof.render_text())}</pre>"
    goal = getattr(result, "reduced", result.formula)
    return proof_svg(result.proof, expand=expand or (), show=user_notation(goal))


def prove_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit prove --format json`, with the verdict drawn: proof tree or countermodel. In S
    the answer also shows Solovay's reduction (the reflection instances and the GL formula
    whose certificate decides it)."""
    from lobkit.prover import prove
    from lobkit.prover.solovay import TruthResult
    from lobkit.syntax import parse, to_unicode

    formula = parse(_text(payload, "formula", limits), source="<formula>")
    logic = payload["logic"]  # canonical, or "all" (`validate`)
    premises = [parse(p, source="<premise>") for p in payload["premises"] if p.strip()]
    if logic == "all":
        return _every_logic_job(formula, premises, limits)
    expand = payload["expand"]
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
    name = payload["name"]
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

    samples, generations = payload["samples"], payload["generations"]
    trajectories, real, seed = payload["trajectories"], payload["real_fraction"], payload["seed"]

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


def play_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit play --format json` of a file in MIRI's modal-combat language (text), every
    game certified (verified by the GL prover, as the CLI's default), with the outcome table
    and the transcript MIRI's program prints."""
    from lobkit.agents.combat_file import parse_game
    from lobkit.agents.playfile import Setting, play_game
    from lobkit.agents.transcript import game_text, setting_text
    from lobkit.render.notebook import games_html

    name = payload["name"]
    game = parse_game(_text(payload, "text", limits), source=name)
    results = play_game(game, verify=True, timeout=limits["timeout"])
    transcript = [setting_text(game.source, Setting.of(game).summary())]
    transcript += [t for t in (game_text(r) for r in results) if t]
    return {
        "result": {"file": name, "games": [r.to_json() for r in results]},
        "text": "\n".join(transcript),
        "html": games_html(results),
    }


def spurious_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit demo spurious` on the page: the four 5-and-10 games (certified), the spurious
    proof drawn (kernel-checked, S and P abbreviated) and the chicken rule's countermodel."""
    from lobkit.demos import spurious
    from lobkit.render.countermodel_text import countermodel_html
    from lobkit.render.notebook import games_html
    from lobkit.render.proof_tree import proof_svg
    from lobkit.syntax import to_unicode

    derived = spurious.derive(timeout=limits["timeout"])
    names = derived.names

    def show(formula: Any) -> str:
        return spurious.abbreviate(to_unicode(formula), names)

    return {
        "result": derived.to_json(),
        "game": spurious.GAME,
        "agents": list(spurious.AGENTS),
        "text": derived.text(),
        "html": games_html(derived.results),
        "system": to_unicode(derived.naive.system),
        "conditional": to_unicode(derived.naive.conditional),
        "derivation": proof_svg(derived.lob.proof, show=show),
        "countermodel": countermodel_html(derived.blocked.countermodel),
    }


JOBS = {
    "parse": parse_job,
    "prove": prove_job,
    "check": check_job,
    "collapse": collapse_job,
    "play": play_job,
    "spurious": spurious_job,
}
JOBS.update(MODEL_JOBS)  # the model editor's eval and the exercises' answer (models_api.py)
