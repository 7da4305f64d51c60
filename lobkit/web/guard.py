"""Who may talk to `lobkit serve`, and how much they may send: an ASGI middleware in front of
every route (the same threat model and answers as Jupyter's server).

- **Host allow-list** (DNS rebinding): the `Host` header must name this machine — localhost,
  127.0.0.1, [::1], the bound name, this machine's host name, a name given with
  `--allow-host`, or any IP address (an address is not a DNS name, so it cannot be rebound to
  a stranger's site). Otherwise 403.
- **Origin check** on every state-changing request (not GET/HEAD): a browser's `Origin`
  must be this server itself (`http://` + the request's `Host`), and `Sec-Fetch-Site`, when
  sent, `same-origin` or `none`. A page on another site cannot post to the API, not even a
  "simple" form or `text/plain` request. Clients that send no `Origin` (curl, scripts) are
  not browsers a site could drive, and pass.
- **Token** when bound beyond loopback: every request but the static assets needs it —
  `?token=…` in the printed URL (which sets a `SameSite=Strict` cookie and redirects to the
  clean URL), the cookie, or `Authorization: token …`. Otherwise 403.
- **Body cap**: a request announcing more than `max_body` bytes is refused before a byte is
  read (413); a body is counted while it streams in and refused the moment it passes the cap,
  so nothing larger is ever held.
- **Security headers** on every response: no framing, no MIME sniffing, no referrer (the token
  is in the URL), and a content security policy the page passes (scripts and styles only from
  the server; inline `style` is allowed for the SVG pictures matplotlib draws).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["Access", "Guard", "SECURITY_HEADERS", "LOOPBACK_NAMES"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Access:
    """The Host names the server answers to, and the token it requires (None on loopback)."""

    hosts: frozenset[str] = LOOPBACK_NAMES
    token: str | None = None
    port: int = 0
    extra: frozenset[str] = field(default_factory=frozenset)

    def host_allowed(self, host: str) -> bool:
        name = host_name(host)
        if name in self.hosts or name in self.extra:
            return True
        try:
            ipaddress.ip_address(name)  # an address cannot be rebound to another site
        except ValueError:
            return False
        return True

    @property
    def cookie(self) -> str:
        return f"lobkit-token-{self.port}"  # cookies are not per port: the port names it


_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(:[0-9]{1,5})?")


def host_name(host: str) -> str:
    """The name in a `Host` header, lower case, without port, brackets or a final dot; ""
    for anything that is not a host name or address with an optional port."""
    match = _HOST.fullmatch(host.strip().lower())
    if match is None:
        return ""
    name = match.group(1)
    return name[1:-1] if name.startswith("[") else name.rstrip(".")


class BodyTooLarge(Exception):
    """Raised from the counting `receive` once the body passes the cap."""


class Guard:
    """The middleware (see the module doc); `max_body` in bytes."""

    def __init__(self, app: ASGIApp, access: Access, max_body: int) -> None:
        self.app = app
        self.access = access
        self.max_body = max_body

    @property
    def state(self) -> Any:
        """The guarded application's `state` (Starlette's), so callers can keep writing
        `create_app(…).state.x = …`."""
        return getattr(self.app, "state")  # noqa: B009 - ASGIApp has no declared state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        refusal = self.refusal(scope, headers)
        if refusal is not None:
            await refusal(send_secured)
            return
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.max_body):
            await _json(send_secured, 413, self.too_large())
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send_secured)
        except BodyTooLarge:
            if not started:
                await _json(send_secured, 413, self.too_large())

    def too_large(self) -> dict[str, Any]:
        return {
            "error": f"request body over {self.max_body:,} bytes (raise lobkit serve --max-chars)",
            "exit": 3,
        }

    def refusal(
        self, scope: Scope, headers: dict[str, str]
    ) -> Callable[[Send], Awaitable[None]] | None:
        """The response refusing this request, or None to let it through."""
        host = headers.get("host", "")
        if not self.access.host_allowed(host):
            return _answer(403, f"Host {host[:80]!r} is not this server (DNS rebinding?)")
        method = scope["method"]
        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and not _same_origin(origin, host):
                return _answer(403, f"cross-origin request from {origin[:80]!r} refused")
            site = headers.get("sec-fetch-site")
            if site is not None and site not in ("same-origin", "none"):
                return _answer(403, f"cross-site request ({site}) refused")
        token = self.access.token
        if token is None or scope["path"].startswith("/static/"):
            return None
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [""])[0]
        if given and hmac.compare_digest(given.encode(), token.encode()):
            if method == "GET" and not scope["path"].startswith("/api/"):
                return self._enter(token, scope["path"])  # a printed URL: cookie, clean URL
            return None
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("token ") and hmac.compare_digest(
            authorization[6:].strip().encode(), token.encode()
        ):
            return None
        if hmac.compare_digest(_cookie(headers.get("cookie", ""), self.access.cookie), token):
            return None
        return _answer(403, "a token is required: open the URL lobkit serve printed")

    def _enter(self, token: str, path: str) -> Callable[[Send], Awaitable[None]]:
        cookie = f"{self.access.cookie}={token}; Path=/; HttpOnly; SameSite=Strict"

        async def respond(send: Send) -> None:
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [
                        (
                            b"location",
                            _local(path),
                        ),
                        (b"set-cookie", cookie.encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})

        return respond


def _local(path: str) -> bytes:
    """A redirect target on this server: the path itself, never `//other.site` (that would be
    a redirect to another site)."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return b"/"
    return path.encode("latin-1", "replace")


def _same_origin(origin: str, host: str) -> bool:
    """Whether a browser's `Origin` is `http://HOST` itself."""
    if origin == "null":
        return False
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.netloc.lower() == host.strip().lower()


def _cookie(header: str, name: str) -> str:
    for item in header.split(";"):
        key, _, value = item.strip().partition("=")
        if key == name:
            return value
    return ""


def _answer(status: int, message: str) -> Callable[[Send], Awaitable[None]]:
    async def respond(send: Send) -> None:
        await _json(send, status, {"error": message, "exit": 2})

    return respond


async def _json(send: Send, status: int, document: dict[str, Any]) -> None:
    body = json.dumps(document).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
