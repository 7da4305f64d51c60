"""The classroom page in a real headless Chromium (Debian's `chromium`, driven by Playwright;
no browser is downloaded). `.ci/run` installs chromium when it is missing; without one these
tests skip, saying so in the summary (`-rs`)."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lobkit.zoo.verdicts import LOB

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("BROWSER TESTS SKIPPED: playwright is not installed (pip install '.[dev]')")
    if CHROMIUM is None:
        warnings.warn("no chromium on PATH: the browser tests are skipped", stacklevel=1)
        pytest.skip("BROWSER TESTS SKIPPED: no chromium (apt-get install chromium; .ci/run does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.set_default_timeout(30_000)
        tab.goto(server)
        tab.wait_for_selector("#verdict.theorem")  # the page proves its sample formula on load
        yield tab
        browser.close()


def _prove(page: Any, formula: str) -> None:
    page.fill("#formula", formula)
    page.click("#prove-button")


def test_lob_is_a_theorem_with_a_drawn_proof_tree(page: Any, tmp_path: Path) -> None:
    _prove(page, LOB.text)
    page.wait_for_selector("#verdict.theorem")
    assert "theorem of GL" in page.inner_text("#verdict")
    assert "not a theorem" not in page.inner_text("#verdict")
    assert page.locator("#picture svg.lobkit-proof g.step.modal").count() == 1
    assert page.locator("#picture svg.lobkit-proof g.step").count() >= 3  # R-imp, GLR, leaves
    page.screenshot(path=str(tmp_path / "lob.png"), full_page=True)


def test_reflection_has_a_countermodel_with_the_refuting_world(page: Any) -> None:
    _prove(page, "[]p -> p")
    page.wait_for_selector("#verdict.refuted")
    assert "not a theorem of GL" in page.inner_text("#verdict")
    page.wait_for_selector("#picture .lobkit-countermodel svg")
    assert "refutes the formula" in page.inner_html("#picture svg")
    assert "w0 ⊭ □p → p" in page.inner_text("#picture .lobkit-chain")


def test_a_syntax_error_shows_the_caret_message(page: Any) -> None:
    page.fill("#formula", "[](p ->")
    page.wait_for_selector("#syntax.error")
    message = page.inner_text("#syntax")
    assert "1:8: expected a formula after '->'" in message
    assert message.rstrip().endswith("^")


def test_uploading_the_tower_shows_the_matrix(page: Any) -> None:
    page.set_input_files("#upload", str(ROOT / "theories" / "tower.lob"))
    page.wait_for_selector("#matrix table.matrix")
    assert page.locator("#matrix td.licensed").count() == 6  # A3 > A2 > A1 > A0, transitively
    assert page.locator("#matrix td.refused").count() == 10
    assert "expectations hold" in page.inner_text("#spec-status")
    assert page.locator("#certificates details").count() >= 1


def test_the_collapse_slider_redraws_the_plot(page: Any) -> None:
    page.wait_for_selector("#collapse-plot svg")
    before = page.get_attribute("#collapse-plot", "data-run")
    page.eval_on_selector("#real", "e => { e.value = '0.2'; e.dispatchEvent(new Event('input')); }")
    page.wait_for_function(
        "before => document.querySelector('#collapse-plot').dataset.run !== before", arg=before
    )
    page.wait_for_function(
        "() => document.querySelector('#collapse-status').textContent.includes('real fraction 0.2')"
    )
    assert page.locator("#collapse-plot svg").count() == 1
