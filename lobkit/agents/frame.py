"""A system's values on the linear frame, vectorised: one numpy pass per rank (a plain-Python
pass for small systems, which then never import numpy: a game of MIRI's language is a few
hundred nodes, and numpy's import alone costs more than evaluating it).

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
from typing import Any

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

__all__ = ["Trace", "frame_trace", "PLAIN_BELOW"]

PLAIN_BELOW = 4000
"""Systems with fewer DAG nodes are evaluated in plain Python (measured: below a few thousand
nodes the plain loop beats importing numpy; `benchmarks/bench_combat.py`)."""

_CODES = {NOT: 0, AND: 1, OR: 2, IMP: 3, IFF: 4}
# One vectorised step per connective code (a table, as `fold` has one function per operator);
# NOT reads only its first argument (for unary nodes both index arrays are the child).
_STEPS: dict[int, Callable[[Any, Any], Any]] = {
    0: lambda a, b: ~a,
    1: lambda a, b: a & b,
    2: lambda a, b: a | b,
    3: lambda a, b: ~a | b,
    4: lambda a, b: a == b,
}
_PLAIN: dict[int, Callable[[bool, bool], bool]] = {
    0: lambda a, b: not a,
    1: lambda a, b: a and b,
    2: lambda a, b: a or b,
    3: lambda a, b: (not a) or b,
    4: lambda a, b: a == b,
}
Group = tuple[int, list[int], list[int], list[int]]


@dataclass(frozen=True)
class Trace:
    """The values of a system's variables at ranks 0, 1, …, `stable_from`.

    `rows[n][i]` is variable i at rank n; from rank `stable_from` on every row equals
    `rows[stable_from]`, the values in ℕ.
    """

    rows: tuple[tuple[bool, ...], ...] = field(repr=False)
    stable_from: int

    @property
    def values(self) -> tuple[bool, ...]:
        return self.rows[-1]

    def column(self, i: int) -> tuple[bool, ...]:
        return tuple(row[i] for row in self.rows)


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
        self.roots = [index[id(e)] for e in system.equations]
        kids = [[index[id(c)] for c in f.args] for f in order]
        ops = [f.op for f in order]
        # Outer nodes: reachable from a root without entering a box; they decide the rank's
        # variable values from the box states alone. Inner nodes: everything under a box.
        # Reversed postorder visits parents before children, so one sweep marks each set.
        outer = [False] * self.size
        inner = [False] * self.size
        for r in self.roots:
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
        self.true_nodes = true_nodes
        self.atom_nodes = atom_nodes
        self.atom_vars = atom_vars
        self.boxes = boxes
        self.box_children = box_children
        self.dias = dias
        self.dia_children = dia_children
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
    ) -> list[Group]:
        """Connective nodes grouped by (height, connective): each group is one numpy step."""
        groups: dict[tuple[int, int], list[int]] = {}
        for i in members:
            code = _CODES.get(ops[i])
            if code is not None:
                groups.setdefault((heights[i], code), []).append(i)
        return [
            (code, idx, [kids[i][0] for i in idx], [kids[i][-1] for i in idx])
            for (_, code), idx in sorted(groups.items())
        ]


def frame_trace(system: System) -> Trace:
    """Values of the system's variables rank by rank until they repeat forever (see module doc).

    Raises `InputError` if an equation is not modalized.
    """
    prog = _Program(system)
    if prog.unmodalized is not None:
        a, e = system.atoms[prog.unmodalized], system.equations[prog.unmodalized]
        raise InputError(f"equation for {a} is not modalized: {brief(e)}")
    rows = _plain(prog) if prog.size < PLAIN_BELOW else _vectorised(prog)
    stable = len(rows) - 1
    while stable > 0 and rows[stable - 1] == rows[-1]:
        stable -= 1
    return Trace(tuple(rows[: stable + 1]), stable)


def _plain(prog: _Program) -> list[tuple[bool, ...]]:
    """The ranks in plain Python: one list of node values, the same steps as `_vectorised`."""
    val = [False] * prog.size
    for i in prog.true_nodes:
        val[i] = True
    box_state = [True] * len(prog.boxes)
    dia_state = [False] * len(prog.dias)
    rows: list[tuple[bool, ...]] = []

    def run(program: list[Group]) -> None:
        for code, idx, a, b in program:
            step = _PLAIN[code]
            for i, x, y in zip(idx, a, b, strict=True):
                val[i] = step(val[x], val[y])

    while True:
        for i, v in zip(prog.boxes, box_state, strict=True):
            val[i] = v
        for i, v in zip(prog.dias, dia_state, strict=True):
            val[i] = v
        run(prog.outer)
        row = tuple(val[r] for r in prog.roots)
        rows.append(row)
        for i, var in zip(prog.atom_nodes, prog.atom_vars, strict=True):
            val[i] = row[var]
        run(prog.inner)
        new_box = [s and val[c] for s, c in zip(box_state, prog.box_children, strict=True)]
        new_dia = [s or val[c] for s, c in zip(dia_state, prog.dia_children, strict=True)]
        if new_box == box_state and new_dia == dia_state:
            return rows  # the next rank starts from the same state: it and all later repeat
        box_state, dia_state = new_box, new_dia


def _vectorised(prog: _Program) -> list[tuple[bool, ...]]:
    """The ranks with numpy: each group of connectives is one vector operation."""
    import numpy as np

    def arrays(program: list[Group]) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        return [
            (
                code,
                np.array(i, dtype=np.intp),
                np.array(a, dtype=np.intp),
                np.array(b, dtype=np.intp),
            )
            for code, i, a, b in program
        ]

    outer, inner = arrays(prog.outer), arrays(prog.inner)
    roots = np.array(prog.roots, dtype=np.intp)
    atom_nodes = np.array(prog.atom_nodes, dtype=np.intp)
    atom_vars = np.array(prog.atom_vars, dtype=np.intp)
    boxes = np.array(prog.boxes, dtype=np.intp)
    box_children = np.array(prog.box_children, dtype=np.intp)
    dias = np.array(prog.dias, dtype=np.intp)
    dia_children = np.array(prog.dia_children, dtype=np.intp)
    val = np.zeros(prog.size, dtype=bool)
    val[np.array(prog.true_nodes, dtype=np.intp)] = True
    box_state = np.ones(len(boxes), dtype=bool)  # □φ at rank n: φ at all ranks < n
    dia_state = np.zeros(len(dias), dtype=bool)  # ◇φ at rank n: φ at some rank < n
    rows: list[tuple[bool, ...]] = []

    def run(program: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]) -> None:
        for code, idx, a, b in program:
            val[idx] = _STEPS[code](val[a], val[b])

    while True:
        val[boxes] = box_state
        val[dias] = dia_state
        run(outer)
        row = val[roots].copy()
        rows.append(tuple(row.tolist()))
        val[atom_nodes] = row[atom_vars]
        run(inner)
        new_box = box_state & val[box_children]
        new_dia = dia_state | val[dia_children]
        if np.array_equal(new_box, box_state) and np.array_equal(new_dia, dia_state):
            return rows  # the next rank starts from the same state: it and all later repeat
        box_state, dia_state = new_box, new_dia
