"""The shipped theory files: every expectation holds, every certificate checks."""

from __future__ import annotations

from pathlib import Path

import pytest

import lobkit
from lobkit.tiling.results import Report

THEORIES = Path(__file__).resolve().parents[2] / "theories"
FILES = sorted(THEORIES.glob("*.lob"))


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {path.stem: lobkit.load(path).check() for path in FILES}


def test_the_files_are_shipped() -> None:
    names = {p.stem for p in FILES}
    assert {"paralysis", "tower", "selftrust", "procrastination", "mismatch"} <= names
    assert {"tower_family", "descending", "kappa"} <= names  # the families (issue 10)


@pytest.mark.parametrize("name", [p.stem for p in FILES])
def test_every_expectation_holds(reports: dict[str, Report], name: str) -> None:
    report = reports[name]
    assert report.results, "a shipped file asks something"
    assert all(r.expected is not None for r in report.results), "every query has an expect"
    assert report.ok, [(r.query, r.verdict, r.expected) for r in report.failures]


@pytest.mark.parametrize("name", [p.stem for p in FILES])
def test_every_certificate_checks(reports: dict[str, Report], name: str) -> None:
    count = 0
    for result in reports[name].results:
        for cert in result.certificates():
            cert.verify()  # proof checker / lobkit.kernel.kripke, independently of the search
            count += 1
    assert count


def test_tower_licensing_matrix_and_depth() -> None:
    spec = lobkit.load(THEORIES / "tower.lob")
    for m in range(4):
        for k in range(4):
            link = spec.licenses(f"A{m}", f"A{k}")
            assert link.licensed == (k < m), (m, k, link.verdict)
            if k >= m:
                # Upward trust is Löb's obstacle too (issue 10): T_k extends T_m, so
                # T_m ⊢ [T_k]X -> X gives T_m ⊢ [T_m]X -> X, and by Löb's theorem T_m ⊢ X.
                assert link.verdict == "blocked-lob"
                assert link.exact and link.derivation
            for cert in link.certificates():
                cert.verify()
    assert [spec.depth(f"A{m}") for m in range(4)] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("name", "size", "licensed"),
    [
        # T_m = T_{m-1} + Refl(T_{m-1}): trust goes down the tower, skipping is inherited
        ("tower_family", 4, lambda m, k: k < m),
        # T_n ⊢ Refl(T_{n+1}): trust goes along the chain, and composes (T_n ⊢ Refl(T_{n+2}))
        ("descending", 4, lambda m, k: k > m),
        # K_m trusts K_{m+1} while κ > m; κ > 2 is known, κ > 3 is not
        # K_4 is PA, part of every K_m: whoever trusts its successor trusts K_4 (issue 25)
        ("kappa", 5, lambda m, k: m < k and m <= 2),
    ],
)
def test_family_files_licensing_matrix(name: str, size: int, licensed: object) -> None:
    assert callable(licensed)
    spec = lobkit.load(THEORIES / f"{name}.lob")
    for m in range(size):
        for k in range(size):
            link = spec.licenses(f"A_{m}", f"A_{k}")
            assert link.licensed == licensed(m, k), (name, m, k, link.verdict)
            if k == m:
                assert link.verdict == "blocked-lob"


def test_selftrust_is_inconsistent_with_a_loeb_derivation() -> None:
    spec = lobkit.load(THEORIES / "selftrust.lob")
    assert not spec.consistent("Naive")
    assert spec.consistent("Careful")
    link = spec.licenses("Self", "Self")
    assert link.verdict == "parent-inconsistent" and not link.licensed
    assert link.certificate is not None and link.certificate.kind == "proof"
    proof = link.certificate.result.proof
    assert proof is not None and any(n.rule == "GLR" for n in proof.nodes)  # Löb's rule
    link.certificate.verify()


def test_procrastination_proves_the_goal_and_tiles_forever() -> None:
    spec = lobkit.load(THEORIES / "procrastination.lob")
    assert spec.prove("Eager", "pressed").verdict == "proved"
    assert spec.consistent("Eager")
    assert spec.licenses("Procrastinator", "Procrastinator").licensed
    assert spec.depth("Procrastinator") is None  # unbounded
    assert spec.prove("Fixed", "wait0 -> pressed").verdict == "unprovable"
    # Consistent, yet unsound on the run it produces (it waits at every step):
    run = {"wait0": True, "wait1": True, "wait2": True, "pressed": False}
    run |= {f"press{t}": False for t in range(3)}
    result = spec.sound("Eager", given=run)
    assert result.verdict == "unsound" and result.exact
    assert result.falsehood is not None
    assert str(result.falsehood.formula) == "[Eager]pressed -> pressed"
    result.verify()


def test_mismatched_goals() -> None:
    spec = lobkit.load(THEORIES / "mismatch.lob")
    link = spec.licenses("Parent", "Racer")
    assert link.verdict == "no-reflection" and "goals differ" in link.explanation
    assert spec.licenses("Bridge", "Racer").licensed


def test_json_shape_has_multi_theory_relations(reports: dict[str, Report]) -> None:
    from lobkit.tiling.report import to_json

    payload = to_json(reports["tower"])
    assert payload["file"].endswith("tower.lob")
    result = payload["results"][1]  # prove T0 : ... expect unprovable
    assert set(result) >= {
        "statement",
        "line",
        "verdict",
        "expected",
        "ok",
        "links",
        "instances",
        "certificate",
    }
    assert result["statement"] == "prove" and result["ok"] is True
    model = result["certificate"]["countermodel"]
    assert "relations" in model and all(
        isinstance(pair, list) for pairs in model["relations"].values() for pair in pairs
    )
    chain = payload["results"][3]
    assert chain["statement"] == "chain" and len(chain["links"]) == 3
    assert chain["links"][0]["verdict"] == "licensed"


def test_reflection_instances_are_reported(reports: dict[str, Report]) -> None:
    first = reports["tower"].results[0]  # prove T1 : [T0](build -> safe) -> ...
    assert any("[T1]([](" in str(i) for i in first.instances)  # T0 is PA: its box is []
