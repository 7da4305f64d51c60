"""The kernel's RUP checker and the Taut rule: sound against brute force, complete for the
certificates the producer emits, and rejecting tampered certificates and proofs."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import formulas

from lobkit.errors import ProofError
from lobkit.kernel import Logic, Proof, check_proof
from lobkit.kernel.taut import check_rup, taut_cnf
from lobkit.prover import prove
from lobkit.prover.lrat import LogMismatch, lrat_refute
from lobkit.prover.refute import refute
from lobkit.zoo.lwb_families import k_ph_p

NVARS = 5
literals = st.integers(1, NVARS).flatmap(lambda v: st.sampled_from((v, -v)))
clauses = st.lists(literals, min_size=0, max_size=4).map(tuple)
cnfs = st.lists(clauses, min_size=1, max_size=14)


def models(cnf: list[tuple[int, ...]], nvars: int) -> list[tuple[bool, ...]]:
    """Every assignment (index v-1 is variable v) satisfying `cnf`, by brute force."""
    return [
        bits
        for bits in itertools.product((False, True), repeat=nvars)
        if all(any(bits[abs(x) - 1] == (x > 0) for x in c) for c in cnf)
    ]


@given(cnfs, st.lists(clauses, max_size=6))
@settings(max_examples=300, deadline=None)
def test_a_satisfiable_clause_set_has_no_accepted_refutation(
    cnf: list[tuple[int, ...]], certificate: list[tuple[int, ...]]
) -> None:
    if models(cnf, NVARS):
        with pytest.raises(ProofError, match="RUP"):
            check_rup(cnf, NVARS, certificate)


@given(cnfs)
@settings(max_examples=300, deadline=None)
def test_the_producer_refutes_exactly_the_unsatisfiable_sets(cnf: list[tuple[int, ...]]) -> None:
    found = refute(cnf, NVARS)
    assert (found is None) == bool(models(cnf, NVARS))
    if found is not None:
        check_rup(cnf, NVARS, found.lemmas)  # the certificate passes
        used = [cnf[i] for i in sorted(found.used)]
        check_rup(used, NVARS, found.lemmas)  # ... from the clauses it says it uses


@given(cnfs, st.data())
@settings(max_examples=300, deadline=None)
def test_a_tampered_step_that_does_not_follow_is_rejected_at_that_step(
    cnf: list[tuple[int, ...]], data: st.DataObject
) -> None:
    found = refute(cnf, NVARS)
    if found is None or not found.lemmas:
        return
    lemmas = list(found.lemmas)
    i = data.draw(st.integers(0, len(lemmas) - 1))
    lemmas[i] = data.draw(clauses)
    before = list(cnf) + lemmas[:i]
    # A RUP step is implied by what precedes it: one falsified by a model of those is wrong.
    if any(not any(m[abs(x) - 1] == (x > 0) for x in lemmas[i]) for m in models(before, NVARS)):
        with pytest.raises(ProofError, match=f"RUP step {i}"):
            check_rup(cnf, NVARS, lemmas)


steps = st.lists(
    st.tuples(clauses, st.lists(st.integers(-3, 30), max_size=5)).map(
        lambda pair: (*pair[0], 0, *pair[1])
    ),
    min_size=1,
    max_size=6,
)


@given(cnfs, steps)
@settings(max_examples=300, deadline=None)
def test_a_satisfiable_clause_set_has_no_accepted_hinted_refutation(
    cnf: list[tuple[int, ...]], certificate: list[tuple[int, ...]]
) -> None:
    if models(cnf, NVARS):
        with pytest.raises(ProofError, match="RUP"):
            check_rup(cnf, NVARS, certificate)


@given(cnfs)
@settings(max_examples=300, deadline=None)
def test_cadical_refutes_exactly_the_unsatisfiable_sets_with_hints(
    cnf: list[tuple[int, ...]],
) -> None:
    try:
        found = lrat_refute(cnf)
    except LogMismatch:
        return  # raw clause sets may have units or repeats: the builder then falls back
    assert (found is None) == bool(models(cnf, NVARS))
    if found is not None:
        assert all(0 in step for step in found.lemmas) and found.lemmas[-1][0] == 0
        check_rup(cnf, NVARS, found.lemmas)
        with pytest.raises(ProofError, match="RUP"):
            check_rup(cnf, NVARS, found.lemmas[:-1] or [(1, 0)])


@given(formulas(max_leaves=12))
@settings(max_examples=150, deadline=None)
def test_the_kernels_clause_sets_always_fit_cadicals_numbering(formula: object) -> None:
    # The guard layout (one unit clause, last) is what lets CaDiCaL's log be read.
    cnf = taut_cnf([], [formula])  # type: ignore[list-item]
    found = lrat_refute(cnf.clauses)  # never LogMismatch
    if found is not None:
        check_rup(cnf.clauses, cnf.nvars, found.lemmas)


def test_a_hint_naming_a_later_clause_is_rejected() -> None:
    with pytest.raises(ProofError, match="names no earlier clause"):
        check_rup([(1,), (-1,)], 1, [(0, 3)])
    check_rup([(1,), (-1,)], 1, [(0, 1, 2)])


def test_a_literal_outside_the_clause_set_is_rejected() -> None:
    with pytest.raises(ProofError, match="not a literal"):
        check_rup([(1,), (-1,)], 1, [(2,)])


def _taut_nodes(proof: Proof) -> list[int]:
    return [i for i, n in enumerate(proof.nodes) if n.rule == "Taut" and n.certificate]


def _with_node(proof: Proof, i: int, **changes: object) -> Proof:
    nodes = list(proof.nodes)
    nodes[i] = replace(nodes[i], **changes)  # type: ignore[arg-type]
    return Proof(tuple(nodes), proof.root, proof.logic)


def _taut_holds(proof: Proof, i: int) -> bool:
    """Brute force: is node i's Taut side condition true (ignoring its certificate)?"""
    node = proof.nodes[i]
    prem = [(proof.nodes[j].left, proof.nodes[j].right) for j in node.premises]
    cnf = taut_cnf(node.left, node.right, prem)
    if cnf.nvars > 16:
        return True  # too large to enumerate; the random formulas stay below this
    return not models(cnf.clauses, cnf.nvars)


@given(formulas(max_leaves=10), st.data())
@settings(max_examples=150, deadline=None)
def test_random_tampering_of_random_proofs_is_rejected_or_harmless(
    formula: object, data: st.DataObject
) -> None:
    result = prove(formula, "GL")  # type: ignore[arg-type]
    if not result.valid:
        return
    proof = result.proof
    assert proof is not None
    candidates = _taut_nodes(proof)
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    node = proof.nodes[i]
    certificate = [list(c) for c in node.certificate]
    how = data.draw(st.sampled_from(["flip", "drop", "truncate", "drop-premise", "drop-left"]))
    changes: dict[str, object] = {}
    if how == "flip":
        c = data.draw(st.integers(0, len(certificate) - 1))
        if not certificate[c]:
            return
        k = data.draw(st.integers(0, len(certificate[c]) - 1))
        certificate[c][k] = -certificate[c][k]
        changes["certificate"] = tuple(tuple(c) for c in certificate)
    elif how == "drop":
        del certificate[data.draw(st.integers(0, len(certificate) - 1))]
        changes["certificate"] = tuple(tuple(c) for c in certificate)
    elif how == "truncate":
        changes["certificate"] = tuple(tuple(c) for c in certificate[:-1])
    elif how == "drop-premise":
        if not node.premises:
            return
        changes["premises"] = node.premises[1:]
    else:
        if not node.left:
            return
        changes["left"] = node.left[1:]
    tampered = _with_node(proof, i, **changes)
    try:
        check_proof(tampered, Logic.named("GL"), formula)  # type: ignore[arg-type]
    except ProofError as error:
        assert "(Taut)" in str(error) or "root" in str(error) or "premise" in str(error)
        return
    # Accepted: then the tampered node really is a correct Taut step (checked by brute force),
    # and its conclusion still fits the node below it.
    assert _taut_holds(tampered, i)


def test_tampering_a_pigeonhole_certificate_is_rejected() -> None:
    formula = k_ph_p(3)
    proof = prove(formula, "K").proof
    assert proof is not None
    i = max(_taut_nodes(proof), key=lambda j: len(proof.nodes[j].certificate))
    node = proof.nodes[i]
    assert all(0 in step for step in node.certificate)  # hinted, from CaDiCaL
    with pytest.raises(ProofError, match=r"\(Taut\): .*RUP"):
        check_proof(
            _with_node(proof, i, certificate=node.certificate[:-1]), Logic.named("K"), formula
        )
    with pytest.raises(ProofError, match=r"\(Taut\): .*RUP"):
        check_proof(_with_node(proof, i, certificate=()), Logic.named("K"), formula)


def test_taut_steps_render_readably() -> None:
    from lobkit.syntax import parse

    # four K instances side by side: the root's Taut step cites one lemma for each
    formula = " & ".join(f"([]a{i} & []b{i} -> [](a{i} & b{i}))" for i in range(4))
    proof = prove(parse(formula), "GL").proof
    assert proof is not None
    assert max(len(n.premises) for n in proof.nodes) > 3  # a Taut citing many lemmas
    latex = proof.to_latex()
    assert "\\mathrm{Taut}\\ \\text{from (" in latex and "QuaternaryInfC" not in latex
    text = proof.render_text()
    assert text.splitlines()[0].endswith("[Taut]")  # the leaf shows its sequent and rule
