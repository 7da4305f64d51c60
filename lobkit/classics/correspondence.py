"""Correspondence theory for the class: the first-order frame condition a Sahlqvist formula
defines, by the Sahlqvist–van Benthem algorithm, and the known answers for Löb's, Grz's and
McKinsey's formulas, which define no first-order condition.

Algorithm (Sahlqvist 1975; van Benthem, *Modal Logic and Classical Logic*, 1983; as in Blackburn,
de Rijke & Venema, *Modal Logic*, 2001, §3.6): write the formula as A → B with B positive and A
a Sahlqvist antecedent (⊤, ⊥, boxed atoms □ᵏp and negative formulas under ∧, ∨, ◇); take the
standard translation, pull the antecedent's diamonds out as universal quantifiers and its
disjunctions out as conjunctions, move the negative parts to the consequent, and substitute for
each atom p its *minimal valuation* — the worlds the boxed atoms □ᵏp of the antecedent force to
satisfy p: λu. ⋁ Rᵏ(v, u). By Sahlqvist's theorem the result holds on exactly the frames on
which the formula is valid. `lobkit.classics.frame_check` tests that on every frame up to a few
worlds.

>>> str(correspond("[]p -> [][]p").condition)
'∀x ∀y (Rxy → (∀z (Ryz → Rxz)))'
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from lobkit.errors import InputError
from lobkit.formula import AND, ATOM, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula, atoms_of
from lobkit.syntax.parser import as_formula

__all__ = ["FO", "Correspondence", "correspond"]


@dataclass(frozen=True)
class FO:
    """A first-order formula over the frame's relation R and equality: `op` is one of R, eq,
    true, false, not, and, or, imp, all, ex; `args` are variables (R, eq, all/ex's first) or
    sub-formulas."""

    op: str
    args: tuple[object, ...] = ()

    def __str__(self) -> str:
        return _show(self, top=True)


TRUE, FALSE = FO("true"), FO("false")


def R(a: str, b: str) -> FO:
    return FO("R", (a, b))


def _and(items: list[FO]) -> FO:
    parts: list[FO] = []
    for f in items:
        for g in f.args if f.op == "and" else (f,):
            assert isinstance(g, FO)
            if g == FALSE:
                return FALSE
            if g != TRUE and g not in parts:
                parts.append(g)
    if not parts:
        return TRUE
    return parts[0] if len(parts) == 1 else FO("and", tuple(parts))


def _or(items: list[FO]) -> FO:
    parts: list[FO] = []
    for f in items:
        for g in f.args if f.op == "or" else (f,):
            assert isinstance(g, FO)
            if g == TRUE:
                return TRUE
            if g != FALSE and g not in parts:
                parts.append(g)
    if not parts:
        return FALSE
    return parts[0] if len(parts) == 1 else FO("or", tuple(parts))


def _imp(a: FO, b: FO) -> FO:
    if a == b or (a.op == "and" and b in a.args):
        return TRUE
    if a == TRUE or b == TRUE:
        return b
    if a == FALSE:
        return TRUE
    if b == FALSE:
        return _not(a)
    return FO("imp", (a, b))


def _not(a: FO) -> FO:
    if a == TRUE:
        return FALSE
    if a == FALSE:
        return TRUE
    if a.op == "not":
        inner = a.args[0]
        assert isinstance(inner, FO)
        return inner
    return FO("not", (a,))


def _subst(f: FO, var: str, term: str) -> FO:
    if f.op in ("R", "eq"):
        return FO(f.op, tuple(term if a == var else a for a in f.args))
    if f.op in ("all", "ex"):
        if f.args[0] == var:
            return f
        body = f.args[1]
        assert isinstance(body, FO)
        return FO(f.op, (f.args[0], _subst(body, var, term)))
    return FO(f.op, tuple(_subst(a, var, term) for a in f.args))  # type: ignore[arg-type]


def _quant(op: str, var: str, body: FO) -> FO:
    """∀var body / ∃var body, with one-point rules: ∃v (v = t ∧ φ) is φ[t/v], ∀v (v = t → φ)
    is φ[t/v]; a quantifier over a formula without `var` disappears."""
    if not _free(body, var):
        return body
    if op == "ex":
        conj = list(body.args) if body.op == "and" else [body]
        for c in conj:
            assert isinstance(c, FO)
            if c.op == "eq" and var in c.args and c.args[0] != c.args[1]:
                term = c.args[1] if c.args[0] == var else c.args[0]
                assert isinstance(term, str)
                return _and([_subst(d, var, term) for d in conj if d is not c])  # type: ignore[arg-type]
    if op == "all" and body.op == "imp":
        ante, cons = body.args
        assert isinstance(ante, FO) and isinstance(cons, FO)
        conj = list(ante.args) if ante.op == "and" else [ante]
        for c in conj:
            assert isinstance(c, FO)
            if c.op == "eq" and var in c.args and c.args[0] != c.args[1]:
                term = c.args[1] if c.args[0] == var else c.args[0]
                assert isinstance(term, str)
                rest = _and([_subst(d, var, term) for d in conj if d is not c])  # type: ignore[arg-type]
                return _imp(rest, _subst(cons, var, term))
    return FO(op, (var, body))


def _free(f: FO, var: str) -> bool:
    if f.op in ("R", "eq"):
        return var in f.args
    if f.op in ("all", "ex"):
        body = f.args[1]
        assert isinstance(body, FO)
        return f.args[0] != var and _free(body, var)
    return any(_free(a, var) for a in f.args)  # type: ignore[arg-type]


def _show(f: FO, top: bool = False) -> str:
    op, a = f.op, f.args
    if op == "R":
        return f"R{a[0]}{a[1]}"
    if op == "eq":
        return f"{a[0]} = {a[1]}"
    if op in ("true", "false"):
        return "⊤" if op == "true" else "⊥"
    if op == "not":
        return "¬" + _show(a[0])  # type: ignore[arg-type]
    if op in ("all", "ex"):
        q = "∀" if op == "all" else "∃"
        text = f"{q}{a[0]} {_show(a[1], top=True)}"  # type: ignore[arg-type]
        return text if top else f"({text})"
    sym = {"and": " ∧ ", "or": " ∨ ", "imp": " → "}[op]
    text = sym.join(_show(g) for g in a)  # type: ignore[arg-type]
    return f"({text})"


# -- the modal side -----------------------------------------------------------------------


def _nnf(f: Formula, positive: bool = True) -> Formula:
    """Negation normal form over ∧ ∨ □ ◇ with negated atoms (→ and ↔ expanded)."""
    op = f.op
    if op == ATOM:
        return f if positive else Formula(NOT, (f,))
    if op in (TOP, BOT):
        return f if positive else Formula(BOT if op == TOP else TOP)
    if op == NOT:
        return _nnf(f.args[0], not positive)
    if op == IMP:
        a, b = f.args
        return _nnf(Formula(OR, (Formula(NOT, (a,)), b)), positive)
    if op == IFF:
        a, b = f.args
        both = Formula(AND, (Formula(IMP, (a, b)), Formula(IMP, (b, a))))
        return _nnf(both, positive)
    if op in (AND, OR):
        new = op if positive else (OR if op == AND else AND)
        return Formula(new, tuple(_nnf(a, positive) for a in f.args))
    if op in (BOX, DIA):
        if f.label is not None:
            raise InputError("correspondence is for the plain box: indexed boxes [T] are not")
        new = op if positive else (DIA if op == BOX else BOX)
        return Formula(new, (_nnf(f.args[0], positive),))
    raise InputError(f"unknown operator {op!r}")  # pragma: no cover


def _polar(f: Formula) -> tuple[bool, bool]:
    """(has a positive atom, has a negative atom) of an NNF formula."""
    if f.op == ATOM:
        return True, False
    if f.op == NOT:
        return False, True
    pos = neg = False
    for a in f.args:
        p, n = _polar(a)
        pos, neg = pos or p, neg or n
    return pos, neg


def _boxed_atom(f: Formula) -> tuple[int, str] | None:
    k = 0
    while f.op == BOX:
        f, k = f.args[0], k + 1
    return (k, f.label) if f.op == ATOM and f.label is not None else None


@dataclass
class _Disjunct:
    """One disjunct of the antecedent after pulling out ◇ and ∨: ∀vars (rels ∧ boxed ∧ neg)."""

    variables: list[str]
    relations: list[FO]
    boxed: list[tuple[str, int, str]]
    negative: list[tuple[str, Formula]]


class _Names:
    def __init__(self) -> None:
        self.pool = iter(itertools.chain("xyzuvw", (f"x{i}" for i in itertools.count(1))))

    def fresh(self) -> str:
        return next(self.pool)


def _antecedent(f: Formula, x: str, names: _Names, where: str) -> list[_Disjunct]:
    pos, neg = _polar(f)
    if f.op == TOP or not pos:  # ⊤ and negative formulas (⊥ is negative too: no disjunct)
        if f.op == BOT:
            return []
        return [_Disjunct([], [], [], [] if f.op == TOP else [(x, f)])]
    boxed = _boxed_atom(f)
    if boxed is not None:
        return [_Disjunct([], [], [(x, boxed[0], boxed[1])], [])]
    if f.op == OR:
        return _antecedent(f.args[0], x, names, where) + _antecedent(f.args[1], x, names, where)
    if f.op == AND:
        out = []
        for a in _antecedent(f.args[0], x, names, where):
            for b in _antecedent(f.args[1], x, names, where):
                out.append(
                    _Disjunct(
                        a.variables + b.variables,
                        a.relations + b.relations,
                        a.boxed + b.boxed,
                        a.negative + b.negative,
                    )
                )
        return out
    if f.op == DIA:
        y = names.fresh()
        out = []
        for d in _antecedent(f.args[0], y, names, where):
            out.append(_Disjunct([y, *d.variables], [R(x, y), *d.relations], d.boxed, d.negative))
        return out
    raise InputError(
        f"not a Sahlqvist formula: the antecedent's part {where} is not built from boxed atoms, "
        "negative formulas, ⊤, ⊥ with ∧, ∨, ◇ (the algorithm needs that shape)"
    )


def _path(v: str, k: int, u: str, names: _Names) -> FO:
    """Rᵏ(v, u): v = u for k = 0, else a path of k steps."""
    if k == 0:
        return FO("eq", (v, u))
    steps = [v] + [names.fresh() for _ in range(k - 1)] + [u]
    body = _and([R(a, b) for a, b in itertools.pairwise(steps)])
    for z in reversed(steps[1:-1]):
        body = _quant("ex", z, body)
    return body


def _translate(
    f: Formula, x: str, valuation: dict[str, list[tuple[str, int]]], names: _Names
) -> FO:
    """The standard translation of an NNF formula at x, atoms replaced by their minimal
    valuation (a negated atom by its negation)."""
    op = f.op
    if op == TOP:
        return TRUE
    if op == BOT:
        return FALSE
    if op == ATOM:
        assert f.label is not None
        return _or([_path(v, k, x, names) for v, k in valuation.get(f.label, [])])
    if op == NOT:
        return _not(_translate(f.args[0], x, valuation, names))
    if op in (AND, OR):
        parts = [_translate(a, x, valuation, names) for a in f.args]
        return _and(parts) if op == AND else _or(parts)
    y = names.fresh()
    body = _translate(f.args[0], y, valuation, names)
    if op == BOX:
        return _quant("all", y, _imp(R(x, y), body))
    return _quant("ex", y, _and([R(x, y), body]))


@dataclass(frozen=True)
class Correspondence:
    """The frame condition of `formula`: `condition` (first-order, by the algorithm) or, for
    formulas the algorithm does not cover, `known` (the literature's answer in words) and
    `first_order` False; `citation` says where it comes from."""

    formula: Formula
    condition: FO | None
    first_order: bool
    known: str
    citation: str
    checks: tuple[str, ...] = ()  # frames.py conditions the known answer reads as (finite frames)


SAHLQVIST_CITATION = (
    "Sahlqvist–van Benthem algorithm (Sahlqvist 1975; van Benthem 1983; Blackburn, de Rijke & "
    "Venema 2001, §3.6)"
)

_KNOWN = {
    "[]([]p -> p) -> []p": (
        "transitive and conversely well-founded (no infinite chain x0 R x1 R x2 …); not "
        "first-order definable (by compactness: Boolos, The Logic of Provability, 1993, ch. 4; "
        "van Benthem 1983)",
        ("transitive", "irreflexive", "acyclic"),
    ),
    "[]([](p -> []p) -> p) -> p": (
        "reflexive, transitive, and no infinite chain x0 R x1 R … of distinct worlds; not "
        "first-order definable (Blackburn, de Rijke & Venema 2001, §3.8; Boolos 1993, ch. 12)",
        ("reflexive", "transitive", "antisymmetric"),
    ),
    "[]<>p -> <>[]p": (
        "no first-order condition: McKinsey's formula is not Sahlqvist and not first-order "
        "definable (van Benthem 1975; Goldblatt 1975)",
        (),
    ),
}


def _canonical_one_atom(f: Formula) -> str | None:
    """The formula's text with its one atom renamed p (to look it up in `_KNOWN`)."""
    from lobkit.formula import atom, substitute

    names = atoms_of(f)
    if len(names) != 1:
        return None
    return str(substitute(f, {next(iter(names)): atom("p")}))


def correspond(formula: Formula | str) -> Correspondence:
    """The frame condition `formula` defines (see the module doc); `InputError` for a formula
    neither Sahlqvist nor one of the known non-first-order ones."""
    f = as_formula(formula)
    key = _canonical_one_atom(f)
    if key is not None:
        from lobkit.syntax import parse

        for text, (known, checks) in _KNOWN.items():
            if str(parse(text)) == key:
                return Correspondence(f, None, False, known, "the literature (see `known`)", checks)
    ante, cons = (f.args[0], f.args[1]) if f.op == IMP else (Formula(TOP), f)
    ante, cons = _nnf(ante), _nnf(cons)
    if _polar(cons)[1]:
        raise InputError(
            "not a Sahlqvist formula: the consequent must be positive (no atom under an odd "
            "number of negations)"
        )
    names = _Names()
    x = names.fresh()
    conjuncts = []
    for d in _antecedent(ante, x, names, f"{ante}"):
        valuation: dict[str, list[tuple[str, int]]] = {}
        for v, k, p in d.boxed:
            valuation.setdefault(p, []).append((v, k))
        parts = [_translate(cons, x, valuation, names)]
        for v, n in d.negative:
            parts.append(_not(_translate(n, v, valuation, names)))
        body = _imp(_and(d.relations), _or(parts))
        for y in reversed(d.variables):
            body = _quant("all", y, body)
        conjuncts.append(body)
    condition = _quant("all", x, _and(conjuncts))
    return Correspondence(f, condition, True, str(condition), SAHLQVIST_CITATION)
