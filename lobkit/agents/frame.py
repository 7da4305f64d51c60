"""A system's values on the linear frame, vectorised: one numpy pass per rank.

The semantics is `lobkit.kernel.linear` (□φ holds at rank n iff φ holds at every rank < n);
`kernel.linear.system_trace` is its plain reference, this module the same computation compiled
into index arrays for systems of 10⁴-10⁵ shared nodes (tests compare the two on random systems).

Modalized equations make rank n depend only on ranks < n. The state carried from rank to rank is
one bit per box ("no failure so far"); once a rank leaves that state unchanged, every later rank
repeats it (the step is a function of the state), so evaluation stops. This happens no later
than one rank after the criterion of LaVictoire et al. 2014 (1 + max modal depth equal rows) and
within 1 + #boxes ranks. The value at the stable ranks is the value in ℕ (Boolos ch. 7: a
letterless sentence is true in ℕ iff it holds at all sufficiently high ranks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from lobkit.agents.system import System
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
    UnhandledOperator,
    is_modalized_in,
)
from lobkit.syntax.printers import brief

__all__ = ["Trace", "frame_trace"]

_CODES = {NOT: 0, AND: 1, OR: 2, IMP: 3, IFF: 4}
# One vectorised step per connective code (a table, as `fold` has one function per operator);
# NOT reads only its first argument (for unary nodes both index arrays are the child).
_STEPS: dict[int, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    0: lambda a, b: ~a,
    1: lambda a, b: a & b,
    2: lambda a, b: a | b,
    3: lambda a, b: ~a | b,
    4: lambda a, b: a == b,
}
_Steps = list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Trace:
    """The values of a system's variables at ranks 0, 1, …, `stable_from`.

    `rows[n][i]` is variable i at rank n; from rank `stable_from` on every row equals
    `rows[stable_from]`, the values in ℕ.
    """

    rows: np.ndarray = field(repr=False)
    stable_from: int

    @property
    def values(self) -> tuple[bool, ...]:
        return tuple(bool(v) for v in self.rows[-1])

    def column(self, i: int) -> tuple[bool, ...]:
        return tuple(bool(v) for v in self.rows[:, i])


class _Program:
    """A system compiled into index arrays: node values live in one boolean vector."""

    def __init__(self, system: System) -> None:
        var_of = {a: i for i, a in enumerate(system.atoms)}
        # One global postorder of the shared DAG, keyed by id (formulas are interned, and the
        # builtin id hash is much cheaper than Formula.__hash__ on 10⁴-10⁵ nodes).
        index: dict[int, int] = {}
        order: list[Formula] = []
        for root in system.equations:
            if id(root) in index:
                continue
            stack: list[tuple[Formula, bool]] = [(root, False)]
            while stack:
                f, expanded = stack.pop()
                if expanded:
                    if id(f) not in index:
                        index[id(f)] = len(order)
                        order.append(f)
                elif id(f) not in index:
                    stack.append((f, True))
                    stack.extend((c, False) for c in f.args if id(c) not in index)
        self.size = len(order)
        self.roots = np.array([index[id(e)] for e in system.equations], dtype=np.intp)
        kids = [[index[id(c)] for c in f.args] for f in order]
        ops = [f.op for f in order]
        # Outer nodes: reachable from a root without entering a box; they decide the rank's
        # variable values from the box states alone. Inner nodes: everything under a box.
        # Reversed postorder visits parents before children, so one sweep marks each set.
        outer = [False] * self.size
        inner = [False] * self.size
        for r in self.roots.tolist():
            outer[r] = True
        for i in range(self.size - 1, -1, -1):
            under = ops[i] in MODAL
            for c in kids[i]:
                if outer[i] and not under:
                    outer[c] = True
                if inner[i] or under:
                    inner[c] = True
        # What each node contributes to the program, one function per operator: atoms copy a
        # variable's value, ⊤ is set once (⊥ keeps the vector's initial False), boxes and
        # diamonds read the state carried from earlier ranks; connectives become the grouped
        # numpy steps (`_groups`).
        atom_nodes: list[int] = []
        atom_vars: list[int] = []
        true_nodes: list[int] = []
        modal: dict[str, tuple[list[int], list[int]]] = {BOX: ([], []), DIA: ([], [])}

        def variable(i: int, f: Formula) -> None:
            if f.label not in var_of:
                raise InputError(f"unknown variable {f.label!r} in the system")
            atom_nodes.append(i)
            atom_vars.append(var_of[f.label])

        def constant_true(i: int, f: Formula) -> None:
            true_nodes.append(i)

        def nothing(i: int, f: Formula) -> None:
            pass

        def modality(i: int, f: Formula) -> None:
            if f.label is not None:
                raise InputError("theory-indexed modalities cannot be evaluated on the frame")
            nodes, children = modal[f.op]
            nodes.append(i)
            children.append(kids[i][0])

        cases: dict[str, Callable[[int, Formula], None]] = {
            ATOM: variable,
            TOP: constant_true,
            BOT: nothing,
            BOX: modality,
            DIA: modality,
            **dict.fromkeys(_CODES, nothing),
        }
        for i, f in enumerate(order):
            case = cases.get(f.op)
            if case is None:
                raise UnhandledOperator(f.op, "the linear-frame compiler")
            case(i, f)
        (boxes, box_children), (dias, dia_children) = modal[BOX], modal[DIA]
        self.true_nodes = np.array(true_nodes, dtype=np.intp)
        self.atom_nodes = np.array(atom_nodes, dtype=np.intp)
        self.atom_vars = np.array(atom_vars, dtype=np.intp)
        self.boxes = np.array(boxes, dtype=np.intp)
        self.box_children = np.array(box_children, dtype=np.intp)
        self.dias = np.array(dias, dtype=np.intp)
        self.dia_children = np.array(dia_children, dtype=np.intp)
        heights = [f.height for f in order]
        # An atom among the outer nodes is an unmodalized variable: name its equation.
        self.unmodalized: int | None = None
        if any(outer[i] for i in atom_nodes):
            self.unmodalized = next(
                k for k, e in enumerate(system.equations) if not is_modalized_in(e)
            )
        self.outer = self._groups([i for i in range(self.size) if outer[i]], ops, kids, heights)
        self.inner = self._groups([i for i in range(self.size) if inner[i]], ops, kids, heights)

    @staticmethod
    def _groups(
        members: list[int], ops: list[str], kids: list[list[int]], heights: list[int]
    ) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        """Connective nodes grouped by (height, connective): each group is one numpy step."""
        groups: dict[tuple[int, int], list[int]] = {}
        for i in members:
            code = _CODES.get(ops[i])
            if code is not None:
                groups.setdefault((heights[i], code), []).append(i)
        program = []
        for (_, code), idx in sorted(groups.items()):
            a = [kids[i][0] for i in idx]
            b = [kids[i][-1] for i in idx]
            program.append(
                (
                    code,
                    np.array(idx, dtype=np.intp),
                    np.array(a, dtype=np.intp),
                    np.array(b, dtype=np.intp),
                )
            )
        return program

    @staticmethod
    def _run(
        val: np.ndarray, program: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]
    ) -> None:
        for code, idx, a, b in program:
            val[idx] = _STEPS[code](val[a], val[b])


def frame_trace(system: System) -> Trace:
    """Values of the system's variables rank by rank until they repeat forever (see module doc).

    Raises `InputError` if an equation is not modalized.
    """
    prog = _Program(system)
    if prog.unmodalized is not None:
        a, e = system.atoms[prog.unmodalized], system.equations[prog.unmodalized]
        raise InputError(f"equation for {a} is not modalized: {brief(e)}")
    val = np.zeros(prog.size, dtype=bool)
    val[prog.true_nodes] = True
    box_state = np.ones(len(prog.boxes), dtype=bool)  # □φ at rank n: φ at all ranks < n
    dia_state = np.zeros(len(prog.dias), dtype=bool)  # ◇φ at rank n: φ at some rank < n
    rows: list[np.ndarray] = []
    while True:
        val[prog.boxes] = box_state
        val[prog.dias] = dia_state
        _Program._run(val, prog.outer)
        row = val[prog.roots].copy()
        rows.append(row)
        val[prog.atom_nodes] = row[prog.atom_vars]
        _Program._run(val, prog.inner)
        new_box = box_state & val[prog.box_children]
        new_dia = dia_state | val[prog.dia_children]
        if np.array_equal(new_box, box_state) and np.array_equal(new_dia, dia_state):
            break  # the next rank starts from the same state: it and all later ones repeat
        box_state, dia_state = new_box, new_dia
    table = np.array(rows, dtype=bool).reshape(len(rows), len(system))
    stable = len(rows) - 1
    while stable > 0 and np.array_equal(table[stable - 1], table[-1]):
        stable -= 1
    return Trace(table[: stable + 1], stable)
