"""Batch proving: `prove_many` and `lobkit prove --file` / several formulas / `-j N`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from lobkit.batch import prove_many
from lobkit.cli import main
from lobkit.errors import InputError
from lobkit.kernel import Logic
from lobkit.zoo.own_families import boxchain_invalid, boxchain_valid
from lobkit.zoo.verdicts import LOB

FORMULAS = [boxchain_valid(n) if n % 2 else boxchain_invalid(n % 4) for n in range(1, 41)]


def test_prove_many_certifies_in_order_with_workers() -> None:
    one = list(prove_many(FORMULAS, "GL"))
    two = list(prove_many(FORMULAS, "GL", jobs=2))
    assert [r.formula for r in one] == [str(f) for f in FORMULAS]
    assert [(r.line, r.formula, r.valid) for r in one] == [
        (r.line, r.formula, r.valid) for r in two
    ]
    assert [r.valid for r in one] == [bool(n % 2) for n in range(1, 41)]
    for result in two:
        assert result.certificate is not None
        assert ("proof" if result.valid else "countermodel") in result.certificate


def test_prove_many_premises_logic_and_bad_jobs() -> None:
    (r,) = prove_many(["p"], Logic.named("K"), premises=["p"])
    assert r.valid and r.logic == "K"
    with pytest.raises(InputError, match="jobs must be"):
        list(prove_many(["p"], jobs=0))
    with pytest.raises(InputError, match="formula 2"):
        list(prove_many(["p", "[](p ->"]))


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_prove_file_json_lines_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.txt"
    path.write_text("# two formulas\n[]([]p -> p) -> []p\n\n[]p -> p\n")
    assert main(["prove", "--file", str(path), "-j", "2"]) == 1
    captured = capsys.readouterr()
    rows = _lines(captured.out)
    assert [(r["line"], r["valid"]) for r in rows] == [(2, True), (4, False)]
    assert list(rows[0]) == ["line", "formula", "logic", "valid", "seconds", "certificate"]
    assert "proof" in rows[0]["certificate"]  # type: ignore[operator]
    assert "countermodel" in rows[1]["certificate"]  # type: ignore[operator]
    assert captured.err.startswith("2 formulas: 1 theorems, 1 not theorems, 0 reached")
    assert main(["prove", "--file", str(path), "--brief"]) == 1
    assert all("certificate" not in r for r in _lines(capsys.readouterr().out))


def test_prove_stdin_in_lwb(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("begin\n1: box p0 -> box box p0\nend\n"))
    assert main(["prove", "--file", "-", "--input-format", "lwb", "--logic", "K4"]) == 0
    (row,) = _lines(capsys.readouterr().out)
    assert row["logic"] == "K4" and row["valid"] is True and row["line"] == 2


def test_tptp_file_brings_logic_and_premises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lob.p"
    path.write_text(
        "tff(l, logic, $modal == [$modalities == $modal_system_K4]).\n"
        "tff(a, axiom, {$box} @ (p) => p).\n"
        "tff(c, conjecture, p).\n"
    )
    assert main(["prove", "--file", str(path), "--brief"]) == 1  # K4, []p -> p globally: not p
    (row,) = _lines(capsys.readouterr().out)
    assert row["logic"] == "K4" and row["valid"] is False and row["line"] == 3


def test_several_positional_formulas_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prove", "[]p", LOB.text]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "1: []p: not a theorem of GL",
        "2: []([]p -> p) -> []p: theorem of GL",
        out[2],
    ]
    assert out[2].startswith("2 formulas: 1 theorems, 1 not theorems")


def test_batch_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("p\n[](p ->\n")
    assert main(["prove", "--file", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"lobkit: error: {bad}:2:8: expected a formula")
    assert main(["prove", "--file", str(bad), "p"]) == 2
    assert main(["prove"]) == 2
    assert "give a formula" in capsys.readouterr().err
    assert main(["prove", "p", "q", "--format", "latex"]) == 2


def test_prove_many_decides_s_as_prove_does() -> None:
    """Issue 24: `prove_many(…, "S")` as `prove(…, "S")` (Solovay's reduction to GL)."""
    from lobkit import prove
    from lobkit.batch import prove_many

    formulas = ["~[]false", "[]p -> p", "[]false", "[]([]p -> p) -> []p"]
    answers = list(prove_many(formulas, "S"))
    assert [a.logic for a in answers] == ["S"] * 4
    assert [a.valid for a in answers] == [prove(f, "S").valid for f in formulas]
    assert [a.valid for a in answers] == [True, True, False, True]
    assert list(prove_many(formulas, "s", jobs=2))[0].valid is True
