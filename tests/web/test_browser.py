"""The classroom page in a real headless Chromium (Debian's `chromium`, driven by Playwright;
no browser is downloaded). `.ci/run` installs chromium when it is missing; without one these
tests skip, saying so in the summary (`-rs`).

Each test opens a fresh tab. The race, cancel and limit tests use a server whose limit is 3 s
and a formula (a boxed pigeonhole principle, `boxed_php(10)`) that needs far longer."""

from __future__ import annotations

import shutil
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lobkit.syntax import to_ascii
from lobkit.zoo.own_families import boxed_php
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
HARD = to_ascii(boxed_php(10))  # needs well over 3 s (the quick server's limit)
TWENTY_WORLDS = "~(" + " & ".join(f"<>p{i}" for i in range(1, 20)) + ")"  # root + 19 witnesses


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("BROWSER TESTS SKIPPED: playwright is not installed (pip install '.[dev]')")
    if CHROMIUM is None:
        warnings.warn("no chromium on PATH: the browser tests are skipped", stacklevel=1)
        pytest.skip("BROWSER TESTS SKIPPED: no chromium (apt-get install chromium; .ci/run does)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


def _open(browser: Any, url: str, width: int = 1200, height: int = 900) -> Any:
    tab = browser.new_page(viewport={"width": width, "height": height})
    tab.set_default_timeout(30_000)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.errors = errors
    tab.goto(url)
    return tab


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    tab = _open(browser, server)
    tab.wait_for_selector("#verdict.theorem")  # the page proves its sample formula on load
    yield tab
    assert not tab.errors, tab.errors  # no JavaScript error on the way
    tab.close()


@pytest.fixture
def quick(browser: Any, quick_server: str) -> Iterator[Any]:
    tab = _open(browser, quick_server)
    tab.wait_for_selector("#verdict.theorem")
    tab.wait_for_selector("#collapse-plot svg")  # the server's two workers are free again
    yield tab
    assert not tab.errors, tab.errors
    tab.close()


def _prove(page: Any, formula: str) -> None:
    page.fill("#formula", formula)
    page.click("#prove-button")


def _ask(page: Any, formula: str) -> None:
    page.fill("#formula", formula)
    page.press("#formula", "Enter")


def _font_px(page: Any, selector: str) -> float:
    return float(page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)"))


# ---- what the page answers ------------------------------------------------------------------


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


def test_the_diamond_stays_a_diamond_in_the_proof(page: Any) -> None:
    _prove(page, "<>p -> <>(p & []~p)")  # the dual of Löb's axiom: a theorem of GL
    page.wait_for_selector("#verdict.theorem")
    tree = page.inner_html("#picture svg.lobkit-proof")
    assert "◇p" in tree and "◇(p ∧ □¬p)" in tree
    assert "¬□¬p" not in tree


def test_logic_s_shows_its_reduction(page: Any) -> None:
    page.fill("#formula", "~[]false")
    page.select_option("#logic", "S")  # changing the logic proves again, no button needed
    page.wait_for_function(
        "() => document.querySelector('#verdict.theorem') && "
        "document.querySelector('#verdict').dataset.logic === 'S'"
    )
    assert "theorem of S" in page.inner_text("#verdict")
    reduction = page.inner_text("#reduction")
    assert "Solovay" in reduction and "□⊥ → ⊥" in reduction


# ---- correct under interaction --------------------------------------------------------------


def _busy(page: Any) -> None:
    page.wait_for_function(
        "() => /deciding… \\d+\\.\\d s/.test(document.querySelector('#verdict').textContent)"
    )


def test_a_newer_question_wins_the_race(quick: Any) -> None:
    """The hard question reaches the 3 s limit after the easy one is answered; its answer
    (the limit message) must never replace the easy one's countermodel."""
    _ask(quick, HARD)
    _busy(quick)
    _ask(quick, "[]p -> p")
    quick.wait_for_selector("#verdict.refuted")
    quick.wait_for_timeout(9000)  # past the hard question's limit and the server's grace
    assert "□p → p" in quick.inner_text("#verdict")
    assert "not a theorem of GL" in quick.inner_text("#verdict")
    assert quick.locator("#picture .lobkit-countermodel svg").count() == 1
    assert "limit" not in quick.inner_text("#verdict")


def test_the_stale_answer_guard_holds_even_if_abort_does_not(quick: Any) -> None:
    """With fetch made to ignore AbortController (an answer that arrives anyway), only the
    latest request's answer is drawn: the request-id guard alone keeps the page right."""
    quick.evaluate(
        """() => {
        const original = window.fetch;
        window.fetch = (url, init) => {
          if (init && init.signal) { init = { ...init }; delete init.signal; }
          return original(url, init);
        };
    }"""
    )
    before = int(quick.evaluate("() => document.body.dataset.proveReceived"))
    _ask(quick, HARD)
    _busy(quick)
    _ask(quick, "[]p -> p")
    quick.wait_for_selector("#verdict.refuted")
    # both answers have arrived: the easy one, then the hard one's limit (not aborted here)
    quick.wait_for_function(
        "n => Number(document.body.dataset.proveReceived) >= n + 2", arg=before, timeout=30_000
    )
    quick.wait_for_timeout(200)
    assert "□p → p" in quick.inner_text("#verdict")
    assert "limit" not in quick.inner_text("#verdict")
    assert quick.locator("#picture .lobkit-countermodel svg").count() == 1


def test_cancel_stops_the_question_and_nothing_comes_back(quick: Any) -> None:
    _prove(quick, "[]p -> p")
    quick.wait_for_selector("#picture .lobkit-countermodel")
    _ask(quick, HARD)
    _busy(quick)
    assert quick.is_enabled("#prove-cancel")
    assert quick.is_disabled("#prove-button")  # the same question is not asked twice
    quick.click("#prove-cancel")
    assert "cancelled after" in quick.inner_text("#verdict")
    assert quick.inner_html("#picture") == ""  # the old answer does not stay under the new input
    assert quick.is_disabled("#prove-cancel")
    assert quick.is_enabled("#prove-button")
    quick.wait_for_timeout(4500)
    assert "cancelled after" in quick.inner_text("#verdict")


def test_the_limit_is_told_in_the_pages_words(quick: Any) -> None:
    _ask(quick, HARD)
    _busy(quick)
    quick.wait_for_selector("#verdict.limit", timeout=20_000)
    message = quick.inner_text("#verdict")
    assert "the page's limit of 3 s" in message
    assert "--timeout" not in message and "timeout=" not in message


def test_changing_the_logic_proves_again(page: Any) -> None:
    _prove(page, LOB.text)
    page.wait_for_selector("#verdict.theorem")
    page.select_option("#logic", "K4")
    page.wait_for_selector("#verdict.refuted")
    assert "not a theorem of K4" in page.inner_text("#verdict")
    assert page.locator("#picture .lobkit-countermodel svg").count() == 1


def test_an_error_clears_the_old_answer(page: Any) -> None:
    _prove(page, "[]p -> p")
    page.wait_for_selector("#picture .lobkit-countermodel svg")
    _ask(page, "[](p ->")
    page.wait_for_selector("#verdict.error")
    assert "expected a formula" in page.inner_text("#verdict")
    assert page.inner_html("#picture") == ""
    assert page.inner_text("#syntax").rstrip().endswith("^")


# ---- a link for everything ------------------------------------------------------------------


def test_the_link_reproduces_the_answer_and_back_walks_through_it(browser: Any, page: Any) -> None:
    _ask(page, "[]p -> p")
    page.wait_for_selector("#verdict.refuted")
    page.select_option("#logic", "K")
    page.wait_for_function("() => document.querySelector('#verdict').dataset.logic === 'K'")
    page.click("#copy-link")
    page.wait_for_function("() => document.querySelector('#copied').dataset.url")
    link = page.get_attribute("#copied", "data-url")
    assert link == page.url
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(link).fragment)
    assert params["formula"] == ["[]p -> p"] and params["logic"] == ["K"]
    other = _open(browser, link)  # a student opens the link
    other.wait_for_selector("#verdict.refuted")
    assert "not a theorem of K" in other.inner_text("#verdict")
    assert other.input_value("#logic") == "K"
    other.close()
    page.go_back()  # back to the question in GL
    page.wait_for_function("() => document.querySelector('#verdict').dataset.logic === 'GL'")
    page.wait_for_selector("#verdict.refuted")
    assert page.input_value("#logic") == "GL"
    page.go_back()  # back to the page's first question, Löb's formula
    page.wait_for_selector("#verdict.theorem")
    assert page.input_value("#formula") == LOB.text


def test_a_query_string_formula_is_read(browser: Any, server: str) -> None:
    tab = _open(browser, server + "?formula=" + urllib.parse.quote("[]p -> []p") + "&logic=K")
    tab.wait_for_selector("#verdict.theorem")
    assert "theorem of K" in tab.inner_text("#verdict")
    tab.close()


def test_a_small_spec_travels_in_the_link(browser: Any, server: str) -> None:
    spec = "theory PA\nprove PA : [PA]false -> false   expect unprovable\n"
    tab = _open(browser, server + "#" + urllib.parse.urlencode({"spec": spec, "name": "con"}))
    tab.wait_for_selector("#spec-results table.queries")
    assert tab.input_value("#spec-text") == spec
    assert "unprovable" in tab.inner_text("#spec-results")
    tab.close()


# ---- readable from the back row -------------------------------------------------------------


def test_projector_mode_makes_everything_large(browser: Any, server: str, tmp_path: Path) -> None:
    tab = _open(browser, server, 1920, 1080)
    tab.wait_for_selector("#verdict.theorem")
    small = {s: _font_px(tab, s) for s in ("#formula", "#verdict", "body")}
    tab.keyboard.press("F9")
    assert tab.evaluate("() => document.body.classList.contains('projector')")
    assert "view=projector" in tab.url  # the link keeps the mode
    large = {s: _font_px(tab, s) for s in ("#formula", "#verdict", "body")}
    for selector in small:
        assert large[selector] >= 1.8 * small[selector], (selector, small, large)
    assert large["#formula"] >= 30 and large["#verdict"] >= 30
    # the proof tree keeps its natural size times two: sequents and rule names readable
    heights = tab.eval_on_selector_all(
        "#picture svg.lobkit-proof text", "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 18, heights
    _ask(tab, "[]p -> p")
    tab.wait_for_selector("#picture .lobkit-countermodel svg")
    assert _font_px(tab, "#picture .lobkit-chain li") >= 26
    boxes = tab.eval_on_selector_all(
        "#picture .lobkit-picture svg text",
        "ts => ts.map(t => t.getBoundingClientRect().height).filter(h => h > 0)",
    )
    assert boxes and min(boxes) >= 16, boxes
    tab.screenshot(path=str(tmp_path / "projector.png"))
    tab.close()


def test_a_twenty_world_countermodel_stays_legible(page: Any) -> None:
    _ask(page, TWENTY_WORLDS)
    page.wait_for_selector("#picture .lobkit-countermodel svg", timeout=60_000)
    texts = page.eval_on_selector_all(
        "#picture .lobkit-picture svg text",
        "ts => ts.map(t => [t.textContent, t.getBoundingClientRect().height])",
    )
    worlds = {t for t, _ in texts if t.startswith("w") and t[1:].split()[0].isdigit()}
    assert len(worlds) == 20
    heights = [h for _, h in texts if h > 0]
    assert min(heights) >= 11, min(heights)  # never shrunk to fit: pan instead
    # the root shows the refuted formula and its conjunction, once each: no row of truncated
    # conjunction prefixes that look alike
    cut = [t for t, _ in texts if "…" in t and not t.startswith("Countermodel")]
    assert len(cut) <= 2 and len(set(cut)) == len(cut), cut
    chain = page.inner_text("#picture .lobkit-chain")
    assert "all 19 conjuncts hold" in chain
    assert "w0 ⊨ ◇p1: w0 reaches the witness w1, where p1 is true" in chain
    assert "14 of 40 steps shown; show all" in chain  # never cut silently
    page.click("#picture .lobkit-chain summary")
    assert page.is_visible("text=w0 reaches the witness w19, where p19 is true")
    assert page.is_visible("text=w19 ⊨ p19: by the valuation")
    page.click("#picture .lobkit-worlds details[data-world='w0'] summary")
    assert page.is_visible("#picture .lobkit-worlds details[data-world='w0'] li")


def test_the_picture_zooms_instead_of_shrinking(page: Any) -> None:
    _ask(page, "[]p -> p")
    page.wait_for_selector("#picture .viewer svg")
    before = page.eval_on_selector("#picture .viewer svg", "s => s.getBoundingClientRect().width")
    page.click("#picture .zoombar button[data-zoom='in']")
    after = page.eval_on_selector("#picture .viewer svg", "s => s.getBoundingClientRect().width")
    assert after == pytest.approx(before * 1.25, rel=0.02)


def test_the_legend_explains_rules_and_verdicts(page: Any) -> None:
    page.click("#legend-button")
    assert page.is_visible("#legend")
    assert "Gödel–Löb rule" in page.inner_text("#legend-GLR + dd")
    assert "RUP" in page.inner_text("#legend-Taut + dd")
    page.click("#legend-close")
    assert not page.is_visible("#legend")


# ---- theory files ---------------------------------------------------------------------------


def test_the_spec_table_gives_reasons_expectations_and_certificates(page: Any) -> None:
    page.click("#demos a:has-text('paralysis')")
    page.wait_for_selector("#spec-results table.queries")
    assert "example=paralysis" in page.url
    rows = page.eval_on_selector_all(
        "#spec-results tbody tr",
        "rs => rs.map(r => [...r.querySelectorAll('td')].map(c => c.textContent.trim()))",
    )
    assert len(rows) == 6
    chain = rows[0]
    assert chain[2] == "blocked-lob"  # one name, the matrix's
    assert "Löb" in chain[3]  # the one-line reason
    assert chain[4] == "blocked-lob" and "✓ as expected" in chain[5] and chain[6] == "exact"
    assert all(row[3] for row in rows)  # every query says why
    matrix = page.eval_on_selector_all("#matrix td", "cs => cs.map(c => c.textContent.trim())")
    assert "blocked-lob" in matrix and "blocked" not in matrix
    page.click("#spec-results tbody tr:nth-child(2)")  # [PA](b -> s) -> (b -> s): unprovable
    page.wait_for_selector("#spec-certificate .lobkit-countermodel svg")
    assert "countermodel to" in page.inner_text("#spec-certificate")
    page.click("#spec-results tbody tr:nth-child(4)")  # Löb's theorem for [PA]: proved
    page.wait_for_selector("#spec-certificate svg.lobkit-proof")
    page.click("#spec-results tbody tr:first-child button.verdict-name")
    page.wait_for_selector("#legend-blocked-lob.highlight")
    assert "Löb's theorem" in page.inner_text("#legend-blocked-lob + dd")


# ---- decision problems and the spurious proof -----------------------------------------------


def _games(page: Any) -> list[list[str]]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        "#play-results tbody tr",
        "rs => rs.map(r => [...r.querySelectorAll('td')].map(c => c.textContent.trim()))",
    )


def test_the_spurious_proof_demo_shows_its_games_derivation_and_countermodel(
    browser: Any, page: Any
) -> None:
    page.click("#demos a:has-text('spurious proof')")
    page.wait_for_selector("#spurious-proof svg.lobkit-proof")
    assert "game=spurious" in page.url
    rows = _games(page)
    assert [row[0] for row in rows] == [
        "naive",
        "chicken rule",
        "modal UDT",
        "modal UDT, escalating",
    ]
    assert "A()=5" in rows[0][3] and "U()=$5" in rows[0][3]  # the spurious proof: $5
    assert all("A()=10" in row[3] and "U()=$10" in row[3] for row in rows[1:])
    assert rows[0][4].startswith("PA (k = 0)") and rows[1][4].startswith("PA + Con1 (k = 1)")
    assert all("✓ verified" in row[5] for row in rows)
    assert "the naive agent takes 5" in page.inner_text("#play-status")
    derivation = page.text_content("#spurious-proof svg.lobkit-proof") or ""
    assert "GLR" in derivation and "□S ⇒ □P" in derivation  # Löb's rule, S and P named
    page.wait_for_selector("#spurious-proof .lobkit-countermodel svg")
    assert "countermodel to ⊡S′ → □P′" in page.inner_text("#spurious-proof")
    assert "theory Chicken" in page.input_value("#game-text")
    other = _open(browser, page.url)  # the link reproduces the demo in a fresh tab
    other.wait_for_selector("#spurious-proof svg.lobkit-proof")
    assert len(_games(other)) == 4
    other.close()


def test_a_shipped_decision_problem_file_plays_with_certified_outcomes(page: Any) -> None:
    from lobkit.agents.combat_file import shipped_game
    from lobkit.agents.playfile import play_file

    page.click("#demos a:has-text('decision problems')")
    page.wait_for_selector("#play-results table.games")
    assert "game=decisions" in page.url
    expected = play_file(shipped_game("decisions"))
    rows = _games(page)
    assert len(rows) == len(expected.results)
    for row, result in zip(rows, expected.results, strict=True):
        shown = ", ".join(f"{who}={value}" for who, value in result.to_json()["result"].items())
        assert row[2] == shown and row[3].endswith(f"(k = {result.proved_in})")
    assert "verified by the GL prover" in page.inner_text("#play-status")
    assert page.inner_text("#spurious-proof") == ""  # a file's games, no demo certificates
    page.fill("#game-text", "bot B = ⊥\ncombat! B vs Nobody\n")  # an error: located
    page.click("#play-button")
    page.wait_for_selector("#play-error:not([hidden])")
    assert "2:" in page.inner_text("#play-error") and "Nobody" in page.inner_text("#play-error")
    assert page.inner_text("#play-results") == ""


def test_a_small_game_travels_in_the_link(browser: Any, server: str) -> None:
    game = "bot Defector = ⊥\nbot Cooperator = ⊤\ncombat! Defector vs Cooperator\n"
    tab = _open(browser, server + "#" + urllib.parse.urlencode({"ua": game}))
    tab.wait_for_selector("#play-results table.games")
    assert tab.input_value("#game-text") == game
    rows = _games(tab)
    assert [row[:3] for row in rows] == [
        ["combat", "Defector, Cooperator", "Defector=D, Cooperator=C"]
    ]
    assert rows[0][3] == "PA (k = 0)" and "✓ verified" in rows[0][4]
    tab.close()


def test_a_spec_error_has_its_caret_under_the_column(page: Any) -> None:
    page.fill("#spec-text", "theory PA\nprove [PA](p -> ) \n")
    page.click("#check-button")
    page.wait_for_selector("#spec-error:not([hidden])")
    text = page.inner_text("#spec-error")
    assert ":2:17: expected a formula after '->'" in text
    # the caret and the ')' it points at start at the same x on the screen
    xs = page.eval_on_selector(
        "#spec-error",
        """pre => {
        const node = pre.firstChild, text = node.textContent, lines = text.split('\\n');
        const caretLine = lines.length - 1, sourceLine = lines.length - 2;
        const start = (k) => lines.slice(0, k).reduce((n, l) => n + l.length + 1, 0);
        const col = lines[caretLine].indexOf('^');
        const x = (offset) => { const r = document.createRange();
          r.setStart(node, offset); r.setEnd(node, offset + 1);
          return r.getBoundingClientRect().left; };
        return [x(start(sourceLine) + col), x(start(caretLine) + col),
                lines[sourceLine][col]];
    }""",
    )
    assert xs[2] == ")"
    assert abs(xs[0] - xs[1]) < 0.5


def test_uploading_the_tower_shows_the_matrix(page: Any) -> None:
    page.set_input_files("#upload", str(ROOT / "theories" / "tower.lob"))
    page.wait_for_selector("#matrix table.matrix")
    assert page.locator("#matrix td.licensed").count() == 6  # A3 > A2 > A1 > A0, transitively
    assert page.locator("#matrix td.refused").count() == 10
    assert "expectations hold" in page.inner_text("#spec-status")
    assert page.locator("#spec-results tbody tr").count() >= 1


# ---- collapse -------------------------------------------------------------------------------


def test_the_collapse_plot_compares_with_synthetic_only_on_a_fixed_axis(page: Any) -> None:
    page.wait_for_selector("#collapse-plot svg")
    before = page.get_attribute("#collapse-plot", "data-run")
    page.eval_on_selector("#real", "e => { e.value = '0.2'; e.dispatchEvent(new Event('input')); }")
    page.wait_for_function(
        "before => document.querySelector('#collapse-plot').dataset.run !== before", arg=before
    )
    page.wait_for_function(
        "() => document.querySelector('#collapse-status').textContent.includes('real fraction 0.2')"
    )
    svg = page.inner_html("#collapse-plot")
    assert "real fraction 0 (synthetic only)" in svg and "real fraction 0.2" in svg
    assert "λ" not in svg  # labels say what the sliders say
    assert "theory E[σ²]" in svg
    assert "real=0.2" in page.url


def test_the_cube_logics_and_every_logic_from_the_menu(page: Any) -> None:
    page.fill("#formula", "[]p -> p")
    page.select_option("#logic", "S4")
    page.wait_for_function("() => document.querySelector('#verdict').dataset.logic === 'S4'")
    page.wait_for_selector("#verdict.theorem")
    # S4: the K4 proof of the reflexive translation, drawn; B: the labelled proof, as text
    assert page.locator("#picture p.reflexive-proof").count() == 1
    assert page.locator("#picture svg.lobkit-proof").count() == 1
    page.select_option("#logic", "B")
    page.wait_for_function("() => document.querySelector('#verdict').dataset.logic === 'B'")
    page.wait_for_selector("#picture pre.labelled-proof")
    page.select_option("#logic", "all")
    page.wait_for_selector("#picture pre.every-logic")
    assert "weakest: T" in page.inner_text("#verdict")
    assert "logic=all" in page.url
