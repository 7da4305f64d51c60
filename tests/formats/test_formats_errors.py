"""Reader errors are located like lobkit's own: file:line:col, the line, a caret; exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from lobkit.cli import main
from lobkit.errors import ParseError
from lobkit.formats import read


@pytest.mark.parametrize(
    ("fmt", "text", "line", "column", "message"),
    [
        ("lwb", "begin\n1: box (p0 ->\nend\n", 3, 1, "expected a formula after '->', found 'end'"),
        ("lwb", "begin\n1: p0 |\nend\n", 2, 7, "unexpected character '|'"),
        ("lwb", "begin\n1: p0\n", 3, 1, "the end of the input"),
        ("intohylo", "begin\n[r1] p ;\n<r1>\nend", 4, 1, "found 'end'"),
        ("intohylo", "begin [r1] P end", 1, 12, "lobkit atoms start lowercase"),
        ("tptp", "tff(c, conjecture, p & q | r).", 1, 26, "found '|'"),
        ("tptp", "tff(a, axiom, p).\ntff(b, axiom, q).", 0, 0, "has no conjecture"),
        ("tptp", "tff(c, conjecture, p).\ntff(d, conjecture, q).", 2, 1, "one conjecture"),
        ("tptp", "include('Axioms/x.ax').", 1, 1, "include(...) is not supported"),
        ("lobkit", "[]p\n\n[](p ->\n", 3, 8, "expected a formula after '->'"),
    ],
)
def test_located_errors(fmt: str, text: str, line: int, column: int, message: str) -> None:
    if line == 0:
        with pytest.raises(Exception, match=message):
            read(text, fmt, source="f")
        return
    with pytest.raises(ParseError) as raised:
        read(text, fmt, source="f")
    error = raised.value
    assert message in error.message
    assert (error.line, error.column) == (line, column)
    shown = str(error).splitlines()
    assert shown[0].startswith(f"f:{line}:{column}: ")
    assert shown[2] == "  " + " " * (column - 1) + "^"


def test_convert_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "k.lwb"
    source.write_text("begin\n1: box (p0 -> p1) -> box p0 -> box p1\n2: dia p0 v ~p0\nend\n")
    assert main(["convert", str(source), str(tmp_path / "k.intohylo")]) == 0
    assert (tmp_path / "k.intohylo").read_text().startswith("begin\n[r1](p0 -> p1)")
    assert main(["convert", str(tmp_path / "k.intohylo"), "-", "--to", "lobkit"]) == 0
    assert capsys.readouterr().out == "[](p0 -> p1) -> []p0 -> []p1\n<>p0 | ~p0\n"
    bad = tmp_path / "bad.lwb"
    bad.write_text("begin\n1: box\nend\n")
    assert main(["convert", str(bad), "-", "--to", "tptp"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lobkit: error: {bad}:3:1: expected a formula after 'box'")
    assert main(["convert", str(source), "-", "--to", "tptp"]) == 2
    assert "one problem" in capsys.readouterr().err
