"""The model editor in a real headless Chromium (see test_browser.py for the setup): models
drawn with the mouse, evaluated and judged by the kernel, and kept in the link."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# Screenshots for docs/ are written only when asked: LOBKIT_SCREENSHOTS=docs pytest tests/web
SHOTS = os.environ.get("LOBKIT_SCREENSHOTS")
WIDTH, HEIGHT = 720, 440  # the drawing's viewBox


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("BROWSER TESTS SKIPPED: playwright is not installed (pip install '.[dev]')")
    if CHROMIUM is None:
        pytest.skip("BROWSER TESTS SKIPPED: no chromium (apt-get install chromium; .ci/run does)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def editor(browser: Any, server: str) -> Iterator[Any]:
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.set_default_timeout(30_000)
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(server + "editor")
    tab.wait_for_selector("body[data-ready='1']")
    tab.evaluate("() => localStorage.clear()")  # functions, not strings: CSP forbids eval
    yield tab
    tab.close()
    assert not errors, errors


def _at(tab: Any, x: float, y: float) -> tuple[float, float]:
    box = tab.locator("#canvas").bounding_box()
    return box["x"] + x * box["width"] / WIDTH, box["y"] + y * box["height"] / HEIGHT


def _add_world(tab: Any, x: float, y: float) -> None:
    before = tab.locator("#worlds g.world").count()
    tab.mouse.click(*_at(tab, x, y))
    tab.wait_for_function(
        "n => document.querySelectorAll('#worlds g.world').length > n", arg=before
    )


def _drag(tab: Any, start: tuple[float, float], end: tuple[float, float]) -> None:
    tab.mouse.move(*_at(tab, *start))
    tab.mouse.down()
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    tab.mouse.move(*_at(tab, *mid), steps=4)
    tab.mouse.move(*_at(tab, *end), steps=4)
    tab.mouse.up()


def _loop(tab: Any, at: tuple[float, float]) -> None:
    """Drag from a world out of it and back onto it: an arrow to itself."""
    tab.mouse.move(*_at(tab, *at))
    tab.mouse.down()
    tab.mouse.move(*_at(tab, at[0] + 60, at[1] - 40), steps=4)
    tab.mouse.move(*_at(tab, *at), steps=4)
    tab.mouse.up()


def _tick(tab: Any, world: tuple[float, float], atom: str) -> None:
    tab.mouse.click(*_at(tab, *world))
    tab.click(f"#selection .atom[data-atom='{atom}']")


def _text(tab: Any, expected: str) -> None:
    tab.wait_for_function(
        "t => document.getElementById('model-text').value === t", arg=expected.replace("; ", "\n")
    )


def _answer(tab: Any, exercise: str, button: str = "#answer-not-valid") -> str:
    tab.click(f"#exercise-list button[data-exercise='{exercise}']")
    tab.click(button)
    tab.wait_for_selector("#feedback .right, #feedback .wrong")
    return str(tab.inner_text("#feedback"))


def _shoot(tab: Any, name: str) -> None:
    if SHOTS:
        tab.screenshot(path=str(Path(SHOTS) / name), full_page=True)


W0, W1 = (200.0, 360.0), (200.0, 170.0)


def test_a_drawn_two_world_model_refutes_reflection_and_is_accepted_in_gl(editor: Any) -> None:
    _add_world(editor, *W0)
    _add_world(editor, *W1)
    _drag(editor, W0, W1)
    _tick(editor, W1, "p")
    _text(editor, "w0 -> w1; w1: p")
    editor.fill("#formula", "[]p -> p")
    editor.wait_for_selector("#worlds g.world.fails[data-world='w0']")
    assert editor.locator("#worlds g.world.holds[data-world='w1']").count() == 1
    assert "fails at w0" in editor.inner_text("#summary")
    editor.mouse.click(*_at(editor, *W0))  # click a world: why the formula fails there
    editor.wait_for_selector("#why .chain li")
    assert editor.inner_text("#why .chain").splitlines() == [
        "w0 ⊭ □p → p: the antecedent holds and the consequent fails",
        "w0 ⊨ □p: the body holds at every world w0 reaches",
        "w0 ⊭ p: by the valuation",
    ]
    feedback = _answer(editor, "reflection-in-GL")
    assert "✓ correct: a frame of GL, and □p → p fails at the root w0" in feedback
    assert "w0 ⊭ □p → p: the antecedent holds and the consequent fails" in feedback
    assert "1 of 7 solved" in editor.inner_text("#progress")


def test_lobs_formula_refuted_in_k4_by_a_drawn_loop(editor: Any) -> None:
    """The issue's "done when": a countermodel to Löb's formula in K4, drawn and checked."""
    _add_world(editor, *W0)
    _add_world(editor, *W1)
    _drag(editor, W0, W1)
    _loop(editor, W1)
    _text(editor, "w0 -> w1; w1 -> w1")
    feedback = _answer(editor, "Lob-in-K4")
    assert "✓ correct: a frame of K4, and □(□p → p) → □p fails at the root w0" in feedback
    _shoot(editor, "editor-lob-k4.png")
    # The same drawing in GL: the loop breaks irreflexivity, named with its witness.
    wrong = _answer(editor, "Lob-in-GL")
    assert "✗ not a frame of GL: the relation is not irreflexive: w1 → w1" in wrong
    assert editor.locator("#worlds g.world.witness[data-world='w1']").count() == 1


def test_a_reflexive_world_is_named_as_breaking_gls_irreflexivity(editor: Any) -> None:
    _add_world(editor, 360, 250)
    _loop(editor, (360, 250))
    _text(editor, "w0 -> w0")
    item = editor.locator("#conditions li.broken[data-condition='irreflexive']")
    item.wait_for()
    assert item.inner_text() == "✗ not irreflexive: w0 → w0"
    assert "GL: no — not irreflexive: w0 → w0" in editor.inner_text("#logics")
    item.hover()
    editor.wait_for_selector("#worlds g.world.witness[data-world='w0']")
    _shoot(editor, "editor-reflexive.png")


def test_a_wrong_countermodel_gets_the_kernels_reason(editor: Any) -> None:
    _add_world(editor, *W0)
    _add_world(editor, *W1)
    _drag(editor, W0, W1)
    _tick(editor, W0, "p")
    _tick(editor, W1, "p")
    _text(editor, "w0 -> w1; w0: p; w1: p")
    feedback = _answer(editor, "reflection-in-GL")
    assert "✗ □p → p holds at every world of this model, so it refutes nothing" in feedback
    assert "w0 ⊨ □p → p: the consequent holds" in feedback
    assert "0 of 7 solved" in editor.inner_text("#progress")


def test_valid_answers_are_proof_steps_the_kernel_checks(editor: Any) -> None:
    editor.click("#exercise-list button[data-exercise='Lob-in-K4']")
    editor.fill("#steps", "R-imp\nK4R")
    feedback = _answer(editor, "Lob-in-K4", "#answer-valid")
    assert "✗ the premise □(□p → p), □p → p ⇒ p is not provable in K4" in feedback
    editor.click("#feedback .open-countermodel")  # the kernel-checked refutation, editable
    _text(editor, "w0 -> w1; w1 -> w1")
    editor.click("#exercise-list button[data-exercise='Lob-in-GL']")
    editor.fill("#steps", "R-imp\nGLR []p")
    feedback = _answer(editor, "Lob-in-GL", "#answer-valid")
    assert "✓ correct: the kernel checked the proof" in feedback


def test_the_model_survives_a_link_round_trip(editor: Any, browser: Any) -> None:
    _add_world(editor, *W0)
    _add_world(editor, *W1)
    _add_world(editor, 420, 170)
    _drag(editor, W0, W1)
    editor.select_option("#relation", "")
    editor.fill("#new-theory", "PA")
    editor.click("#add-theory")
    _drag(editor, W0, (420, 170))
    _tick(editor, (420, 170), "q")
    editor.fill("#formula", "<PA>q & []p")
    _text(editor, "w0 -> w1; w0 -[PA]-> w2; w2: q")
    editor.wait_for_selector("#worlds g.world.fails[data-world='w0']")
    link = editor.url
    assert "#model=" in link and "formula=" in link
    again = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        again.goto(link)
        again.wait_for_selector("body[data-ready='1']")
        _text(again, "w0 -> w1; w0 -[PA]-> w2; w2: q")
        assert again.input_value("#formula") == "<PA>q & []p"
        assert again.locator("#worlds g.world").count() == 3
        w2 = again.locator("#worlds g.world[data-world='w2']").get_attribute("transform")
        assert w2 == editor.locator("#worlds g.world[data-world='w2']").get_attribute("transform")
        again.wait_for_selector("#worlds g.world.fails[data-world='w0']")
    finally:
        again.close()


def test_a_malformed_model_gets_a_located_message_beside_the_editor(editor: Any) -> None:
    editor.fill("#model-text", "w0 -> w1; w1: P")
    editor.wait_for_function("() => document.getElementById('model-error').textContent.length > 0")
    message = editor.inner_text("#model-error")
    assert message.startswith("<model>:1:15: 'P' is not an atom")
    # The box also reads a model's JSON (a countermodel pasted from `prove --format json`).
    editor.fill("#model-text", '{"worlds": ["a", "b"], "relations": {"": [["a", "b"]]}}')
    editor.wait_for_selector("#worlds g.world[data-world='b']")
    editor.wait_for_function("() => document.getElementById('model-error').textContent === ''")


def test_a_countermodel_from_the_classroom_page_opens_in_the_editor(
    browser: Any, server: str
) -> None:
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        tab.goto(server)
        tab.fill("#formula", "[]([]p -> p) -> []p")
        tab.select_option("#logic", "K4")
        tab.click("#prove-button")
        tab.wait_for_selector("#picture a.open-in-editor")
        tab.click("#picture a.open-in-editor")
        tab.wait_for_selector("body[data-ready='1']")
        assert tab.input_value("#formula") == "[]([]p -> p) -> []p"
        assert tab.input_value("#logic") == "K4"
        tab.wait_for_selector("#worlds g.world.fails[data-world='w0']")
        assert "K4: yes" in tab.inner_text("#logics")
    finally:
        tab.close()


def test_screenshots_are_in_docs() -> None:
    for name in ("editor-lob-k4.png", "editor-reflexive.png"):
        assert (ROOT / "docs" / name).stat().st_size > 10_000


def test_a_teacher_shares_a_set_by_link_and_by_file(
    browser: Any, server: str, tmp_path: Path
) -> None:
    import base64
    import json

    shared = {
        "title": "Shared in class",
        "exercises": [{"id": "one", "formula": "[]p -> [][]p", "logic": "S4", "prompt": "4 in S4"}],
    }
    code = base64.urlsafe_b64encode(json.dumps(shared).encode()).decode().rstrip("=")
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        tab.goto(server + f"editor#set={code}")
        tab.wait_for_selector("body[data-ready='1']")
        title = "t => document.getElementById('set-title').textContent === t"
        tab.wait_for_function(title, arg="Shared in class")
        assert tab.inner_text("#progress") == "0 of 1 solved"
        assert tab.locator("#exercise-list button").inner_text() == "□p → □□p in S4"
        # S4 is a logic of the cube: a countermodel is checked against its frame conditions.
        tab.click("#exercise-list button[data-exercise='one']")
        _add_world(tab, 300, 250)
        tab.click("#answer-not-valid")
        tab.wait_for_selector("#feedback .wrong")
        assert "not a frame of S4: the relation is not reflexive: no arrow w0 → w0" in (
            tab.inner_text("#feedback")
        )
        set_file = tmp_path / "mine.toml"
        set_file.write_text('title = "From a file"\n[[exercise]]\nformula = "p"\nlogic = "K"\n')
        tab.set_input_files("#set-file", str(set_file))
        tab.wait_for_function(title, arg="From a file")
        assert "set=" in tab.url  # the uploaded set is now in the link too
    finally:
        tab.close()


def test_arrows_and_worlds_are_removed_by_click_and_delete(editor: Any) -> None:
    _add_world(editor, *W0)
    _add_world(editor, *W1)
    _drag(editor, W0, W1)
    _text(editor, "w0 -> w1")
    editor.mouse.click(*_at(editor, 200, 265))  # on the arrow
    editor.wait_for_selector("#arrows g.arrow.selected", state="attached")
    editor.keyboard.press("Delete")
    _text(editor, "w0; w1")
    editor.mouse.click(*_at(editor, *W1))
    editor.click("#selection .remove-world")
    _text(editor, "w0")
