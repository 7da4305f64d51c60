"""refgl: a small memoised GL sequent search, the benchmark's reference peer in plain Python.

What a user could write in an afternoon instead of using lobkit: Sambin & Valentini's G3GL
on set sequents (invertible G3cp rules for the connectives, then the rule GLR
``□Γ, Γ, □A ⇒ A / Σ, □Γ ⇒ □A, Δ`` tried on each right box), every sequent's answer memoised.
Formulas are hash-consed into integers, so shared sub-formulas cost nothing. It imports
nothing from lobkit, gives no certificate, and is run as its own process by
`benchmarks/bench_prover.py` exactly like the compiled peers.

Input (stdin): one formula per line in prefix words — ``and``/``or``/``imp``/``iff`` A B,
``not``/``box``/``dia`` A, ``top``, ``bot``, anything else an atom. Output: ``valid`` or
``invalid`` per line (GL validity).
"""

from __future__ import annotations

import sys
import threading
from functools import cache

NODES: list[tuple[str, int, int]] = []  # id -> (op, a, b); atoms: ("atom", name-id, 0)
INTERN: dict[tuple[str, int, int], int] = {}
NAMES: dict[str, int] = {}
BINARY = ("and", "or", "imp", "iff")


def node(op: str, a: int = 0, b: int = 0) -> int:
    key = (op, a, b)
    found = INTERN.get(key)
    if found is None:
        found = INTERN[key] = len(NODES)
        NODES.append(key)
    return found


def parse(words: list[str]) -> int:
    """Prefix words → node id (iteratively, so deep formulas need no recursion)."""
    stack: list[tuple[str, list[int]]] = []
    result = -1
    for w in words:
        if w in BINARY or w in ("not", "box", "dia"):
            stack.append((w, []))
            continue
        if w in ("top", "bot"):
            result = node(w)
        else:
            result = node("atom", NAMES.setdefault(w, len(NAMES)))
        while stack:
            op, args = stack[-1]
            args.append(result)
            if len(args) < (2 if op in BINARY else 1):
                break
            stack.pop()
            if op == "dia":  # <>A = ~[]~A
                result = node("not", node("box", node("not", args[0])))
            else:
                result = node(op, *args)
    return result


@cache
def provable(left: frozenset[int], right: frozenset[int]) -> bool:
    """Is the sequent left ⇒ right derivable in G3GL?"""
    if left & right or node("bot") in left or node("top") in right:
        return True
    for f in left:
        op, a, b = NODES[f]
        rest = left - {f}
        if op == "not":
            return provable(rest, right | {a})
        if op == "and":
            return provable(rest | {a, b}, right)
        if op == "or":
            return provable(rest | {a}, right) and provable(rest | {b}, right)
        if op == "imp":
            return provable(rest, right | {a}) and provable(rest | {b}, right)
        if op == "iff":
            return provable(rest | {a, b}, right) and provable(rest, right | {a, b})
    for f in right:
        op, a, b = NODES[f]
        rest = right - {f}
        if op == "not":
            return provable(left | {a}, rest)
        if op == "and":
            return provable(left, rest | {a}) and provable(left, rest | {b})
        if op == "or":
            return provable(left, rest | {a, b})
        if op == "imp":
            return provable(left | {a}, rest | {b})
        if op == "iff":
            return provable(left | {a}, rest | {b}) and provable(left | {b}, rest | {a})
    boxes = frozenset(f for f in left if NODES[f][0] == "box")
    bodies = frozenset(NODES[f][1] for f in boxes)
    for f in right:
        if NODES[f][0] == "box":  # GLR on the right box f = []A
            if provable(boxes | bodies | {f}, frozenset((NODES[f][1],))):
                return True
    return False


def main() -> None:
    for line in sys.stdin:
        if line.strip():
            formula = parse(line.split())
            print("valid" if provable(frozenset(), frozenset((formula,))) else "invalid")
            sys.stdout.flush()


if __name__ == "__main__":
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 1024 * 1024)  # the search recurses once per rule application
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
