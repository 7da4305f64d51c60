"""Formula values: interning, immutability, measures, substitution, operators."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from strategies import formulas

from lobkit import formula as F
from lobkit.syntax import parse
from lobkit.zoo.verdicts import LOB

p, q, r = F.atoms("p q r")


def test_structural_equality_is_identity() -> None:
    assert F.conj(p, F.box(q)) is F.conj(F.atom("p"), F.box(F.atom("q")))
    assert F.box(p, theory="PA") is not F.box(p)
    assert F.box(p) != F.diamond(p)
    assert len({F.box(p), F.box(F.atom("p")), F.box(q)}) == 2


def test_immutable() -> None:
    f = F.box(p)
    with pytest.raises(AttributeError, match="formulas are immutable"):
        f.op = "dia"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="formulas are immutable"):
        del f.args


def test_user_formula_kept_as_written() -> None:
    assert F.conj(p, p).args == (p, p)
    assert F.conj(q, p) is not F.conj(p, q)


def test_operators() -> None:
    assert (p & q) is F.conj(p, q)
    assert (p | q) is F.disj(p, q)
    assert ~p is F.neg(p)
    assert (p >> q) is F.implies(p, q)
    assert p.iff(q) is F.iff(p, q)


def test_measures() -> None:
    f = LOB.formula
    assert f.size == 8
    assert f.modal_depth == 2
    assert F.atoms_of(f) == {"p"}
    assert F.theories_of(parse("[PA]p & <T>q | []r")) == {"PA", "T", None}
    assert F.subformulas(parse("[]p & p")) == {parse("[]p & p"), parse("[]p"), p}


def test_box_dotbox_and_names() -> None:
    assert F.box(p, 3) is parse("[][][]p")
    assert F.box(p, 0) is p
    assert F.box(p, 2, theory="PA") is parse("[PA][PA]p")
    assert F.dotbox(p) is parse("p & []p")
    assert p.name == "p" and F.box(p, theory="T").theory == "T"
    with pytest.raises(ValueError, match="not an atom name: 'P'"):
        F.atom("P")
    with pytest.raises(ValueError, match="not an atom name: 'true'"):
        F.atom("true")
    with pytest.raises(ValueError, match="not a theory name: 'pa'"):
        F.box(p, theory="pa")
    with pytest.raises(ValueError, match="box count must be non-negative"):
        F.box(p, -1)


def test_substitution_is_simultaneous() -> None:
    f = parse("[](p -> q) & p")
    assert F.substitute(f, {"p": q, "q": p}) is parse("[](q -> p) & q")
    assert F.substitute(f, {p: parse("[]r")}) is parse("[]([]r -> q) & []r")


def test_conjunction_disjunction() -> None:
    assert F.conjunction([]) is F.top
    assert F.disjunction([]) is F.bot
    assert F.conjunction([p, q, r]) is parse("p & q & r")
    assert F.disjunction([p]) is p


def test_modalized() -> None:
    assert F.is_modalized_in(parse("~[]p & q"), "p")
    assert not F.is_modalized_in(parse("[]p -> p"), "p")
    assert F.is_modalized_in(parse("<>p"), "p")


@given(formulas())
def test_pickle_and_copy_preserve_identity(f: F.Formula) -> None:
    assert pickle.loads(pickle.dumps(f)) is f
    assert copy.deepcopy(f) is f


@given(formulas())
def test_size_counts_tree_nodes(f: F.Formula) -> None:
    def count(node: F.Formula) -> int:
        return 1 + sum(count(a) for a in node.args)

    assert f.size == count(f)
