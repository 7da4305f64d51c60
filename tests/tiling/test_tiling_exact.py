"""`exact` on every answer (issue 10): true for proofs, for specs without `reflect`, and for the
shapes a cited theorem covers (Solovay 1976; a sound reading); relative answers say so, and
`--strict` makes them fail their expectation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lobkit
from lobkit.cli import main
from lobkit.tiling import loads
from lobkit.tiling.checker import Checker
from lobkit.tiling.report import render_text

THEORIES = Path(__file__).resolve().parents[2] / "theories"

# T reflects S and claims its own inconsistency (a consistent, unsound theory: its axiom is
# false under every realisation, so no sound reading applies), and no other shape does.
RELATIVE = """
theory S { axiom [R]p -> p }
theory R
theory T { reflect S; axiom [T]false }
prove T : p   expect unprovable
"""

# Without the unsound axiom, p = 0=1 is a sound reading: S's axiom is Con(PA), true, so T is
# sound and does not prove the false p — exact (issue 25's sound reading through boxes).
SOUND_THROUGH_BOXES = """
theory S { axiom [R]p -> p }
theory R
theory T { reflect S }
prove T : p   expect unprovable
"""


def test_a_sound_reading_through_boxes_is_exact() -> None:
    (result,) = loads(SOUND_THROUGH_BOXES).check().results
    assert result.verdict == "unprovable" and "sound reading" in (result.citation or "")
    assert "p=0=1" in (result.citation or "")


def test_proofs_and_reflection_free_answers_are_exact() -> None:
    spec = loads("theory T { axiom p }\nprove T : p\nprove T : q\nconsistent T\n")
    assert all(r.exact for r in Checker(spec).check().results)


def test_a_proof_outside_gl_cites_its_own_logic_not_arithmetic() -> None:
    # T proves []p -> p, which GL (hence PA's provability) does not: its proof is exact for T,
    # never "sound for provability in PA"; a K proof is a GL proof and keeps that citation.
    (in_t,) = loads("logic T\nprove []p -> p\n").check().results
    assert in_t.verdict == "proved" and in_t.exact
    assert "proof in T" in (in_t.citation or "") and "PA" not in (in_t.citation or "")
    (in_k,) = loads("logic K\nprove [](p -> q) -> []p -> []q\n").check().results
    assert "sound for provability in PA" in (in_k.citation or "")


def test_solovay_shape_is_exact() -> None:
    spec = loads(
        "theory S\ntheory T extends S { reflect S }\nprove T : [S]p -> p\nprove T : [S]p\n"
    )
    first, second = Checker(spec).check().results
    assert first.verdict == "proved" and second.verdict == "unprovable"
    assert second.exact and "Solovay 1976" in (second.citation or "")


def test_sound_reading_is_exact() -> None:
    spec = loads("theory S { axiom q }\ntheory T extends S { reflect S }\nconsistent T\n")
    (result,) = Checker(spec).check().results
    assert result.verdict == "consistent" and "sound reading" in (result.citation or "")


def test_goedel_two_is_exact() -> None:
    """T2 in a tower (true axioms, reflection below it) is consistent, so by Gödel II it proves
    neither Con(T2) nor Con(U) for a U extending it; it does prove Con(T1) (reflection)."""
    spec = loads(
        "theory T0\ntheory T1 extends T0 { reflect T0 }\n"
        "theory T2 extends T1 { reflect T1; axiom safe }\ntheory U extends T2\n"
        "prove T2 : [T2]false -> false\nprove T2 : ~[T2]false\nprove T2 : ~[U]false\n"
        "prove T2 : ~[T1]false\nprove U : ~[T2]false\n"
    )
    own, own_neg, above, below, unrelated = Checker(spec).check().results
    for result in (own, own_neg, above):
        assert result.verdict == "unprovable"
        assert "Gödel's second incompleteness theorem" in (result.citation or "")
    assert "U extends T2" in (above.citation or "")
    assert below.verdict == "proved" and below.exact
    # Con of a theory *below* the prover is not Gödel II's case (U could reflect T2, and then
    # prove it): the rule does not apply, and the answer stays relative.
    assert unrelated.verdict == "unprovable" and not unrelated.exact


def test_goedel_two_needs_a_sound_reading() -> None:
    """With an axiom that boxes a theory there is no sound reading: the answer stays relative."""
    spec = loads(
        "theory T0\ntheory T1 extends T0 { reflect T0; axiom [T0]p -> q }\nprove T1 : ~[T1]false\n"
    )
    (result,) = Checker(spec).check().results
    assert result.verdict == "unprovable" and not result.exact


def test_relative_answers_say_so_and_fail_under_strict() -> None:
    spec = loads(RELATIVE)
    report = Checker(spec).check()
    (result,) = report.results
    assert result.verdict == "unprovable" and not result.exact and result.ok
    text = render_text(report)
    assert "relative to the file's closure of" in text and "the full schema may prove more" in text
    payload = result.to_json()
    assert payload["exact"] is False and payload["closure"]["reflections"] == [["PAǂRfn_S", "S"]]
    strict = Checker(spec).check(strict=True)
    assert not strict.ok and "--strict" in render_text(strict)
    assert result.certificate is not None
    result.certificate.verify()  # the countermodel holds every instance of the file's closure


def test_strict_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rel.lob"
    path.write_text(RELATIVE)
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", "--format", "json", str(path)]) == 1
    out = capsys.readouterr().out
    assert json.loads(out)["files"][0]["results"][0]["exact"] is False


def test_tower_is_exact_throughout() -> None:
    report = lobkit.load(THEORIES / "tower.lob").check()
    assert report.ok
    assert [r.query for r in report.results if not r.exact] == []


def test_upward_trust_is_blocked_lob_with_the_derivation() -> None:
    spec = lobkit.load(THEORIES / "tower.lob")
    link = spec.licenses("A1", "A3")
    assert link.verdict == "blocked-lob" and link.exact
    assert any("Löb's theorem" in step for step in link.derivation)
    assert link.certificate is not None and link.certificate.lemma is not None
    assert str(link.certificate.lemma.formula).startswith("[T1]([T3](build -> safe)")
    link.certificate.verify()  # the lemma's proof and the reduced goal's countermodel
    assert link.to_json()["derivation"] == list(link.derivation)


def test_a_parent_that_proves_the_goal_outright_licenses() -> None:
    """Löb's obstacle blocks only what the parent cannot do itself."""
    spec = loads(
        "theory T0 { axiom build -> safe }\ntheory T1 extends T0\n"
        "agent P { theory T0; goal safe; actions build }\n"
        "agent C { theory T1; goal safe; actions build }\n"
    )
    assert spec.licenses("P", "C").verdict == "licensed"
    assert spec.licenses("P", "P").verdict == "licensed"
