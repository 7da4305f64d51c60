"""The model editor's and the exercises' part of the page: two jobs and two routes.

Jobs (`JOBS`, run like the page's other jobs — `lobkit.web.jobs` adds them — in a worker under
the server's timeout and size limits, answering `{"result": …}` or `{"error", "exit"}`):

* `eval` — `{model, formula?, why?}`: the model (its JSON object, or the text form) and a formula;
  the result is `lobkit eval --format json`'s document (with `text`, the model's text form, for
  the link; the whole chain at every world of a small model, else at the worlds in `why`).
  Without a formula, only the frame conditions and logics.
* `exercise_set` — `{text}`: a set file's text (an upload, a link), read and checked: its JSON.
* `answer` — `{exercise, verdict, model?, steps?}`: an exercise (as the set's JSON lists it; it
  is read again here, so a set from a link is checked like a file), the student's verdict and
  countermodel or proof steps; the result is `AnswerOutcome.to_json()` (`lobkit.exercises`).

Routes (`routes()`, mounted by `lobkit.web.app`): `GET /editor`, the editor page
(static/editor.html), and `GET /api/exercises`, `{set, rules, conditions}`: the set being
served (`lobkit exercises FILE` puts it in `app.state.exercise_set`; default: the shipped
`k-to-gl`), the proof rules' legend and each logic's frame conditions.
"""

from __future__ import annotations

import json
from typing import Any

from lobkit.errors import InputError

__all__ = ["JOBS", "answer_job", "eval_job", "routes"]


def _model(payload: dict[str, Any], limits: dict[str, Any]) -> Any:
    from lobkit.models import read_model

    raw = payload.get("model")
    if isinstance(raw, dict):
        raw = json.dumps(raw)
    if not isinstance(raw, str) or not raw.strip():
        raise InputError("draw a world first: the model is empty", "model")
    if len(raw) > limits["max_chars"]:
        limit = limits["max_chars"]
        raise InputError(f"the model is {len(raw):,} characters; the limit is {limit:,}")
    return read_model(raw, source="<model>")


def eval_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """`lobkit eval --format json` of the editor's model and formula (see the module doc)."""
    from lobkit.limits import Budget
    from lobkit.models import model_text
    from lobkit.models.evaluation import evaluate_model, frame_conditions, logics_of
    from lobkit.syntax import parse

    model = _model(payload, limits)
    text = model_text(model, separator="; ")
    formula_text = payload.get("formula") or ""
    if not isinstance(formula_text, str):
        raise InputError("'formula' must be text")
    if not formula_text.strip():
        checks = frame_conditions(model)
        return {
            "result": {
                "model": model.to_json(),
                "text": text,
                "conditions": [
                    {
                        "relation": "" if c.relation is None else c.relation,
                        "condition": c.condition,
                        "holds": c.holds,
                        "witness": [] if c.violation is None else list(c.violation.witness),
                        "message": "" if c.violation is None else str(c.violation),
                    }
                    for c in checks
                ],
                "logics": {
                    lg: {"frame": not broken, "broken": [str(c.violation) for c in broken]}
                    for lg, broken in logics_of(checks).items()
                },
            }
        }
    formula = parse(formula_text, source="<formula>")
    budget = Budget(limits["timeout"])

    def tick() -> None:
        budget.remaining()

    why = payload.get("why", [])
    if not isinstance(why, list) or not all(isinstance(w, str) for w in why):
        raise InputError("'why' is a list of world names")
    report = evaluate_model(model, formula, why=why[:8], tick=tick)
    document = report.to_json()
    document["text"] = text
    return {"result": document}


def answer_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """A student's answer to one exercise, judged by the kernel (`lobkit.exercises`)."""
    from lobkit.exercises import check_answer, read_exercise_set
    from lobkit.models import model_text

    exercise = payload.get("exercise")
    if not isinstance(exercise, dict):
        raise InputError("'exercise' must be the exercise's JSON object")
    text = json.dumps({"title": "answer", "exercises": [exercise]})
    item = read_exercise_set(text, source="<exercise>").exercises[0]
    verdict = payload.get("verdict")
    if not isinstance(verdict, str):
        raise InputError("'verdict' is 'valid' or 'not valid'")
    steps = payload.get("steps", [])
    if isinstance(steps, str):
        steps = [s for s in steps.replace(";", "\n").splitlines() if s.strip()]
    if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
        raise InputError("'steps' is a list of rule applications such as 'GLR []p'")
    model = _model(payload, limits) if verdict.strip().lower() != "valid" else None
    outcome = check_answer(item, verdict, model=model, steps=steps, timeout=limits["timeout"])
    result = outcome.to_json()
    result["exercise"] = item.id
    if outcome.countermodel is not None:
        result["countermodel_text"] = model_text(outcome.countermodel, separator="; ")
    return {"result": result}


def exercise_set_job(payload: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """A set file's text (TOML or JSON, from an upload or a link) read and checked: its JSON."""
    from lobkit.exercises import read_exercise_set

    text = payload.get("text")
    if not isinstance(text, str):
        raise InputError("'text' must be the set file's text")
    if len(text) > limits["max_chars"]:
        limit = limits["max_chars"]
        raise InputError(f"the set is {len(text):,} characters; the limit is {limit:,}")
    return {"result": read_exercise_set(text, source="<set>").to_json()}


JOBS = {"eval": eval_job, "answer": answer_job, "exercise_set": exercise_set_job}


def routes() -> list[Any]:
    """The editor page and the served exercise set (plain GETs: no worker needed)."""
    from importlib.resources import files

    from starlette.requests import Request
    from starlette.responses import FileResponse, JSONResponse, Response
    from starlette.routing import Route

    static = files("lobkit.web") / "static"

    async def editor(request: Request) -> Response:
        return FileResponse(str(static / "editor.html"))

    async def exercises(request: Request) -> Response:
        from lobkit.exercises import load_exercise_set
        from lobkit.exercises.steps import RULES
        from lobkit.kernel.frames import CONDITIONS

        chosen = getattr(request.app.state, "exercise_set", None)
        if chosen is None:
            chosen = load_exercise_set("k-to-gl")
        return JSONResponse({"set": chosen.to_json(), "rules": RULES, "conditions": CONDITIONS})

    return [Route("/editor", editor), Route("/api/exercises", exercises)]
