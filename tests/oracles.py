"""Independent oracles: a plain backtracking G3 sequent search for GL, K4 and K.

The tests compare the prover against this search (`tests/prover/test_prover_differential.py`,
`test_prover_multi_random.py`), the checker's tamper tests use it to decide whether a tampered
sequent is still valid, and `benchmarks/bench_prover.py` times it (``memo=False``) as the
baseline. It imports nothing from lobkit but the formula data type, so a bug in the prover,
its proof checker or its `Logic` cannot fool it.

The calculus is G3cp on set sequents plus one modal rule per frame (Sambin & Valentini's GLR
for GL; for K4 the rule keeps the boxes and a loop check on the sequents above it stops the
search; K keeps only the bodies). Boxes are indexed by theories: the rule for ``[T]A`` takes
the bodies of the left boxes ``[S]B`` with T extending S (T itself included) and, in GL and
K4, every left box. Global premises join every sequent. Diamonds are read as ``~[T]~A``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache

from lobkit.formula import Formula

__all__ = ["provable", "sequent_provable", "without_diamonds"]

Sequent = frozenset[Formula]
_PROPOSITIONAL = ("not", "and", "or", "imp", "iff")


def without_diamonds(formula: Formula) -> Formula:
    """``<T>A`` rewritten as ``~[T]~A`` everywhere (memoised: shared sub-formulas stay shared)."""
    done: dict[Formula, Formula] = {}

    def visit(f: Formula) -> Formula:
        if f not in done:
            args = tuple(visit(a) for a in f.args)
            if f.op == "dia":
                out = Formula("not", (Formula("box", (Formula("not", args),), f.label),))
            else:
                out = f if args == f.args else Formula(f.op, args, f.label)
            done[f] = out
        return done[f]

    return visit(formula)


def sequent_provable(
    left: Iterable[Formula],
    right: Iterable[Formula],
    frame: str = "GL",
    *,
    extends: Mapping[str, Iterable[str]] | None = None,
    premises: Iterable[Formula] = (),
    memo: bool = True,
) -> bool:
    """Is the sequent ``left ⇒ right`` derivable in `frame` (GL, K4 or K)?

    `extends` maps a theory to the theories it extends (not closed transitively here: list
    every one). ``memo=False`` gives the unmemoised search the benchmark uses as its baseline.
    """
    if frame not in ("GL", "K4", "K"):
        raise ValueError(f"unknown frame {frame!r}")
    over = {t: frozenset(s) for t, s in (extends or {}).items()}
    prems = frozenset(without_diamonds(p) for p in premises)

    def sees(sup: str | None, sub: str | None) -> bool:
        """The rule for [sup]A may use the body of a left [sub]B."""
        return sup == sub or (sup is not None and sub in over.get(sup, ()))

    def prov(left: Sequent, right: Sequent, history: frozenset[tuple[Sequent, Sequent]]) -> bool:
        left = left | prems
        if left & right or any(f.op == "bot" for f in left) or any(f.op == "top" for f in right):
            return True
        for f in left:
            if f.op in _PROPOSITIONAL:
                g, a = left - {f}, f.args[0]
                if f.op == "not":
                    return search(g, right | {a}, history)
                b = f.args[1]
                if f.op == "and":
                    return search(g | {a, b}, right, history)
                if f.op == "or":
                    return search(g | {a}, right, history) and search(g | {b}, right, history)
                if f.op == "imp":
                    return search(g, right | {a}, history) and search(g | {b}, right, history)
                return search(g | {a, b}, right, history) and search(g, right | {a, b}, history)
        for f in right:
            if f.op in _PROPOSITIONAL:
                d, a = right - {f}, f.args[0]
                if f.op == "not":
                    return search(left | {a}, d, history)
                b = f.args[1]
                if f.op == "or":
                    return search(left, d | {a, b}, history)
                if f.op == "imp":
                    return search(left | {a}, d | {b}, history)
                if f.op == "and":
                    return search(left, d | {a}, history) and search(left, d | {b}, history)
                return search(left | {a}, d | {b}, history) and search(left | {b}, d | {a}, history)
        boxes = frozenset(f for f in left if f.op == "box")
        for f in right:
            if f.op != "box":
                continue
            bodies = frozenset(b.args[0] for b in boxes if sees(f.label, b.label))
            goal = frozenset({f.args[0]})
            if frame == "GL":
                if search(boxes | bodies | {f}, goal, frozenset()):
                    return True
            elif frame == "K":
                if search(bodies, goal, frozenset()):
                    return True
            else:
                seq = (boxes | bodies, goal)
                if seq not in history and search(seq[0], seq[1], history | {seq}):
                    return True
        return False

    search: Callable[[Sequent, Sequent, frozenset[tuple[Sequent, Sequent]]], bool]
    search = cache(prov) if memo else prov
    return search(
        frozenset(without_diamonds(f) for f in left),
        frozenset(without_diamonds(f) for f in right),
        frozenset(),
    )


def provable(
    goal: Formula,
    frame: str = "GL",
    *,
    extends: Mapping[str, Iterable[str]] | None = None,
    premises: Iterable[Formula] = (),
    memo: bool = True,
) -> bool:
    """Is `goal` a theorem of `frame` (with these theory inclusions and global premises)?"""
    return sequent_provable((), (goal,), frame, extends=extends, premises=premises, memo=memo)
