"""Modal formulas as small immutable, hash-consed values.

Two structurally equal formulas are the same object (the constructor interns nodes), so equality
and hashing are O(1) and independent of depth. Every walk here uses an explicit stack, so a
formula nested 10,000 deep is as usable as a shallow one. Constructors keep the user's formula
as written: `p & p` stays `p & p`; simplification is a separate, explicit step.

Long module: the type, its constructors and its walkers are one idea — the formula value and
what every consumer needs to build and traverse it without recursion — and every module of
lobkit imports from here; splitting off the walkers would only add an import to each of them.

>>> p, q = atoms("p q")
>>> str(box(p >> q) >> (box(p) >> box(q)))
'[](p -> q) -> []p -> []q'
>>> box(p, 3) is box(box(box(p)))
True
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from lobkit import display

__all__ = [
    "ATOM",
    "TOP",
    "BOT",
    "NOT",
    "AND",
    "OR",
    "IMP",
    "IFF",
    "BOX",
    "DIA",
    "Formula",
    "Displayable",
    "atom",
    "atoms",
    "top",
    "bot",
    "neg",
    "conj",
    "disj",
    "implies",
    "iff",
    "box",
    "diamond",
    "dotbox",
    "conjunction",
    "disjunction",
    "postorder",
    "fold",
    "Visit",
    "rebuild",
    "UnhandledOperator",
    "subformulas",
    "atoms_of",
    "theories_of",
    "substitute",
    "is_modalized_in",
    "outer_nodes",
    "without_diamonds",
]

# Operator tags. Strings keep nodes cheap to build and easy to read in a debugger.
ATOM, TOP, BOT, NOT, AND, OR, IMP, IFF, BOX, DIA = (
    "atom",
    "top",
    "bot",
    "not",
    "and",
    "or",
    "imp",
    "iff",
    "box",
    "dia",
)
_ARITY = {ATOM: 0, TOP: 0, BOT: 0, NOT: 1, BOX: 1, DIA: 1, AND: 2, OR: 2, IMP: 2, IFF: 2}
MODAL = (BOX, DIA)
BINARY = (AND, OR, IMP, IFF)

_table: weakref.WeakValueDictionary[tuple[Any, ...], Formula] = weakref.WeakValueDictionary()


def _text(shown: object) -> str | None:
    return None if shown is None else str(shown)


class Displayable:
    """The display hooks of every lobkit value (formulas, proofs, countermodels, results): each
    asks `lobkit.display` for the renderer registered for the value's type, so a value type
    imports no renderer. `__str__` falls back to `repr` when no text renderer is registered;
    the Jupyter hooks return None (no such display) when the format has none."""

    __slots__ = ()

    def render_as(self, fmt: str, **options: Any) -> Any:
        """This value in `fmt` (one of `lobkit.display.FORMATS`) by its registered renderer,
        or None when it has none."""
        return display.show(self, fmt, **options)

    def __str__(self) -> str:
        text = display.show(self, "text")
        return repr(self) if text is None else str(text)

    def _repr_html_(self) -> str | None:
        return _text(display.show(self, "html"))

    def _repr_latex_(self) -> str | None:
        return _text(display.show(self, "latex"))

    def _repr_svg_(self) -> str | None:
        return _text(display.show(self, "svg"))


class Formula(Displayable):
    """An interned formula node: `op`, `args` (sub-formulas) and `label`.

    `label` is the atom's name for atoms, the theory name (or None for the plain box) for
    boxes and diamonds, and None otherwise. Build nodes with the constructor functions of this
    module (or operators: `&`, `|`, `~`, `>>` for implication), never by hand.
    """

    __slots__ = ("op", "args", "label", "size", "modal_depth", "height", "_hash", "__weakref__")

    op: str
    args: tuple[Formula, ...]
    label: str | None
    size: int
    modal_depth: int
    height: int
    _hash: int

    def __new__(cls, op: str, args: tuple[Formula, ...] = (), label: str | None = None) -> Formula:
        key = (op, label, *args)
        node = _table.get(key)
        if node is not None:
            return node
        if op not in _ARITY or len(args) != _ARITY[op]:
            raise ValueError(f"bad formula node {op!r} with {len(args)} arguments")
        node = object.__new__(cls)
        setter = object.__setattr__
        setter(node, "op", op)
        setter(node, "args", args)
        setter(node, "label", label)
        setter(node, "size", 1 + sum(a.size for a in args))
        child_depth = max((a.modal_depth for a in args), default=0)
        setter(node, "modal_depth", child_depth + (1 if op in MODAL else 0))
        setter(node, "height", 1 + max((a.height for a in args), default=0))
        setter(node, "_hash", hash(key))
        _table[key] = node
        return node

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("formulas are immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("formulas are immutable")

    def __hash__(self) -> int:
        return self._hash

    # Interning makes identity the structural equality, so the default __eq__ is right.

    def __reduce__(self) -> tuple[Any, ...]:
        return (Formula, (self.op, self.args, self.label))

    def __copy__(self) -> Formula:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Formula:
        return self

    # Operator overloading for scripting: p & q, p | q, ~p, p >> q (implies).
    def __and__(self, other: Formula) -> Formula:
        return conj(self, other)

    def __or__(self, other: Formula) -> Formula:
        return disj(self, other)

    def __invert__(self) -> Formula:
        return neg(self)

    def __rshift__(self, other: Formula) -> Formula:
        return implies(self, other)

    def iff(self, other: Formula) -> Formula:
        """`self <-> other`."""
        return iff(self, other)

    @property
    def is_atom(self) -> bool:
        return self.op == ATOM

    @property
    def name(self) -> str:
        """The atom's name (atoms only)."""
        if self.op != ATOM:
            raise AttributeError(f"a {self.op} formula has no name")
        assert self.label is not None
        return self.label

    @property
    def theory(self) -> str | None:
        """The theory indexing a box or diamond; None for the plain one."""
        if self.op not in MODAL:
            raise AttributeError(f"a {self.op} formula has no theory")
        return self.label

    def __repr__(self) -> str:
        return f"Formula({str(self)!r})"


# ---------------------------------------------------------------------------------------------
# Constructors


def atom(name: str) -> Formula:
    """The propositional atom `name` (a lowercase identifier)."""
    if not isinstance(name, str):
        raise TypeError(f"an atom's name is a string (a lowercase identifier), not {name!r:.40}")
    if (
        not name
        or not (name[0].islower() and name.replace("_", "a").isalnum())
        or name
        in (
            "true",
            "false",
        )
    ):
        raise ValueError(f"not an atom name: {name!r} (lowercase identifier expected)")
    return Formula(ATOM, (), name)


def atoms(names: str) -> tuple[Formula, ...]:
    """Several atoms at once: `p, q = atoms("p q")`."""
    return tuple(atom(n) for n in names.replace(",", " ").split())


top = Formula(TOP)
bot = Formula(BOT)
TRUE, FALSE = top, bot


def neg(a: Formula) -> Formula:
    return Formula(NOT, (a,))


def conj(a: Formula, b: Formula) -> Formula:
    return Formula(AND, (a, b))


def disj(a: Formula, b: Formula) -> Formula:
    return Formula(OR, (a, b))


def implies(a: Formula, b: Formula) -> Formula:
    return Formula(IMP, (a, b))


def iff(a: Formula, b: Formula) -> Formula:
    return Formula(IFF, (a, b))


def _check_theory(theory: str | None) -> None:
    if theory is not None and not (theory[:1].isupper() and theory.replace("_", "a").isalnum()):
        raise ValueError(f"not a theory name: {theory!r} (identifier starting uppercase expected)")


MAX_REPEAT = 1_000_000
"""The largest n of `box(a, n)` / `diamond(a, n)`: a million nested nodes is far past any
formula the engines decide, and a bound keeps `box(p, 10**12)` from looping for hours."""


def _repeated(op: str, what: str, a: Formula, n: int, theory: str | None) -> Formula:
    """`a` under `n` nested `op` nodes (indexed by `theory`), within the bound `MAX_REPEAT`."""
    _check_theory(theory)
    if n < 0:
        raise ValueError(f"{what} count must be non-negative")
    if n > MAX_REPEAT:
        raise ValueError(f"{what} count must be at most {MAX_REPEAT:,} (got {n})")
    for _ in range(n):
        a = Formula(op, (a,), theory)
    return a


def box(a: Formula, n: int = 1, theory: str | None = None) -> Formula:
    """□ⁿa (n nested boxes, indexed by `theory` if given)."""
    return _repeated(BOX, "box", a, n, theory)


def diamond(a: Formula, n: int = 1, theory: str | None = None) -> Formula:
    """◇ⁿa."""
    return _repeated(DIA, "diamond", a, n, theory)


def dotbox(a: Formula, theory: str | None = None) -> Formula:
    """⊡a = a ∧ □a ("a, and provably so")."""
    return conj(a, box(a, 1, theory))


def conjunction(items: Iterable[Formula]) -> Formula:
    """a₁ ∧ … ∧ aₙ, left-nested; ⊤ for no items."""
    result: Formula | None = None
    for item in items:
        result = item if result is None else conj(result, item)
    return top if result is None else result


def disjunction(items: Iterable[Formula]) -> Formula:
    """a₁ ∨ … ∨ aₙ, left-nested; ⊥ for no items."""
    result: Formula | None = None
    for item in items:
        result = item if result is None else disj(result, item)
    return bot if result is None else result


# ---------------------------------------------------------------------------------------------
# Walkers (explicit stacks: depth never meets Python's recursion limit)

T = TypeVar("T")


def postorder(root: Formula, enter: Callable[[Formula], bool] | None = None) -> Iterator[Formula]:
    """Each distinct sub-formula once, children before parents. A node for which `enter`
    is false is yielded as a leaf: its sub-formulas are not visited."""
    seen: set[Formula] = set()
    stack: list[tuple[Formula, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if node in seen:
            continue
        if expanded or (enter is not None and not enter(node)):
            seen.add(node)
            yield node
        else:
            stack.append((node, True))
            for child in reversed(node.args):
                if child not in seen:
                    stack.append((child, False))


def outer_nodes(root: Formula) -> Iterator[Formula]:
    """Each distinct node not under a box or diamond, pre-order, left to right.

    Boxes and diamonds are yielded but not entered: these are the nodes that a world's
    propositional valuation decides (the "top level" of a modal formula).
    """
    seen: set[Formula] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        yield node
        if node.op not in MODAL:
            stack.extend(reversed(node.args))


Visit = Callable[[Formula, tuple[T, ...]], T]


class UnhandledOperator(LookupError):
    """`fold` met an operator its table has no function for (a programming error: the table
    must cover every operator the formulas can contain)."""

    def __init__(self, op: str, table_name: str) -> None:
        self.op = op
        super().__init__(f"{table_name} has no case for the operator {op!r}")


def fold(
    root: Formula,
    visit: Visit[T] | Mapping[str, Visit[T]],
    *,
    default: Visit[T] | None = None,
    name: str = "fold",
    memo: dict[Formula, T] | None = None,
    enter: Callable[[Formula], bool] | None = None,
) -> T:
    """Bottom-up evaluation memoised per node (each distinct sub-formula once, explicit stack).

    `visit` is either one function `visit(node, results_of_args)` or, as pysmt's DAG walkers,
    a table with one such function per operator tag (`{AND: ..., BOX: ...}`); a node whose
    operator the table lacks goes to `default`, and without one raises `UnhandledOperator`
    (naming the table by `name`).

    An incremental fold (a Tseitin encoder serving many queries) passes its own `memo`: nodes
    already in it are not revisited, and new results are added to it. A node for which `enter`
    is false is a leaf: its sub-formulas are not visited and its function gets no results.

    >>> p, q = atoms("p q")
    >>> fold(p & ~q, {ATOM: lambda n, a: 1, NOT: lambda n, a: a[0] + 1,
    ...               AND: lambda n, a: a[0] + a[1] + 1})
    4
    >>> fold(box(p), {ATOM: lambda n, a: 1}, name="size")
    Traceback (most recent call last):
    ...
    lobkit.formula.UnhandledOperator: size has no case for the operator 'box'
    """
    known: dict[Formula, T] = {} if memo is None else memo
    if root in known:
        return known[root]
    get = known.__getitem__
    if callable(visit):
        table: Mapping[str, Visit[T]] = {}
        default = visit
    else:
        table = visit
    if memo is None and enter is None:
        for node in postorder(root):
            case = table.get(node.op, default)
            if case is None:
                raise UnhandledOperator(node.op, name)
            known[node] = case(node, tuple(map(get, node.args)))
        return known[root]

    # The walk of `postorder(root, enter)`, inlined (this path serves the CNF encoder's hot loop),
    # skipping the nodes `known` already holds.
    stack: list[tuple[Formula, bool]] = [(root, False)]
    pop, push = stack.pop, stack.append
    while stack:
        node, expanded = pop()
        if node in known:
            continue
        if not expanded and enter is not None and not enter(node):
            args: tuple[T, ...] = ()
        elif not expanded:
            push((node, True))
            for child in reversed(node.args):
                if child not in known:
                    push((child, False))
            continue
        else:
            args = tuple(map(get, node.args))
        case = table.get(node.op, default)
        if case is None:
            raise UnhandledOperator(node.op, name)
        known[node] = case(node, args)
    return known[root]


def rebuild(node: Formula, args: tuple[Formula, ...]) -> Formula:
    """`node` with its arguments replaced by `args` (itself when they are unchanged): the
    identity case of a formula-to-formula `fold`."""
    if not args or args == node.args:
        return node
    return Formula(node.op, args, node.label)


def subformulas(root: Formula) -> frozenset[Formula]:
    """All sub-formulas of `root`, itself included."""
    return frozenset(postorder(root))


def atoms_of(root: Formula) -> frozenset[str]:
    """The names of the atoms occurring in `root`."""
    return frozenset(n.label for n in postorder(root) if n.op == ATOM and n.label is not None)


def theories_of(root: Formula) -> frozenset[str | None]:
    """The theory labels of the boxes and diamonds in `root` (None for the plain box)."""
    return frozenset(n.label for n in postorder(root) if n.op in MODAL)


def substitute(root: Formula, mapping: Mapping[str | Formula, Formula]) -> Formula:
    """Replace atoms simultaneously: `substitute(f, {"p": psi})` is f[p := psi]."""
    table = {(k.name if isinstance(k, Formula) else k): v for k, v in mapping.items()}

    def replace(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return table.get(node.name, node)

    return fold(root, {ATOM: replace}, default=rebuild)


def without_diamonds(root: Formula) -> Formula:
    """Replace every ``<T>A`` by ``~[T]~A`` (engines work with boxes only)."""

    def dia(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return neg(Formula(BOX, (neg(args[0]),), node.label))

    return fold(root, {DIA: dia}, default=rebuild)


def is_modalized_in(root: Formula, name: str | None = None) -> bool:
    """True when every occurrence of atom `name` (of every atom, if None) lies under a box or
    diamond."""
    return not any(
        node.op == ATOM and (name is None or node.label == name) for node in outer_nodes(root)
    )
