"""Truth of a theory file's formulas on a valuation, with `[S]φ` read as "S proves φ".

In the arithmetic reading of a .lob file (docs/tiling.md) an atom is a sentence whose truth
value a valuation gives, and `[S]φ` is the Σ1 sentence "S proves φ": true in ℕ exactly when S
proves φ. So a formula's truth value at a valuation is a propositional evaluation whose
outermost boxes are *provability facts*, decided elsewhere (by the tiling checker, with
certificates, in `lobkit.tiling.soundness`); atoms under a box are not evaluated — they are
part of the sentence the fact is about. Diamonds are read as `~[S]~φ`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from lobkit.errors import InputError
from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    MODAL,
    NOT,
    OR,
    TOP,
    Formula,
    Visit,
    atom,
    box,
    fold,
    neg,
    outer_nodes,
)

__all__ = ["Given", "evaluate", "box_facts", "free_atoms", "literals"]

Given = tuple[tuple[str, bool], ...]
"""Literals as (atom, value) pairs, in order: `~pressed, a` is (("pressed", False), ("a", True))."""


def evaluate(
    formula: Formula, valuation: Mapping[str, bool], fact: Callable[[Formula], bool]
) -> bool:
    """Truth of `formula` at `valuation`, each outermost `[S]φ` by `fact([S]φ)` (◇ as ¬□¬).

    >>> from lobkit.syntax import parse
    >>> evaluate(parse("[S]p -> p"), {"p": False}, lambda b: True)
    False
    """

    def atom_value(node: Formula, _: tuple[bool, ...]) -> bool:
        if node.name not in valuation:
            raise InputError(f"no value for the atom {node.name}")
        return valuation[node.name]

    cases: dict[str, Visit[bool]] = {
        **_CONNECTIVES,
        ATOM: atom_value,
        BOX: lambda node, _: fact(node),
        DIA: lambda node, _: not fact(box(neg(node.args[0]), theory=node.label)),
    }
    # Boxes and diamonds are leaves: what is under them is the sentence a fact is about.
    return fold(formula, cases, name="evaluate", enter=lambda n: n.op not in MODAL)


# The truth tables of the propositional operators, on the truth values of the arguments.
_CONNECTIVES: dict[str, Visit[bool]] = {
    TOP: lambda _, a: True,
    BOT: lambda _, a: False,
    NOT: lambda _, a: not a[0],
    AND: lambda _, a: a[0] and a[1],
    OR: lambda _, a: a[0] or a[1],
    IMP: lambda _, a: (not a[0]) or a[1],
    IFF: lambda _, a: a[0] == a[1],
}


def box_facts(formula: Formula) -> tuple[Formula, ...]:
    """The provability facts `formula`'s truth value depends on: its outermost boxes (a
    diamond `<S>φ` as the box `[S]~φ`), each once, left to right."""
    out: list[Formula] = []
    for node in outer_nodes(formula):
        if node.op == BOX:
            out.append(node)
        elif node.op == DIA:
            out.append(box(neg(node.args[0]), theory=node.label))
    return tuple(dict.fromkeys(out))


def free_atoms(formula: Formula, given: Mapping[str, bool]) -> list[str]:
    """The atoms of `formula` outside boxes that `given` leaves open, sorted."""
    names = {n.name for n in outer_nodes(formula) if n.op == ATOM}
    return sorted(names - set(given))


def literals(given: Mapping[str, bool] | Iterable[tuple[str, bool] | str]) -> Given:
    """Normalise `given`: a mapping atom → value, (atom, value) pairs, or literals "p", "~p".

    >>> literals(["~pressed", "a"]), literals({"p": True})
    ((('pressed', False), ('a', True)), (('p', True),))
    """
    items = given.items() if isinstance(given, Mapping) else given
    out: dict[str, bool] = {}
    for item in items:
        if isinstance(item, str):
            text = item.strip()
            name, value = (text[1:].strip(), False) if text.startswith("~") else (text, True)
        else:
            name, value = item
        if not isinstance(value, bool):
            raise InputError(f"the value given for {name!r} must be True or False")
        try:
            atom(name)
        except (ValueError, TypeError):
            raise InputError(f"not an atom name: {name!r}") from None
        if name in out and out[name] != value:
            raise InputError(f"atom {name} is given both true and false")
        out[name] = value
    return tuple(out.items())
