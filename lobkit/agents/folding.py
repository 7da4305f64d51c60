"""Formulas.hs `simplify` of MIRI's program: constants folded bottom up, ¬¬φ to φ, □⊤ to ⊤,
◇⊥ to ⊥ — applied to every compiled formula, so lobkit's combat maps print as MIRI's do.
"""

from __future__ import annotations

from collections.abc import Callable

from lobkit import formula as F
from lobkit.formula import AND, BOX, DIA, IFF, IMP, NOT, OR, Formula

__all__ = ["simplify"]


def _output(formula: Formula, behaviour: Callable[[bool], bool]) -> Formula:
    """Formulas.hs mapFormulaOutput: a Boolean function of `formula` as a formula."""
    low, high = behaviour(False), behaviour(True)
    if low and high:
        return F.top
    if not low and not high:
        return F.bot
    return formula if high else F.neg(formula)


_BEHAVIOUR: dict[str, Callable[[bool, bool], bool]] = {
    AND: lambda a, b: a and b,
    OR: lambda a, b: a or b,
    IMP: lambda a, b: (not a) or b,
    IFF: lambda a, b: a == b,
}


def _constant(node: Formula) -> bool | None:
    return True if node is F.top else False if node is F.bot else None


def simplify(root: Formula) -> Formula:
    """Formulas.hs `simplify`, bottom up: constants folded, ¬¬φ to φ, □⊤ to ⊤, ◇⊥ to ⊥."""

    def connective(node: Formula, args: tuple[Formula, ...]) -> Formula:
        behaviour = _BEHAVIOUR[node.op]
        a, b = args
        ca, cb = _constant(a), _constant(b)
        if ca is not None and cb is not None:
            return F.top if behaviour(ca, cb) else F.bot
        if ca is not None:
            return _output(b, lambda x: behaviour(ca, x))
        if cb is not None:
            return _output(a, lambda x: behaviour(x, cb))
        return F.rebuild(node, args)

    def negation(node: Formula, args: tuple[Formula, ...]) -> Formula:
        (a,) = args
        if a is F.top or a is F.bot:
            return F.bot if a is F.top else F.top
        return a.args[0] if a.op == NOT else F.neg(a)

    def box(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return F.top if args[0] is F.top else F.rebuild(node, args)

    def diamond(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return F.bot if args[0] is F.bot else F.rebuild(node, args)

    cases = {AND: connective, OR: connective, IMP: connective, IFF: connective}
    cases.update({NOT: negation, BOX: box, DIA: diamond})
    return F.fold(root, cases, default=F.rebuild, name="simplify")
