"""The linear-frame semantics (`lobkit.kernel.linear`): against Kripke models, against the
vectorised evaluator of modal combat, and its normal form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import formulas

from lobkit import formula as F
from lobkit.agents import frame
from lobkit.agents.frame import frame_trace
from lobkit.agents.system import System
from lobkit.errors import InputError
from lobkit.formula import Formula, substitute
from lobkit.kernel.kripke import KripkeModel, truth_set
from lobkit.kernel.linear import normal_form, rank_values, stable_prefix, system_trace, trace
from lobkit.syntax.parser import parse

letterless = st.recursive(
    st.sampled_from([F.top, F.bot]),
    lambda c: st.one_of(
        c.map(F.neg),
        c.map(F.box),
        c.map(F.diamond),
        st.builds(F.conj, c, c),
        st.builds(F.implies, c, c),
        st.builds(F.iff, c, c),
    ),
    max_leaves=8,
)


def _chain(n: int) -> KripkeModel:
    """Worlds r0 … r(n−1), where rank k sees every rank j < k (transitive, irreflexive)."""
    worlds = [f"r{k}" for k in range(n)]
    relation = [(f"r{k}", f"r{j}") for k in range(n) for j in range(k)]
    return KripkeModel.build(worlds, {None: relation}, {})


@given(letterless)
def test_rank_values_agree_with_the_kripke_model_checker(f: Formula) -> None:
    width = f.modal_depth + 2
    holds = truth_set(_chain(width), f)
    assert rank_values(f, width) == tuple(f"r{k}" in holds for k in range(width))


@given(letterless)
def test_the_normal_form_has_the_same_trace(f: Formula) -> None:
    values = trace(f)
    assert stable_prefix(rank_values(normal_form(values), len(values) + 3)) == values


variables = ("x0", "x1", "x2")


@given(st.lists(formulas(variables, max_leaves=6), min_size=3, max_size=3))
def test_the_vectorised_evaluator_agrees_with_the_reference(bodies: list[Formula]) -> None:
    boxed = {name: F.box(F.atom(name)) for name in variables}
    equations = tuple(substitute(body, boxed) for body in bodies)  # modalized by construction
    system = System(variables, variables, equations)
    rows = frame_trace(system).rows
    reference = system_trace(dict(zip(variables, equations, strict=True)), len(rows) + 2)
    padded = [*map(list, rows), list(rows[-1]), list(rows[-1])]
    assert [[r[x] for x in variables] for r in reference] == padded
    saved = frame.PLAIN_BELOW  # small systems run in plain Python: check the numpy path too
    try:
        frame.PLAIN_BELOW = 0
        assert frame_trace(system).rows == rows
    finally:
        frame.PLAIN_BELOW = saved


def test_errors_name_the_problem() -> None:
    with pytest.raises(InputError, match="not letterless: it contains the atom p"):
        rank_values(parse("[]p"))
    with pytest.raises(InputError, match=r"theory-indexed modalities \(\[T\]\)"):
        rank_values(parse("[T]false"))
    with pytest.raises(InputError, match="equation for x is not modalized"):
        system_trace({"x": parse("~x")}, 2)
    with pytest.raises(InputError, match="unknown variable 'y'"):
        system_trace({"x": parse("[]y")}, 2)
