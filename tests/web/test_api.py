"""The JSON API behind the page: the CLI's JSON, errors with exit codes, limits, uploads."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from lobkit.web import jobs
from lobkit.zoo.verdicts import LOB

ROOT = Path(__file__).resolve().parents[2]
LIMITS = {"timeout": 20.0, "max_chars": 2000, "max_work": 10**6}


def post(url: str, kind: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        url + f"api/{kind}",
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def cli_json(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "lobkit", *args, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def test_prove_answers_with_the_clis_json(server: str) -> None:
    status, answer = post(server, "prove", {"formula": LOB.text, "logic": "K4"})
    assert status == 200 and answer["verdict"] == "not a theorem"
    cli = cli_json("prove", LOB.text, "--logic", "K4")
    assert {k: v for k, v in answer["result"].items() if k != "seconds"} == {
        k: v for k, v in cli.items() if k != "seconds"
    }


def test_check_answers_with_the_clis_json_and_a_matrix() -> None:
    text = (ROOT / "theories" / "tower.lob").read_text()
    answer = jobs.run(
        "check", {"text": text, "name": "theories/tower.lob"}, {**LIMITS, "max_chars": 10**5}
    )
    cli = cli_json("check", "theories/tower.lob")

    def untimed(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "seconds"} for r in results]

    assert untimed(answer["result"]["results"]) == untimed(cli["files"][0]["results"])
    assert answer["agents"] == ["A3", "A2", "A1", "A0"]
    assert answer["matrix"][0] == ["blocked-lob", "licensed", "licensed", "licensed"]


def test_bad_input_is_a_400_with_the_caret_message(server: str) -> None:
    status, answer = post(server, "prove", {"formula": "[](p ->"})
    assert status == 400 and answer["exit"] == 2 and answer["error"].endswith("^")
    status, answer = post(server, "prove", {"formula": "p", "logic": "S6"})
    assert status == 400 and "unknown logic 'S6'" in answer["error"]
    status, answer = post(server, "check", {"text": 'include "../secret.lob"\n'})
    assert status == 400 and "include '../secret.lob' is refused" in answer["error"]


def test_every_logic_and_all(server: str) -> None:
    """The server takes every logic's name (the page's menu lists them) and "all"."""
    status, answer = post(server, "prove", {"formula": "[]p -> p", "logic": "s4"})
    assert status == 200 and answer["result"]["logic"] == "S4" and answer["result"]["valid"]
    # T, S4: the K (K4) proof of the reflexive translation, drawn as a proof tree
    assert "reflexive-proof" in answer["html"] and "lobkit-proof" in answer["html"]
    assert answer["result"]["proof"]["calculus"] == "reflexive"
    status, answer = post(server, "prove", {"formula": "[]p -> p", "logic": "B"})
    assert status == 200 and "labelled-proof" in answer["html"]
    status, answer = post(server, "prove", {"formula": "<>p -> []<>p", "logic": "KD45"})
    assert status == 200 and answer["result"]["valid"]
    status, answer = post(server, "prove", {"formula": "[]p -> <>p", "logic": "all"})
    assert status == 200 and answer["result"]["weakest"] == ["D"]


def test_limits_are_the_clis() -> None:
    answer = jobs.run("prove", {"formula": "p" * 3000}, LIMITS)
    assert answer["exit"] == 2 and "limit is 2,000" in answer["error"]
    answer = jobs.run("collapse", {"trajectories": 10**5, "generations": 100}, LIMITS)
    assert answer["exit"] == 3, answer


def test_a_heavy_request_does_not_block_the_page(server: str) -> None:
    heavy: dict[str, Any] = {}

    def run() -> None:
        heavy["answer"] = post(
            server, "collapse", {"samples": 500, "trajectories": 90_000, "generations": 200}
        )

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.3)
    start = time.monotonic()
    status, answer = post(server, "parse", {"formula": "[]p -> p"})
    quick = time.monotonic() - start
    worker.join()
    assert status == 200 and answer["result"]["unicode"] == "□p → p"
    assert heavy["answer"][0] == 200
    assert quick < 2.0, quick
