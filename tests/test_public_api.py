"""The public API takes formulas as strings wherever it takes `Formula`s, and agents by name."""

from __future__ import annotations

from pathlib import Path

import pytest

import lobkit
from lobkit.errors import InputError, ParseError


def test_strings_everywhere() -> None:
    assert str(lobkit.fixed_point("~[]p", "p").solution) == "~[]false"
    system = lobkit.solve_fixed_points({"p": "~[]q", "q": "[]p"})
    assert [str(h) for _, h in system.solutions] == ["~[][]false", "[]false"]
    assert str(lobkit.interpolant("[]p & []q", "[](p | r)").interpolant) == "[]p"
    assert lobkit.standard_model_truth("~[]false").true_in_standard_model
    assert str(lobkit.letterless_normal_form("[][]false -> []false")) == "[][]false -> []false"
    assert lobkit.combat("FairBot", "PrudentBot").moves == (True, True)


def test_bad_inputs_are_input_errors() -> None:
    with pytest.raises(ParseError, match="expected a formula after '&'"):
        lobkit.fixed_point("~[]p &", "p")
    with pytest.raises(InputError, match="must be a Formula or a string, not int"):
        lobkit.interpolant(42, "p")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unknown agent 'NoSuchBot'"):
        lobkit.combat("NoSuchBot", "FairBot")


def test_results_read_well_and_refuse_truthiness(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    spec = lobkit.load("theories/tower.lob")
    assert repr(spec) == "<Spec tower.lob (GL): 4 theories, 4 agents, 12 queries>"
    report = spec.check()
    assert repr(report) == "<Report tower.lob: 12 queries, 12/12 expectations hold>"
    with pytest.raises(TypeError, match="report.ok"):
        bool(report)
    assert repr(spec.licenses("A1", "A1")) == "<LinkResult A1 -> A1: blocked-lob>"


def test_the_public_api_is_listed_once_and_dir_shows_only_it() -> None:
    """`lobkit/__init__.pyi` is the one list: `__all__` and `dir()` are derived from it, every
    name resolves, no helper (`Any`, `TYPE_CHECKING`, `annotations`) or module leaks."""
    import types

    names = [n for n in lobkit.__all__ if n != "__version__"]
    assert dir(lobkit) == sorted(lobkit.__all__)
    assert "Prover" in names and "prove" in names and "Countermodel" in names
    assert not {"Any", "TYPE_CHECKING", "annotations", "kripke"} & set(dir(lobkit))
    for name in names:
        value = getattr(lobkit, name)
        assert not isinstance(value, types.ModuleType), name
    stub = (Path(lobkit.__file__).parent / "__init__.pyi").read_text(encoding="utf-8")
    assert all(stub.count(f" as {name}\n") == 1 for name in names)  # written once, there
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        lobkit.nothing  # noqa: B018
