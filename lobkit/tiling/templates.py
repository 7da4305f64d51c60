"""The formula half of the .lob Transformer: formulas built with the places of their names.

Formulas carry no positions, yet an error about a theory boxed in an axiom (`[Foo]p`, Foo
unknown) must point at the box. So, while the LALR parser reduces a formula, each node is a
`Placed`: the formula so far and the `NameUse`s in it (every theory box or diamond, every
indexed atom), each located at its token. At the statement, `template` turns it into the
`Template` of `lobkit.tiling.parsed`. Indexed names (`[T[k-1]]`, `wait[k]`) are placeholder
nodes labelled as written, which `lobkit.tiling.families.instantiate` later replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextvars import ContextVar
from dataclasses import dataclass

from lark import Token

from lobkit.formula import ATOM, Formula
from lobkit.syntax.frontend import TokenError
from lobkit.syntax.lalr import FormulaBuilder
from lobkit.tiling import parsed as P
from lobkit.tiling.theory_file import Location

__all__ = ["SOURCE", "located", "token", "Placed", "template", "placeholder", "TemplateBuilder"]

SOURCE: ContextVar[str] = ContextVar("lob_source", default="<input>")
"""The display name of the file being parsed, for the Locations the Transformer builds (the
Transformer is built into the cached parser once, so the name cannot be a constructor
argument; a context variable keeps concurrent parses apart)."""


def located(item: Token) -> Location:
    """Where `item` was written, in the file being parsed."""
    return Location(SOURCE.get(), item.line or 1, item.column or 1)


def token(item: object) -> Token:
    assert isinstance(item, Token), item
    return item


def keyword_message(item: Token) -> str:
    return f"'{item}' is a keyword; expected a formula here"


# A tree of NameUses: a use, or a tuple of trees; flattened once per statement (a formula
# `[T]` × 10,000 deep must not copy a growing list at every level).
Uses = P.NameUse | tuple["Uses", ...]


@dataclass(frozen=True)
class Placed:
    """A formula being built and the names it uses so far."""

    formula: Formula
    uses: Uses = ()


def _flatten(uses: Uses) -> tuple[P.NameUse, ...]:
    out: list[P.NameUse] = []
    stack: list[Uses] = [uses]
    while stack:
        item = stack.pop()
        if isinstance(item, P.NameUse):
            out.append(item)
        else:
            stack.extend(reversed(item))
    return tuple(out)


def template(item: object) -> P.Template:
    """The finished formula of a statement, with its names in the order they were written."""
    assert isinstance(item, Placed), item
    return P.Template(item.formula, _flatten(item.uses))


def placeholder(op: str, ref: P.Ref, body: Placed | None = None) -> Placed:
    """An indexed atom (`op == ATOM`) or an indexed box or diamond over `body`, labelled
    `wait[k]` or `T[k-1]`: labels the constructors refuse, so no resolved name can collide
    with them (`families.instantiate` replaces them before the `Spec` is built)."""
    kind = "atom" if op == ATOM else "theory"
    use = P.NameUse(kind, ref)
    if body is None:
        return Placed(Formula(op, (), ref.label), use)
    node = Formula(op, (body.formula,), ref.label)
    return Placed(node, (use, body.uses) if body.uses else use)


def _carry(build: Callable[..., Formula], name: str) -> Callable[..., Placed]:
    """The builder method `build` (rule `name`) on `Placed` arguments: build the node, join
    the uses (and add the box's or diamond's theory, located at its token)."""

    def method(self: TemplateBuilder, items: list[object]) -> Placed:
        plain = [i.formula if isinstance(i, Placed) else i for i in items]
        uses: list[Uses] = [i.uses for i in items if isinstance(i, Placed) and i.uses]
        formula = build(self, plain)
        if name in ("theory_box", "theory_diamond"):
            assert formula.label is not None
            ref = P.Ref(formula.label, None, located(token(items[0])))
            uses.insert(0, P.NameUse("theory", ref))
        return Placed(formula, uses[0] if len(uses) == 1 else tuple(uses))

    method.__name__ = name
    method.__doc__ = f"`FormulaBuilder.{name}`, carrying the names' places."
    return method


class TemplateBuilder(FormulaBuilder):
    """The formula builder for theory files: every node comes with the names it uses, and
    `keywords` are refused as atoms (a forgotten operand would otherwise swallow the next
    statement's keyword silently)."""

    def __init__(self, keywords: Collection[str]) -> None:
        super().__init__()
        self.keywords = frozenset(keywords)

    def atom(self, items: list[Token]) -> Formula:
        if str(items[0]) in self.keywords:
            raise TokenError(items[0], keyword_message(items[0]))
        return super().atom(items)


for _name in "atom top bot neg box diamond theory_box theory_diamond".split() + [
    "conj",
    "disj",
    "implies",
    "iff",
    "primary",
]:
    setattr(TemplateBuilder, _name, _carry(getattr(TemplateBuilder, _name), _name))
