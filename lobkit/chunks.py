"""Chunks of work as text, and how a worker answers them: what every worker runs — a process
of `lobkit.batch_pool`, a Dask worker, a pool's process — whoever sent the chunk.

A chunk is `{"kind", "jobs"}` as JSON text and its answer `{"answers": [...]}`: plain text
both ways, so nothing is pickled but two strings (a formula 500 conjunctions deep crosses as
easily as `p`). Kinds: "prove" (`lobkit.batch`, `lobkit.enumeration`: a formula in a logic,
decided with a certificate checked by the kernel) and "combat" (`lobkit.tournament`: a match
of two agents named by the built-ins and agent files, verified by the GL prover).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from lobkit.errors import LobkitError
from lobkit.formula import Formula
from lobkit.kernel import Logic

__all__ = ["TRUTH", "answer_chunk", "job_json", "logic_json", "play_chunk"]

TRUTH = "S"  # Solovay's logic of truth, decided by `prove(..., "S")` (lobkit.prover.solovay)


def logic_json(logic: Logic | str) -> Any:
    """A logic as workers read it: its canonical name ("S", "GL", "Grz", …; aliases resolved),
    or its frame and theory inclusions."""
    if isinstance(logic, str):
        name = logic.strip()
        return TRUTH if name.upper() == TRUTH else Logic.named(name).frame
    extends = [[sub, sorted(sups, key=str)] for sub, sups in logic.direct.items()]
    return {"frame": logic.frame, "extends": extends}


def _logic_from_json(data: Any) -> Logic:
    if isinstance(data, str):
        return Logic.named(data)
    return Logic(data["frame"], {sub: frozenset(sups) for sub, sups in data["extends"]})


def _answer(job: dict[str, Any], engines: dict[str, Any]) -> dict[str, Any]:
    """Decide one job with the chunk's engine for its logic and premises."""
    from lobkit.prover.decide import prove
    from lobkit.prover.pipeline import Prover
    from lobkit.syntax import parse

    start = time.perf_counter()
    out: dict[str, Any] = {"i": job["i"], "line": job["line"], "formula": job["formula"]}
    out["logic"] = job["logic"] if isinstance(job["logic"], str) else job["logic"]["frame"]
    try:
        goal = parse(job["formula"], source=f"<line {job['line']}>")
        premises = [parse(p, source="<premise>") for p in job["premises"]]
        if job["logic"] == TRUTH:
            result = prove(
                goal, TRUTH, premises=premises, timeout=job["timeout"], solver=job["solver"]
            )
        else:
            key = json.dumps([job["logic"], job["premises"]])
            engine = engines.get(key)
            if engine is None:
                logic = _logic_from_json(job["logic"])
                engine = engines[key] = Prover(logic, premises=premises, solver=job["solver"])
            result = engine.prove(goal, timeout=job["timeout"])
    except LobkitError as error:  # a limit, or input this logic refuses (S with [T])
        out.update(valid=None, seconds=time.perf_counter() - start, certificate=None)
        out["error"] = str(error)
        return out
    except (RecursionError, MemoryError, ValueError, OverflowError, AssertionError) as error:
        # a bug or an exhausted resource on one formula: its line says so, the batch goes on
        out.update(valid=None, seconds=time.perf_counter() - start, certificate=None)
        out["error"] = f"internal error: {type(error).__name__}: {error}"
        return out
    if result.proof is not None:
        certificate = {"proof": result.proof.to_json()}
    else:
        assert result.countermodel is not None
        certificate = {"countermodel": result.countermodel.to_json()}
    out.update(valid=result.valid, seconds=result.seconds, certificate=certificate)
    return out


def answer_chunk(request: str) -> str:
    """Answer one chunk: `request` is `{"jobs": [...]}` as JSON text, the answer
    `{"answers": [...]}` likewise. What every worker runs (a process of `lobkit.batch_pool`, a
    Dask worker, a pool's process): plain text in and out, nothing pickled but two strings."""
    data = json.loads(request)
    if data.get("kind") == "combat":  # a round robin's matches (lobkit.tournament)
        return json.dumps({"answers": play_chunk(data["jobs"])}, ensure_ascii=False)
    engines: dict[str, Any] = {}  # one engine per (chunk, logic, premises)
    answers = [_answer(job, engines) for job in data["jobs"]]
    engines.clear()  # the searches' heap goes before the text is built (a collection walks it)
    return json.dumps({"answers": answers}, ensure_ascii=False)


def job_json(
    index: int,
    line: int,
    formula: Formula,
    logic: Any,
    premises: Iterable[Formula],
    timeout: float | None,
    solver: str,
) -> dict[str, Any]:
    """One job as the workers read it (text only)."""
    return {
        "i": index,
        "line": line,
        "formula": str(formula),
        "logic": logic,
        "premises": [str(p) for p in premises],
        "timeout": timeout,
        "solver": solver,
    }


@lru_cache(maxsize=8)
def _known(files: tuple[str, ...]) -> dict[str, Any]:
    """The built-ins and the agents of `files`, loaded in order (each file sees the earlier)."""
    from lobkit.agents.builtins import BUILTINS
    from lobkit.agents.loader import load_agents

    known: dict[str, Any] = dict(BUILTINS)
    for path in files:
        known.update(load_agents(path, known=known).agents)
    return known


def known_agent(name: str, files: tuple[str, ...]) -> Any:
    from lobkit.agents.builtins import builtin

    known = _known(files)
    return known[name] if name in known else builtin(name)


def play_chunk(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Play each job's match (`{"i", "left", "right", "files", "verify", "timeout"}`): the
    workers' side of `tournament`."""
    from lobkit.agents.combat import combat

    answers = []
    for job in jobs:
        start = time.perf_counter()
        out: dict[str, Any] = {"i": job["i"], "left": job["left"], "right": job["right"]}
        try:
            files = tuple(job["files"])
            result = combat(
                known_agent(job["left"], files),
                known_agent(job["right"], files),
                verify=job["verify"],
                timeout=job["timeout"],
            )
        except LobkitError as error:
            out.update(moves=None, proved_in=None, verified=False, error=str(error))
        else:
            out.update(
                moves="".join(result.letters),
                proved_in=result.proved_in,
                verified=result.verified,
            )
        out["seconds"] = round(time.perf_counter() - start, 6)
        answers.append(out)
    return answers
