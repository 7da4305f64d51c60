"""Families of theories and agents: expansion, indexed names, guards, limits, located errors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.formula import atom, box, diamond, implies
from lobkit.tiling import loads
from lobkit.tiling.spec import AgentDef, ChainQuery, DepthQuery, SoundQuery, TheoryDef

TOWER = """
theory T[k] for k in 0..3 { extends T[k-1] if k > 0; reflect T[k-1] if k > 0 }
agent A[k] for k in 0..3 { theory T[k]; goal safe; actions build, halt }
depth A[3] expect 3
chain A[3] -> A_2 -> A[1 + 0] expect licensed
"""


def test_a_tower_expands_to_the_theories_written_out() -> None:
    spec = loads(TOWER, source="t.lob")
    assert list(spec.theories) == ["T_0", "T_1", "T_2", "T_3"]
    assert spec.theories["T_0"] == TheoryDef("T_0", location=spec.theories["T_0"].location)
    for k in (1, 2, 3):
        theory = spec.theories[f"T_{k}"]
        assert (theory.extends, theory.reflects) == ((f"T_{k - 1}",), (f"T_{k - 1}",))
        assert str(theory.location) == "t.lob:2:8"  # every member points at the family
    agent = spec.agents["A_2"]
    assert (agent.theory, agent.actions) == ("T_2", ("build", "halt"))
    assert spec.queries[0] == DepthQuery("A_3", "3", spec.queries[0].location)
    assert spec.queries[1] == ChainQuery(
        ("A_3", "A_2", "A_1"), "licensed", spec.queries[1].location
    )


def test_the_written_out_tower_gives_the_same_answers() -> None:
    family = loads(TOWER)
    by_hand = loads(
        "\n".join(
            ["theory T_0"]
            + [f"theory T_{k} extends T_{k - 1} {{ reflect T_{k - 1} }}" for k in (1, 2, 3)]
            + [f"agent A_{k} {{ theory T_{k}; goal safe; actions build, halt }}" for k in range(4)]
            + ["depth A_3 expect 3", "chain A_3 -> A_2 -> A_1 expect licensed"]
        )
    )
    assert dict(family.theories).keys() == dict(by_hand.theories).keys()
    for name, theory in family.theories.items():
        other = by_hand.theories[name]
        assert (theory.extends, theory.axioms, theory.reflects) == (
            other.extends,
            other.axioms,
            other.reflects,
        )
    assert family.depth("A_3") == by_hand.depth("A_3") == 3


def test_indexed_atoms_boxes_and_diamonds() -> None:
    spec = loads(
        "theory T[k] for k in 0..2 {\n"
        "  axiom kappa_gt[k + 1] -> kappa_gt[k]\n"
        "  axiom [T[2*k]]wait[k] -> <T_0>press[(k+1)*2] if k <= 1\n"
        "}\n"
        "agent A[k] for k in 1..2 { theory T[k - 1]; goal done[k]; actions press[k] }\n"
        "prove T[1] : [T[2]]p -> [T_2]p expect proved\n"
        "sound T[2] given ~wait[1], kappa_gt[3]\n"
    )
    t1 = spec.theories["T_1"]
    assert t1.axioms == (
        implies(atom("kappa_gt_2"), atom("kappa_gt_1")),
        implies(box(atom("wait_1"), theory="T_2"), diamond(atom("press_4"), theory="T_0")),
    )
    assert spec.theories["T_2"].axioms == (implies(atom("kappa_gt_3"), atom("kappa_gt_2")),)
    assert spec.agents["A_2"] == AgentDef(
        "A_2", "T_1", atom("done_2"), ("press_2",), spec.agents["A_2"].location
    )
    prove = spec.queries[0]
    assert prove.formula == implies(box(atom("p"), theory="T_2"), box(atom("p"), theory="T_2"))  # type: ignore[union-attr]
    assert spec.queries[1] == SoundQuery(
        "T_2", (("wait_1", False), ("kappa_gt_3", True)), None, spec.queries[1].location
    )


def test_index_arithmetic_precedence_and_associativity() -> None:
    spec = loads(
        "theory X[k] for k in 0..20\nconsistent X[2*3+1]\nconsistent X[10-3-2]\n"
        "consistent X[(1+1)*3]\nconsistent X[20 - 2*(3+4)]"
    )
    assert [q.theory for q in spec.queries] == ["X_7", "X_5", "X_6", "X_6"]  # type: ignore[union-attr]


def test_guards_join_comparisons_with_and() -> None:
    spec = loads(
        "theory B\n"
        "theory T[k] for k in 0..6 { reflect B if k >= 2 and k != 4 and k < 6; axiom p if k == 0 }"
    )
    assert [n for n, t in spec.theories.items() if t.reflects] == ["T_2", "T_3", "T_5"]
    assert [n for n, t in spec.theories.items() if t.axioms] == ["T_0"]


def test_deep_formulas_inside_families_do_not_recurse() -> None:
    deep = "[T[k]]" * 3000 + "p"
    spec = loads(f"theory T[k] for k in 0..1 {{ axiom {deep} }}")
    assert spec.theories["T_1"].axioms[0].modal_depth == 3000
    assert spec.theories["T_1"].axioms[0].args[0].label == "T_1"


def test_premises_may_use_indexed_names() -> None:
    spec = loads("theory T[k] for k in 0..1\npremise [T[1]]wait[0] -> wait[1]")
    assert spec.premises == (implies(box(atom("wait_0"), theory="T_1"), atom("wait_1")),)


@settings(max_examples=40)
@given(
    low=st.integers(0, 4),
    size=st.integers(1, 6),
    step=st.integers(1, 3),
    threshold=st.integers(0, 8),
)
def test_expansion_matches_the_definition(low: int, size: int, step: int, threshold: int) -> None:
    """Member k extends T[k-step] and reflects it exactly when k - step is a member and
    k > threshold: what the guard says, computed directly."""
    high = low + size - 1
    text = (
        f"theory T[k] for k in {low}..{high} {{ "
        f"extends T[k-{step}] if k - {step} >= {low} and k > {threshold}; "
        f"reflect T[k-{step}] if k >= {low} + {step} and {threshold} < k }}"
    )
    spec = loads(text)
    assert list(spec.theories) == [f"T_{k}" for k in range(low, high + 1)]
    for k in range(low, high + 1):
        parent = (f"T_{k - step}",) if k - step >= low and k > threshold else ()
        theory = spec.theories[f"T_{k}"]
        assert theory.extends == parent and theory.reflects == parent


_EXPRESSIONS = st.recursive(
    st.one_of(st.integers(0, 9).map(str), st.just("k")),
    lambda inner: st.tuples(inner, st.sampled_from("+-*"), inner).map(
        lambda t: f"({t[0]}{t[1]}{t[2]})"
    ),
    max_leaves=6,
)


@settings(max_examples=60)
@given(expression=_EXPRESSIONS, k=st.integers(0, 5))
def test_index_arithmetic_is_integer_arithmetic(expression: str, k: int) -> None:
    """An index means what the same expression means in Python, for the member's k."""
    from lobkit.tiling.families import Member, evaluate
    from lobkit.tiling.parse import parse_file

    (decl,) = parse_file(f"consistent T[{expression}]", "e.lob").statements
    index = decl.theory.index  # type: ignore[union-attr]
    assert index is not None
    member = Member("T", "k", k)
    assert evaluate(index, member, decl.location) == eval(expression, {"k": k})  # noqa: S307
    (again,) = parse_file(f"consistent T[{index}]", "e.lob").statements  # printed, re-read
    assert evaluate(again.theory.index, member, decl.location) == eval(expression, {"k": k})  # type: ignore[union-attr,arg-type]  # noqa: S307
