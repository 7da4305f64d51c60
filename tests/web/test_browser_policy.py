"""The page passes its own content security policy (lobkit.web.guard): in a real headless
Chromium, proving, checking a theory file and drawing the collapse plot raise no
`securitypolicyviolation` and log no console error. Skips like tests/web/test_browser.py
when there is no browser."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

LISTEN = """() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
}"""


def test_the_page_passes_its_content_security_policy(server: str) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("BROWSER TESTS SKIPPED: playwright is not installed (pip install '.[dev]')")
    if CHROMIUM is None:
        pytest.skip("BROWSER TESTS SKIPPED: no chromium (apt-get install chromium; .ci/run does)")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page: Any = browser.new_page()
        page.set_default_timeout(30_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.add_init_script(f"({LISTEN})()")
        response = page.goto(server)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector("#verdict.theorem")  # the page's script ran: not blocked
        page.wait_for_selector("#picture svg")
        page.click("a[data-example='tower']")
        page.wait_for_selector("#matrix table.matrix")
        page.wait_for_selector("#collapse-plot svg")  # matplotlib's SVG, with inline styles
        violations = page.evaluate("window.__violations")
        browser.close()
    assert violations == [], violations
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
