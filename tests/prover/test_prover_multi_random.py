"""Multi-theory GL with inclusions and global premises, on random formulas: the prover agrees
with the naive sequent search of tests/oracles.py, its certificates check, and random frames of the
logic (built here from labelled edges) never refute what it proves."""

from __future__ import annotations

import random

from hypothesis import event, given
from hypothesis import strategies as st
from oracles import provable
from strategies import formulas

from lobkit.formula import Formula, atom, box
from lobkit.kernel import Logic
from lobkit.kernel.kripke import KripkeModel, check_frame, holds_at, holds_everywhere
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import prove

EXTENDS = {"T1": {"T0"}}  # T1 extends T0: [T0]φ → [T1]φ
LOGIC = Logic("GL", EXTENDS)


def extends(sub: str | None, sup: str | None) -> bool:
    return sub == sup or sup in EXTENDS.get(str(sub), set())


def random_model(rng: random.Random) -> KripkeModel:
    """Labelled edges on an acyclic order; (a, c) ∈ R_S iff a path from a to c ends with an
    edge labelled by a theory extending S."""
    worlds = [f"v{i}" for i in range(rng.randint(1, 4))]
    edges = [
        (a, b, rng.choice(["T0", "T1"]))
        for i, a in enumerate(worlds)
        for b in worlds[i + 1 :]
        if rng.random() < 0.5
    ]
    reach = {(a, b) for a, b, _ in edges}
    for _ in worlds:
        reach |= {(a, d) for a, b in reach for c, d in reach if b == c}
    relations: dict[str | None, set[tuple[str, str]]] = {}
    for s in ("T0", "T1"):
        last = {(a, b) for a, b, t in edges if extends(t, s)}
        relations[s] = last | {(a, c) for a, b in reach for b2, c in last if b == b2}
    valuation = {w: {x for x in ("p", "q") if rng.random() < 0.5} for w in worlds}
    return KripkeModel.build(worlds, relations, valuation)


multi = formulas(atom_names=("p", "q"), theories=("T0", "T1"), max_leaves=7).filter(
    lambda f: f.modal_depth <= 3
)


@given(multi, st.booleans(), st.randoms(use_true_random=False))
def test_multi_theory_agrees_with_naive_search(
    goal: Formula, with_premise: bool, rng: random.Random
) -> None:
    premises = (box(goal.args[0], theory="T1"),) if with_premise and goal.args else ()
    result = prove(goal, LOGIC, premises=premises)
    expected = provable(goal, extends=EXTENDS, premises=premises)
    assert result.valid == expected, (str(goal), [str(p) for p in premises])
    logic = result.logic
    event("valid" if result.valid else "refuted")
    if result.valid:
        check_proof(result.proof, logic, goal)
        for _ in range(5):
            model = random_model(rng)
            assert check_frame(model, logic) == []
            if all(holds_everywhere(model, p) for p in premises):
                assert all(holds_at(model, goal, w) for w in model.worlds)
    else:
        model = result.countermodel.kripke()
        assert check_frame(model, logic) == []
        assert all(holds_everywhere(model, p) for p in premises)
        assert not holds_at(model, goal, result.countermodel.root)


def test_naive_oracle_respects_inclusions() -> None:
    p = atom("p")
    t0, t1 = box(p, theory="T0"), box(p, theory="T1")
    assert provable(t0 >> t1, extends=EXTENDS)
    assert not provable(t1 >> t0, extends=EXTENDS)
    assert not provable(t0 >> t1)
    assert provable(t1, premises=(p,)) and not provable(t1)  # a global premise holds everywhere
