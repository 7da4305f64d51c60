"""Correspondence tested on finite frames: on every frame up to n worlds, the modal formula is
valid (true at every world under every valuation) iff the frame condition holds.

Every relation on n worlds is enumerated at once as a numpy boolean array (65,536 frames for
n = 4), in chunks; a modal formula's truth is computed for every frame, valuation and world
together, a first-order condition for every frame and assignment of its variables. The known
non-first-order answers (Löb, Grz) are tested through the kernel's finite-frame conditions
(`lobkit.kernel.frames`: on a finite frame "conversely well-founded" is "acyclic").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lobkit.classics.correspondence import FO, Correspondence
from lobkit.errors import InputError
from lobkit.formula import AND, ATOM, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula, atoms_of
from lobkit.kernel.frames import Frame

__all__ = ["FrameCheck", "check_on_frames", "reading"]

_CHUNK = 2048


@dataclass(frozen=True)
class FrameCheck:
    """How many frames were checked (per size) and the first disagreement, if any."""

    max_worlds: int
    frames: int
    disagreement: str | None


def _relations(n: int, start: int, stop: int) -> np.ndarray:
    """Relations number start..stop-1 on n worlds, as an array [frame, a, b]."""
    codes = np.arange(start, stop, dtype=np.int64)
    bits = (codes[:, None] >> np.arange(n * n, dtype=np.int64)[None, :]) & 1
    return bits.astype(bool).reshape(-1, n, n)


def _valid(formula: Formula, rel: np.ndarray) -> np.ndarray:
    """Per frame: the formula true at every world under every valuation."""
    frames, n, _ = rel.shape
    names = sorted(atoms_of(formula))
    vals = 1 << (n * len(names))
    codes = np.arange(vals, dtype=np.int64)
    atom_truth = {}
    for k, name in enumerate(names):
        bits = (codes[:, None] >> (k * n + np.arange(n, dtype=np.int64))[None, :]) & 1
        atom_truth[name] = np.broadcast_to(bits.astype(bool)[None, :, :], (frames, vals, n))
    full = np.ones((frames, vals, n), dtype=bool)
    memo: dict[Formula, np.ndarray] = {}

    def ev(f: Formula) -> np.ndarray:
        found = memo.get(f)
        if found is not None:
            return found
        op = f.op
        if op == ATOM:
            out = atom_truth[f.label]  # type: ignore[index]
        elif op == TOP:
            out = full
        elif op == BOT:
            out = ~full
        elif op == NOT:
            out = ~ev(f.args[0])
        elif op == AND:
            out = ev(f.args[0]) & ev(f.args[1])
        elif op == OR:
            out = ev(f.args[0]) | ev(f.args[1])
        elif op == IMP:
            out = ~ev(f.args[0]) | ev(f.args[1])
        elif op == IFF:
            out = ev(f.args[0]) == ev(f.args[1])
        elif op in (BOX, DIA):
            body = ev(f.args[0])  # [frame, val, u]
            r = rel[:, None, :, :]  # [frame, 1, w, u]
            if op == BOX:
                out = np.all(~r | body[:, :, None, :], axis=3)
            else:
                out = np.any(r & body[:, :, None, :], axis=3)
        else:  # pragma: no cover
            raise InputError(f"unknown operator {op!r}")
        memo[f] = out
        return out

    return np.all(ev(formula), axis=(1, 2))


def _holds(condition: FO, rel: np.ndarray) -> np.ndarray:
    """Per frame: the first-order condition (a sentence) true."""
    n = rel.shape[1]

    def ev(f: FO, env: dict[str, int]) -> np.ndarray:
        op, a = f.op, f.args
        if op == "R":
            return rel[:, env[a[0]], env[a[1]]]  # type: ignore[index]
        if op == "eq":
            return np.full(rel.shape[0], env[a[0]] == env[a[1]])  # type: ignore[index]
        if op == "true":
            return np.ones(rel.shape[0], dtype=bool)
        if op == "false":
            return np.zeros(rel.shape[0], dtype=bool)
        if op == "not":
            return ~ev(a[0], env)  # type: ignore[arg-type]
        if op in ("all", "ex"):
            var, body = a
            assert isinstance(var, str) and isinstance(body, FO)
            results = [ev(body, {**env, var: w}) for w in range(n)]
            return np.all(results, axis=0) if op == "all" else np.any(results, axis=0)
        parts = [ev(g, env) for g in a]  # type: ignore[arg-type]
        if op == "and":
            return np.all(parts, axis=0)
        if op == "or":
            return np.any(parts, axis=0)
        return ~parts[0] | parts[1]  # imp

    return ev(condition, {})


def _known(checks: tuple[str, ...], rel: np.ndarray) -> np.ndarray:
    """Per frame: every kernel frame condition in `checks` holds."""
    n = rel.shape[1]
    worlds = [f"w{i}" for i in range(n)]
    out = np.ones(rel.shape[0], dtype=bool)
    for i, matrix in enumerate(rel):
        pairs = [(worlds[a], worlds[b]) for a, b in zip(*np.nonzero(matrix), strict=True)]
        frame = Frame(worlds, pairs)
        out[i] = all(frame.violation(c) is None for c in checks)
    return out


def _describe(rel: np.ndarray) -> str:
    pairs = [f"{a}→{b}" for a, b in zip(*np.nonzero(rel), strict=True)]
    return f"{rel.shape[0]} worlds {{{', '.join(pairs) or 'no arrows'}}}"


def check_on_frames(result: Correspondence, max_worlds: int = 4) -> FrameCheck:
    """Every frame with 1..`max_worlds` worlds: the formula valid iff the condition holds."""
    if not 1 <= max_worlds <= 4:
        raise InputError("frames are enumerated up to 4 worlds (65,536 relations)")
    if result.condition is None and not result.checks:
        return FrameCheck(max_worlds, 0, None)
    total = 0
    for n in range(1, max_worlds + 1):
        count = 1 << (n * n)
        for start in range(0, count, _CHUNK):
            rel = _relations(n, start, min(count, start + _CHUNK))
            valid = _valid(result.formula, rel)
            if result.condition is not None:
                holds = _holds(result.condition, rel)
            else:
                holds = _known(result.checks, rel)
            bad = np.nonzero(valid != holds)[0]
            if len(bad):
                i = int(bad[0])
                what = "valid but the condition fails" if valid[i] else "condition holds, not valid"
                return FrameCheck(max_worlds, total + i, f"{_describe(rel[i])}: {what}")
            total += len(rel)
    return FrameCheck(max_worlds, total, None)


_NAMED = ("reflexive", "serial", "symmetric", "transitive", "euclidean")


def reading(result: Correspondence, max_worlds: int = 3) -> tuple[str, ...]:
    """The kernel's named frame conditions (or pairs of them) that agree with the computed
    condition on every frame up to `max_worlds` worlds — a reading for people, not a proof."""
    if result.condition is None:
        return ()
    candidates = [(c,) for c in _NAMED] + [
        (a, b) for i, a in enumerate(_NAMED) for b in _NAMED[i + 1 :]
    ]
    alive = list(candidates)
    for n in range(1, max_worlds + 1):
        rel = _relations(n, 0, 1 << (n * n))
        holds = _holds(result.condition, rel)
        alive = [c for c in alive if np.array_equal(_known(c, rel), holds)]
        if not alive:
            return ()
    return alive[0]
