"""Reflection reaches the axioms of the reflected theory (issue 10's example, by hand).

In arithmetic: q is an axiom of S, so `Pr_S(q)` is a true Σ1 sentence and U proves it
(Σ1-completeness); U reflects S, so U ⊢ Pr_S(q) → q, hence U ⊢ q; with its own axiom ~q,
U ⊢ ⊥. Every answer about U must agree with that.
"""

from __future__ import annotations

from lobkit.tiling import loads

SPEC = """
theory S { axiom q }
theory U { reflect S; axiom ~q }
consistent U         expect inconsistent
prove U : q          expect proved
prove U : q & ~q     expect proved
prove U : false      expect proved
consistent S         expect consistent
"""


def test_reflected_axiom_makes_u_inconsistent() -> None:
    report = loads(SPEC).check()
    assert [r.verdict for r in report.results] == [
        "inconsistent",
        "proved",
        "proved",
        "proved",
        "consistent",
    ]
    assert report.ok


def test_the_proof_of_inconsistency_uses_the_axiom_instance() -> None:
    spec = loads(SPEC)
    result = spec.checker.consistent("U")
    assert result.verdict == "inconsistent"
    assert any(
        "[](α_S -> q) -> q" in str(instance) for instance in result.certificate.used_instances
    )
    result.certificate.verify()


def test_without_the_reflection_u_is_consistent() -> None:
    spec = loads("theory S { axiom q }\ntheory U { axiom ~q }\n")
    assert spec.consistent("U")
