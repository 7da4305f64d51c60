"""Short, readable forms of modal formulas: sympy's Boolean simplification, box by box.

A modal formula is a Boolean combination of atoms and *modal atoms* (its outermost □X and ◇X).
`simplify` treats each modal atom as a propositional variable, asks
`sympy.logic.boolalg.simplify_logic` for a shortest CNF/DNF, and does the same inside every box
first (bottom-up), so the simplification reaches every modal depth. Two GL facts are applied on
the way: □⊤ ↔ ⊤ (necessitation) and ◇⊥ ↔ ⊥. Both steps are sound in GL (propositional
equivalence is preserved under substitution and GL is closed under replacement of equivalents),
but sympy rewrites freely, so by default the result is accepted only if the prover confirms
GL ⊢ original ↔ simplified; otherwise the original is returned.

Output is made readable: a disjunction with negated and positive members is printed as an
implication (``~[]q | q`` becomes ``[]q -> q``), and members keep the order in which they first
occur in the input; ¬□¬X is written ◇X.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    bot,
    conj,
    conjunction,
    disj,
    disjunction,
    fold,
    iff,
    implies,
    neg,
    postorder,
    rebuild,
    top,
)
from lobkit.limits import Budget
from lobkit.prover import is_valid

__all__ = ["simplify", "boolean_simplify"]

# simplify_logic is exponential in the number of variables; beyond this it is skipped.
MAX_VARIABLES = 8
# Boolean skeletons larger than this are left as they are (sympy would be slow).
MAX_SKELETON = 400

_BOOLEAN_OPS = (NOT, AND, OR, IMP, IFF, TOP, BOT)


def _in_skeleton(node: Formula) -> bool:
    """Whether a walk of the Boolean skeleton enters `node` (modal atoms are its leaves)."""
    return node.op in _BOOLEAN_OPS


def _skeleton_postorder(root: Formula) -> list[Formula]:
    """Distinct nodes of the Boolean skeleton (modal atoms and atoms are leaves), children
    first."""
    return list(postorder(root, enter=_in_skeleton))


def boolean_simplify(formula: Formula) -> Formula:
    """Simplify the Boolean skeleton of `formula` (modal atoms untouched), without checking.

    Sound for every normal modal logic: the result is propositionally equivalent when the
    modal atoms are read as variables.
    """
    import sympy
    from sympy.logic.boolalg import BooleanFalse, BooleanTrue, simplify_logic

    order = _skeleton_postorder(formula)
    if len(order) > MAX_SKELETON:
        return formula
    leaves: dict[Formula, Any] = {}
    back: dict[Any, Formula] = {}
    rank: dict[Any, int] = {}

    def variable(node: Formula, args: tuple[Any, ...]) -> Any:
        """An atom or a modal formula: a variable of the skeleton, numbered in order."""
        symbol = sympy.Symbol(f"x{len(leaves)}")
        rank[symbol] = len(leaves)
        leaves[node] = symbol
        back[symbol] = node
        return symbol

    cases: dict[str, Callable[[Formula, tuple[Any, ...]], Any]] = {
        TOP: lambda node, a: sympy.true,
        BOT: lambda node, a: sympy.false,
        NOT: lambda node, a: sympy.Not(a[0]),
        AND: lambda node, a: sympy.And(a[0], a[1]),
        OR: lambda node, a: sympy.Or(a[0], a[1]),
        IMP: lambda node, a: sympy.Implies(a[0], a[1]),
        IFF: lambda node, a: sympy.Equivalent(a[0], a[1]),
        ATOM: variable,
        BOX: variable,
        DIA: variable,
    }
    expr = fold(formula, cases, enter=_in_skeleton, name="the Boolean skeleton")
    if len(leaves) > MAX_VARIABLES:
        return formula
    simplified = simplify_logic(expr)
    if isinstance(simplified, BooleanTrue):
        return top
    if isinstance(simplified, BooleanFalse):
        return bot
    return _from_sympy(simplified, back, rank)


def _from_sympy(root: Any, back: dict[Any, Formula], rank: dict[Any, int]) -> Formula:
    """sympy expression → Formula, readable: ordered members, disjunctions as implications."""
    import sympy
    from sympy.logic.boolalg import BooleanFalse, BooleanTrue

    def first(e: Any) -> int:
        return min((rank[s] for s in e.free_symbols), default=-1)

    done: dict[Any, Formula] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        e, expanded = stack.pop()
        if e in done:
            continue
        if not expanded and e.args and not isinstance(e, sympy.Symbol):
            stack.append((e, True))
            stack.extend((a, False) for a in e.args if a not in done)
            continue
        if isinstance(e, sympy.Symbol):
            done[e] = back[e]
        elif isinstance(e, BooleanTrue):
            done[e] = top
        elif isinstance(e, BooleanFalse):
            done[e] = bot
        else:
            args = sorted(e.args, key=lambda a: (first(a), sympy.default_sort_key(a)))
            parts = [done[a] for a in args]
            if isinstance(e, sympy.Not):
                done[e] = neg(parts[0])
            elif isinstance(e, sympy.And):
                done[e] = conjunction(parts)
            elif isinstance(e, sympy.Or):
                done[e] = _readable_or(parts)
            elif isinstance(e, sympy.Implies):
                done[e] = implies(done[e.args[0]], done[e.args[1]])
            elif isinstance(e, sympy.Equivalent) and len(parts) == 2:
                done[e] = iff(parts[0], parts[1])
            else:  # Xor, ITE, n-ary Equivalent: never produced by simplify_logic's CNF/DNF.
                raise TypeError(f"unexpected sympy node {type(e).__name__}")
    return done[root]


def _readable_or(parts: list[Formula]) -> Formula:
    """¬a ∨ ¬b ∨ c ∨ d  as  a ∧ b → c ∨ d;  ¬a ∨ ¬b  as  ¬(a ∧ b)."""
    negative = [p.args[0] for p in parts if p.op == NOT]
    positive = [p for p in parts if p.op != NOT]
    if negative and positive:
        return implies(conjunction(negative), disjunction(positive))
    if len(negative) > 1:
        return neg(conjunction(negative))
    return disjunction(parts)


def _rewrite(formula: Formula) -> Formula:
    """Simplify inside each box, apply □⊤ ↔ ⊤ and ◇⊥ ↔ ⊥, then the root; ¬□¬X as ◇X."""

    def inside(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return _smaller(args[0], boolean_simplify(args[0]))

    def necessity(node: Formula, args: tuple[Formula, ...]) -> Formula:
        inner = inside(node, args)  # □⊤ ↔ ⊤ (necessitation)
        return top if inner is top else Formula(BOX, (inner,), node.label)

    def possibility(node: Formula, args: tuple[Formula, ...]) -> Formula:
        inner = inside(node, args)  # ◇⊥ ↔ ⊥
        return bot if inner is bot else Formula(DIA, (inner,), node.label)

    cases = {op: _constants for op in _CONSTANTS} | {BOX: necessity, DIA: possibility}
    rebuilt = fold(formula, cases, default=rebuild, name="simplify")
    return _diamonds(_smaller(rebuilt, boolean_simplify(rebuilt)))


def _smaller(original: Formula, candidate: Formula) -> Formula:
    """sympy's CNF/DNF can be longer than what it started from: keep the shorter."""
    return candidate if candidate.size <= original.size else original


def _constants(node: Formula, args: tuple[Formula, ...]) -> Formula:
    """Rebuild a connective, dropping ⊤ and ⊥ arguments (cheap, whatever the formula's size)."""
    return _CONSTANTS[node.op](*args)


def _not(a: Formula) -> Formula:
    return bot if a is top else top if a is bot else a.args[0] if a.op == NOT else neg(a)


def _and(a: Formula, b: Formula) -> Formula:
    return bot if bot in (a, b) else b if a is top else a if b is top else conj(a, b)


def _or(a: Formula, b: Formula) -> Formula:
    return top if top in (a, b) else b if a is bot else a if b is bot else disj(a, b)


def _imp(a: Formula, b: Formula) -> Formula:
    if a is bot or b is top:
        return top
    return b if a is top else _not(a) if b is bot else implies(a, b)


def _iff(a: Formula, b: Formula) -> Formula:
    if a is top or b is top:
        return b if a is top else a
    if a is bot or b is bot:
        return _not(b if a is bot else a)
    return iff(a, b)


_CONSTANTS: dict[str, Callable[..., Formula]] = {
    NOT: _not,
    AND: _and,
    OR: _or,
    IMP: _imp,
    IFF: _iff,
}


def _diamonds(formula: Formula) -> Formula:
    """¬□¬X as ◇X (the definition of ◇, so GL-equivalent), for readability."""

    def negation(node: Formula, args: tuple[Formula, ...]) -> Formula:
        if args[0].op == BOX and args[0].args[0].op == NOT:
            return Formula(DIA, (args[0].args[0].args[0],), args[0].label)
        return rebuild(node, args)

    return fold(formula, {NOT: negation}, default=rebuild, name="diamonds")


def simplify(
    formula: Formula,
    *,
    verify: bool = True,
    timeout: float | None = None,
    budget: Budget | None = None,
) -> Formula:
    """A shorter GL-equivalent form of `formula` (or `formula` itself if nothing is shorter).

    With `verify` (the default) the prover must confirm GL ⊢ formula ↔ result; a candidate it
    does not confirm is discarded. `verify=False` is for intermediate steps whose final result
    is checked anyway.
    """
    candidate = _rewrite(formula)
    if candidate is formula or candidate.size > formula.size:
        return formula
    if verify:
        budget = budget or Budget(timeout)
        if not is_valid(iff(formula, candidate), budget=budget):
            return formula
    return candidate
