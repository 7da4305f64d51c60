"""LWB, the Logics Workbench's syntax (Heuerding, Jäger, Schwendimann, Seyfried 1996): the
language of the LWB benchmark suite for K, KT and S4 (Balsiger, Heuerding, Schwendimann, J.
Automated Reasoning 24(3), 2000) that modal provers still exchange.

Formulas: `~`, `&`, `v` (or), `->`, `<->`, `box`, `dia`, `true`, `false`, atoms `p0`, `p1`, …
Benchmark files: `begin`, then numbered entries `1: formula`, `2: formula`, …, then `end`.
LWB has one box: a formula with theory-indexed boxes (`[PA]p`) cannot be written here, nor an
atom named like a keyword (`v`, `box`, …).

>>> f = read_formula("box (p0 -> p1) -> box p0 -> box p1")
>>> str(f)
'[](p0 -> p1) -> []p0 -> []p1'
>>> write_formula(f)
'box (p0 -> p1) -> (box p0 -> box p1)'
"""

from __future__ import annotations

from collections.abc import Callable

from lark import Token

from lobkit.errors import InputError
from lobkit.formats._grammar import parse_with
from lobkit.formats._printer import Spelling, render
from lobkit.formats.document import Document, Entry
from lobkit.formula import AND, IFF, IMP, OR, Formula
from lobkit.syntax.lalr import FormulaBuilder

__all__ = ["read_formula", "read", "write_formula", "write"]

_WORDS = {
    "NOT": "'~'",
    "AND": "'&'",
    "OR": "'v'",
    "BOX": "'box'",
    "DIA": "'dia'",
    "BEGIN": "'begin'",
    "END": "'end'",
    "NUMBER": "an entry number like '1:'",
    "COLON": "':'",
}
KEYWORDS = frozenset({"begin", "end", "true", "false", "box", "dia", "v"})
_START = ("formula", "file")


class _Builder(FormulaBuilder):
    def entry(self, items: list[object]) -> Entry:
        number = items[0]
        assert isinstance(number, Token) and isinstance(items[2], Formula)
        return Entry(items[2], number.line or 1, str(number))

    def file(self, items: list[object]) -> Document:
        return Document(tuple(i for i in items if isinstance(i, Entry)))


_BUILDER = _Builder()


def read_formula(text: str, *, source: str = "<lwb>") -> Formula:
    """One LWB formula."""
    return parse_with("lwb.lark", _START, _BUILDER, text, source, "formula", _WORDS, Formula)


def read(text: str, *, source: str = "<lwb>") -> Document:
    """An LWB benchmark file (`begin / 1: … / end`)."""
    return parse_with("lwb.lark", _START, _BUILDER, text, source, "file", _WORDS, Document)


def _atom(name: str) -> str:
    if name in KEYWORDS:
        raise InputError(f"the atom {name!r} is an LWB keyword and cannot be written in LWB")
    return name


def _only_plain(what: str) -> Callable[[str | None], str]:
    def spell(label: str | None) -> str:
        if label is not None:
            raise InputError(
                f"LWB has one box; [{label}] cannot be written in LWB (try --to intohylo or tptp)"
            )
        return what

    return spell


SPELLING = Spelling(
    top="true",
    bot="false",
    neg="~",
    binary={AND: "&", OR: "v", IMP: "->", IFF: "<->"},
    box=_only_plain("box "),
    dia=_only_plain("dia "),
    atom=_atom,
)


def write_formula(formula: Formula) -> str:
    """`formula` in LWB syntax."""
    return render(formula, SPELLING)


def write(document: Document) -> str:
    """An LWB benchmark file: entries numbered from 1 in order."""
    lines = ["begin"]
    lines += [f"{i}: {write_formula(e.formula)}" for i, e in enumerate(document.entries, 1)]
    if any(e.premises for e in document.entries):
        raise InputError("LWB files have no premises; write the entries as implications first")
    lines.append("end")
    return "\n".join(lines) + "\n"
