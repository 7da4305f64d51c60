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

import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
    false_boxes: list[Formula] = field(default_factory=list)
    children: list[tuple[Theory, World]] = field(default_factory=list)
    next_box: int = 0
    lowlink: int = _NO_BACK_EDGE
    needs_model: bool = True
    bases: dict[Theory, frozenset[Formula]] = field(default_factory=dict)
    skeleton: _Skeleton | None = None


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
    by the whole engine: `prog[i]` = (code, a, b) with children at smaller positions (so
    position order is an evaluation order), `parents[i]` the positions using `i`, `nodes[i]`
    the formula itself. A world's sequent is a set of roots in it (`_Skeleton`); positions
    outside the sequent stay unknown (None) in its valuation, so `_forget` never looks at them."""

    def __init__(self) -> None:
        self.prog: list[tuple[int, int, int]] = []
        self.parents: list[list[int]] = []
        self.nodes: list[Formula] = []
        # id(node) -> position (formulas are interned, and `nodes` keeps them alive)
        self.at: dict[int, int] = {}
        self._under: dict[int, tuple[int, ...]] = {}  # id(formula) -> its positions, in order

    def positions(self, f: Formula) -> tuple[int, ...]:
        """The positions of `f`'s nodes outside boxes, children first (added on first use)."""
        known = self._under.get(id(f))
        if known is not None:
            return known
        at, prog, parents, nodes = self.at, self.prog, self.parents, self.nodes
        mine: list[int] = []
        for node in postorder(f, _outside_boxes):
            i = at.get(id(node))
            if i is None:
                i = at[id(node)] = len(prog)
                op = node.op
                if op == ATOM or op == BOX:
                    prog.append((_LEAF, 0, 0))
                elif op == TOP or op == BOT:
                    prog.append((_CONST, int(op == TOP), 0))
                elif op == NOT:
                    a = at[id(node.args[0])]
                    prog.append((_NOT, a, 0))
                    parents[a].append(i)
                else:
                    a, b = at[id(node.args[0])], at[id(node.args[1])]
                    prog.append((_CODE[op], a, b))
                    parents[a].append(i)
                    if b != a:
                        parents[b].append(i)
                parents.append([])
                nodes.append(node)
            mine.append(i)
        found = self._under[id(f)] = tuple(mine)
        return found


class _Skeleton(NamedTuple):
    """A sequent's part of the `_Dag`: its inner (non-leaf) positions in evaluation order, the
    positions of its roots (its formulas and the premises), of its vocabulary's leaves (in
    `_vocabulary`'s order) and each top-level box's position."""

    inner: list[int]
    roots: frozenset[int]
    leaves: list[int]
    box_at: dict[Formula, int]


def _kleene(code: int, x: bool | None, y: bool | None) -> bool | None:
    """One connective in Kleene's strong three-valued logic (None: unknown)."""
    if code == _NOT:
        return None if x is None else not x
    if code == _IMP:
        x = None if x is None else not x
        code = _OR
    if code == _AND:
        return False if (x is False or y is False) else (None if x is None or y is None else True)
    if code == _OR:
        return True if (x is True or y is True) else (None if x is None or y is None else False)
    return None if x is None or y is None else x == y


def _forget(dag: _Dag, critical: set[int], val: list[bool | None], i: int) -> bool:
    """Make leaf `i` unknown if every root keeps its value, and say whether it did. Three-valued
    evaluation is monotone (a definite value can only become unknown), so only the ancestors
    that become unknown are visited, and the answer is no as soon as one of them is critical.

    `critical` holds the roots and the nodes known to make a root unknown if made unknown
    themselves. It only grows over one world's greedy pass (monotonicity again: once more
    leaves are unknown, a node that unsettled a root still does), so a failed attempt adds the
    chain of nodes that each unsettled the next on its own (the other argument untouched by
    this attempt), and later attempts stop as soon as they reach one: k_branch_p's long
    conjunctions are then walked once per world, not once per box."""
    if i in critical:
        return False
    prog, parents = dag.prog, dag.parents
    changed = [(i, val[i])]
    val[i] = None
    moved = {i}
    via: dict[int, int] = {}  # node -> the child that, alone, made it unknown
    stack = [i]
    while stack:
        c = stack.pop()
        for p in parents[c]:
            if val[p] is None:
                continue
            code, a, b = prog[p]
            if _kleene(code, val[a], val[b]) is None:
                alone = (c == i or c in via) and (
                    code == _NOT or a == b or (b if a == c else a) not in moved
                )
                if p in critical:
                    while alone:  # the chain from i up to p: each node unsettles the next
                        critical.add(c)
                        if c == i:
                            break
                        c = via[c]
                    for j, old in changed:
                        val[j] = old
                    return False
                if alone:
                    via[p] = c
                moved.add(p)
                changed.append((p, val[p]))
                val[p] = None
                stack.append(p)
    return True


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
        self._queries: dict[tuple[Sequent, bool], tuple[list[int], dict[int, Any]]] = {}
        self._vocab: dict[Sequent, tuple[list[Formula], list[Formula], list[int]]] = {}
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
        assumptions, owner = self._assumptions(seq, with_premises)
        self.tick()
        answer = self.solver.solve(assumptions, self.deadline)
        if answer is None:
            self.tick()
            raise ResourceLimit(f"the {self.solver.name} solver gave up")
        if answer:
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

    def _assumptions(
        self, seq: Sequent, with_premises: bool
    ) -> tuple[list[int], dict[int, tuple[bool, Formula]]]:
        """The assumption literals asking about `seq`, and which formula each stands for;
        computed once per sequent (a world is asked about again after every lemma)."""
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
        for f in order(seq.left):
            a = lit(f)
            owner.setdefault(a, (True, f))
            assumptions.append(a)
        for f in order(seq.right):
            a = -lit(f)
            owner.setdefault(a, (False, f))
            assumptions.append(a)
        if with_premises:
            for p in self.premises:
                if p not in seq.left:
                    a = lit(p)
                    owner.setdefault(a, (True, p))
                    assumptions.append(a)
        found = self._queries[key] = (assumptions, owner)
        return found

    def _vocabulary(self, seq: Sequent) -> tuple[list[Formula], list[Formula], list[int]]:
        """The top-level boxes and atoms of `seq` and the premises (what a world's valuation
        decides), in a deterministic order, with their literals; computed once per sequent."""
        known = self._vocab.get(seq)
        if known is not None:
            return known
        boxes: list[Formula] = []
        atoms: list[Formula] = []
        seen: set[Formula] = set()
        for f in self.enc.order(seq.left | seq.right) + list(self.premises):
            bs, ats = self.enc.top_level(f)
            for b in bs:
                if b not in seen:
                    seen.add(b)
                    boxes.append(b)
            for a in ats:
                if a not in seen:
                    seen.add(a)
                    atoms.append(a)
        lit = self.enc.lit  # boxes and atoms are variables: positive literals
        found = self._vocab[seq] = (boxes, atoms, [lit[f] for f in boxes] + [lit[a] for a in atoms])
        return found

    def _read_world(self, fr: _Frame) -> None:
        boxes, atoms, lits = self._vocabulary(fr.seq)
        values = self.solver.values(lits)
        fr.bases = {}
        nb = len(boxes)
        free = self._dont_care(fr, boxes, values)
        pairs = list(zip(boxes, values, strict=False))
        fr.true_boxes = [b for b, v in pairs if v and b not in free]
        fr.false_boxes = [b for b, v in pairs if not v and b not in free]
        fr.world.atoms = frozenset(
            a.label for a, v in zip(atoms, values[nb:], strict=True) if v and a.label
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
        lit = self.enc.lit
        self.solver.add_clause([lit[box]] + [-lit[g] for g in gens])

    def _skeleton(self, fr: _Frame) -> _Skeleton:
        """The part of the engine's `_Dag` that the formulas of `fr`'s sequent and the premises
        span outside boxes (for `_forget`); computed once per frame (a world is read again
        after every lemma), from each formula's positions, computed once per engine."""
        known = fr.skeleton
        if known is not None:
            return known
        dag, seq = self._dag, fr.seq
        spanned: set[int] = set()
        roots: set[int] = set()
        for group in (seq.left, seq.right, self.premises):
            for f in group:
                mine = dag.positions(f)
                spanned.update(mine)
                roots.add(dag.at[id(f)])
        prog, at = dag.prog, dag.at
        inner = sorted(i for i in spanned if prog[i][0] != _LEAF)
        boxes, atoms, _ = self._vocabulary(seq)
        leaves = [at[id(x)] for x in boxes] + [at[id(x)] for x in atoms]
        box_at = dict(zip(boxes, leaves, strict=False))
        found = fr.skeleton = _Skeleton(inner, frozenset(roots), leaves, box_at)
        return found

    def _dont_care(self, fr: _Frame, boxes: list[Formula], values: list[bool]) -> set[Formula]:
        """Boxes whose value the world need not fix: with them unknown (Kleene's three-valued
        evaluation), every formula of the sequent and every premise still has its wanted value.
        A false box asks for a child and a true one constrains every child, so each box left
        open is a child or a constraint saved (K: a free box false doubles k_branch_p's
        search per level). Greedy, false boxes first; in the search's deterministic order."""
        sk = self._skeleton(fr)
        dag = self._dag
        prog = dag.prog
        val: list[bool | None] = [None] * len(prog)
        for i, v in zip(sk.leaves, values, strict=True):  # the model's value of every node
            val[i] = v
        for i in sk.inner:  # children first: two-valued, every input is known
            code, a, b = prog[i]
            if code == _AND:
                val[i] = val[a] and val[b]
            elif code == _OR:
                val[i] = val[a] or val[b]
            elif code == _NOT:
                val[i] = not val[a]
            elif code == _IMP:
                val[i] = (not val[a]) or val[b]
            elif code == _IFF:
                val[i] = val[a] == val[b]
            else:  # _CONST
                val[i] = bool(a)
        critical, box_at = set(sk.roots), sk.box_at
        free: set[Formula] = set()
        for box in sorted(boxes, key=dict(zip(boxes, values, strict=False)).__getitem__):
            if _forget(dag, critical, val, box_at[box]):
                free.add(box)
        return free

    def _look_ahead(self, fr: _Frame, in_progress: dict[Sequent, int]) -> bool:
        """Before building any child of a new world, refute what can be refuted cheaply: every
        demand already known unsatisfiable or propositionally unsatisfiable (one SAT call, no
        world built) yields its lemma now. True if any lemma was learned. Without this, a
        world explores its satisfiable children's subtrees first and throws them away when a
        later child fails (k_branch_p: most of the search)."""
        learned = False
        for box in fr.false_boxes:
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
        stack: list[_Frame] = []
        in_progress: dict[Sequent, int] = {}

        def push(seq: Sequent) -> None:
            self.worlds_made += 1
            if self.worlds_made > self.max_worlds:
                raise ResourceLimit(
                    f"search limit of {self.max_worlds:,} worlds reached "
                    "(raise it with max_worlds=)"
                )
            in_progress[seq] = len(stack)
            stack.append(_Frame(seq, World(seq), len(stack)))

        push(root)
        ret: tuple[World, int] | UnsatCore | None = None
        while stack:
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
                answer = self.solve(fr.seq)
                if answer is not None:
                    self.unsat_cache[fr.seq] = answer
                    stack.pop()
                    del in_progress[fr.seq]
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
            if fr.lowlink >= fr.depth:
                self.sat_cache[fr.seq] = fr.world
            ret = (fr.world, fr.lowlink)
        assert ret is not None
        return ret if isinstance(ret, UnsatCore) else ret[0]
