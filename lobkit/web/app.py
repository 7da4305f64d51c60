"""`lobkit serve`: the classroom page and its JSON API (Starlette, served by uvicorn).

Routes (documented in docs/web.md): `GET /` the page, `GET /static/…` its assets (all shipped
in the package: no CDN, works offline), `POST /api/parse|prove|check|collapse` with a JSON body
(`check` also takes a multipart upload `file`), answering `{"result": <the CLI's JSON>, …}`
or `{"error": message, "exit": code}` with HTTP 400 (bad input) or 422 (a limit).

Every prove, check and collapse request runs in its own worker process, forked from a
forkserver that has lobkit imported already (fast to start, no threads inherited), under the
CLI's `--timeout` and size limits; the process is killed if it outlives its time by a grace
period, and at most `workers` run at once, so one heavy query never blocks the page. Parsing
(for the live syntax check) is cheap and bounded by the size limit, so it runs in a thread.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from lobkit.web import jobs

__all__ = ["Limits", "create_app"]

GRACE = 5.0  # seconds past the timeout before a worker is killed (the budget stops it first)


@dataclass(frozen=True)
class Limits:
    """What one request may use: seconds (the prover's `timeout`), characters of input,
    collapse work (trajectories × generations) and concurrent workers."""

    timeout: float = 10.0
    max_chars: int = 200_000
    max_work: int = 2 * 10**7
    workers: int = 2

    def as_dict(self) -> dict[str, Any]:
        return {"timeout": self.timeout, "max_chars": self.max_chars, "max_work": self.max_work}


def _child(conn: Any, kind: str, payload: dict[str, Any], limits: dict[str, Any]) -> None:
    try:
        conn.send(jobs.run(kind, payload, limits))
    finally:
        conn.close()


class Workers:
    """One forked process per request, at most `size` at a time."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["lobkit.web.jobs", "lobkit.prover", "matplotlib"])
        self.slots = asyncio.Semaphore(limits.workers)

    def _run_blocking(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=_child, args=(send, kind, payload, self.limits.as_dict()), daemon=True
        )
        process.start()
        send.close()
        try:
            if receive.poll(self.limits.timeout + GRACE):
                answer: dict[str, Any] = receive.recv()
                return answer
            return {
                "error": f"the request took longer than {self.limits.timeout:g} s "
                "(raise it with lobkit serve --timeout)",
                "exit": 3,
            }
        except EOFError:
            return {"error": "the worker stopped without an answer", "exit": 70}
        finally:
            if process.is_alive():
                process.kill()
            process.join(1.0)
            receive.close()

    async def run(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        async with self.slots:
            return await asyncio.to_thread(self._run_blocking, kind, payload)


def _respond(answer: dict[str, Any]) -> JSONResponse:
    status = 200
    if "error" in answer:
        status = {2: 400, 3: 422}.get(int(answer.get("exit", 70)), 500)
    return JSONResponse(answer, status_code=status)


def create_app(limits: Limits | None = None) -> Starlette:
    """The ASGI application (uvicorn runs it; tests use Starlette's TestClient)."""
    from importlib.resources import files

    limits = limits or Limits()
    static = files("lobkit.web") / "static"
    workers: dict[str, Workers] = {}

    def pool() -> Workers:
        if "pool" not in workers:  # created inside the running event loop
            workers["pool"] = Workers(limits)
        return workers["pool"]

    async def body(request: Request) -> dict[str, Any]:
        raw = await request.body()
        if len(raw) > limits.max_chars * 4 + 1024:
            raise ValueError(f"request body over {limits.max_chars * 4:,} bytes")
        data = json.loads(raw or b"{}")
        if not isinstance(data, dict):
            raise ValueError("the request body must be a JSON object")
        return data

    async def index(request: Request) -> Response:
        return FileResponse(str(static / "index.html"))

    async def api(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in jobs.JOBS:
            return JSONResponse({"error": f"no API {kind!r}", "exit": 2}, status_code=404)
        try:
            if kind == "check" and request.headers.get("content-type", "").startswith("multipart/"):
                form = await request.form(max_files=1, max_fields=4)
                upload = form.get("file")
                if upload is None or isinstance(upload, str):
                    raise ValueError("upload a .lob file as the form field 'file'")
                data = await upload.read(limits.max_chars * 4 + 1)
                payload = {"text": data.decode("utf-8"), "name": upload.filename or "<upload>"}
            else:
                payload = await body(request)
        except (ValueError, UnicodeDecodeError) as error:
            return JSONResponse({"error": f"bad request: {error}", "exit": 2}, status_code=400)
        request_id = payload.pop("request_id", None) or request.headers.get("x-request-id")
        if kind == "parse":
            answer = await asyncio.to_thread(jobs.run, kind, payload, limits.as_dict())
        else:
            answer = await pool().run(kind, payload)
        if request_id is not None:  # the page shows only the answer to its latest request
            answer = {**answer, "request_id": str(request_id)[:40]}
        return _respond(answer)

    async def example(request: Request) -> Response:
        from lobkit.theories import theory_names, theory_path

        name = request.path_params["name"]
        if name not in theory_names():  # only the files shipped in the package, by name
            return JSONResponse({"error": f"no example {name!r}", "exit": 2}, status_code=404)
        return JSONResponse({"name": name, "text": theory_path(name).read_text("utf-8")})

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "limits": limits.as_dict()})

    routes = [
        Route("/", index),
        Route("/api/health", health),
        Route("/api/example/{name}", example),
        Route("/api/{kind}", api, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
    ]
    return Starlette(routes=routes)
