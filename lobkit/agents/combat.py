"""Modal combat: the joint fixed-point system of a match, its value on the linear frame, and how
strong a theory must be to prove the outcome — each answer checked by the GL prover.

The method is that of LaVictoire et al. 2014 ("Robust Cooperation in the Prisoner's Dilemma"),
§3-§4, also used by MIRI's modal-combat tool:

1. *System.* For X against Y there is a variable per ordered pair "P's move against Q" that the
   match needs: X(Y), Y(X), and for each helper H of either side the opponent's move against H
   (PrudentBot asks how its opponent does against DefectBot), closed under the same rule. P(Q)
   gets the equation P(Q) ↔ φ_P[me := P(Q), them := Q(P), them_H := Q(H)]. Every equation is
   modalized, so by the fixed-point theorem for systems (de Jongh-Sambin; Boolos, *The Logic of
   Provability*, ch. 9) it has a unique solution made of letterless sentences.
2. *Linear frame.* A letterless sentence's truth at a world of a GL model depends only on the
   world's rank n (the length of the longest chain above it), so we compute values rank by rank:
   □φ holds at rank n iff φ holds at every rank < n. Modalized equations make rank n depend only
   on ranks < n. The state carried from rank to rank is one bit per box ("no failure so far");
   once a rank leaves that state unchanged, every later rank repeats it (the step is a function
   of the state), so evaluation stops. This happens no later than one rank after the paper's
   criterion (1 + max modal depth equal rows) and within 1 + #boxes ranks. The value at the
   stable ranks is the value in ℕ (Boolos ch. 7: a letterless sentence is true in ℕ iff it holds
   at all sufficiently high ranks).
3. *proved_in.* PA + Conᵏ(PA) ⊢ O, with Conᵏ = ¬□ᵏ⊥, iff GL ⊢ □(¬□ᵏ⊥ → O[H]) (Solovay's
   arithmetical completeness, and GL ⊢ ψ iff GL ⊢ □ψ), iff ¬□ᵏ⊥ → O[H] holds at every rank
   (letterless completeness for the linear frame), iff O holds at every rank ≥ k, since ¬□ᵏ⊥
   holds exactly at the ranks ≥ k. So proved_in is one past the last rank where O fails.
4. *Verification.* The rank traces give the letterless fixed point H (a Boolean combination of
   □ⁿ⊥); the prover checks GL ⊢ ∧ᵢ (Hᵢ ↔ φᵢ[H]) and GL ⊢ □(¬□ᵏ⊥ → O[H]) and, for k > 0, not
   for k − 1. A disagreement raises `VerificationFailed`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lobkit.agents.agent import ME, THEM, ModalAgent
from lobkit.errors import InputError, VerificationFailed
from lobkit.formula import (
    AND,
    ATOM,
    BOX,
    DIA,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    atom,
    bot,
    box,
    conj,
    conjunction,
    disjunction,
    implies,
    is_modalized_in,
    neg,
    substitute,
    top,
)

__all__ = [
    "System",
    "Trace",
    "CombatResult",
    "VerificationFailed",
    "build_system",
    "evaluate",
    "letterless_fixed_point",
    "proved_in",
    "combat",
    "round_robin",
    "verify_result",
]


# ---------------------------------------------------------------------------------------------
# 1. The joint system of a match


@dataclass(frozen=True)
class System:
    """Modalized equations `atoms[i] ↔ equations[i]`; `labels[i]` says which move it is.

    The atoms are `x0, x1, …`; `labels[i]` reads "P(Q)": P's move against Q (true: cooperate).
    """

    atoms: tuple[str, ...]
    labels: tuple[str, ...]
    equations: tuple[Formula, ...]

    def __len__(self) -> int:
        return len(self.atoms)

    @property
    def max_depth(self) -> int:
        return max((e.modal_depth for e in self.equations), default=0)

    def to_json(self) -> list[dict[str, str]]:
        return [
            {"variable": a, "move": label, "equation": str(e)}
            for a, label, e in zip(self.atoms, self.labels, self.equations, strict=True)
        ]


def build_system(left: ModalAgent, right: ModalAgent) -> tuple[System, int, int]:
    """The system of left vs right; returns it with the indices of left(right) and right(left).

    Breadth-first over the pairs the equations mention, so the order is deterministic.
    """
    index: dict[tuple[ModalAgent, ModalAgent], int] = {}
    order: list[tuple[ModalAgent, ModalAgent]] = []
    queue: deque[tuple[ModalAgent, ModalAgent]] = deque()

    def var(p: ModalAgent, q: ModalAgent) -> Formula:
        key = (p, q)
        if key not in index:
            index[key] = len(order)
            order.append(key)
            queue.append(key)
        return atom(f"x{index[key]}")

    var(left, right)
    var(right, left)
    equations: dict[int, Formula] = {}
    while queue:
        p, q = queue.popleft()
        mapping: dict[str | Formula, Formula] = {ME: var(p, q), THEM: var(q, p)}
        for helper, agent in p.helpers:
            mapping[helper] = var(q, agent)  # "the opponent cooperates with the helper agent"
        equations[index[(p, q)]] = substitute(p.formula, mapping)
    labels = _labels(order)
    n = len(order)
    system = System(tuple(f"x{i}" for i in range(n)), labels, tuple(equations[i] for i in range(n)))
    return system, index[(left, right)], index[(right, left)]


def _labels(order: Sequence[tuple[ModalAgent, ModalAgent]]) -> tuple[str, ...]:
    """ "P(Q)" labels; distinct agents sharing a name get #1, #2 suffixes."""
    names: dict[ModalAgent, str] = {}
    by_name: dict[str, list[ModalAgent]] = {}
    for pair in order:
        for agent in pair:
            group = by_name.setdefault(agent.name, [])
            if agent not in group:
                group.append(agent)
    for name, group in by_name.items():
        for i, agent in enumerate(group):
            names[agent] = name if len(group) == 1 else f"{name}#{i + 1}"
    return tuple(f"{names[p]}({names[q]})" for p, q in order)


# ---------------------------------------------------------------------------------------------
# 2. Evaluation on the linear frame (numpy, one vectorised pass per rank)

_CODES = {NOT: 0, AND: 1, OR: 2, IMP: 3, IFF: 4}
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
            modal = ops[i] in (BOX, DIA)
            for c in kids[i]:
                if outer[i] and not modal:
                    outer[c] = True
                if inner[i] or modal:
                    inner[c] = True
        atom_nodes: list[int] = []
        atom_vars: list[int] = []
        true_nodes: list[int] = []
        boxes: list[int] = []
        box_children: list[int] = []
        dias: list[int] = []
        dia_children: list[int] = []
        for i, f in enumerate(order):
            op = ops[i]
            if op == ATOM:
                if f.label not in var_of:
                    raise InputError(f"unknown variable {f.label!r} in the system")
                atom_nodes.append(i)
                atom_vars.append(var_of[f.label])
            elif op == TOP:
                true_nodes.append(i)
            elif op in (BOX, DIA):
                if f.label is not None:
                    raise InputError("theory-indexed modalities cannot be evaluated on the frame")
                (boxes if op == BOX else dias).append(i)
                (box_children if op == BOX else dia_children).append(kids[i][0])
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
            if code == 0:
                val[idx] = ~val[a]
            elif code == 1:
                val[idx] = val[a] & val[b]
            elif code == 2:
                val[idx] = val[a] | val[b]
            elif code == 3:
                val[idx] = ~val[a] | val[b]
            else:
                val[idx] = val[a] == val[b]


def evaluate(system: System) -> Trace:
    """Values of the system's variables rank by rank until they repeat forever (see module doc).

    Raises `InputError` if an equation is not modalized.
    """
    prog = _Program(system)
    if prog.unmodalized is not None:
        a, e = system.atoms[prog.unmodalized], system.equations[prog.unmodalized]
        raise InputError(f"equation for {a} is not modalized: {e}")
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


def rank_formula(column: Sequence[bool]) -> Formula:
    """The letterless sentence true exactly at the ranks where `column` is true.

    `column[-1]` holds at every rank ≥ len(column) − 1. A run of truth over ranks [i, j) is
    □ʲ⊥ ∧ ¬□ⁱ⊥ (□ⁿ⊥ holds exactly below rank n); a final run from i on is ¬□ⁱ⊥.
    """
    parts: list[Formula] = []
    n = len(column)
    i = 0
    while i < n:
        if not column[i]:
            i += 1
            continue
        j = i
        while j < n and column[j]:
            j += 1
        below_i = neg(box(bot, i)) if i > 0 else None
        if j == n:  # the run reaches the stable rank: it never ends
            parts.append(below_i if below_i is not None else top)
        else:
            parts.append(box(bot, j) if below_i is None else conj(box(bot, j), below_i))
        i = j
    return disjunction(parts)


def letterless_fixed_point(system: System, trace: Trace) -> tuple[Formula, ...]:
    """The unique letterless solution H of the system, read off the rank traces."""
    return tuple(rank_formula(trace.column(i)) for i in range(len(system)))


def proved_in(outcome_by_rank: Sequence[bool]) -> int:
    """Least k with the outcome true at every rank ≥ k (the last entry repeats forever)."""
    if not outcome_by_rank[-1]:
        raise ValueError("the outcome fails in ℕ: no theory PA + Con^k proves it")
    k = len(outcome_by_rank)
    while k > 0 and outcome_by_rank[k - 1]:
        k -= 1
    return k


def consistency_implies(k: int, formula: Formula) -> Formula:
    """□(¬□ᵏ⊥ → φ): "PA + Conᵏ(PA) proves φ" (for k = 0 just □φ)."""
    return box(formula if k == 0 else implies(neg(box(bot, k)), formula))


# ---------------------------------------------------------------------------------------------
# 4. A match


@dataclass(frozen=True)
class CombatResult:
    """The outcome of `left` vs `right`: moves (True = cooperate) and the least k such that
    PA + Conᵏ(PA) proves that outcome."""

    left: ModalAgent
    right: ModalAgent
    moves: tuple[bool, bool]
    proved_in: int
    system: System = field(repr=False)
    trace: Trace = field(repr=False)
    indices: tuple[int, int] = field(repr=False)
    fixed_point: tuple[Formula, ...] = field(repr=False)
    verified: bool = False

    @property
    def letters(self) -> tuple[str, str]:
        """The moves as "C"/"D"."""
        return ("C" if self.moves[0] else "D", "C" if self.moves[1] else "D")

    @property
    def outcome(self) -> Formula:
        """The outcome sentence O over the system's variables, e.g. x0 ∧ ¬x1."""
        lits = [
            atom(self.system.atoms[i]) if move else neg(atom(self.system.atoms[i]))
            for i, move in zip(self.indices, self.moves, strict=True)
        ]
        return lits[0] if self.indices[0] == self.indices[1] else conj(lits[0], lits[1])

    def names(self) -> tuple[str, str]:
        """Display names of the two sides (distinct even for a self-match)."""
        a, b = self.left.name, self.right.name
        return (a, b) if a != b else (f"{a}#1", f"{b}#2")

    def to_json(self, *, details: bool = False) -> dict[str, Any]:
        a, b = self.names()
        payload: dict[str, Any] = {
            "moves": {a: self.letters[0], b: self.letters[1]},
            "proved_in": self.proved_in,
        }
        if details:
            payload["verified"] = self.verified
            payload["stable_from"] = self.trace.stable_from
            payload["system"] = [
                {**eq, "fixed_point": str(h)}
                for eq, h in zip(self.system.to_json(), self.fixed_point, strict=True)
            ]
            payload["ranks"] = ["".join("1" if v else "0" for v in row) for row in self.trace.rows]
        return payload

    def __str__(self) -> str:
        a, b = self.names()
        return f"{a} vs {b}: {self.letters[0]}{self.letters[1]} (PA+Con^{self.proved_in} proves it)"


def combat(
    left: ModalAgent | str,
    right: ModalAgent | str,
    *,
    verify: bool = True,
    timeout: float | None = None,
) -> CombatResult:
    """Play `left` against `right`: each side's move and the least k with PA + Conᵏ ⊢ outcome.

    With `verify` (the default) the GL prover confirms the fixed point and k (see module doc).

    >>> from lobkit.agents.builtins import FairBot
    >>> str(combat(FairBot, FairBot, verify=False))
    'FairBot#1 vs FairBot#2: CC (PA+Con^0 proves it)'
    """
    if isinstance(left, str) or isinstance(right, str):
        from lobkit.agents.builtins import builtin

        left = builtin(left) if isinstance(left, str) else left
        right = builtin(right) if isinstance(right, str) else right
    system, i, j = build_system(left, right)
    trace = evaluate(system)
    moves = (trace.values[i], trace.values[j])
    outcome = [bool(row[i] == moves[0] and row[j] == moves[1]) for row in trace.rows]
    result = CombatResult(
        left,
        right,
        moves,
        proved_in(outcome),
        system,
        trace,
        (i, j),
        letterless_fixed_point(system, trace),
    )
    if verify:
        verify_result(result, timeout=timeout)
        object.__setattr__(result, "verified", True)
    return result


def verify_result(result: CombatResult, *, timeout: float | None = None) -> None:
    """Check a result with the GL prover; raise `VerificationFailed` on any disagreement."""
    from lobkit.prover import prove

    system, h = result.system, result.fixed_point
    solution: dict[str | Formula, Formula] = dict(zip(system.atoms, h, strict=True))
    equations = conjunction(
        hi.iff(substitute(eq, solution)) for hi, eq in zip(h, system.equations, strict=True)
    )
    if not prove(equations, "GL", timeout=timeout).valid:
        raise VerificationFailed(f"{result}: the letterless fixed point does not solve the system")
    outcome = substitute(result.outcome, solution)
    k = result.proved_in
    if not prove(consistency_implies(k, outcome), "GL", timeout=timeout).valid:
        raise VerificationFailed(f"{result}: GL does not prove [](~[]^{k}false -> outcome)")
    if k > 0 and prove(consistency_implies(k - 1, outcome), "GL", timeout=timeout).valid:
        raise VerificationFailed(f"{result}: already PA+Con^{k - 1} proves the outcome")


def round_robin(
    agents: Sequence[ModalAgent], *, verify: bool = True, timeout: float | None = None
) -> dict[tuple[str, str], CombatResult]:
    """Every ordered pair of `agents` (self-matches included), keyed by their names."""
    names = [a.name for a in agents]
    if len(set(names)) != len(names):
        raise InputError("round robin: agent names must be distinct")
    results: dict[tuple[str, str], CombatResult] = {}
    for a in agents:
        for b in agents:
            if (b.name, a.name) in results:
                mirror = results[(b.name, a.name)]
                results[(a.name, b.name)] = _mirror(mirror)
            else:
                results[(a.name, b.name)] = combat(a, b, verify=verify, timeout=timeout)
    return results


def _mirror(result: CombatResult) -> CombatResult:
    """b vs a from a vs b: the same system, sides swapped (same outcome, same k)."""
    i, j = result.indices
    return CombatResult(
        result.right,
        result.left,
        (result.moves[1], result.moves[0]),
        result.proved_in,
        result.system,
        result.trace,
        (j, i),
        result.fixed_point,
        result.verified,
    )
