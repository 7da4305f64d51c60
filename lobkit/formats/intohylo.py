"""InToHyLo, the input format of the hybrid-logic provers HTab, HyLoRes and Spartacus (Areces
et al.) in which modal SAT benchmarks are distributed: `begin f1 ; f2 ; … end`, with indexed
relations `[r1] p`, `<r2> q` (negation `-`, `~` or `!`; `&`, `|`, `->`, `<->`).

Relations map to lobkit's boxes: `r1` is the plain box `[]`, any other relation `rk` is the
theory box `[RK]` (the name upper-cased), and back. The hybrid parts of the language
(nominals, `@`, binders) are not modal formulas and are not read. Each `;`-separated item is
one entry (the benchmark's problem is their conjunction).

>>> f = read_formula("[r1] p1 -> <r2> p2")
>>> str(f), write_formula(f)
('[]p1 -> <R2>p2', '[r1]p1 -> <r2>p2')
"""

from __future__ import annotations

from dataclasses import dataclass

from lark import Token

from lobkit import formula as F
from lobkit.errors import InputError
from lobkit.formats._grammar import parse_with
from lobkit.formats._printer import Spelling, render
from lobkit.formats.document import Document, Entry
from lobkit.formula import AND, IFF, IMP, OR, Formula
from lobkit.syntax.frontend import TokenError
from lobkit.syntax.lalr import FormulaBuilder

__all__ = ["read_formula", "read", "write_formula", "write"]

_WORDS = {
    "NOT": "'-'",
    "BOX": "'[]'",
    "DIA": "'<>'",
    "REL_BOX": "a box like '[r1]'",
    "REL_DIA": "a diamond like '<r1>'",
    "BEGIN": "'begin'",
    "END": "'end'",
    "SEMI": "';'",
}
_START = ("formula", "file")
PLAIN = "r1"  # the relation read as lobkit's plain box


@dataclass(frozen=True)
class _Item:
    formula: Formula
    position: int  # where the item starts in the text (for its line)


def _theory(token: Token) -> str | None:
    relation = str(token)[1:-1]
    if relation == PLAIN:
        return None
    if not relation[0].isalpha():  # HTab's bare [1]: relation 1 is r1
        return None if relation == "1" else f"R{relation}"
    return relation.upper()


class _Builder(FormulaBuilder):
    def atom(self, items: list[Token]) -> Formula:
        name = str(items[0])
        if not name[0].islower():
            raise TokenError(items[0], f"lobkit atoms start lowercase: {name!r}")
        return F.atom(name)

    def rel_box(self, items: list[object]) -> Formula:
        assert isinstance(items[0], Token) and isinstance(items[1], Formula)
        return F.box(items[1], theory=_theory(items[0]))

    def rel_diamond(self, items: list[object]) -> Formula:
        assert isinstance(items[0], Token) and isinstance(items[1], Formula)
        return F.diamond(items[1], theory=_theory(items[0]))

    def item(self, items: list[object]) -> Formula:
        assert isinstance(items[0], Formula)
        return items[0]

    def file(self, items: list[object]) -> list[tuple[Formula, int]]:
        found: list[tuple[Formula, int]] = []
        after = 0
        for item in items:
            if isinstance(item, Token):
                after = item.end_pos or 0
            else:
                assert isinstance(item, Formula)
                found.append((item, after))
        return found


_BUILDER = _Builder()


def read_formula(text: str, *, source: str = "<intohylo>") -> Formula:
    """One InToHyLo formula (no `begin`/`end`)."""
    return parse_with("intohylo.lark", _START, _BUILDER, text, source, "formula", _WORDS, Formula)


def read(text: str, *, source: str = "<intohylo>") -> Document:
    """An InToHyLo file: one entry per `;`-separated formula."""
    result = parse_with("intohylo.lark", _START, _BUILDER, text, source, "file", _WORDS, list)
    entries = []
    for number, (formula, after) in enumerate(result, 1):
        start = len(text) - len(text[after:].lstrip())
        entries.append(Entry(formula, text.count("\n", 0, start) + 1, str(number)))
    return Document(tuple(entries))


def _relation(label: str | None) -> str:
    if label is None:
        return PLAIN
    relation = label.lower()
    if relation == PLAIN or relation.upper() != label or not relation.isidentifier():
        raise InputError(
            f"the theory {label!r} has no InToHyLo relation name "
            "(relations are r1 for [], and upper-case theories like R2 or PA for [r2], [pa])"
        )
    return relation


SPELLING = Spelling(
    top="true",
    bot="false",
    neg="~",
    binary={AND: "&", OR: "|", IMP: "->", IFF: "<->"},
    box=lambda label: f"[{_relation(label)}]",
    dia=lambda label: f"<{_relation(label)}>",
    atom=lambda name: name,
)


def write_formula(formula: Formula) -> str:
    """`formula` in InToHyLo syntax."""
    return render(formula, SPELLING)


def write(document: Document) -> str:
    """An InToHyLo file: `begin`, the entries separated by `;`, `end`."""
    if any(e.premises for e in document.entries):
        raise InputError("InToHyLo files have no premises; write the entries as implications")
    body = " ;\n".join(write_formula(e.formula) for e in document.entries)
    return f"begin\n{body}\nend\n"
