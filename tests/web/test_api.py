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


def get(url: str, path: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url + path, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_play_answers_with_the_clis_json_for_miris_file(server: str) -> None:
    status, shipped = get(server, "api/game/target")
    target = ROOT / "lobkit" / "theories" / "agents" / "target.ua"
    assert status == 200 and shipped["text"] == target.read_text("utf-8")
    status, answer = post(server, "play", {"text": shipped["text"], "name": "target.ua"})
    assert status == 200, answer
    cli = cli_json("play", "--example", "target")
    assert answer["result"]["games"] == cli["games"]
    assert all(game["verified"] for game in answer["result"]["games"])
    assert "Newcomb" in answer["text"] and "Kripke frames" in answer["text"]
    assert "<table" in answer["html"]
    assert get(server, "api/game/classic") == (404, {"error": "no game file 'classic'", "exit": 2})


def test_the_spurious_proof_demo_answers_with_its_certificates(server: str) -> None:
    from lobkit.demos import spurious

    status, answer = post(server, "spurious", {})
    assert status == 200, answer
    assert answer["result"] == spurious.derive().to_json()  # what spurious.json holds
    takes = {agent: g["result"]["A()"] for agent, g in answer["result"]["games"].items()}
    assert takes == dict(zip(spurious.AGENTS, ["5", "10", "10", "10"], strict=True))
    assert answer["result"]["spurious_proof"]["valid"]
    assert answer["result"]["chicken_blocks"]["valid"] is False
    assert 'class="lobkit-proof"' in answer["derivation"] and "GLR" in answer["derivation"]
    assert "□S ⇒ □P" in answer["derivation"]  # S and P abbreviated in the drawn proof
    assert "lobkit-countermodel" in answer["countermodel"]
    assert answer["game"] == spurious.GAME


def test_a_bad_game_is_a_400_with_its_location(server: str) -> None:
    status, answer = post(server, "play", {"text": "play: Foo, Bar.\n", "name": "x.ua"})
    assert status == 400 and answer["error"] == "x.ua:1:7: unknown problem: Foo", answer
    status, answer = post(server, "play", {"text": "bot B = ⊥\nbogus\n"})
    assert status == 400 and answer["line"] == 2 and answer["error"].endswith("^")
    status, answer = post(server, "play", {"text": 5})
    assert status == 400 and "'text' must be text" in answer["error"]
    answer = jobs.run("play", {"text": "bot B = ⊥\n" * 300}, LIMITS)
    assert answer["exit"] == 2 and "limit is 2,000" in answer["error"]


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
