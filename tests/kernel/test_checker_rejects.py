"""The proof checker is a real check: each tampered or misapplied proof is rejected by the
rule it breaks (the message names the node and the rule), and random tampering of random
proofs never slips an unsound step past it."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from oracles import sequent_provable
from strategies import formulas

from lobkit.errors import ProofError
from lobkit.formula import Formula, atom, atoms_of, substitute
from lobkit.kernel import Logic, Proof
from lobkit.kernel.proof import ProofNode
from lobkit.kernel.proof_checker import check_proof
from lobkit.prover import prove
from lobkit.syntax import parse
from lobkit.zoo.verdicts import EXAMPLES, LOB, example

GL = Logic.named("GL")
MODAL = {"GL": "GLR", "K4": "K4R", "K": "KR"}
RULES = "Ax L-bot R-top W Premise Taut GLR K4R KR".split() + [
    f"{side}-{op}" for side in "LR" for op in ("not", "and", "or", "imp", "iff")
]


def proof_of(goal: Formula, frame: str = "GL", style: str = "g3") -> Proof:
    """The proof lobkit finds; by default the cut-free G3 tree, where every G3 rule occurs."""
    proof = prove(goal, frame, proof_style=style).proof
    assert proof is not None
    check_proof(proof, Logic.named(frame), goal)  # the untampered proof passes
    return proof


def unshared(proof: Proof) -> Proof:
    """The same derivation as a tree (no node used twice), so a tamper touches one branch."""
    nodes: list = []

    def emit(i: int) -> int:
        node = proof.nodes[i]
        premises = tuple(emit(j) for j in node.premises)
        nodes.append(replace(node, premises=premises))
        return len(nodes) - 1

    root = emit(proof.root)
    return replace(proof, nodes=tuple(nodes), root=root)


def with_node(proof: Proof, index: int, **changes: object) -> Proof:
    nodes = list(proof.nodes)
    nodes[index] = replace(nodes[index], **changes)
    return replace(proof, nodes=tuple(nodes))


def index_of(proof: Proof, rule: str) -> int:
    return next(i for i, n in enumerate(proof.nodes) if n.rule == rule)


def weaken_above(proof: Proof, index: int, extra: Formula) -> Proof:
    """Add `extra` to the left of every sequent in the branch above `index`'s premise, up to
    and including the next weakening or modal step: each node there stays a correct rule
    application, only the step at `index` sees a premise it does not allow."""
    nodes = list(proof.nodes)
    stack = list(nodes[index].premises)
    while stack:
        j = stack.pop()
        node = nodes[j]
        nodes[j] = replace(node, left=(*node.left, extra))
        if node.rule not in ("W", *MODAL.values()):
            stack.extend(node.premises)
    return replace(proof, nodes=tuple(nodes))


def rejects(proof: Proof, logic: Logic, goal: Formula | None, index: int | None, why: str) -> None:
    where = "" if index is None else rf"node {index} \({re.escape(proof.nodes[index].rule)}\): "
    with pytest.raises(ProofError, match=where + ".*" + re.escape(why)):
        check_proof(proof, logic, goal)


# -- one tamper per rule, each pinned to the check it must trip -------------------------------


def test_gl_rule_is_not_a_k4_rule() -> None:
    proof = proof_of(LOB.formula)
    rejects(proof, Logic.named("K4"), LOB.formula, None, "GLR is not the modal rule of K4")


def test_k4_rule_is_not_a_k_rule() -> None:
    four = example("four").formula
    rejects(proof_of(four, "K4"), Logic.named("K"), four, None, "K4R is not the modal rule of K")


def test_wrong_goal() -> None:
    rejects(proof_of(LOB.formula), GL, parse("[]p"), None, "the root does not conclude ⇒ goal")


@pytest.mark.parametrize(("name", "frame"), [("lob", "GL"), ("four", "K4"), ("k", "K")])
def test_modal_premise_with_an_extra_formula(name: str, frame: str) -> None:
    """The branch above the modal step stays correct; only the modal rule can object (so
    this fails if the checker stops checking GLR, K4R or KR premises)."""
    goal = example(name).formula
    proof = unshared(proof_of(goal, frame))
    i = index_of(proof, MODAL[frame])
    tampered = weaken_above(proof, i, atom("fresh"))
    rejects(tampered, Logic.named(frame), goal, i, "the premise is not the rule's premise")


def test_modal_principal_must_be_a_box_on_the_right() -> None:
    proof = proof_of(LOB.formula)
    i = index_of(proof, "GLR")
    tampered = with_node(proof, i, principal=atom("p"))
    rejects(tampered, GL, LOB.formula, i, "the principal formula must be a box on the right")


def test_premises_swapped() -> None:
    proof = proof_of(LOB.formula)
    i = index_of(proof, "L-imp")
    tampered = with_node(proof, i, premises=tuple(reversed(proof.nodes[i].premises)))
    rejects(tampered, GL, LOB.formula, i, "the premises do not match the rule")


def test_rule_on_the_wrong_side() -> None:
    proof = proof_of(LOB.formula)
    i = index_of(proof, "L-imp")
    tampered = with_node(proof, i, rule="R-imp")
    rejects(tampered, GL, LOB.formula, i, "principal formula of the wrong shape or side")


def test_unknown_rule() -> None:
    proof = proof_of(LOB.formula)
    i = index_of(proof, "Ax")
    rejects(with_node(proof, i, rule="Magic"), GL, LOB.formula, i, "unknown rule")


def test_axiom_without_its_formula_on_both_sides() -> None:
    proof = proof_of(LOB.formula)
    i = index_of(proof, "Ax")
    node = proof.nodes[i]
    tampered = with_node(proof, i, right=tuple(f for f in node.right if f != node.principal))
    rejects(tampered, GL, LOB.formula, i, "the principal formula must be on both sides")


def test_bottom_and_top_axioms() -> None:
    p, bot, top = atom("p"), parse("false"), parse("true")
    good_bot = Proof((ProofNode("L-bot", (bot,), (p,), principal=bot),), 0, GL)
    good_top = Proof((ProofNode("R-top", (p,), (top,), principal=top),), 0, GL)
    check_proof(good_bot, GL)
    check_proof(good_top, GL)
    bad_bot = with_node(good_bot, 0, left=(p,), right=(bot,))
    bad_top = with_node(good_top, 0, left=(top,), right=(p,))
    rejects(bad_bot, GL, None, 0, "⊥ must be on the left")
    rejects(bad_top, GL, None, 0, "⊤ must be on the right")


def test_weakening_must_drop_formulas_not_add_them() -> None:
    proof = proof_of(LOB.formula)
    i = index_of(proof, "W")
    node = proof.nodes[i]
    rejects(with_node(proof, i, left=node.left[1:]), GL, LOB.formula, i, "sub-sequent")


def test_repeated_formula_in_a_side() -> None:
    proof = proof_of(LOB.formula)
    i = index_of(proof, "Ax")
    node = proof.nodes[i]
    tampered = with_node(proof, i, left=(*node.left, node.left[0]))
    rejects(tampered, GL, LOB.formula, i, "repeated formula in a side")


def test_forward_premise_index() -> None:
    proof = proof_of(LOB.formula)
    tampered = with_node(proof, 0, premises=(len(proof.nodes) - 1,))
    rejects(tampered, GL, LOB.formula, 0, "does not precede the node")


def test_root_index_out_of_range() -> None:
    proof = proof_of(LOB.formula)
    rejects(replace(proof, root=len(proof.nodes)), GL, LOB.formula, None, "root index out of range")


def test_premise_rule_needs_a_declared_premise() -> None:
    premise, goal = parse("[]([]q -> q)"), parse("[]q")
    result = prove(goal, "GL", premises=[premise], proof_style="g3")
    assert result.valid and result.proof is not None
    i = index_of(result.proof, "Premise")
    check_proof(result.proof, result.logic, goal)
    rejects(result.proof, GL, goal, i, "the added formula is not a global premise")
    node = result.proof.nodes[i]
    tampered = with_node(result.proof, i, left=(*node.left, atom("r")))
    rejects(tampered, result.logic, goal, i, "the conclusion with the global premise added")


def test_theory_rule_respects_inclusions() -> None:
    goal = parse("[T0]p -> [T1]p")
    result = prove(goal, Logic("GL", {"T1": {"T0"}}), proof_style="g3")
    assert result.valid and result.proof is not None
    i = index_of(result.proof, "GLR")  # without "T1 extends T0" the GLR[T1] step is wrong
    rejects(result.proof, Logic("GL", {}), goal, i, "the premise is not the rule's premise")


# -- random tampering of random proofs --------------------------------------------------------

FRAMES = ("GL", "K4", "K")
THEOREMS = {f: [e for e in EXAMPLES if e.valid_in(f)] for f in FRAMES}


@st.composite
def theorems(draw: st.DrawFn) -> tuple[str, Formula]:
    """A frame and one of its theorems: a zoo theorem with random formulas put for p and q,
    sometimes under a random antecedent or beside a random disjunct (still theorems)."""
    frame = draw(st.sampled_from(FRAMES))
    schema = draw(st.sampled_from(THEOREMS[frame])).formula
    a, b, extra = (draw(formulas(("p", "q", "r"), max_leaves=3)) for _ in range(3))
    goal = substitute(schema, {"p": a, "q": b})
    shape = draw(st.sampled_from(["plain", "antecedent", "disjunct"]))
    goal = {"plain": goal, "antecedent": extra >> goal, "disjunct": extra | goal}[shape]
    return frame, goal


def tamper(draw: st.DrawFn, proof: Proof, pool: list[Formula]) -> Proof:
    """One random change to one node: a formula dropped, added or replaced on a side, the
    rule or the principal formula changed, the premises redirected, dropped or reordered, or a
    step of a Taut node's RUP certificate dropped."""
    i = draw(st.integers(0, len(proof.nodes) - 1))
    node = proof.nodes[i]
    kinds = ["drop", "add", "replace", "rule", "principal", "premises", "certificate"]
    kind = draw(st.sampled_from(kinds))
    side = draw(st.sampled_from(["left", "right"]))
    formulas_ = list(getattr(node, side))
    if kind in ("drop", "replace"):
        assume(formulas_)
        j = draw(st.integers(0, len(formulas_) - 1))
        if kind == "drop":
            del formulas_[j]
        else:
            formulas_[j] = draw(st.sampled_from(pool))
        changes: dict[str, object] = {side: tuple(formulas_)}
    elif kind == "add":
        changes = {side: (*formulas_, draw(st.sampled_from(pool)))}
    elif kind == "rule":
        changes = {"rule": draw(st.sampled_from([r for r in RULES if r != node.rule]))}
    elif kind == "principal":
        changes = {"principal": draw(st.sampled_from(pool))}
    elif kind == "certificate":
        steps = list(node.certificate)
        assume(steps)
        del steps[draw(st.integers(0, len(steps) - 1))]
        changes = {"certificate": tuple(steps)}
    else:
        premises = list(node.premises)
        how = draw(st.sampled_from(["redirect", "drop", "reverse"]))
        assume(premises and (how != "redirect" or i > 0))
        if how == "redirect":
            premises[draw(st.integers(0, len(premises) - 1))] = draw(st.integers(0, i - 1))
        elif how == "drop":
            del premises[draw(st.integers(0, len(premises) - 1))]
        else:
            premises.reverse()
        changes = {"premises": tuple(premises)}
    tampered = replace(node, **changes)  # type: ignore[arg-type]
    assume(tampered != node)
    event(f"tamper: {kind}")
    return with_node(proof, i, **changes)


@settings(max_examples=100)
@given(theorems(), st.data())
def test_random_tampering_never_passes_an_unsound_step(
    theorem: tuple[str, Formula], data: st.DataObject
) -> None:
    """Whatever the checker accepts is sound: every sequent of an accepted (tampered) proof
    is valid in the frame, by the independent oracle. Tampers that leave some sequent invalid
    must therefore be rejected."""
    frame, goal = theorem
    logic = Logic.named(frame)
    proof = proof_of(goal, frame, data.draw(st.sampled_from(["g3", "taut"])))
    pool = sorted({f for n in proof.nodes for f in (*n.left, *n.right)}, key=str)
    pool += [atom("q"), atom("fresh"), parse("false"), parse("true")]
    tampered = tamper(data.draw, proof, pool)
    try:
        check_proof(tampered, logic, goal)
    except ProofError:
        event("rejected")
        return
    event("accepted (must be a correct proof)")
    for node in tampered.nodes:
        assert sequent_provable(node.left, node.right, frame), (frame, str(goal), node)


@settings(max_examples=40)
@given(theorems())
def test_random_modal_premise_weakened_is_rejected_by_the_modal_rule(
    theorem: tuple[str, Formula],
) -> None:
    """In a random proof with a modal step, a fresh atom added above its premise (the branch
    stays correct) must be caught by that very modal step."""
    frame, goal = theorem
    proof = unshared(proof_of(goal, frame))
    steps = [i for i, n in enumerate(proof.nodes) if n.rule == MODAL[frame]]
    assume(steps)
    fresh = atom("fresh")
    assert "fresh" not in atoms_of(goal)
    i = steps[-1]
    tampered = weaken_above(proof, i, fresh)
    rejects(tampered, Logic.named(frame), goal, i, "not the rule's premise")
