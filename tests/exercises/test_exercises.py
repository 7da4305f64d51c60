"""Exercises: set files read with located errors, and answers judged by the kernel — right
countermodels and proofs accepted, wrong ones refused with the exact reason."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import formulas

from lobkit.errors import InputError
from lobkit.exercises import check_answer, load_exercise_set, read_exercise_set, shipped_sets
from lobkit.models import read_model

SET = load_exercise_set("k-to-gl")


def _not_valid(exercise_id: str, model: str):  # type: ignore[no-untyped-def]
    return check_answer(SET.get(exercise_id), "not valid", model=read_model(model))


def _valid(exercise_id: str, *steps: str):  # type: ignore[no-untyped-def]
    return check_answer(SET.get(exercise_id), "valid", steps=steps)


def test_the_shipped_set_walks_from_k_to_gl() -> None:
    assert "k-to-gl" in shipped_sets()
    asked = [(str(e.to_json()["formula"]), e.logic) for e in SET.exercises]
    assert asked == [
        ("[]p -> p", "K"),
        ("[]p -> [][]p", "K"),
        ("[]p -> [][]p", "K4"),
        ("[]([]p -> p) -> []p", "K4"),
        ("[]([]p -> p) -> []p", "GL"),
        ("[]p -> p", "GL"),
        ("~[]false", "GL"),
    ]


@pytest.mark.parametrize(
    ("exercise", "model"),
    [
        ("T-in-K", "w0"),
        ("4-in-K", "w0 -> w1 -> w2; w1: p"),
        ("Lob-in-K4", "w0 -> w1; w1 -> w1"),
        ("reflection-in-GL", "w0 -> w1; w1: p"),
        ("consistency-in-GL", "w0"),
    ],
)
def test_right_countermodels_are_accepted(exercise: str, model: str) -> None:
    outcome = _not_valid(exercise, model)
    assert outcome.correct, outcome.message
    assert outcome.message.startswith("correct: a frame of")
    assert outcome.world == "w0"
    assert outcome.reasons[0].startswith("w0 ⊭ ")


@pytest.mark.parametrize(
    ("exercise", "model", "condition", "witness", "message"),
    [
        (
            "4-in-K4",
            "w0 -> w1 -> w2; w1: p",
            "transitive",
            ("w0", "w1", "w2"),
            "not a frame of K4: the relation is not transitive: w0 → w1 → w2 but not w0 → w2",
        ),
        (
            "reflection-in-GL",
            "w0 -> w0",
            "irreflexive",
            ("w0",),
            "not a frame of GL: the relation is not irreflexive: w0 → w0",
        ),
        (
            "Lob-in-GL",
            "w0 -> w1; w1 -> w1",
            "irreflexive",
            ("w1",),
            "not a frame of GL: the relation is not irreflexive: w1 → w1",
        ),
        (
            "reflection-in-GL",
            "w0 -> w1 -> w0; w0 -> w0 ",
            "transitive",
            ("w1", "w0", "w1"),
            "not a frame of GL: the relation is not transitive: w1 → w0 → w1 but not w1 → w1",
        ),
    ],
)
def test_a_frame_outside_the_logic_is_refused_with_its_witness(
    exercise: str, model: str, condition: str, witness: tuple[str, ...], message: str
) -> None:
    outcome = _not_valid(exercise, model)
    assert not outcome.correct
    assert outcome.condition == condition and outcome.witness == witness
    assert outcome.message == message


def test_a_model_where_the_formula_holds_everywhere_says_why_at_the_root() -> None:
    outcome = _not_valid("reflection-in-GL", "w0 -> w1; w0: p; w1: p")
    assert not outcome.correct
    assert outcome.message.startswith("□p → p holds at every world of this model")
    assert outcome.world == "w0"
    assert outcome.reasons == ("w0 ⊨ □p → p: the consequent holds", "w0 ⊨ p: by the valuation")


def test_a_formula_failing_away_from_the_root_is_still_a_countermodel() -> None:
    outcome = _not_valid("reflection-in-GL", "w0 -> w1; w0: p")
    assert outcome.correct and outcome.world == "w1"
    assert "not at the root w0" in outcome.message


def test_proof_steps_are_checked_by_the_kernel() -> None:
    assert _valid("Lob-in-GL", "R-imp", "GLR").correct
    assert _valid("Lob-in-GL", "R-imp", "GLR []p", "L-imp", "Ax []p", "Ax p").correct
    assert _valid("4-in-K4", "R-imp", "K4R").correct
    # Löb in K4: K4R leaves a premise K4 cannot prove, refuted by a (kernel-checked) model.
    wrong = _valid("Lob-in-K4", "R-imp", "K4R")
    assert not wrong.correct
    assert wrong.message == (
        "the premise □(□p → p), □p → p ⇒ p is not provable in K4: a countermodel refutes it"
    )
    assert wrong.countermodel is not None
    assert not _valid("Lob-in-K4", "R-imp", "GLR").correct  # GLR is not K4's rule
    assert "GLR is not a rule of K4" in _valid("Lob-in-K4", "R-imp", "GLR").message
    # ~[]false: true, but GL cannot prove it; the one-world model refutes the premise.
    consistency = _valid("consistency-in-GL", "R-not")
    assert not consistency.correct and consistency.countermodel is not None
    assert consistency.countermodel.worlds == ("w0",)
    # A rule that does not fit the root sequent.
    assert "applies to no formula" in _valid("Lob-in-GL", "GLR").message


def test_the_kernel_is_what_accepts_a_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    """Break the kernel's check and the right steps are refused: the answer rests on it."""
    import lobkit.exercises.steps as steps
    from lobkit.errors import ProofError

    def refuse(*args: object, **kwargs: object) -> None:
        raise ProofError("node 3 (GLR): refused for the test")

    monkeypatch.setattr(steps, "check_proof", refuse)
    outcome = _valid("Lob-in-GL", "R-imp", "GLR")
    assert not outcome.correct
    assert outcome.message == "the kernel rejects the proof: node 3 (GLR): refused for the test"


def test_valid_answers_need_steps_and_a_known_calculus() -> None:
    with pytest.raises(InputError, match="name at least the rule at the root"):
        _valid("Lob-in-GL")
    s4 = read_exercise_set('[[exercise]]\nformula = "[]p -> p"\nlogic = "S4"\n')
    with pytest.raises(InputError, match="not yet of S4"):
        check_answer(s4.exercises[0], "valid", steps=["R-imp"])
    # ... but a countermodel is checked in any logic of the cube.
    outcome = check_answer(s4.exercises[0], "not valid", model=read_model("w0"))
    assert not outcome.correct and outcome.condition == "reflexive"
    with pytest.raises(InputError, match="'valid' or 'not valid'"):
        check_answer(s4.exercises[0], "maybe")


def test_a_spec_with_premises_and_theory_inclusions() -> None:
    text = """
    [[exercise]]
    formula = "[T0]p -> [T1]p"
    logic = "GL"
    extends = {T1 = ["T0"]}
    [[exercise]]
    formula = "[]q"
    logic = "K"
    premises = ["q"]
    """
    spec = read_exercise_set(text)
    inclusion, premise = spec.exercises
    assert check_answer(inclusion, "valid", steps=["R-imp"]).correct
    # R_T1 ⊆ R_T0 must hold in a model of T1 extending T0: the kernel's check_frame names it.
    outside = check_answer(inclusion, "not valid", model=read_model("w0 -[T1]-> w1"))
    assert not outside.correct and "T1" in outside.message and "⊄" in outside.message
    wrong = check_answer(premise, "not valid", model=read_model("w0 -> w1; w0: q"))
    assert not wrong.correct
    assert wrong.message == "the premise q must hold at every world; it fails at w1"
    assert check_answer(premise, "valid", steps=["KR"]).correct


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title = "x"', "<exercises>: exercise: a set needs [[exercise]] tables"),
        ('[[exercise]]\nformula = "[]p ->"', "exercise[0].formula:1:7: expected a formula"),
        ('[[exercise]]\nformula = "p"\nlogic = "S6"', "<exercises>: exercise[0].logic: unknown"),
        ('[[exercise]]\nformula = "p"\ncolour = 1', "<exercises>: exercise[0]: unknown field"),
        ("[[exercise]\n", "<exercises>: not TOML or JSON"),
        (
            '{"exercises": [{"formula": "p", "id": "a"}, {"formula": "q", "id": "a"}]}',
            "<exercises>: the id 'a' is used twice",
        ),
    ],
)
def test_malformed_sets_are_located(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_exercise_set(text)
    assert message in str(caught.value).splitlines()[0]


def test_a_set_round_trips_through_its_json_as_a_link_carries_it() -> None:
    again = read_exercise_set(json.dumps(SET.to_json()))
    assert again == SET
    with pytest.raises(InputError, match="at most 200"):
        read_exercise_set(json.dumps({"exercises": [{"formula": "p"}] * 201}))


def _strict_order(pairs: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """The transitive closure of `pairs` oriented upwards (i < j): a finite GL/K4 frame."""
    edges = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    changed = True
    while changed:
        extra = {(a, d) for a, b in edges for c, d in edges if b == c} - edges
        edges |= extra
        changed = bool(extra)
    return [(f"w{a}", f"w{b}") for a, b in sorted(edges)]


@given(
    formulas(max_leaves=8),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=6),
    st.lists(st.sets(st.sampled_from(["p", "q", "r"])), min_size=4, max_size=4),
    st.sampled_from(["GL", "K4", "K"]),
)
@settings(max_examples=60, deadline=None)
def test_an_accepted_countermodel_agrees_with_the_prover(f, pairs, atoms, logic) -> None:  # type: ignore[no-untyped-def]
    """Soundness, cross-checked: whenever the kernel accepts a countermodel, the prover (an
    independent search) finds the formula not valid in that logic; and the judgement follows
    the kernel's model checker at every world."""
    from lobkit.exercises.exercise import Exercise
    from lobkit.kernel import Countermodel
    from lobkit.kernel.kripke import truth_set
    from lobkit.prover import prove

    data = {
        "worlds": [f"w{i}" for i in range(4)],
        "relations": {"": [list(p) for p in _strict_order(pairs)]},
        "valuation": {f"w{i}": sorted(a) for i, a in enumerate(atoms)},
    }
    model = Countermodel.from_json(data)
    outcome = check_answer(Exercise("x", f, logic), "not valid", model=model)
    fails_somewhere = truth_set(model.kripke(), f) != frozenset(model.worlds)
    assert outcome.correct == fails_somewhere
    if outcome.correct:
        assert not prove(f, logic).valid


@pytest.mark.parametrize(
    ("exercise", "model"),
    [
        ("D-in-K", "w0"),
        ("4-in-T", "w0 -> w0, w1; w1 -> w1, w2; w2 -> w2; w0: p; w1: p"),
        ("B-in-S4", "w0 -> w0, w1; w1 -> w1; w0: p"),
        ("5-in-S4", "w0 -> w0, w1; w1 -> w1; w0: p"),
    ],
)
def test_the_cube_set_has_countermodels_on_frames_of_each_logic(exercise: str, model: str) -> None:
    cube = load_exercise_set("the-cube")
    outcome = check_answer(cube.get(exercise), "not valid", model=read_model(model))
    assert outcome.correct, outcome.message
    # the same model without its loops is no frame of a reflexive logic
    if cube.get(exercise).logic in ("T", "S4"):
        bare = read_model(model.replace("w0 -> w0, ", "w0 -> "))
        refused = check_answer(cube.get(exercise), "not valid", model=bare)
        assert not refused.correct and refused.condition == "reflexive"
