"""Letterless GL formulas certified from the linear frame
(`lobkit.prover.letterless_certificates`): the verdict is the linear frame's (Boolos 1993, ch. 7)
and the search's, and every certificate — a proof or the cut linear frame — passes the kernel's
own check here, again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import formulas

from lobkit.errors import InputError, ProofError, ResourceLimit
from lobkit.formula import Formula, bot, box, conj, diamond, disj, iff, implies, neg, top
from lobkit.kernel import (
    Countermodel,
    Logic,
    Proof,
    check_countermodel,
    check_proof,
    rank_values,
)
from lobkit.limits import Budget
from lobkit.prover import prove
from lobkit.prover.letterless_certificates import (
    certify_letterless,
    is_letterless,
    letterless_valid,
)
from lobkit.syntax import parse

GL = Logic("GL")
ROOT = Path(__file__).resolve().parents[2]


def linear_frame_valid(formula: Formula) -> bool:
    """The kernel's linear-frame semantics: true at ranks 0 … d (then constant)."""
    return all(rank_values(formula))


def assert_certified(formula: Formula) -> Proof | Countermodel:
    """Certify `formula` and check the certificate with the kernel, independently of the
    check `certify_letterless` already made."""
    certificate = certify_letterless(formula)
    if isinstance(certificate, Proof):
        check_proof(certificate, GL, formula)
    else:
        check_countermodel(certificate, GL, formula)
    return certificate


@st.composite
def rank_combinations(draw: st.DrawFn) -> Formula:
    """Deeper letterless formulas, shaped like a modal agent's verification: Boolean
    combinations of □ⁿ⊥, under boxes again (`st.recursive` alone stays shallow)."""
    leaves = st.integers(0, 7).map(lambda n: box(bot, n))
    inner = st.recursive(
        st.one_of(leaves, st.sampled_from([top, bot])),
        lambda c: st.one_of(
            c.map(neg),
            c.map(box),
            st.builds(conj, c, c),
            st.builds(disj, c, c),
            st.builds(implies, c, c),
            st.builds(iff, c, c),
        ),
        max_leaves=10,
    )
    return draw(inner)


@settings(max_examples=150, deadline=None)
@given(formulas((), max_leaves=10))
def test_the_verdict_is_the_linear_frames_and_its_certificate_passes_the_kernel(
    formula: Formula,
) -> None:
    certificate = assert_certified(formula)
    assert isinstance(certificate, Proof) == linear_frame_valid(formula)


@settings(max_examples=100, deadline=None)
@given(rank_combinations())
def test_deep_rank_combinations_are_certified(formula: Formula) -> None:
    certificate = assert_certified(formula)
    assert isinstance(certificate, Proof) == linear_frame_valid(formula)


@settings(max_examples=40, deadline=None)
@given(formulas((), max_leaves=7))
def test_the_verdict_agrees_with_the_search(formula: Formula) -> None:
    assert letterless_valid(formula) == prove(formula).valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("[]([]false -> false) -> []false", True),  # Löb's theorem for ⊥
        ("~[]false -> ~[]~[]false", True),  # Gödel's second incompleteness theorem
        ("[]false -> [][]false", True),
        ("[][]false -> []false", False),
        ("[]false", False),
        ("<>true -> <><>true", False),
        ("true", True),
        ("false", False),
        ("[](<>true -> false) <-> [][]false", True),
        ("[](<>true -> false) <-> []false", False),
        ("[]([][][]false -> []false) -> [][]false", True),  # m = 1: ranks 0, 1 only
    ],
)
def test_known_letterless_verdicts(text: str, valid: bool) -> None:
    formula = parse(text)
    certificate = assert_certified(formula)
    assert isinstance(certificate, Proof) is valid


def test_a_countermodel_is_the_linear_frame_cut_at_the_first_failure() -> None:
    # [][]false -> []false fails first at rank 1: two worlds, w0 sees w1.
    model = certify_letterless(parse("[][]false -> []false"))
    assert isinstance(model, Countermodel)
    assert model.worlds == ("w0", "w1") and model.relation == {("w0", "w1")}
    # Con^3 -> false fails first at rank 3: a chain of four, transitive.
    model = certify_letterless(parse("~[][][]false -> false"))
    assert isinstance(model, Countermodel) and len(model.worlds) == 4
    assert len(model.relation) == 6


def test_loebs_theorem_for_false_is_proved_with_the_diagonal_of_glr() -> None:
    proof = certify_letterless(parse("[]([]false -> false) -> []false"))
    assert isinstance(proof, Proof)
    rules = [n.rule for n in proof.nodes]
    assert "GLR" in rules and "Taut" in rules
    # The down lemma □(□⊥ → ⊥) ⇒ □⊥ uses the principal box □⊥ in its premise (GL's diagonal):
    # the same node under K4's rule, which forbids it, is rejected.
    k4 = replace(
        proof, nodes=tuple(replace(n, rule="K4R") if n.rule == "GLR" else n for n in proof.nodes)
    )
    with pytest.raises(ProofError):
        check_proof(
            replace(k4, logic=Logic("K4")), Logic("K4"), parse("[]([]false -> false) -> []false")
        )


def test_a_broken_certificate_is_rejected_by_the_kernel() -> None:
    formula = parse("[]false | [][]false <-> [][]false")
    proof = certify_letterless(formula)
    assert isinstance(proof, Proof)
    root = proof.nodes[proof.root]
    assert root.rule == "Taut" and root.certificate  # a case split on the ranks
    nodes = list(proof.nodes)
    nodes[proof.root] = replace(root, certificate=())  # unit propagation alone: no conflict
    with pytest.raises(ProofError):
        check_proof(replace(proof, nodes=tuple(nodes)), GL, formula)


def test_formulas_with_letters_or_indexed_boxes_are_refused() -> None:
    assert not is_letterless(parse("[]p -> p"))
    assert not is_letterless(parse("[T]false"))
    assert is_letterless(parse("<>[]false | true"))
    for text in ("[]p -> p", "[T]false"):
        with pytest.raises(InputError, match="not a letterless formula"):
            certify_letterless(parse(text))


def test_a_spent_budget_stops_the_certification() -> None:
    formula = diamond(top, 40) | box(bot, 40)
    budget = Budget(1e-9)
    with pytest.raises(ResourceLimit, match="time limit"):
        certify_letterless(formula, budget=budget)


def test_the_certificate_is_the_same_whatever_pythonhashseed() -> None:
    code = (
        "import json\n"
        "from lobkit.syntax import parse\n"
        "from lobkit.prover.letterless_certificates import certify_letterless\n"
        "f = parse('[](~[][][]false -> [][]false | ~[]false) <-> [][][]false | []true')\n"
        "print(json.dumps(certify_letterless(f).to_json()))\n"
    )
    outs = set()
    for seed in ("0", "5", "123"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout
        outs.add(out)
    assert len(outs) == 1
    assert json.loads(outs.pop())["nodes"]


def test_a_modal_agents_verification_uses_neither_the_search_nor_the_sat_solver() -> None:
    """What makes `lobkit play` fast: its letterless questions never load the search."""
    code = (
        "import sys\n"
        "from lobkit.agents.combat_file import load_game, shipped_game\n"
        "from lobkit.agents.playfile import iter_game\n"
        "results = list(iter_game(load_game(shipped_game('target')), verify=True))\n"
        "assert results and all(r.verified for r in results)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('lobkit.prover', 'lobkit.sat'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    loaded = set(eval(out))  # a printed list of module names
    assert "lobkit.prover.letterless_certificates" in loaded
    assert not loaded & {"lobkit.prover.search", "lobkit.prover.pipeline", "lobkit.sat"}


def test_deeply_nested_boxes_need_no_recursion() -> None:
    """3,000 boxes nested in each other, none of them □ⁿ⊥: lemmas are made inner first."""
    valid, invalid = top, bot
    for _ in range(3000):
        valid = box(disj(valid, bot))
    for _ in range(60):
        invalid = box(disj(invalid, bot))  # GL-equivalent to □⁶⁰⊥: fails first at rank 60
    proof = assert_certified(valid)
    assert isinstance(proof, Proof) and proof.size > 3000
    model = assert_certified(invalid)
    assert isinstance(model, Countermodel) and len(model.worlds) == 61
