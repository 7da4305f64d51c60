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


def test_fold_names_a_missing_operator() -> None:
    with pytest.raises(F.UnhandledOperator, match=r"size has no case for the operator 'box'"):
        F.fold(parse("p & []q"), {F.ATOM: lambda n, a: 1, F.AND: lambda n, a: 1}, name="size")


def test_fold_with_a_shared_memo_visits_each_node_once_over_many_calls() -> None:
    calls: list[F.Formula] = []

    def count(node: F.Formula, args: tuple[int, ...]) -> int:
        calls.append(node)
        return 1 + sum(args)

    memo: dict[F.Formula, int] = {}
    assert F.fold(parse("p & q"), count, memo=memo) == 3
    assert F.fold(parse("(p & q) | r"), count, memo=memo) == 5
    assert len(calls) == len(set(calls)) == 5 == len(memo)


def test_fold_does_not_enter_a_node_enter_refuses() -> None:
    seen: list[tuple[str, int]] = []

    def visit(node: F.Formula, args: tuple[int, ...]) -> int:
        seen.append((node.op, len(args)))
        return 1 + sum(args)

    not_modal = lambda n: n.op not in F.MODAL  # noqa: E731
    assert F.fold(parse("p & [](q & r)"), visit, enter=not_modal) == 3
    assert (F.BOX, 0) in seen and (F.ATOM, 0) in seen and len(seen) == 3


def test_every_operator_table_covers_every_operator() -> None:
    """A table-driven walker without a case for some operator would raise `UnhandledOperator`
    on the first formula that has it; the module-level tables are complete."""
    from lobkit.render import refutation
    from lobkit.sat import Cnf, CnfEncoder
    from lobkit.syntax import printers
    from lobkit.zoo import lwb_families as lwb

    operators = set(F._ARITY)
    tables = {
        "printers._STEPS": printers._STEPS,
        "printers.PRECEDENCE": printers.PRECEDENCE,
        "refutation._WHY": refutation._WHY,
        "lwb._NNF": lwb._NNF,
        "CnfEncoder cases": CnfEncoder(Cnf())._cases,
    }
    for name, table in tables.items():
        assert set(table) == operators, name
