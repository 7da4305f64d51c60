"""The display registry (`lobkit.display`): renderers register themselves, values find them by
type and format, and a format's renderer modules load only when that format is first asked for."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from lobkit import display
from lobkit.formula import Displayable
from lobkit.kernel import Countermodel, Proof
from lobkit.prover import prove


class Note(Displayable):
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return "<Note>"


class Footnote(Note):
    pass


def test_a_registered_renderer_is_found_for_the_type_and_its_subclasses() -> None:
    assert str(Note("x")) == "<Note>" and Note("x")._repr_html_() is None  # nothing registered
    display.renders(f"{__name__}.Note", "text", "html")(lambda note: f"note {note.text}")
    try:
        assert str(Note("x")) == "note x"
        assert Footnote("y")._repr_html_() == "note y"  # found through the MRO
        assert Note("z")._repr_svg_() is None  # no svg renderer: Jupyter skips the format
    finally:
        for fmt in ("text", "html"):
            del display._TABLE[f"{__name__}.Note", fmt]
        display._FOUND.clear()


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="formats must be among"):
        display.renders("x.Y", "pdf")


def test_every_listed_renderer_module_registers_its_format() -> None:
    """No stale entry in `RENDERERS`: each module listed for a format registers something in
    that format when imported."""
    for fmt, names in display.RENDERERS.items():
        for name in names:
            module = importlib.import_module(name)
            registered = {
                path
                for (path, f), function in display._TABLE.items()
                if f == fmt
                if function.__module__ == module.__name__
            }
            assert registered, f"{name} is listed for {fmt} but registers nothing in it"


def test_the_values_display_through_the_registry() -> None:
    valid, invalid = prove("[]([]p -> p) -> []p"), prove("[]([]p -> p) -> []p", "K4")
    assert isinstance(valid.proof, Proof) and isinstance(invalid.countermodel, Countermodel)
    assert str(valid.proof).startswith("⇒ □(□p → p) → □p")
    assert "\\begin{prooftree}" in (valid.proof._repr_latex_() or "")
    assert "<svg" in (invalid.countermodel._repr_svg_() or "")
    assert "not a theorem" in (invalid._repr_html_() or "")
    assert invalid.countermodel.to_dot().startswith("digraph")


def test_printing_a_formula_loads_no_notebook_or_plotting_code() -> None:
    code = (
        "import sys, json\n"
        "from lobkit.syntax import parse\n"
        "text = str(parse('[]p -> p'))\n"
        "print(json.dumps([text, sorted(m for m in sys.modules if m.startswith('lobkit.render')"
        " or m == 'matplotlib')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    text, loaded = json.loads(out.stdout)
    assert text == "[]p -> p"
    assert loaded == ["lobkit.render", "lobkit.render.proof_text"]  # the text format only
