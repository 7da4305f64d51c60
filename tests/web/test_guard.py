"""The server as a trusted local tool (lobkit.web.guard, lobkit.web.app): Host allow-list,
Origin check, token, Content-Type, security headers, capped bodies, validated fields — and a
property: no request built from random JSON is answered 500. In process (Starlette's
TestClient); the worker processes are real."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from lobkit.web.app import MAX_DEPTH, Access, Limits, create_app

BASE = "http://127.0.0.1:8000"
JSON = {"Content-Type": "application/json"}
LIMITS = Limits(timeout=10, max_chars=2000, max_work=10**6, workers=2, queue=4)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(LIMITS), base_url=BASE) as test_client:
        yield test_client


def post(client: TestClient, kind: str, body: Any, **headers: str) -> Any:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(f"/api/{kind}", content=data, headers={**JSON, **headers})


def one_line_error(response: Any, status: int, *words: str) -> None:
    assert response.status_code == status, (response.status_code, response.text)
    answer = response.json()
    assert "\n" not in answer["error"] and "Traceback" not in response.text
    for word in words:
        assert word in answer["error"], answer["error"]


def test_a_foreign_host_is_refused(client: TestClient) -> None:
    for host in (
        "evil.example",
        "evil.example:8000",
        "127.0.0.1.evil.example",
        "",
        "127.0.0.1:1@evil.example",
    ):
        response = client.get("/api/health", headers={"Host": host})
        one_line_error(response, 403, "is not this server")
    for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST.", "[::1]:8000", "10.1.2.3"):
        assert client.get("/api/health", headers={"Host": host}).status_code == 200, host


def test_a_cross_origin_request_is_refused(client: TestClient) -> None:
    for origin in ("http://evil.example", "null", "https://127.0.0.1:8000", "http://127.0.0.1:9"):
        response = post(client, "parse", {"formula": "p"}, Origin=origin)
        one_line_error(response, 403, "cross-origin")
    # a "simple" cross-site form post, whatever its type, never reaches a worker
    response = client.post(
        "/api/check",
        files={"file": ("a.lob", b"theory T { }\n")},
        headers={"Origin": "http://evil.example"},
    )
    one_line_error(response, 403, "cross-origin")
    response = post(client, "parse", {"formula": "p"}, **{"Sec-Fetch-Site": "cross-site"})
    one_line_error(response, 403, "cross-site")
    response = post(
        client, "parse", {"formula": "p"}, Origin=BASE, **{"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 200 and response.json()["result"]["ascii"] == "p"


def test_the_content_type_must_be_json(client: TestClient) -> None:
    response = client.post(
        "/api/prove", content='{"formula": "p"}', headers={"Content-Type": "text/plain"}
    )
    one_line_error(response, 415, "application/json")
    response = client.post("/api/prove", content='{"formula": "p"}')
    one_line_error(response, 415, "application/json")
    response = client.post("/api/prove", files={"file": ("a.lob", b"p")})
    one_line_error(response, 415, "multipart/form-data")


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for response in (
        client.get("/"),
        client.get("/static/app.js"),
        client.get("/api/health"),
        post(client, "prove", {"formula": "[](p"}),
        client.get("/api/health", headers={"Host": "evil.example"}),
    ):
        headers = response.headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_a_body_over_the_cap_is_refused_before_it_is_held(client: TestClient) -> None:
    cap = LIMITS.max_body
    response = client.post(
        "/api/prove", content=b"x", headers={**JSON, "Content-Length": str(10**12)}
    )
    one_line_error(response, 413, f"{cap:,} bytes")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams in
        for _ in range(100):
            yield b" " * 65536

    response = client.post("/api/prove", content=chunks(), headers=JSON)
    one_line_error(response, 413, "bytes")


HOSTILE: list[tuple[str, bytes | dict[str, Any], str]] = [
    ("prove", {"formula": "p", "premises": 5}, "'premises' must be a list"),
    ("prove", {"formula": "p", "premises": [5]}, "'premises' must be a list of formulas"),
    ("prove", {"formula": "[]p -> p", "expand": ["²"]}, "'expand'"),
    ("prove", {"formula": "[]p -> p", "expand": [True]}, "'expand'"),
    ("prove", {"formula": 5}, "'formula' must be text"),
    ("prove", {"formula": "p", "logic": ["GL"]}, "'logic'"),
    ("prove", b'{"formula": "\\ud800"}', "lone surrogate"),
    ("check", b'{"text": "x", "name": "\\udfff"}', "lone surrogate"),
    ("collapse", b'{"samples": Infinity}', "Infinity"),
    ("collapse", b'{"samples": NaN}', "NaN"),
    ("collapse", b'{"real_fraction": 1e400}', "out of range"),
    ("collapse", {"samples": "100"}, "'samples' must be a whole number"),
    ("collapse", {"samples": 10**30}, "'samples' must be a whole number"),
    ("collapse", {"seed": -1}, "'seed'"),
    ("collapse", {"real_fraction": 2}, "'real_fraction'"),
    ("collapse", b'{"seed": ' + b"9" * 5000 + b"}", "bad JSON"),
    ("parse", b"[" * 30_000 + b"]" * 30_000, f"deeper than {MAX_DEPTH}"),
    ("parse", b'{"formula": ' + b"[" * 40 + b"]" * 40 + b"}", f"deeper than {MAX_DEPTH}"),
    ("parse", b"[1, 2]", "JSON object"),
    ("parse", b"\xff\xfe", "not UTF-8"),
    ("parse", b'{"formula": "p"', "bad JSON"),
    ("parse", {"formula": "p" * 3000}, "limit is 2,000"),
    ("check", {"text": "theory T[k] for k in 0.." + "9" * 1500 + " { }"}, "too large"),
]


@pytest.mark.parametrize(("kind", "body", "words"), HOSTILE)
def test_bad_input_is_a_400_with_one_line(
    client: TestClient, kind: str, body: bytes | dict[str, Any], words: str
) -> None:
    response = post(client, kind, body)
    assert response.status_code == 400, (response.status_code, response.text)
    assert words in response.json()["error"] and "Traceback" not in response.text


def test_a_request_id_is_echoed_and_unknown_fields_ignored(client: TestClient) -> None:
    response = post(client, "parse", {"formula": "[]p", "request_id": "r-7", "extra": [1, {}]})
    assert response.status_code == 200
    assert response.json()["request_id"] == "r-7"
    response = post(client, "parse", {"formula": "[](", "request_id": 12})
    assert response.status_code == 400 and response.json()["request_id"] == "12"
    response = post(client, "parse", {"formula": "p"}, **{"X-Request-Id": "h-3"})
    assert response.json()["request_id"] == "h-3"


def test_a_huge_timeout_is_clamped_not_a_500() -> None:
    with TestClient(create_app(Limits(timeout=1e10)), base_url=BASE) as huge:
        response = post(huge, "prove", {"formula": "[]([]p -> p) -> []p"})
        assert response.status_code == 200 and response.json()["verdict"] == "theorem"


def test_a_token_is_required_when_set() -> None:
    access = Access(token="s3cret", port=8000)
    with TestClient(create_app(LIMITS, access), base_url=BASE) as guarded:
        one_line_error(guarded.get("/api/health"), 403, "token")
        one_line_error(post(guarded, "parse", {"formula": "p"}), 403, "token")
        one_line_error(guarded.get("/?token=wrong"), 403, "token")
        assert guarded.get("/static/app.js").status_code == 200  # shipped assets are public
        entered = guarded.get("/?token=s3cret", follow_redirects=False)
        assert entered.status_code == 303 and entered.headers["location"] == "/"
        cookie = entered.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert guarded.get("/").status_code == 200  # the cookie, kept by the client
        assert post(guarded, "parse", {"formula": "p"}).status_code == 200
    with TestClient(create_app(LIMITS, access), base_url=BASE) as fresh:
        auth = {"Authorization": "token s3cret"}
        assert fresh.get("/api/health", headers=auth).status_code == 200


# ---- the property: random JSON never gets a 500 ---------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["[]p -> p", "GL", "K4", "K", "S", "[](p", "theory T { }", "²", "p & q"]),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FORMULAS = st.one_of(
    st.sampled_from(["[]p -> p", "[]([]p -> p) -> []p", "p & q", "<>p"]), documents
)
SPECS = st.one_of(st.sampled_from(["theory T\nprove T : p -> p\n", "theory T { }\n"]), documents)
FIELDS = {
    "parse": {"formula": FORMULAS},
    "prove": {"formula": FORMULAS, "logic": documents, "premises": documents, "expand": documents},
    "check": {"text": SPECS, "name": documents},
    "collapse": {
        k: documents for k in ("samples", "generations", "trajectories", "real_fraction", "seed")
    },
    "nothing": {"formula": FORMULAS},
}
requests = st.sampled_from(sorted(FIELDS)).flatmap(
    lambda kind: st.tuples(
        st.just(kind),
        st.one_of(
            documents,
            st.fixed_dictionaries({}, optional={**FIELDS[kind], "request_id": documents}),
        ),
    )
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(request=requests)
def test_no_request_built_from_random_json_gets_a_500(
    client: TestClient, request: tuple[str, Any]
) -> None:
    kind, body = request
    response = post(client, kind, body)
    assert response.status_code < 500 or response.status_code == 503, response.text
    assert "Traceback" not in response.text
    if response.status_code >= 400:
        assert isinstance(response.json()["error"], str)


def test_a_worker_over_its_memory_cap_answers_422() -> None:
    """RLIMIT_AS on the worker: a collapse run of 10⁷ trajectories (arrays of 80 MB each)
    under a 300 MB cap is a clean 422 naming --max-memory; the next request works."""
    limits = Limits(timeout=60, max_chars=2000, max_work=10**8, memory_mb=300)
    with TestClient(create_app(limits), base_url=BASE) as capped:
        big = {"trajectories": 10_000_000, "generations": 2, "samples": 10}
        response = post(capped, "collapse", big)
        one_line_error(response, 422, "300 MB", "--max-memory")
        assert post(capped, "prove", {"formula": "[]p -> [][]p", "logic": "K4"}).status_code == 200


def test_an_upload_is_parsed_in_memory_and_checked(client: TestClient) -> None:
    spec = b"theory T\nprove T : p -> p\n"
    response = client.post("/api/check", files={"file": ("t.lob", spec)})
    assert response.status_code == 200, response.text
    assert response.json()["result"]["file"] == "t.lob"
    response = client.post("/api/check", files={"file": ("t.lob", b"\xff\xfe")})
    one_line_error(response, 400, "not UTF-8")
    response = client.post("/api/check", files={"other": ("t.lob", spec)})
    one_line_error(response, 400, "form field 'file'")
