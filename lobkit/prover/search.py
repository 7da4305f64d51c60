"""The decision procedure: modal clause learning over one incremental SAT solver.

`Engine.sat(sequent)` decides whether some world of some model (of the logic, with its global
premises true everywhere) makes the sequent's left formulas true and its right formulas false.
The loop at one world (Goré & Kikkert's CEGAR-tableaux, generalised to indexed boxes):

1. ask the SAT solver (a `lobkit.sat` backend) for a propositional model of the sequent
   (boxes are atoms);
2. for each top-level box ``[T]A`` false in it, build the T-successor's *demand*
   (GL: ``[T]A``, every true ``[S]B``, and ``B`` for each true ``[S]B`` with T extending S, on
   the left; ``A`` on the right — the premise of the GLR rule of Sambin–Valentini's G3GL; K4
   drops ``[T]A``; K keeps only the bodies) and decide it;
3. an unsatisfiable demand with core C yields the valid clause
   ``[T]A ∨ ¬[S1]B1 ∨ …`` (one generating box per item of C), asserted globally; go to 1;
4. if every demand is satisfiable, the world is built.

There is no bound on the number of worlds: GL demands strictly grow their set of left boxes
(and K demands shrink in modal depth), so the search terminates; K4 (and K with premises) uses
a loop check, turning a demand already in progress on the stack into a back edge. UnsatCore results
are cached by sequent (always sound); sat results too unless they depend on an ancestor still
in progress. The search runs on an explicit stack, so modal depth is not limited by Python's
recursion limit.

Everything the solver learns is valid in the logic with its premises, so one `Engine` may
serve many queries (see `lobkit.prover.Prover`); `interrupt()` stops a running search from a
signal handler or another thread (it raises `Interrupted`).

Long module: the world loop above, its learning step and the explicit-stack bookkeeping (each
frame's Tarjan low-link, which decides whether a sat result may be cached) read
and change the same per-frame state in one loop; split across modules, each half would have
to expose that state to the other.
"""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from lobkit.errors import Interrupted, ResourceLimit
from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    postorder,
    without_diamonds,
)
from lobkit.kernel.logic import Logic, Theory
from lobkit.limits import check_seconds, check_size
from lobkit.prover.encode import Encoder
from lobkit.sat import DEFAULT_SOLVER, make_solver

__all__ = [
    "Sequent",
    "UnsatCore",
    "Lemma",
    "World",
    "Engine",
    "DEFAULT_MAX_WORLDS",
    "theory_reach",
    "interrupt",
]

DEFAULT_MAX_WORLDS = 1_000_000
_NO_BACK_EDGE = 1 << 62  # a lowlink above every stack depth: no edge back into the stack


class Sequent(NamedTuple):
    """Left formulas (true) ⇒ right formulas (false); both are sets."""

    left: frozenset[Formula]
    right: frozenset[Formula]


@dataclass(frozen=True)
class UnsatCore:
    """An unsatisfiable sequent's core: the parts of it (and the premises) the solver needed."""

    left: frozenset[Formula]
    right: frozenset[Formula]
    premises: frozenset[Formula]


@dataclass(frozen=True)
class Lemma:
    """A learned modal lemma: the sequent ``generators ⇒ box`` (the clause
    ``box ∨ ¬g₁ ∨ …``), proved by the modal rule from `core`, the unsat core of the demand.
    Lemmas are numbered in the order learned; a core was found with earlier lemmas only."""

    box: Formula
    generators: tuple[Formula, ...]
    core: UnsatCore


@dataclass(eq=False)
class World:
    """A world of the model under construction: its sequent, true atoms, labelled children."""

    seq: Sequent
    atoms: frozenset[str] = frozenset()
    children: list[tuple[Theory, World]] = field(default_factory=list)


@dataclass(eq=False)
class _Frame:
    """A world on the search stack. `lowlink` is Tarjan's low-link: the smallest stack depth
    that a back edge from this world's subtree reaches (K4 loops); a world whose lowlink is
    not below its own `depth` depends on no ancestor in progress, so its result is cached."""

    seq: Sequent
    world: World
    depth: int
    true_boxes: list[Formula] = field(default_factory=list)
    false_boxes: list[Formula] = field(default_factory=list)  # in the order tried
    read: list[Formula] = field(default_factory=list)  # the false boxes as read
    children: list[tuple[Theory, World]] = field(default_factory=list)
    next_box: int = 0
    lowlink: int = _NO_BACK_EDGE
    needs_model: bool = True
    bases: dict[Theory, frozenset[Formula]] = field(default_factory=dict)


def theory_reach(extends: dict[Theory, frozenset[Theory]]) -> dict[Theory, frozenset[Theory]]:
    """For each theory, the theories it extends, reflexively and transitively: the search's own
    closure (Warshall's algorithm), deliberately not the kernel's `Logic` closure, so that one
    bug cannot fool both the search and the checker of its certificates."""
    names = set(extends) | {t for ts in extends.values() for t in ts}
    reach = {t: set(extends.get(t, ())) | {t} for t in names}
    for k in names:
        for t in names:
            if k in reach[t]:
                reach[t] |= reach[k]
    return {t: frozenset(r) for t, r in reach.items()}


def _outside_boxes(node: Formula) -> bool:
    return node.op != BOX


_LEAF, _CONST, _NOT, _AND, _OR, _IMP, _IFF = range(7)
_CODE = {AND: _AND, OR: _OR, IMP: _IMP, IFF: _IFF}


class _Dag:
    """Every formula the search has asked about, outside boxes, as one DAG of positions shared
    by the whole engine: `prog[i]` = (code, a, b) with children at smaller positions,
    `boxes[i]` how many box leaves lie under position i (counted along every path, capped;
    the justification's preference), `nodes[i]` the formula itself."""

    def __init__(self) -> None:
        self.prog: list[tuple[int, int, int]] = []
        self.boxes: list[int] = []
        self.nodes: list[Formula] = []
        # id(node) -> position (formulas are interned, and `nodes` keeps them alive)
        self.at: dict[int, int] = {}

    def root(self, f: Formula) -> int:
        """The position of `f` (its nodes outside boxes added on first use)."""
        i = self.at.get(id(f))
        if i is not None:
            return i
        at, prog, boxes, nodes = self.at, self.prog, self.boxes, self.nodes
        for node in postorder(f, _outside_boxes):
            if id(node) in at:
                continue
            at[id(node)] = len(prog)
            op = node.op
            if op == ATOM or op == BOX:
                prog.append((_LEAF, 0, 0))
                boxes.append(int(op == BOX))
            elif op == TOP or op == BOT:
                prog.append((_CONST, int(op == TOP), 0))
                boxes.append(0)
            elif op == NOT:
                a = at[id(node.args[0])]
                prog.append((_NOT, a, 0))
                boxes.append(boxes[a])
            else:
                a, b = at[id(node.args[0])], at[id(node.args[1])]
                prog.append((_CODE[op], a, b))
                boxes.append(min(boxes[a] + boxes[b], _MANY_BOXES))
            nodes.append(node)
        return at[id(f)]


_MANY_BOXES = 1 << 30
_FIRST_BUDGET = 256  # worlds before the search's first restart


def _rotated(items: list[Formula], turn: int) -> list[Formula]:
    """`items` rotated left by `turn` places (the order a world's children are tried in)."""
    if turn == 0 or len(items) < 2:
        return items
    k = turn % len(items)
    return items[k:] + items[:k]


class _Vocabulary(NamedTuple):
    """What reading a world of one sequent needs: its top-level boxes and atoms (the
    premises' too), their solver literals and `_Dag` positions (boxes first, then atoms), and
    the positions of its compound formulas and premises with their values (the
    justification's roots: the left ones and the premises true, the right ones false), and
    the positions of the boxes among its formulas (kept whatever the model)."""

    boxes: list[Formula]
    atoms: list[Formula]
    lits: list[int]
    leaves: list[int]
    roots: list[tuple[int, bool]]
    kept: frozenset[int]


class _Query(NamedTuple):
    """A sequent as the solver is asked about it: the assumption literals, which formula each
    stands for (is_left, formula), and its sides in encoding order."""

    assumptions: list[int]
    owner: dict[int, tuple[bool, Formula]]
    left: list[Formula]
    right: list[Formula]


def _justified_boxes(
    prog: list[tuple[int, int, int]],
    boxes: list[int],
    val: dict[int, bool],
    roots: list[tuple[int, bool]],
    kept: frozenset[int] = frozenset(),
) -> set[int]:
    """The box leaves of a *justification* of the roots' values (`roots` pairs each root with
    its value) under the two-valued valuation `val` (given on the leaves, filled in on
    demand): leaves whose values alone fix every root's value in Kleene's strong three-valued
    logic, so every box outside it may be left unknown (Kleene evaluation is monotone; atoms
    cost nothing, so neither they nor any part of a formula without boxes is tracked).

    Top-down from the roots, values flowing down: a conjunctive requirement (AND true, OR
    false, IMP false, NOT, IFF) needs both children, a disjunctive one (AND false, OR true,
    IMP true) one child with the wanted value — one already justified if there is one, else
    the one with fewer boxes under it (each box kept is a child world built or a constraint
    on every child); a node is evaluated only to make that choice. One pass over the part of
    the sequent the justification needs; deterministic (positions, not hashes)."""

    def value(i: int) -> bool:
        known = val.get(i)
        if known is not None:
            return known
        todo = [i]
        while todo:  # an explicit stack: formulas may be deeper than Python's recursion limit
            j = todo[-1]
            if j in val:
                todo.pop()
                continue
            code, a, b = prog[j]
            if code == _CONST:
                val[j] = bool(a)
                todo.pop()
                continue
            va = val.get(a)
            if va is None:
                todo.append(a)
                continue
            if code == _NOT:
                v = not va
            elif code == _AND and not va:
                v = False
            elif code == _OR and va:
                v = True
            elif code == _IMP and not va:
                v = True
            else:
                vb = val.get(b)
                if vb is None:
                    todo.append(b)
                    continue
                v = (va == vb) if code == _IFF else vb  # AND, OR, IMP: a did not settle it
            val[j] = v
            todo.pop()
        return val[i]

    get = val.get
    seen: set[int] = set()
    seen.update(kept)
    needed = set(kept)
    stack = list(reversed(roots))
    while stack:
        i, v = stack.pop()
        if i in seen or not boxes[i]:  # no box below: nothing to keep
            continue
        seen.add(i)
        val[i] = v
        code, a, b = prog[i]
        if code == _LEAF:
            needed.add(i)
        elif code == _NOT:
            stack.append((a, not v))
        elif code == _IFF:
            va = get(a)
            if va is None:
                va = value(a)
            stack += ((b, va == v), (a, va))
        elif v == (code == _AND):  # AND true, OR false, IMP false: both children
            stack += ((b, v), (a, code != _OR))
        else:  # one child settles i: OR's true child, AND's false one, IMP's a false or b true
            want_a, want_b = code == _OR, code != _AND
            va, vb = get(a), get(b)
            if (a in seen and va is want_a) or (b in seen and vb is want_b):
                continue
            if boxes[b] < boxes[a]:
                if vb is None:
                    vb = value(b)
                stack.append((b, want_b) if vb is want_b else (a, want_a))
            else:
                if va is None:
                    va = value(a)
                stack.append((a, want_a) if va is want_a else (b, want_b))
    return needed


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a search (and the certificate's building and
    checking, `lobkit.prover.pipeline`): a search allocates a few small sets, lists and
    tuples per world and keeps most of them (caches, the worlds), so every collection would
    walk an ever larger heap for nothing (a fifth of k_branch_n's search time) — none of them
    is garbage, and the only cycles are the kept back edges of K4 worlds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_LIVE: weakref.WeakSet[Engine] = weakref.WeakSet()


def interrupt() -> None:
    """Interrupt every search running in this process (each raises `Interrupted`). Safe to call
    from a signal handler (SIGINT) or another thread; each engine's next query runs normally."""
    for engine in list(_LIVE):
        engine.interrupt()


class Engine:
    """One search context: a logic, a SAT solver (backend `solver`, one of
    `lobkit.sat.SOLVERS`) with everything learned so far, the caches. `start` begins a query
    with its own time and world limits; caches and learned clauses carry over."""

    def __init__(
        self,
        logic: Logic,
        *,
        timeout: float | None = None,
        max_worlds: int = DEFAULT_MAX_WORLDS,
        solver: str = DEFAULT_SOLVER,
    ) -> None:
        self.logic = logic
        self.solver = make_solver(solver)
        self.enc = Encoder(self.solver)
        self._interrupted = False
        self.start(timeout=timeout, max_worlds=max_worlds)
        _LIVE.add(self)
        premises = []
        for p in logic.premises:
            q = without_diamonds(p)
            if q not in premises:
                premises.append(q)
        self.premises: tuple[Formula, ...] = tuple(self.enc.order(premises))
        self.loop_check = logic.frame == "K4" or (logic.frame == "K" and bool(self.premises))
        self.unsat_cache: dict[Sequent, UnsatCore] = {}
        self.sat_cache: dict[Sequent, World] = {}
        self.lemmas: list[Lemma] = []  # every clause learned, in order (public, read-only)
        self._reach = theory_reach(dict(logic.direct))
        self._queries: dict[tuple[Sequent, bool], _Query] = {}
        self._vocab: dict[Sequent, _Vocabulary] = {}
        # The query whose model the solver holds, while no clause was added since: a world of
        # that sequent is read from it without solving again (the look-ahead's last demand
        # is the first child built).
        self._model_of: tuple[Sequent, bool] | None = None
        self._turn = 0  # the search's restarts so far (see `sat`)
        self._dag = _Dag()

    def start(self, *, timeout: float | None = None, max_worlds: int = DEFAULT_MAX_WORLDS) -> None:
        """Begin a query: a fresh deadline and world count; a past interrupt is forgotten."""
        self.started = time.monotonic()
        self.timeout = timeout = check_seconds(timeout)
        self.deadline = None if timeout is None else self.started + timeout
        self.max_worlds = check_size(max_worlds, "max_worlds")
        self.worlds_made = 0
        self._interrupted = False
        self.solver.clear_interrupt()

    def interrupt(self) -> None:
        """Stop the running query (it raises `Interrupted`); thread- and signal-safe."""
        self._interrupted = True
        self.solver.interrupt()

    # -- helpers ------------------------------------------------------------------------------

    def sequent(self, left: object = (), right: object = ()) -> Sequent:
        """A sequent of normalized formulas (diamonds translated to boxes)."""
        lf = frozenset(without_diamonds(f) for f in left)  # type: ignore[attr-defined]
        rf = frozenset(without_diamonds(f) for f in right)  # type: ignore[attr-defined]
        return Sequent(lf, rf)

    def extends(self, sub: Theory, sup: Theory) -> bool:
        """Whether theory `sub` extends `sup` (by the search's own closure)."""
        return sub == sup or sup in self._reach.get(sub, ())

    def order(self, formulas: Iterable[Formula]) -> list[Formula]:
        """`formulas` in the run-independent order certificates are built in."""
        return self.enc.order(formulas)

    def known_unsat(self, seq: Sequent) -> UnsatCore | None:
        """The core of `seq` if the search has already refuted it, else None."""
        return self.unsat_cache.get(seq)

    def core(self, seq: Sequent, *, with_premises: bool = True) -> UnsatCore | None:
        """The unsat core of `seq` as a propositional query (boxes as atoms), or None when it
        is propositionally satisfiable."""
        answer = self.solve(seq, with_premises=with_premises)
        return answer if isinstance(answer, UnsatCore) else None

    def demand(
        self,
        box: Formula,
        left_boxes: list[Formula] | frozenset[Formula],
        bases: dict[Theory, frozenset[Formula]] | None = None,
    ) -> Sequent:
        """The premise of the modal rule refuting `box` = [T]A, given the true boxes. `bases`
        (one per world) memoises the part that depends only on T and the true boxes."""
        theory, body = box.label, box.args[0]
        base = None if bases is None else bases.get(theory)
        if base is None:
            left: set[Formula] = set(left_boxes) if self.logic.frame != "K" else set()
            for b in left_boxes:
                if self.extends(theory, b.label):
                    left.add(b.args[0])
            base = frozenset(left)
            if bases is not None:
                bases[theory] = base
        if self.logic.frame == "GL":
            base = base | {box}
        return Sequent(base, frozenset((body,)))

    def tick(self) -> None:
        """Raise `Interrupted` after `interrupt()`, `ResourceLimit` once the deadline passed."""
        if self._interrupted:
            raise Interrupted("interrupted")
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise ResourceLimit(
                f"time limit of {self.timeout:g} s reached (raise it with --timeout, or timeout=)"
            )

    def solve(self, seq: Sequent, *, with_premises: bool = True) -> UnsatCore | None:
        """One propositional query: None when satisfiable (the model stays in the solver),
        else the unsat core mapped back to formulas."""
        assumptions, owner, _, _ = self._assumptions(seq, with_premises)
        self.tick()
        self._model_of = None
        answer = self.solver.solve(assumptions, self.deadline)
        if answer is None:
            self.tick()
            raise ResourceLimit(f"the {self.solver.name} solver gave up")
        if answer:
            self._model_of = (seq, with_premises)
            return None
        left, right, prem = set(), set(), set()
        for a in self.solver.core():
            is_left, f = owner[a]
            if not is_left:
                right.add(f)
            elif f in seq.left:
                left.add(f)
            else:
                prem.add(f)
        return UnsatCore(frozenset(left), frozenset(right), frozenset(prem))

    def _assumptions(self, seq: Sequent, with_premises: bool) -> _Query:
        """The assumption literals asking about `seq`, which formula each stands for, and the
        sequent's sides in encoding order; computed once per sequent (a world is asked about
        again after every lemma)."""
        key = (seq, with_premises)
        known = self._queries.get(key)
        if known is not None:
            return known
        lit, order = self.enc.literal, self.enc.order
        # Encoding order, not set order: models and cores (hence the certificates) must not
        # depend on Python's string hashing. A literal may stand for several formulas (`~p`
        # left and `p` right); the core names the first of them in this order.
        owner: dict[int, tuple[bool, Formula]] = {}
        assumptions = []
        left, right = order(seq.left), order(seq.right)
        for f in left:
            a = lit(f)
            owner.setdefault(a, (True, f))
            assumptions.append(a)
        for f in right:
            a = -lit(f)
            owner.setdefault(a, (False, f))
            assumptions.append(a)
        if with_premises:
            for p in self.premises:
                if p not in seq.left:
                    a = lit(p)
                    owner.setdefault(a, (True, p))
                    assumptions.append(a)
        found = self._queries[key] = _Query(assumptions, owner, left, right)
        return found

    def _vocabulary(self, seq: Sequent) -> _Vocabulary:
        """The top-level boxes and atoms of `seq` and the premises (what a world's valuation
        decides), in a deterministic order, with their literals and positions, and the
        justification's roots; computed once per sequent."""
        known = self._vocab.get(seq)
        if known is not None:
            return known
        query = self._assumptions(seq, True)
        top, root, at = self.enc.top_level, self._dag.root, self._dag.at
        sides = ((query.left, True), (query.right, False), (self.premises, True))
        index = self.enc.index.__getitem__  # both sides together, in encoding order
        formulas = sorted(query.left + query.right, key=index) + list(self.premises)
        tops = [top(f) for f in formulas]
        # first occurrences, in that order (boxes and atoms are disjoint)
        boxes = list(dict.fromkeys(chain.from_iterable(t[0] for t in tops)))
        atoms = list(dict.fromkeys(chain.from_iterable(t[1] for t in tops)))
        lit = self.enc.lit  # boxes and atoms are variables: positive literals
        # A box of the sequent is kept whatever the model; an atom needs nothing.
        kept = frozenset(root(f) for f in formulas if f.op == BOX)
        roots = [(root(f), v) for fs, v in sides for f in fs if f.op != BOX and f.op != ATOM]
        for f in formulas:
            if f.op == ATOM:
                root(f)
        found = self._vocab[seq] = _Vocabulary(
            boxes,
            atoms,
            [lit[f] for f in boxes] + [lit[a] for a in atoms],
            [at[id(x)] for x in boxes] + [at[id(x)] for x in atoms],
            roots,
            kept,
        )
        return found

    def _read_world(self, fr: _Frame) -> None:
        """Fix `fr`'s world from the solver's model of its sequent: its atoms, and the boxes a
        justification keeps."""
        voc = self._vocabulary(fr.seq)
        boxes = voc.boxes
        values = self.solver.values(voc.lits)
        fr.bases = {}
        nb = len(boxes)
        # Boxes outside a justification of the sequent's values need not be fixed
        # (`_justified_boxes`): a false box asks for a child and a true one constrains every
        # child, so each box left open is a child or a constraint saved (K: a free box false
        # doubles k_branch_p's search per level).
        val = dict(zip(voc.leaves, values, strict=True))
        needed = _justified_boxes(self._dag.prog, self._dag.boxes, val, voc.roots, voc.kept)
        fr.true_boxes = []
        fr.read = []
        for x, i, v in zip(boxes, voc.leaves, values, strict=False):
            if i in needed:
                (fr.true_boxes if v else fr.read).append(x)
        fr.false_boxes = _rotated(fr.read, self._turn)
        fr.world.atoms = frozenset(
            a.label for a, v in zip(voc.atoms, values[nb:], strict=True) if v and a.label
        )
        fr.next_box = 0
        fr.children = []
        fr.needs_model = False

    def _learn(self, box: Formula, true_boxes: list[Formula], core: UnsatCore) -> None:
        """Assert ``[T]A ∨ ¬[S1]B1 ∨ …``: the GLR rule applied to the unsat demand's core."""
        # In GL and K4 the demand carries the true boxes themselves; in K it carries only
        # bodies, so there a box in the core must be the body of a true box, never itself.
        carried = set(true_boxes) if self.logic.frame != "K" else set()
        generators: list[Formula] = []
        for item in self.enc.order(core.left):
            if item == box and self.logic.frame == "GL":
                continue  # the Löb hypothesis [T]A (GL)
            if item in carried:
                generators.append(item)
                continue
            for b in true_boxes:
                if b.args[0] == item and self.extends(box.label, b.label):
                    generators.append(b)
                    break
            else:  # pragma: no cover - every demand item has a generator
                raise AssertionError(f"no generator for {item}")
        gens = tuple(dict.fromkeys(generators))
        self.lemmas.append(Lemma(box, gens, core))
        self._model_of = None  # the new clause may falsify the solver's model
        lit = self.enc.lit
        self.solver.add_clause([lit[box]] + [-lit[g] for g in gens])

    def _forget(self, seq: Sequent) -> None:
        """Drop what only reading a world of `seq` needed, once it is decided (its answer is
        cached, or recomputed if asked again): k_branch_n keeps 2^n worlds, and their queries
        and vocabularies would be most of the heap."""
        self._vocab.pop(seq, None)
        self._queries.pop((seq, True), None)

    def _look_ahead(self, fr: _Frame, in_progress: dict[Sequent, int]) -> bool:
        """Before building any child of a new world, refute what can be refuted cheaply: every
        demand already known unsatisfiable or propositionally unsatisfiable (one SAT call, no
        world built) yields its lemma now. True if any lemma was learned. Without this, a
        world explores its satisfiable children's subtrees first and throws them away when a
        later child fails (k_branch_p: most of the search)."""
        learned = False
        for box in reversed(fr.false_boxes):  # the first child's model stays in the solver
            d = self.demand(box, fr.true_boxes, fr.bases)
            if d in self.sat_cache or d in in_progress:
                continue
            core = self.unsat_cache.get(d)
            if core is None:
                core = self.solve(d)
                if core is None:
                    continue
                self.unsat_cache[d] = core
            self._learn(box, fr.true_boxes, core)
            learned = True
        if learned:
            fr.needs_model = True
        return learned

    # -- the search ---------------------------------------------------------------------------

    def sat(self, root: Sequent) -> World | UnsatCore:
        """A world satisfying `root` (the root of a model of the logic), or an unsat core."""
        cached: World | UnsatCore | None = self.unsat_cache.get(root) or self.sat_cache.get(root)
        if cached is not None:
            return cached
        with collector_paused():
            return self._search(root)

    def _search(self, root: Sequent) -> World | UnsatCore:
        stack: list[_Frame] = []
        in_progress: dict[Sequent, int] = {}
        # Restarts: after `budget` worlds the search starts again from the root, the budget
        # doubled and each world's children taken in a rotated order (`_turn`). Everything
        # learned and cached stays, and a world read with no lemma learned since keeps its
        # reading, so a satisfiable subtree already built is not built again; what changes is
        # which child is tried first. A valid formula whose refutation needs a child that
        # comes late in the fixed order is then not held up by its satisfiable siblings'
        # subtrees (k_branch_p: the p-true sibling's 2^14 worlds before the p-false chain) —
        # the restarts with changing order of SAT solvers (Gomes, Selman & Kautz 1998).
        budget, built = _FIRST_BUDGET, 0
        self._turn = 0
        readings: dict[Sequent, tuple[int, list[Formula], list[Formula], frozenset[str]]] = {}

        def push(seq: Sequent) -> None:
            nonlocal built
            built += 1
            self.worlds_made += 1
            if self.worlds_made > self.max_worlds:
                raise ResourceLimit(
                    f"search limit of {self.max_worlds:,} worlds reached "
                    "(raise it with max_worlds=)"
                )
            in_progress[seq] = len(stack)
            fr = _Frame(seq, World(seq), len(stack))
            reading = readings.pop(seq, None)
            if reading is not None and reading[0] == len(self.lemmas):
                _, fr.true_boxes, fr.read, fr.world.atoms = reading
                fr.false_boxes = _rotated(fr.read, self._turn)
                fr.needs_model = False
            stack.append(fr)

        push(root)
        ret: tuple[World, int] | UnsatCore | None = None
        while stack:
            if built > budget and ret is None and len(stack) > 1:  # restart (see above)
                for f in stack:
                    if not f.needs_model:
                        readings[f.seq] = (len(self.lemmas), f.true_boxes, f.read, f.world.atoms)
                stack.clear()
                in_progress.clear()
                self._turn += 1
                budget *= 2
                built = 0
                push(root)
            fr = stack[-1]
            if ret is not None:
                box = fr.false_boxes[fr.next_box]
                if isinstance(ret, UnsatCore):
                    self._learn(box, fr.true_boxes, ret)
                    fr.needs_model = True
                else:
                    fr.children.append((box.label, ret[0]))
                    fr.lowlink = min(fr.lowlink, ret[1])
                    fr.next_box += 1
                ret = None
            if fr.needs_model:
                if self._model_of != (fr.seq, True):
                    answer = self.solve(fr.seq)
                    if answer is not None:
                        self.unsat_cache[fr.seq] = answer
                        stack.pop()
                        del in_progress[fr.seq]
                        self._forget(fr.seq)
                        ret = answer
                        continue
                self._read_world(fr)
                if self._look_ahead(fr, in_progress):
                    continue  # lemmas learned: this world needs a new model
            if fr.next_box < len(fr.false_boxes):
                d = self.demand(fr.false_boxes[fr.next_box], fr.true_boxes, fr.bases)
                known_unsat = self.unsat_cache.get(d)
                if known_unsat is not None:
                    ret = known_unsat
                    continue
                known_sat = self.sat_cache.get(d)
                if known_sat is not None:
                    ret = (known_sat, _NO_BACK_EDGE)
                    continue
                where = in_progress.get(d)
                if where is not None:
                    if not self.loop_check:  # pragma: no cover - impossible by the measures
                        raise AssertionError("a demand repeated without loop checking")
                    ret = (stack[where].world, where)
                    continue
                push(d)
                continue
            fr.world.children = fr.children
            stack.pop()
            del in_progress[fr.seq]
            self._forget(fr.seq)
            if fr.lowlink >= fr.depth:
                self.sat_cache[fr.seq] = fr.world
            ret = (fr.world, fr.lowlink)
        assert ret is not None
        return ret if isinstance(ret, UnsatCore) else ret[0]
