"""A brute-force reference for the cube's logics, sharing nothing with lobkit's kernel or
search: every frame of a class up to a few worlds, every valuation at once (a formula's truth
is a bit mask over (valuation, world) pairs), its own frame conditions and its own evaluator."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import cache

from lobkit.formula import Formula, postorder

ATOMS = ("p", "q")


def _conditions(logic: str, n: int, rel: frozenset[tuple[int, int]]) -> bool:
    ws = range(n)
    refl = all((a, a) in rel for a in ws)
    serial = all(any((a, b) in rel for b in ws) for a in ws)
    sym = all((b, a) in rel for a, b in rel)
    trans = all((a, d) in rel for a, b in rel for c, d in rel if b == c)
    eucl = all((b, d) in rel for a, b in rel for c, d in rel if a == c)
    irrefl = all((a, a) not in rel for a in ws)
    antisym = all(a == b or (b, a) not in rel for a, b in rel)
    return {
        "K": True,
        "D": serial,
        "T": refl,
        "B": refl and sym,
        "K4": trans,
        "K5": eucl,
        "KD45": serial and trans and eucl,
        "S4": refl and trans,
        "S5": refl and sym and trans,
        "GL": trans and irrefl,  # finite: irreflexive + transitive is conversely well-founded
        "Grz": refl and trans and antisym,
    }[logic]


@cache
def frames(logic: str, max_worlds: int) -> tuple[tuple[int, frozenset[tuple[int, int]]], ...]:
    """Every frame of `logic` on 1..max_worlds worlds (as relations on range(n))."""
    out = []
    for n in range(1, max_worlds + 1):
        pairs = [(a, b) for a in range(n) for b in range(n)]
        for bits in itertools.product((False, True), repeat=len(pairs)):
            rel = frozenset(p for p, on in zip(pairs, bits, strict=True) if on)
            if _conditions(logic, n, rel):
                out.append((n, rel))
    return tuple(out)


def _columns(n: int) -> tuple[list[int], dict[str, int]]:
    """Per world, the mask of its bits; per atom, the mask where it is true."""
    vals = 1 << (len(ATOMS) * n)
    col = [sum(1 << (v * n + w) for v in range(vals)) for w in range(n)]
    atom_masks = {}
    for k, name in enumerate(ATOMS):
        mask = 0
        for v in range(vals):
            for w in range(n):
                if v >> (k * n + w) & 1:
                    mask |= 1 << (v * n + w)
        atom_masks[name] = mask
    return col, atom_masks


_COLUMNS = {n: _columns(n) for n in range(1, 4)}


def _truth(formula: Formula, n: int, rel: frozenset[tuple[int, int]]) -> tuple[int, int]:
    col, atom_masks = _COLUMNS[n]
    full = sum(col)
    value: dict[Formula, int] = {}
    for node in postorder(formula):
        a = [value[x] for x in node.args]
        op = node.op
        if op == "atom":
            v = atom_masks[node.label]  # type: ignore[index]
        elif op == "top":
            v = full
        elif op == "bot":
            v = 0
        elif op == "not":
            v = full & ~a[0]
        elif op == "and":
            v = a[0] & a[1]
        elif op == "or":
            v = a[0] | a[1]
        elif op == "imp":
            v = (full & ~a[0]) | a[1]
        elif op == "iff":
            v = full & ~(a[0] ^ a[1])
        else:  # box / dia: move each successor's column onto the world's
            body = a[0] if op == "dia" else full & ~a[0]
            seen = 0
            for w in range(n):
                for u in range(n):
                    if (w, u) in rel:
                        part = body & col[u]
                        seen |= (part << (w - u)) if w >= u else (part >> (u - w))
            v = seen if op == "dia" else full & ~seen
        value[node] = v
    return value[formula], full


def countermodels(formula: Formula, logic: str, max_worlds: int) -> Iterator[int]:
    """The sizes of the frames of `logic` (up to `max_worlds`) on which `formula` fails."""
    for n, rel in frames(logic, max_worlds):
        truth, full = _truth(formula, n, rel)
        if truth != full:
            yield n


def valid_up_to(formula: Formula, logic: str, max_worlds: int) -> bool:
    """True when no frame of `logic` with at most `max_worlds` worlds refutes `formula`."""
    return next(countermodels(formula, logic, max_worlds), None) is None


def valid_with_premise_up_to(formula: Formula, premise: Formula, logic: str, n_max: int) -> bool:
    """True when `formula` holds at every world of every model of `logic` (frames up to `n_max`
    worlds) in which `premise` holds at every world: the global-premise reading."""
    for n, rel in frames(logic, n_max):
        held, _ = _truth(premise, n, rel)
        truth, _ = _truth(formula, n, rel)
        block = (1 << n) - 1
        for v in range(1 << (len(ATOMS) * n)):
            mask = block << (v * n)
            if held & mask == mask and truth & mask != mask:
                return False
    return True
