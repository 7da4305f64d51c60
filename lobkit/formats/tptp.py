"""TPTP problems in the modal propositional fragment, as the TPTP non-classical extension
writes them (Steen, Fuenmayor, Gleißner, Sutcliffe, Benzmüller: "Automated reasoning in
non-classical logics in the TPTP world", 2022) and as QMLTP (Raths & Otten 2012) did before.

Read: `tff`/`thf`/`qmf`/… statements; `{$box} @ (φ)`, `{$dia} @ (φ)`, `{$necessary}`,
`{$possible}`, `[.]φ`, `<.>φ`, indexed `{$box(#a)}`/`[#a]` (the theory box `[A]`: lobkit's
theory names start upper-case), QMLTP's `#box: φ`, `#dia: φ`; connectives
`~ & | => <= <=> <~> ~| ~&`, `$true`, `$false`. Roles: the `conjecture` is the entry's
formula, axioms (hypotheses, lemmas, …) its global premises, `type` declarations are
skipped, and the logic line `$modal == [..., $modalities == $modal_system_GL]` gives the
document's logic (`GL`, `K4`, `K`, …).

A TPTP file is one problem: one conjecture. Writing declares each atom `$o` and the logic.

>>> doc = read("tff(l, logic, $modal == [$modalities == $modal_system_GL]).\\n"
...            "tff(c, conjecture, {$box} @ ({$box} @ (p) => p) => {$box} @ (p)).")
>>> doc.logic, str(doc.entries[0].formula)
('GL', '[]([]p -> p) -> []p')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Token

from lobkit import formula as F
from lobkit.errors import InputError
from lobkit.formats._grammar import parse_with
from lobkit.formats._printer import Spelling, render
from lobkit.formats.document import Document, Entry
from lobkit.formula import AND, IFF, IMP, OR, Formula, atoms_of
from lobkit.syntax.frontend import TokenError
from lobkit.syntax.lalr import FormulaBuilder

__all__ = ["read", "write", "write_formula"]

_WORDS = {
    "LANG": "a statement like 'tff('",
    "ROLE": "a role (axiom, conjecture, type, logic, …)",
    "BINOP": "a connective",
    "NOT": "'~'",
    "AND": "'&'",
    "OR": "'|'",
    "AT": "'@'",
    "MODAL_OP": "'$box' or '$dia'",
    "LOWER_WORD": "a name",
    "DOT": "'.'",
    "COMMA": "','",
    "DOLLAR_TRUE": "'$true'",
    "DOLLAR_FALSE": "'$false'",
    "SHORT_BOX": "'[.]'",
    "SHORT_DIA": "'<.>'",
    "QML_BOX": "'#box'",
    "QML_DIA": "'#dia'",
    "LBRACE": "'{'",
}
_START = ("start",)
_PREMISE_ROLES = {"axiom", "hypothesis", "definition", "assumption", "lemma", "theorem"}
_PREMISE_ROLES |= {"corollary"}
_SYSTEM = "$modal_system_"


@dataclass(frozen=True)
class _Statement:
    role: str
    name: str
    token: Token
    body: object


@dataclass(frozen=True)
class _Spec:
    key: str
    value: object


def _index(token: object) -> str:
    """A TPTP modality index `#a` as a lobkit theory name (which starts upper-case): `A`;
    a numeric index `#1` becomes `M1`. lobkit writes a theory `T` back as `#T`."""
    text = str(token)
    text = text[1:] if text.startswith("#") else text
    return text[0].upper() + text[1:] if text[0].isalpha() else f"M{text}"


class _Builder(FormulaBuilder):
    # formulas
    def paren(self, items: list[object]) -> Formula:
        assert isinstance(items[1], Formula)
        return items[1]

    def binary(self, items: list[object]) -> Formula:
        left, op, right = items
        assert isinstance(left, Formula) and isinstance(right, Formula)
        return {
            "=>": lambda: F.implies(left, right),
            "<=": lambda: F.implies(right, left),
            "<=>": lambda: F.iff(left, right),
            "<~>": lambda: F.neg(F.iff(left, right)),
            "~|": lambda: F.neg(F.disj(left, right)),
            "~&": lambda: F.neg(F.conj(left, right)),
        }[str(op)]()

    def and_chain(self, items: list[object]) -> Formula:
        assert isinstance(items[0], Formula) and isinstance(items[2], Formula)
        return F.conj(items[0], items[2])

    def or_chain(self, items: list[object]) -> Formula:
        assert isinstance(items[0], Formula) and isinstance(items[2], Formula)
        return F.disj(items[0], items[2])

    def modal(self, items: list[object]) -> tuple[bool, str | None]:
        op = str(items[1])
        theory = _index(items[3]) if len(items) > 3 else None
        return op in ("$box", "$necessary"), theory

    def modal_apply(self, items: list[object]) -> Formula:
        kind, body = items[0], items[2]
        assert isinstance(kind, tuple) and isinstance(body, Formula)
        is_box, theory = kind
        return (F.box if is_box else F.diamond)(body, theory=theory)

    def _short(self, items: list[object], make: object) -> Formula:
        inner = str(items[0])[1:-1]
        assert isinstance(items[1], Formula) and callable(make)
        result = make(items[1], theory=None if inner == "." else _index(inner))
        assert isinstance(result, Formula)
        return result

    def short_box(self, items: list[object]) -> Formula:
        return self._short(items, F.box)

    def short_dia(self, items: list[object]) -> Formula:
        return self._short(items, F.diamond)

    def qml_box(self, items: list[object]) -> Formula:
        assert isinstance(items[2], Formula)
        return F.box(items[2])

    def qml_dia(self, items: list[object]) -> Formula:
        assert isinstance(items[2], Formula)
        return F.diamond(items[2])

    # statements
    def typing(self, items: list[object]) -> str:
        return "type"

    def spec_word(self, items: list[Token]) -> str:
        return str(items[0])

    def spec_list(self, items: list[object]) -> list[object]:
        inner = items[1]
        assert isinstance(inner, list)
        return inner

    def spec_items(self, items: list[object]) -> list[object]:
        return [i for i in items if not (isinstance(i, Token) and i.type == "COMMA")]

    def spec_pair(self, items: list[object]) -> _Spec:
        return _Spec(str(items[0]), items[2])

    def spec(self, items: list[object]) -> _Spec:
        return _Spec(str(items[0]), items[2])

    def statement(self, items: list[object]) -> _Statement:
        lang, name, role, body = items[0], items[2], items[4], items[6]
        assert isinstance(lang, Token) and isinstance(role, Token)
        return _Statement(str(role), str(name), lang, body)

    def include(self, items: list[Token]) -> None:
        raise TokenError(items[0], "include(...) is not supported: inline the axioms")

    def start(self, items: list[object]) -> list[object]:
        return items


_BUILDER = _Builder()


def _system(name: str, statement: _Statement) -> str:
    """A TPTP modal system's name as lobkit spells the logic (TPTP's M is T, KD is D)."""
    from lobkit.errors import InputError
    from lobkit.kernel.logic import canonical_logic

    try:
        return canonical_logic({"M": "T"}.get(name, name))
    except InputError as error:
        raise TokenError(statement.token, str(error)) from None


def _logic(spec: _Spec, statement: _Statement) -> str:
    if spec.key != "$modal":
        raise TokenError(statement.token, f"only $modal logics are read, not {spec.key}")
    entries = spec.value if isinstance(spec.value, list) else [spec.value]
    for item in entries:
        if isinstance(item, _Spec) and item.key == "$modalities":
            value = item.value
            if isinstance(value, list):  # [$modal_system_K, #a == …]: the default system
                value = next((v for v in value if isinstance(v, str)), None)
            if isinstance(value, str) and value.startswith(_SYSTEM):
                return _system(value[len(_SYSTEM) :], statement)
            raise TokenError(statement.token, f"unknown $modalities value {value!r}")
    raise TokenError(statement.token, "the logic specification names no $modalities")


def _read(text: str, source: str) -> Document:
    result = parse_with("tptp.lark", _START, _BUILDER, text, source, "start", _WORDS, list)
    premises: list[Formula] = []
    goal: _Statement | None = None
    logic: str | None = None
    for statement in result:
        assert isinstance(statement, _Statement)
        role, body = statement.role, statement.body
        if role == "type" or body == "type":
            continue
        if role == "logic":
            if not isinstance(body, _Spec):
                raise TokenError(statement.token, "a logic statement is '$modal == [...]'")
            logic = _logic(body, statement)
        elif not isinstance(body, Formula):
            raise TokenError(statement.token, f"a {role} is a formula")
        elif role == "conjecture":
            if goal is not None:
                raise TokenError(statement.token, "a TPTP problem has one conjecture")
            goal = statement
        elif role in _PREMISE_ROLES:
            premises.append(body)
        else:
            raise TokenError(statement.token, f"the role {role} is not read by lobkit")
    if goal is None:
        raise InputError("the problem has no conjecture", source)
    assert isinstance(goal.body, Formula)
    entry = Entry(goal.body, goal.token.line or 1, goal.name, tuple(premises))
    return Document((entry,), logic)


def read(text: str, *, source: str = "<tptp>") -> Document:
    """A TPTP problem: its conjecture under its axioms, and its logic if specified."""
    from lobkit.syntax.frontend import error_at

    try:
        return _read(text, source)
    except TokenError as error:  # raised after parsing, from a statement's token
        raise error_at(error.token, error.message, text, source) from None


def _name(name: str) -> str:
    """A statement name: a TPTP lower word or integer as it is, anything else single-quoted
    (without quotes of its own: lobkit reads quoted names without escapes)."""
    if re.fullmatch(r"[a-z][A-Za-z0-9_]*|[0-9]+", name):
        return name
    return "'" + name.replace("'", "") + "'"


def _index_of(label: str | None) -> str:
    return "" if label is None else f"(#{label})"


SPELLING = Spelling(
    top="$true",
    bot="$false",
    neg="~ ",
    binary={AND: "&", OR: "|", IMP: "=>", IFF: "<=>"},
    box=lambda label: f"{{$box{_index_of(label)}}} @ ",
    dia=lambda label: f"{{$dia{_index_of(label)}}} @ ",
    atom=lambda name: name,
    wrap_unary=True,
)


def write_formula(formula: Formula) -> str:
    """`formula` in TPTP's non-classical syntax."""
    return render(formula, SPELLING)


def write(document: Document, *, logic: str | None = None) -> str:
    """One TPTP problem (`tff`): the logic line, atom types, axioms, the conjecture."""
    if len(document.entries) != 1:
        raise InputError(
            f"a TPTP file holds one problem, this document has {len(document.entries)} "
            "(write one file per entry, or use --to lwb / lobkit)"
        )
    (entry,) = document.entries
    system = logic or document.logic or "K"
    lines = [
        "% written by lobkit",
        f"tff(modal_logic, logic, $modal == [$constants == $rigid, $quantification == "
        f"$constant, $modalities == {_SYSTEM}{system}]).",
    ]
    names: set[str] = set()
    for f in (*entry.premises, entry.formula):
        names |= atoms_of(f)
    lines += [f"tff({n}_type, type, {n}: $o)." for n in sorted(names)]
    lines += [
        f"tff(axiom_{i}, axiom, {write_formula(p)})." for i, p in enumerate(entry.premises, 1)
    ]
    goal = write_formula(entry.formula)
    lines.append(f"tff({_name(entry.name or 'goal')}, conjecture, {goal}).")
    return "\n".join(lines) + "\n"
