"""`sound T given …` (lobkit.tiling.soundness): hand-derived verdicts with their certificates,
the procrastination paradox's consistent-but-unsound theory (Fallenstein & Soares 2014), the
limits, the report shapes, and on random specs the law that makes the verdict mean something: a
theory found sound on a valuation proves nothing false there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import formulas

import lobkit
from lobkit.cli import main
from lobkit.errors import InputError, ProofError, ResourceLimit
from lobkit.formula import Formula, box, postorder
from lobkit.tiling import Spec, TheoryDef, loads
from lobkit.tiling.checker import Checker
from lobkit.tiling.sound_results import SoundResult
from lobkit.tiling.soundness import MAX_FREE_ATOMS, sound
from lobkit.tiling.truth import evaluate

HOPEFUL = "theory Hopeful { axiom [Hopeful]pressed -> pressed }"


def checked(result: SoundResult) -> SoundResult:
    result.verify()
    return result


def test_hopeful_is_consistent_but_unsound_where_the_button_is_not_pressed() -> None:
    # Löb: Hopeful ⊢ [Hopeful]pressed → pressed gives Hopeful ⊢ pressed; where pressed is
    # false, [Hopeful]pressed is a true Σ1 fact and the axiom is false.
    spec = loads(HOPEFUL)
    assert spec.consistent("Hopeful")
    result = checked(spec.sound("Hopeful", given={"pressed": False}))
    assert result.verdict == "unsound" and result.exact and not result.sound
    f = result.falsehood
    assert f is not None and f.kind == "axiom" and f.owner == "Hopeful"
    assert str(f.formula) == "[Hopeful]pressed -> pressed"
    assert f.valuation == (("pressed", False),)
    assert [(str(x.formula), x.holds) for x in f.facts] == [("[Hopeful]pressed", True)]
    assert f.facts[0].certificate.kind == "proof"
    assert checked(spec.sound("Hopeful", given=["pressed"])).verdict == "sound"
    # Not given, `pressed` ranges over both values: unsound, with the refuting value.
    free = checked(spec.sound("Hopeful"))
    assert free.verdict == "unsound" and free.falsehood is not None
    assert free.falsehood.valuation == (("pressed", False),)


def test_a_theory_that_proves_false_is_unsound_with_the_proof() -> None:
    spec = loads("theory Naive { reflect Naive }\ntheory Modest { axiom ~[Modest]p }")
    for name in ("Naive", "Modest"):  # Modest proves its own consistency: Gödel, Löb
        result = checked(spec.sound(name))
        assert result.verdict == "unsound" and result.exact
        assert result.falsehood is not None and result.falsehood.kind == "inconsistent"
        assert result.certificate is not None and result.certificate.valid
        assert str(result.certificate.goal) == f"[{name}]false"
        assert "α_" in str(result.certificate.reading) or name == "Naive"


def test_reflected_and_extended_theories_pass_on_their_false_theorems() -> None:
    spec = loads(
        """
        theory Child { axiom ~q }
        theory Parent { reflect Child; axiom a }
        theory Base { axiom p }
        theory Top extends Base { axiom q }
        """
    )
    assert checked(spec.sound("Parent", given="a ~q".split())).verdict == "sound"
    result = checked(spec.sound("Parent", given=["a", "q"]))
    assert result.verdict == "unsound" and result.exact
    f = result.falsehood
    assert f is not None and f.owner == "Child" and f.route == ("Parent reflects Child",)
    assert f.proof is not None and f.proof.valid and str(f.proof.goal) == "[Parent]~q"
    result = checked(spec.sound("Top", given={"p": False, "q": True}))
    assert result.falsehood is not None and result.falsehood.owner == "Base"
    assert result.falsehood.route == ("Top extends Base",)
    assert "Top proves it (Top extends Base)" in result.explanation


def test_premises_are_theorems_of_every_theory() -> None:
    spec = Spec({"T": TheoryDef("T")}, premises=(lobkit.parse("p -> q"),))
    result = checked(sound(Checker(spec).oracle, "T", {"p": True, "q": False}))
    assert result.falsehood is not None and result.falsehood.kind == "premise"
    assert sound(Checker(spec).oracle, "T", {"p": True, "q": True}).verdict == "sound"


def test_exactness_follows_the_facts_used() -> None:
    # (Trusting's boxed axiom keeps its consistency out of the exact shapes of
    # lobkit.tiling.exact: with `reflect Plain` alone, the sound reading makes it exact.)
    spec = loads(
        "theory Plain { axiom press -> pressed }\n"
        "theory Trusting { reflect Plain; axiom [Plain]q -> r }"
    )
    plain = spec.sound("Plain", given=["~press"])
    assert plain.verdict == "sound" and plain.exact  # no reflection anywhere: exact
    assert plain.free_atoms == ("pressed",)
    trusting = spec.sound("Trusting", given=["~press"])
    # Trusting's axiom is true ([Plain]q is false: Plain is PA + (press -> pressed), a fact
    # exact by Solovay) and Plain is sound, so Trusting is sound — its consistency follows,
    # and is not needed: exact (issue 25).
    assert trusting.verdict == "sound" and trusting.exact
    assert trusting.checked == ("Trusting", "Plain")
    # A relative fact makes the answer relative: T's axiom asks whether U — which reflects S
    # and claims its own inconsistency, so no sound reading covers it — proves p.
    spec = loads(
        "theory S { axiom [R]p -> p }\ntheory R\ntheory U { reflect S; axiom [U]false }\n"
        "theory T { axiom [U]p -> p }"
    )
    relative = checked(spec.sound("T", given=["p"]))
    assert relative.verdict == "sound" and not relative.exact
    # Reflection elsewhere in the file, which Plain's answers cannot depend on, keeps them exact
    # (the checker now decides with as few instances as it needs, here none).
    spec = loads(
        "theory Plain { axiom press -> pressed }\n"
        "theory Other { reflect Plain }\ntheory Watcher { axiom [Other]q -> q }"
    )
    plain = checked(spec.sound("Plain", given=["~press"]))
    (consistency,) = plain.consistency
    assert not consistency.valid
    assert plain.verdict == "sound" and plain.exact


def test_a_reflection_cycle_found_consistent_is_still_unsound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The checker finds such cycles inconsistent; if a relative closure did not, Gödel's
    # second theorem still makes them unsound. Pretend consistency is all it could show.
    spec = loads("theory A { reflect B }\ntheory B { reflect A }")
    oracle = Checker(spec).oracle
    innocent_spec = loads("theory A { }\ntheory B { }")  # the same goals, consistent
    innocent = Checker(innocent_spec).oracle

    def blind(goal: Formula, **kw: object) -> object:
        return innocent.decide(goal)

    monkeypatch.setattr(oracle, "decide", blind)
    result = sound(oracle, "A")
    assert result.verdict == "unsound" and result.falsehood is not None
    assert result.falsehood.kind == "reflection-cycle"
    assert result.falsehood.route == ("A reflects B", "B reflects A")


def test_limits_and_bad_input() -> None:
    many = " & ".join(f"a{i}" for i in range(MAX_FREE_ATOMS + 1))
    spec = loads(f"theory Big {{ axiom {many} }}")
    with pytest.raises(ResourceLimit, match="free atoms"):
        spec.sound("Big")
    assert spec.sound("Big", given=["~a0"]).verdict == "unsound"  # one fewer free atom
    with pytest.raises(InputError, match="unknown theory"):
        spec.sound("Nobody")
    with pytest.raises(InputError, match="both true and false"):
        spec.sound("Big", given=["a0", "~a0"])
    with pytest.raises(InputError, match="not an atom name"):
        spec.sound("Big", given=["A0"])
    with pytest.raises(TypeError, match="no truth value"):
        bool(spec.sound("Big", given=["~a0"]))


def test_a_forged_refutation_fails_verification() -> None:
    import dataclasses

    result = loads(HOPEFUL).sound("Hopeful", given=["~pressed"])
    assert result.falsehood is not None
    forged = dataclasses.replace(
        result,
        falsehood=dataclasses.replace(result.falsehood, valuation=(("pressed", True),)),
    )
    with pytest.raises(ProofError, match="true on the valuation"):
        forged.verify()


def test_check_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hopeful.lob"
    path.write_text(
        HOPEFUL
        + "\nsound Hopeful given ~pressed expect unsound\nsound Hopeful given pressed"
        + " expect sound\nconsistent Hopeful expect consistent\n"
    )
    assert main(["check", str(path)]) == 0
    text = capsys.readouterr().out
    assert "sound Hopeful given ~pressed  -> unsound (exact)  ok" in text
    assert "[Hopeful]pressed is true (Hopeful proves pressed)" in text
    assert main(["check", str(path), "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)["files"][0]["results"]
    first = results[0]
    assert first["statement"] == "sound" and first["verdict"] == "unsound"
    assert first["exact"] is True and first["ok"] is True
    assert first["sound"]["false"]["valuation"] == {"pressed": False}
    assert first["sound"]["facts"][0]["certificate"]["kind"] == "proof"
    assert first["certificate"]["kind"] == "proof"
    assert results[1]["verdict"] == "sound" and results[1]["sound"]["false"] is None
    path.write_text(f"theory Big {{ axiom {' | '.join(f'a{i}' for i in range(13))} }}\nsound Big\n")
    assert main(["check", str(path)]) == 3
    assert "free atoms" in capsys.readouterr().err


# -- the law, on random specs -------------------------------------------------------------------

NAMES = ("A", "B", "C")


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    count = draw(st.integers(2, 3))
    names = NAMES[:count]
    theories = {}
    for i, name in enumerate(names):
        extends = tuple(draw(st.lists(st.sampled_from(names[:i]), unique=True))) if i else ()
        reflects = tuple(draw(st.lists(st.sampled_from(names), max_size=1, unique=True)))
        axioms = tuple(
            draw(st.lists(formulas(("p", "q"), theories=names, max_leaves=4), max_size=2))
        )
        theories[name] = TheoryDef(name, extends, axioms, reflects)
    return Spec(theories)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs(), st.sampled_from(NAMES[:2]), st.booleans(), st.booleans())
def test_a_sound_theory_proves_nothing_false(spec: Spec, name: str, p: bool, q: bool) -> None:
    checker = Checker(spec).oracle
    result = sound(checker, name, {"p": p, "q": q})
    result.verify()
    event(result.verdict)
    if not result.sound:
        return
    # Every candidate X the checker can prove in `name` (its closure: ⊥ and the axioms'
    # sub-formulas) is true at the valuation, its provability facts decided by the checker.
    candidates = {lobkit.parse("false")}
    for theory in spec.theories.values():
        for axiom in theory.axioms:
            candidates.update(postorder(axiom))

    def fact(b: Formula) -> bool:
        return checker.decide(b).valid

    for x in sorted(candidates, key=lambda f: (f.size, str(f))):
        if x.modal_depth > 2 or not checker.decide(box(x, theory=name)).valid:
            continue
        event("a theorem checked true")
        assert evaluate(x, {"p": p, "q": q}, fact), f"{name} is sound yet proves {x}, false"
