"""`lobkit serve`: the classroom page and its JSON API (Starlette, served by uvicorn).

Routes (documented in docs/web.md; one list, `ROUTES` below, so another module's routes mount
beside them): `GET /` the page, `GET /static/…` its assets (all shipped in the package: no
CDN, works offline), `GET /api/example/NAME` and `/api/game/NAME` the shipped theory and game
files, `POST /api/parse|prove|check|collapse|play|spurious` with a JSON body (`check` also
takes a multipart upload `file`), answering `{"result": <the CLI's JSON>, …}` or
`{"error": message, "exit": code}`: HTTP 400 bad input, 413 a body over the cap, 415 the wrong
Content-Type, 422 a limit, 503 busy or stopping (with Retry-After), 500 only for a bug (with
a reference to the server's log, never a traceback).

In front of every route, `lobkit.web.guard` checks the Host, the Origin, the token and the
body's size and adds the security headers; every job (parsing included) runs in a worker
process of `lobkit.web.workers` under the request's time, size and memory limits, and is
stopped when its client goes away.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from lobkit.errors import InputError
from lobkit.web import jobs, models_api
from lobkit.web.guard import Access, BodyTooLarge, Guard
from lobkit.web.workers import Busy, Limits, Stopping, Workers

__all__ = ["Limits", "Access", "create_app", "MAX_DEPTH"]

MAX_DEPTH = 32
"""How deeply a request's JSON may nest (the API's documents nest 2 deep)."""

STATUS = {2: 400, 3: 422}


def _respond(answer: dict[str, Any], request_id: str | None = None) -> JSONResponse:
    status = 200
    if "error" in answer:
        status = STATUS.get(answer.get("exit", 70), 500)
    if request_id is not None:
        answer = {**answer, "request_id": request_id}
    return JSONResponse(answer, status_code=status)


def _error(status: int, message: str, exit_code: int = 2, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message, "exit": exit_code}, status_code=status, headers=headers)


def decode_json(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object, refusing what Python's `json` would let through: NaN and
    Infinity, numbers that overflow a float, invalid UTF-8 and lone surrogates (`\\ud800`),
    nesting deeper than `MAX_DEPTH`. `InputError` with one line otherwise."""

    def constant(name: str) -> Any:
        raise InputError(f"{name} is not a JSON number")

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise InputError(f"the number {text[:40]} is out of range")
        return value

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"the body is not UTF-8 (byte {error.start})") from None
    if _nesting(text) > MAX_DEPTH:
        raise InputError(f"the JSON nests deeper than {MAX_DEPTH} levels")
    try:
        data = json.loads(text or "{}", parse_constant=constant, parse_float=number)
    except json.JSONDecodeError as error:
        raise InputError(
            f"bad JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except (ValueError, RecursionError) as error:  # an integer of over 4,300 digits
        raise InputError(f"bad JSON: {str(error)[:120]}") from None
    if not isinstance(data, dict):
        raise InputError("the request body must be a JSON object")
    _check_text(data)
    return data


def _nesting(text: str) -> int:
    """How deeply brackets nest in JSON text (strings skipped): checked before `json.loads`,
    whose recursion a 100,000-deep document would exhaust."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def _check_text(data: Any) -> None:
    """Every string (keys too) is valid Unicode: no lone surrogate from a `\\ud800` escape."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError("a string holds a lone surrogate (not valid Unicode)") from None


def _request_id(data: dict[str, Any], headers: Any) -> str | None:
    """The page's optional request id — the body's `request_id` (a string or a number) or an
    `X-Request-Id` header — echoed back as a string of at most 40 characters (the page shows
    only the answer to its latest request)."""
    value = data.get("request_id", headers.get("x-request-id"))
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)[:40]


def create_app(
    limits: Limits | None = None,
    access: Access | None = None,
    routes: list[BaseRoute] | None = None,
) -> Guard:
    """The ASGI application (uvicorn runs it; tests use Starlette's TestClient): the routes
    behind `Guard`. `routes` are mounted before the built-in ones (more API endpoints); the
    `Workers` are at `.app.state.workers` (`lobkit serve` stops them on a signal)."""
    from importlib.resources import files

    limits = limits or Limits()
    static = files("lobkit.web") / "static"
    workers = Workers(limits)

    async def read_payload(request: Request) -> dict[str, Any]:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        kind = request.path_params["kind"]
        if media == "multipart/form-data" and kind == "check":
            form = await _InMemoryParts(
                request.headers,
                request.stream(),
                max_files=1,
                max_fields=4,
                max_part_size=limits.max_body,
            ).parse()
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise InputError("upload a .lob file as the form field 'file'")
            data = await upload.read(limits.max_body + 1)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(f"the upload is not UTF-8 (byte {error.start})") from None
            return {"text": text, "name": upload.filename or "<upload>"}
        if media != "application/json":
            raise _Unsupported(media)
        chunks = [chunk async for chunk in request.stream()]  # capped by Guard as it streams
        return decode_json(b"".join(chunks))

    async def api(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in jobs.JOBS:
            return _error(404, f"no API {kind!r}")
        request_id = None
        try:
            data = await read_payload(request)
            request_id = _request_id(data, request.headers)
            payload = jobs.validate(kind, data, limits.as_dict())
        except _Unsupported as error:
            return _error(415, str(error))
        except BodyTooLarge:
            return _error(413, f"request body over {limits.max_body:,} bytes", 3)
        except InputError as error:
            return _respond({"error": f"bad request: {error}", "exit": 2}, request_id)
        except (ValueError, KeyError, HTTPException, MultiPartException) as error:
            detail = getattr(error, "detail", None) or error  # the multipart parser's complaints
            return _respond({"error": f"bad request: {detail}", "exit": 2}, request_id)
        except Exception as error:  # a bug: 500 with a reference, no traceback
            return JSONResponse(jobs.internal_error(error), status_code=500)

        async def gone() -> None:
            while (await request.receive())["type"] != "http.disconnect":
                pass

        try:
            answer = await workers.run(kind, payload, gone())
        except Busy as error:
            return _error(503, str(error), 3, **{"Retry-After": str(error.retry_after)})
        except Stopping as error:
            return _error(503, str(error), 3, **{"Retry-After": "5"})
        except Exception as error:  # a bug: 500 with a reference, no traceback
            return JSONResponse(jobs.internal_error(error), status_code=500)
        if answer is None:  # the client has gone: nobody reads this
            return Response(status_code=499)
        return _respond(answer, request_id)

    async def index(request: Request) -> Response:
        return FileResponse(str(static / "index.html"))

    async def example(request: Request) -> Response:
        from lobkit.theories import theory_names, theory_path

        name = request.path_params["name"]
        if name not in theory_names():  # only the files shipped in the package, by name
            return _error(404, f"no example {name[:80]!r}")
        return JSONResponse({"name": name, "text": theory_path(name).read_text("utf-8")})

    async def game(request: Request) -> Response:
        from lobkit.agents.combat_file import shipped_game, shipped_games

        name = request.path_params["name"]
        if name not in shipped_games():  # only the .ua files shipped in the package, by name
            return _error(404, f"no game file {name[:80]!r}")
        return JSONResponse({"name": name, "text": shipped_game(name).read_text("utf-8")})

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "limits": limits.as_dict()})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        warming = asyncio.get_running_loop().run_in_executor(None, workers.warm)
        yield
        warming.cancel()
        workers.stop()  # whatever is still running when the server ends

    ROUTES: list[BaseRoute] = [
        *(routes or []),
        *models_api.routes(),  # the model editor and the exercises (lobkit/web/models_api.py)
        Route("/", index),
        Route("/api/health", health),
        Route("/api/example/{name}", example),
        Route("/api/game/{name}", game),
        Route("/api/{kind}", api, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
    ]
    app = Starlette(routes=ROUTES, lifespan=lifespan, exception_handlers=_HANDLERS)
    app.state.workers = workers
    app.state.limits = limits
    return Guard(app, access or Access(), limits.max_body)


class _InMemoryParts(MultiPartParser):
    """Starlette's multipart parser, keeping an uploaded file in memory (Guard caps the body)
    rather than spooling one over 1 MB to a temporary file: the server writes no file."""

    spool_max_size = 1 << 62


class _Unsupported(Exception):
    def __init__(self, media: str) -> None:
        super().__init__(
            f"Content-Type must be application/json (or multipart/form-data for a check "
            f"upload), not {media[:60] or 'none'!r}"
        )


async def _internal(request: Request, error: Exception) -> Response:
    """A bug in a route: 500 with a reference to the server's log, no traceback."""
    return JSONResponse(jobs.internal_error(error), status_code=500)


_HANDLERS: dict[Any, Callable[..., Any]] = {Exception: _internal}
