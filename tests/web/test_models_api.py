"""The editor's API: /api/eval answers with `lobkit eval`'s JSON, /api/answer with the
kernel's judgement, /api/exercises with the served set; bad input is HTTP 400 with a
located message, oversized input refused."""

from __future__ import annotations

import urllib.request
from typing import Any

from lobkit.web import jobs
from tests.web.test_api import cli_json, post

LIMITS = {"timeout": 20.0, "max_chars": 2000, "max_work": 10**6}


def test_eval_answers_with_the_clis_json(server: str) -> None:
    text = "w0 -> w1, w2; w1 -> w2; w1: p; w2: p q"
    status, answer = post(server, "eval", {"model": text, "formula": "[]p -> p"})
    assert status == 200
    result = answer["result"]
    assert result.pop("text") == "w0 -> w1, w2; w1 -> w2; w1: p; w2: p q"
    assert result == cli_json("eval", text, "[]p -> p")


def test_eval_reads_the_models_json_and_without_a_formula_gives_the_frame() -> None:
    model = {"worlds": ["a", "b"], "relations": {"": [["a", "b"], ["b", "b"]]}}
    answer = jobs.run("eval", {"model": model, "formula": ""}, LIMITS)
    result = answer["result"]
    assert result["text"] == "a -> b; b -> b"
    assert "worlds" not in result
    assert result["logics"]["GL"]["broken"][0] == "not irreflexive: b → b"


def test_bad_models_are_http_400_with_the_location(server: str) -> None:
    status, answer = post(server, "eval", {"model": "w0 -> ; w1: p", "formula": "p"})
    assert status == 400 and answer["exit"] == 2
    assert answer["error"].startswith("<model>:1:6: expected a world after '->'")
    bad_json = {"worlds": ["a"], "relations": {"": [["a", "nowhere"]]}}
    status, answer = post(server, "eval", {"model": bad_json, "formula": "p"})
    assert status == 400
    assert answer["error"] == "<model>: relations[\"\"][0]: unknown world 'nowhere'"
    status, answer = post(server, "eval", {"model": "", "formula": "p"})
    assert status == 400 and "the model is empty" in answer["error"]


def test_oversized_models_are_refused() -> None:
    text = "; ".join(f"w{i} -> w{i + 1}" for i in range(400))
    answer = jobs.run("eval", {"model": text, "formula": "p"}, LIMITS)
    assert answer["exit"] == 2 and "the limit is 2,000" in answer["error"]


def test_answer_is_judged_by_the_kernel(server: str) -> None:
    with urllib.request.urlopen(server + "api/exercises", timeout=30) as response:
        import json

        served: dict[str, Any] = json.loads(response.read())
    assert served["set"]["title"] == "From K to GL"
    assert served["conditions"]["GL"] == ["transitive", "irreflexive", "acyclic"]
    assert "GLR" in served["rules"]
    lob_k4 = next(e for e in served["set"]["exercises"] if e["id"] == "Lob-in-K4")
    payload = {"exercise": lob_k4, "verdict": "not valid", "model": "w0 -> w1; w1 -> w1"}
    status, answer = post(server, "answer", payload)
    assert status == 200 and answer["result"]["correct"] is True
    payload["model"] = "w0 -> w1 -> w2"
    status, answer = post(server, "answer", payload)
    assert answer["result"]["correct"] is False
    assert answer["result"]["condition"] == "transitive"
    assert answer["result"]["witness"] == ["w0", "w1", "w2"]
    steps = {"exercise": lob_k4, "verdict": "valid", "steps": "R-imp; K4R"}
    status, answer = post(server, "answer", steps)
    assert answer["result"]["correct"] is False
    assert answer["result"]["countermodel_text"] == "w0 -> w1; w1 -> w1"


def test_a_set_from_a_link_or_an_upload_is_read_again() -> None:
    answer = jobs.run("exercise_set", {"text": '[[exercise]]\nformula = "[]p"\nlogic="T"'}, LIMITS)
    assert answer["result"]["exercises"][0]["logic"] == "T"
    answer = jobs.run("exercise_set", {"text": '[[exercise]]\nformula = "[]p"\nlogic="X"'}, LIMITS)
    assert answer["exit"] == 2 and "exercise[0].logic: unknown logic 'X'" in answer["error"]
    forged = {"exercise": {"formula": "p", "logic": "GL", "answer": "valid"}, "verdict": "valid"}
    answer = jobs.run("answer", forged, LIMITS)
    assert answer["exit"] == 2 and "unknown field 'answer'" in answer["error"]


def test_the_editor_page_and_its_assets_are_served(server: str) -> None:
    with urllib.request.urlopen(server + "editor", timeout=30) as response:
        page = response.read().decode()
    assert '<script src="/static/editor.js"></script>' in page
    assert "<style" not in page and "onclick" not in page  # no inline code (CSP)
    for asset in ("editor.js", "editor.css"):
        with urllib.request.urlopen(server + f"static/{asset}", timeout=30) as response:
            assert response.status == 200


def test_lobkit_exercises_serves_its_set_on_the_editor(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import subprocess
    import sys
    import time

    path = tmp_path / "class.toml"
    path.write_text('title = "Monday"\n[[exercise]]\nformula = "[]p -> p"\nlogic = "T"\n')
    process = subprocess.Popen(
        [sys.executable, "-m", "lobkit", "exercises", str(path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("lobkit classroom on http://127.0.0.1:") and "/editor" in line
        base = line.split(" on ", 1)[1].split()[0].removesuffix("editor")
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "api/exercises", timeout=2) as response:
                    served = json.loads(response.read())
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert served["set"]["title"] == "Monday"
        assert served["set"]["exercises"][0]["logic"] == "T"
    finally:
        process.terminate()
        process.wait(10)


def test_the_classroom_page_links_to_the_editor(server: str) -> None:
    with urllib.request.urlopen(server, timeout=30) as response:
        assert '<a href="/editor">' in response.read().decode()
