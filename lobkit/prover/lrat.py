"""Hinted refutations (LRAT) for the `Taut` rule, from a compiled solver.

CaDiCaL (python-sat's ``cadical195``) logs, as it solves, every clause it derives with the
clauses that derive it by unit propagation, in order (LRAT: Cruz-Filipe, Heule, Hunt, Kaufmann
& Schneider-Kamp, CADE 2017). Given the clause set `lobkit.kernel.taut.taut_cnf` builds for a
world's sequent, this module solves it with CaDiCaL, reads the log back, keeps only the steps
the empty clause depends on (a backward walk over the hints, as lrat-trim does), numbers them
after the input clauses and returns them in the kernel's hinted form (``lits… 0 hints…``).
The kernel checks each step in time linear in its hints (`lobkit.kernel.taut`), where a plain
RUP step costs a propagation over the whole clause set: on the pigeonhole family the search's
refutations have ~10⁴ steps, and this is what makes them checkable.

Nothing here is trusted: the log is data, and a log the kernel's numbering cannot be matched to
(an input clause simplified on arrival, a RAT step) raises `LogMismatch`, on which the caller
falls back to the pure-Python refuter `lobkit.prover.refute`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from typing import BinaryIO

from lobkit.prover.refute import Refutation

__all__ = ["lrat_refute", "LogMismatch"]


class LogMismatch(Exception):
    """CaDiCaL's log cannot be read as a hinted refutation of the clauses as numbered."""


# An ASCII LRAT log; no variable elimination, probing, subsumption or vivification: on Tseitin
# clause sets they multiply the log (pigeonhole, n = 9: 327,026 lines and 3.3 s with them,
# 14,630 lines and 0.12 s without, elimination being most of it).
_OPTIONS = (("binary", 0), ("lrat", 1), ("elim", 0), ("probe", 0), ("subsume", 0), ("vivify", 0))


def _log(clauses: Sequence[Sequence[int]]) -> bytes | None:
    """CaDiCaL's ASCII LRAT log of refuting `clauses`, or None if they are satisfiable."""
    import pysolvers  # python-sat's C extension (see lobkit.sat.pysat_backend)

    ptr = pysolvers.cadical195_new()
    with _scratch_file() as log:
        try:
            for option, value in _OPTIONS:
                pysolvers.cadical195_set(ptr, option, value)
            pysolvers.cadical195_tracepr(ptr, log)
            add = pysolvers.cadical195_add_cl
            for clause in clauses:
                add(ptr, clause)
            answer = pysolvers.cadical195_solve(ptr, [], 0)
        finally:
            pysolvers.cadical195_del(ptr, log)  # flushes and detaches the log
        if answer is not False:
            return None
        log.seek(0)
        return log.read()


def _scratch_file() -> BinaryIO:
    """An anonymous read-write file for the log: in memory where Linux offers `memfd_create`
    (no `tempfile`, whose import — shutil, random, the compression modules — is a few
    milliseconds of every proved formula's start-up), else `tempfile.TemporaryFile()`."""
    if hasattr(os, "memfd_create"):
        with contextlib.suppress(OSError):
            return open(os.memfd_create("lobkit-lrat", os.MFD_CLOEXEC), "w+b")
    import tempfile

    return tempfile.TemporaryFile()


def lrat_refute(clauses: Sequence[Sequence[int]]) -> Refutation | None:
    """A trimmed hinted refutation of `clauses` (ids: input i from 1, steps after them), or
    None when they are satisfiable; `LogMismatch` when the log does not fit the numbering."""
    try:
        text = _log(clauses)
    except ImportError as error:  # pragma: no cover - python-sat is a dependency
        raise LogMismatch("python-sat is missing") from error
    if text is None:
        return None
    m = len(clauses)
    steps: dict[int, tuple[list[int], list[int]]] = {}
    order: list[int] = []
    final = 0
    for line in text.split(b"\n"):
        parts = line.split()
        if len(parts) < 2 or parts[1] == b"d":
            continue
        nums = list(map(int, parts))
        cid = nums[0]
        if cid <= m:
            raise LogMismatch("a clause was derived while the inputs were read")
        z = nums.index(0, 1)
        lits, hints = nums[1:z], nums[z + 1 : -1]
        if any(h <= 0 for h in hints):
            raise LogMismatch("a RAT step (the kernel checks RUP steps only)")
        steps[cid] = (lits, hints)
        order.append(cid)
        if not lits:
            final = cid
            break
    if not final:
        raise LogMismatch("the log does not derive the empty clause")
    needed = {final}
    stack = [final]
    used: set[int] = set()
    while stack:
        for h in steps[stack.pop()][1]:
            if h > m:
                if h not in needed:
                    if h not in steps:
                        raise LogMismatch(f"a hint names no derived clause: {h}")
                    needed.add(h)
                    stack.append(h)
            else:
                used.add(h - 1)
    renumber: dict[int, int] = {}
    out: list[tuple[int, ...]] = []
    for cid in order:
        if cid in needed:
            lits, hints = steps[cid]
            renumber[cid] = m + 1 + len(out)
            out.append((*lits, 0, *(renumber.get(h, h) for h in hints)))
    return Refutation(tuple(out), frozenset(used))
