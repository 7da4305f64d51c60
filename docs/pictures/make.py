"""Regenerate the pictures in docs/pictures (and docs/classroom.png, the README's picture).

    .venv/bin/python docs/pictures/make.py

Starts `lobkit serve` on a free port, drives Debian's headless chromium with Playwright
(nothing downloaded) through the classroom page, and runs `lobkit demo` for the three demo
pictures. Every picture is looked at before it is committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent
LOB = "[]([]p -> p) -> []p"
TWENTY = "~(" + " & ".join(f"<>p{i}" for i in range(1, 20)) + ")"


def link(**params: str) -> str:
    return "#" + urllib.parse.urlencode(params)


def main() -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "lobkit", "serve", "--port", "0", "--timeout", "30"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split(" on ", 1)[1].split()[0]
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "api/health", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        shots(url)
    finally:
        server.terminate()
        server.wait(10)
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "lobkit", "demo", "--out", out], check=True)
        for name in ("paralysis", "procrastination", "collapse"):
            shutil.copy(Path(out) / f"{name}.png", HERE / f"demo-{name}.png")


def shots(url: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"],
            headless=True,
        )
        # The README's picture: Löb's formula refuted in K4, the refutation explained.
        tab = browser.new_page(viewport={"width": 1280, "height": 1000})
        tab.goto(url + link(formula=LOB, logic="K4"))
        tab.wait_for_selector("#picture .lobkit-countermodel svg", timeout=60_000)
        tab.wait_for_selector("#collapse-plot svg", timeout=60_000)
        clip = _clip(tab, "#prove")
        clip["height"] += clip["y"]
        clip["y"] = 0  # the header too: the tools (projector, copy link, legend) and demos
        tab.screenshot(path=str(DOCS / "classroom.png"), clip=clip, full_page=True)
        # Projector mode, 1920×1080: the proof of Löb's theorem from the back of the room.
        tab = browser.new_page(viewport={"width": 1920, "height": 1080})
        tab.goto(url + link(formula=LOB, logic="GL", view="projector"))
        tab.wait_for_selector("#picture svg.lobkit-proof", timeout=60_000)
        tab.wait_for_timeout(300)
        tab.screenshot(path=str(HERE / "classroom-projector.png"))
        # A 20-world countermodel at its natural size: pan, never shrink.
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.goto(url + link(formula=TWENTY, logic="GL"))
        tab.wait_for_selector("#picture .lobkit-countermodel svg", timeout=60_000)
        tab.wait_for_timeout(300)
        clip = _clip(tab, "#prove")
        clip["height"] = min(clip["height"], 1150)  # the picture and the first steps
        tab.screenshot(path=str(HERE / "classroom-20-worlds.png"), clip=clip, full_page=True)
        # A theory file: the table, and one certificate drawn on click.
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.goto(url + link(example="paralysis"))
        tab.wait_for_selector("#spec-results table.queries", timeout=60_000)
        tab.click("#spec-results tbody tr:nth-child(2)")
        tab.wait_for_selector("#spec-certificate svg")
        tab.wait_for_timeout(300)
        clip = _clip(tab, "#spec")
        tab.screenshot(path=str(HERE / "classroom-theory-file.png"), clip=clip, full_page=True)
        browser.close()


def _clip(tab: object, selector: str) -> dict[str, float]:
    box = tab.locator(selector).bounding_box()  # type: ignore[attr-defined]
    return {"x": 0, "y": box["y"], "width": box["x"] * 2 + box["width"], "height": box["height"]}


if __name__ == "__main__":
    main()
