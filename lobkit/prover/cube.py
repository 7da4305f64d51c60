"""The decision procedure for the modal cube's logics and Grz: backward search in Negri's
labelled calculus (`lobkit.kernel.labelled`), giving a labelled proof or a finite countermodel.

One state is a labelled sequent read as a partial model: worlds, the relation (closed under the
logic's frame rules as soon as a pair appears), the formulas true (left) and false (right) at
each world. Rules are applied in a fixed priority — frame closure and one-premise rules, then
branching rules, then new worlds (``R-box``, ``Ser``) only once nothing else applies — so a
branch that stays open ends saturated: its worlds, relation and atoms are a countermodel
(Hintikka's argument; the kernel checks it). A closed branch is a proof, read off the steps.

Termination (so the search is a decision procedure):

* K, D, T, B: a new world's formulas have a smaller modal degree than its creator's, and what
  flows back (B's symmetry) smaller still, so the tree's depth is bounded by the degree.
* K5, KD45, S5: a right box ``x:□A`` needs no new world when a successor of x already has A
  false; the successors of any world are one euclidean cluster, so each body A is witnessed at
  most twice (from the root, and inside the cluster).
* S4: the successor's boxes are its creator's (``L-box4``) and never shrink along a chain;
  ``x:□A`` is *blocked* by an ancestor u with the same boxes and A false — in the model x sees
  u (a cluster: Fitting, *Proof methods for modal and intuitionistic logics*, 1983; the loop
  check of Heuerding, Seyfried & Zimmermann, TABLEAUX 1996). Blocking adds no relational atom
  to the state: it is a countermodel matter and never enters a proof.
* Grz: ``R-box-Grz`` gives the new world □(A → □A), which its creator cannot have (else A
  would be false there or □A true), so the boxes grow strictly along every chain.

Long module: the state, its rules' priorities, the termination devices and the proof read-off
are one algorithm whose invariants (what is saturated when a world is made or blocked) only
hold together.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from lobkit.errors import InputError, Interrupted, ResourceLimit
from lobkit.formula import AND, ATOM, BOT, BOX, IFF, IMP, NOT, OR, TOP, Formula, without_diamonds
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.labelled import RULES_OF, LabelledNode, LabelledProof
from lobkit.limits import check_seconds
from lobkit.prover.search import _LIVE

__all__ = ["CUBE_LOGICS", "CubeClock", "CubeOutcome", "decide_cube"]

#: The logics this search decides (K too, for the differential tests and `--logic all`'s
#: uniform cross-check; the tuned engine of `lobkit.prover.search` is K's default).
CUBE_LOGICS = ("K", "D", "T", "B", "K5", "KD45", "S4", "S5", "Grz")

Pair = tuple[str, str]
LFormula = tuple[str, Formula]

_LINEAR = {
    (True, NOT): "L-not",
    (True, AND): "L-and",
    (False, NOT): "R-not",
    (False, OR): "R-or",
    (False, IMP): "R-imp",
}
_BRANCHING = {
    (True, OR): "L-or",
    (True, IMP): "L-imp",
    (True, IFF): "L-iff",
    (False, AND): "R-and",
    (False, IFF): "R-iff",
}


def _grz_body(body: Formula) -> Formula:
    return Formula(BOX, (Formula(IMP, (body, Formula(BOX, (body,)))),))


@dataclass
class _Step:
    """One rule application with one premise: what it added to the state."""

    rule: str
    principal: LFormula | None
    worlds: tuple[str, ...]
    rel: tuple[Pair, ...] = ()
    left: tuple[LFormula, ...] = ()
    right: tuple[LFormula, ...] = ()
    #: Everything the rule adds (some of it may have been there already): the proof's premise
    #: is the conclusion plus all of it, whatever the state already had.
    full: tuple[frozenset[Pair], frozenset[LFormula], frozenset[LFormula]] | None = None


@dataclass
class _State:
    """A labelled sequent as a partial model (copied at each branching rule)."""

    rules: frozenset[str]
    worlds: list[str] = field(default_factory=list)
    parent: dict[str, str | None] = field(default_factory=dict)
    rel: set[Pair] = field(default_factory=set)
    succ: dict[str, set[str]] = field(default_factory=dict)
    pred: dict[str, set[str]] = field(default_factory=dict)
    left: dict[str, set[Formula]] = field(default_factory=dict)
    right: dict[str, set[Formula]] = field(default_factory=dict)
    queue: deque[_Step] = field(default_factory=deque)
    branching: list[tuple[bool, str, Formula]] = field(default_factory=list)
    boxes: list[tuple[str, Formula]] = field(default_factory=list)
    blocked: list[Pair] = field(default_factory=list)
    closed: tuple[str, LFormula] | None = None
    #: The worlds whose sets this state may change in place; the others it shares with the
    #: state it was copied from and copies on first write (a branch copies only what it uses).
    owned: set[str] = field(default_factory=set)

    def copy(self) -> _State:
        self.owned = set()  # from now on the sets are shared: neither side writes in place
        return _State(
            self.rules,
            list(self.worlds),
            dict(self.parent),
            set(self.rel),
            dict(self.succ),
            dict(self.pred),
            dict(self.left),
            dict(self.right),
            deque(self.queue),
            list(self.branching),
            list(self.boxes),
            list(self.blocked),
            self.closed,
        )

    def _own(self, w: str) -> None:
        if w not in self.owned:
            self.owned.add(w)
            self.left[w] = set(self.left[w])
            self.right[w] = set(self.right[w])
            self.succ[w] = set(self.succ[w])
            self.pred[w] = set(self.pred[w])

    # -- adding to the state; each addition schedules what it triggers --------------------

    def new_world(self, parent: str | None) -> str:
        w = f"w{len(self.worlds)}"
        self.worlds.append(w)
        self.parent[w] = parent
        self.succ[w], self.pred[w] = set(), set()
        self.left[w], self.right[w] = set(), set()
        self.owned.add(w)
        if "Ref" in self.rules:
            self.queue.append(_Step("Ref", None, (w,), rel=((w, w),)))
        return w

    def add_pair(self, x: str, y: str) -> None:
        self._own(x)
        self._own(y)
        self.rel.add((x, y))
        self.succ[x].add(y)
        self.pred[y].add(x)
        q, rules = self.queue, self.rules
        for f in self.left[x]:
            if f.op == BOX:
                q.append(_Step("L-box", (x, f), (x, y), left=((y, f.args[0]),)))
                if "L-box4" in rules:
                    q.append(_Step("L-box4", (x, f), (x, y), left=((y, f),)))
        if "Sym" in rules:
            q.append(_Step("Sym", None, (x, y), rel=((y, x),)))
        if "Trans" in rules:
            for p in self.pred[x]:
                q.append(_Step("Trans", None, (p, x, y), rel=((p, y),)))
            for z in self.succ[y]:
                q.append(_Step("Trans", None, (x, y, z), rel=((x, z),)))
        if "Eucl" in rules:
            for z in self.succ[x]:
                q.append(_Step("Eucl", None, (x, y, z), rel=((y, z),)))
                q.append(_Step("Eucl", None, (x, z, y), rel=((z, y),)))

    def add_formula(self, x: str, f: Formula, on_left: bool) -> None:
        self._own(x)
        (self.left if on_left else self.right)[x].add(f)
        other = self.right if on_left else self.left
        if self.closed is None:
            if f in other[x]:
                self.closed = ("Ax", (x, f))
            elif on_left and f.op == BOT:
                self.closed = ("L-bot", (x, f))
            elif not on_left and f.op == TOP:
                self.closed = ("R-top", (x, f))
        op = f.op
        if op in (ATOM, BOT, TOP):
            return
        if op == BOX:
            if on_left:
                for y in self.succ[x]:
                    self.queue.append(_Step("L-box", (x, f), (x, y), left=((y, f.args[0]),)))
                    if "L-box4" in self.rules:
                        self.queue.append(_Step("L-box4", (x, f), (x, y), left=((y, f),)))
            else:
                self.boxes.append((x, f))
            return
        rule = _LINEAR.get((on_left, op))
        if rule is not None:
            a = f.args[0]
            if rule in ("L-not", "R-not"):
                step = _Step(rule, (x, f), ())
                if on_left:
                    step.right = ((x, a),)
                else:
                    step.left = ((x, a),)
            elif rule == "L-and":
                step = _Step(rule, (x, f), (), left=((x, a), (x, f.args[1])))
            elif rule == "R-or":
                step = _Step(rule, (x, f), (), right=((x, a), (x, f.args[1])))
            else:  # R-imp
                step = _Step(rule, (x, f), (), left=((x, a),), right=((x, f.args[1]),))
            self.queue.append(step)
            return
        self.branching.append((on_left, x, f))

    def apply(self, step: _Step) -> _Step | None:
        """Apply `step`, keeping only what is new; None when it adds nothing."""
        rel: list[Pair] = []
        for x, y in step.rel:
            if (x, y) not in self.rel:
                self.add_pair(x, y)
                rel.append((x, y))
        left: list[LFormula] = []
        for x, f in step.left:
            if f not in self.left[x]:
                self.add_formula(x, f, True)
                left.append((x, f))
        right: list[LFormula] = []
        for x, f in step.right:
            if f not in self.right[x]:
                self.add_formula(x, f, False)
                right.append((x, f))
        if not (rel or left or right):
            return None
        full = (frozenset(step.rel), frozenset(step.left), frozenset(step.right))
        return _Step(
            step.rule, step.principal, step.worlds, tuple(rel), tuple(left), tuple(right), full
        )

    # -- reading the state ----------------------------------------------------------------

    def sequent(self) -> tuple[frozenset[Pair], frozenset[LFormula], frozenset[LFormula]]:
        left = frozenset((w, f) for w, fs in self.left.items() for f in fs)
        right = frozenset((w, f) for w, fs in self.right.items() for f in fs)
        return frozenset(self.rel), left, right

    def box_set(self, w: str) -> frozenset[Formula]:
        return frozenset(f for f in self.left[w] if f.op == BOX)


_Need = tuple[frozenset[Pair], frozenset[LFormula], frozenset[LFormula]]


def _meets(a: _Need, b: _Need) -> bool:
    return not (a[0].isdisjoint(b[0]) and a[1].isdisjoint(b[1]) and a[2].isdisjoint(b[2]))


def _union(a: _Need, b: _Need) -> _Need:
    return (a[0] | b[0], a[1] | b[1], a[2] | b[2])


def _minus(a: _Need, b: _Need) -> _Need:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _requires(rule: str, principal: LFormula | None, worlds: tuple[str, ...]) -> _Need:
    """What a rule's conclusion must contain: its principal formula and relational atoms."""
    rel: set[Pair] = set()
    left: set[LFormula] = set()
    right: set[LFormula] = set()
    if rule == "Ax":
        assert principal is not None
        left.add(principal)
        right.add(principal)
    elif rule in ("L-bot", "L-box", "L-box4") or rule.startswith("L-"):
        assert principal is not None
        left.add(principal)
    elif rule.startswith("R-"):
        assert principal is not None
        right.add(principal)
    if rule in ("L-box", "L-box4", "Sym"):
        rel.add((worlds[0], worlds[1]))
    elif rule == "Trans":
        rel.update({(worlds[0], worlds[1]), (worlds[1], worlds[2])})
    elif rule == "Eucl":
        rel.update({(worlds[0], worlds[1]), (worlds[0], worlds[2])})
    return frozenset(rel), frozenset(left), frozenset(right)


def _branch_adds(on_left: bool, x: str, f: Formula) -> list[tuple[tuple[LFormula, ...], ...]]:
    """(left additions, right additions) of each premise of a branching rule."""
    a, b = (x, f.args[0]), (x, f.args[1])
    if on_left and f.op == OR:
        return [((a,), ()), ((b,), ())]
    if on_left and f.op == IMP:
        return [((), (a,)), ((b,), ())]
    if on_left:  # iff
        return [((a, b), ()), ((), (a, b))]
    if f.op == AND:
        return [((), (a,)), ((), (b,))]
    return [((a,), (b,)), ((b,), (a,))]  # R-iff


def _closes(state: _State, adds: tuple[tuple[LFormula, ...], ...]) -> bool:
    """A premise that closes at once: it adds a formula already on the other side."""
    lft, rgt = adds
    return any(f in state.right[x] or f.op == BOT for x, f in lft) or any(
        f in state.left[x] or f.op == TOP for x, f in rgt
    )


def _choose(state: _State) -> tuple[bool, str, Formula] | None:
    """The next branching formula: first one with a premise that closes at once (the other
    premise is then the only way on — unit propagation, as in DPLL), else the latest one.
    Formulas already made true (false) by the state are dropped."""
    pending = state.branching
    keep: list[tuple[bool, str, Formula]] = []
    unit = None
    for item in pending:
        if _satisfied(state, *item):
            continue
        if unit is None and any(_closes(state, a) for a in _branch_adds(*item)):
            unit = item
            continue
        keep.append(item)
    if unit is None and keep:
        unit = keep.pop()
    state.branching = keep
    return unit


def _satisfied(state: _State, on_left: bool, x: str, f: Formula) -> bool:
    """A branching formula already made true (left) or false (right) by the state."""
    lft, rgt = state.left[x], state.right[x]
    a, b = f.args
    if on_left and f.op == OR:
        return a in lft or b in lft
    if on_left and f.op == IMP:
        return a in rgt or b in lft
    if not on_left and f.op == AND:
        return a in rgt or b in rgt
    if on_left:
        return (a in lft and b in lft) or (a in rgt and b in rgt)
    return (a in lft and b in rgt) or (b in lft and a in rgt)


class _Search:
    def __init__(
        self,
        logic: str,
        tick: Callable[[], None] | None,
        max_worlds: int,
        max_proof_nodes: int,
    ) -> None:
        self.max_proof_nodes = max_proof_nodes
        self.logic = logic
        self.rules = RULES_OF[logic]
        self.tick = tick
        self.max_worlds = max_worlds
        self.nodes: list[LabelledNode] = []
        self.steps = 0

    def emit(
        self,
        rule: str,
        seq: tuple[frozenset[Pair], frozenset[LFormula], frozenset[LFormula]],
        premises: tuple[int, ...],
        principal: LFormula | None,
        worlds: tuple[str, ...] = (),
    ) -> int:
        if len(self.nodes) >= self.max_proof_nodes:
            raise ResourceLimit(
                f"proof size limit of {self.max_proof_nodes:,} nodes reached "
                "(raise it with --max-proof-nodes, or max_proof_nodes=)"
            )
        self.nodes.append(LabelledNode(rule, seq[0], seq[1], seq[2], premises, principal, worlds))
        return len(self.nodes) - 1

    def next_world_step(self, st: _State) -> _Step | None:
        """The next new world (R-box, R-box-Grz or Ser) the state needs, or None."""
        grz = "R-box-Grz" in self.rules
        while st.boxes:
            x, f = st.boxes.pop(0)
            body = f.args[0]
            if any(body in st.right[y] for y in st.succ[x]):
                continue  # witnessed: a successor already has the body false
            if self.logic == "S4":
                boxes = st.box_set(x)
                u: str | None = x
                found = None
                while u is not None:
                    if body in st.right[u] and st.box_set(u) == boxes:
                        found = u
                        break
                    u = st.parent[u]
                if found is not None:
                    st.blocked.append((x, found))
                    continue
            if len(st.worlds) >= self.max_worlds:
                raise ResourceLimit(f"the search needs more than {self.max_worlds} worlds")
            y = f"w{len(st.worlds)}"
            if grz:
                return _Step(
                    "R-box-Grz", (x, f), (x, y), ((x, y),), ((y, _grz_body(body)),), ((y, body),)
                )
            return _Step("R-box", (x, f), (x, y), ((x, y),), (), ((y, body),))
        if "Ser" in self.rules:
            for x in st.worlds:
                if not st.succ[x] and any(f.op == BOX for f in st.left[x]):
                    return _Step(
                        "Ser", None, (x, f"w{len(st.worlds)}"), ((x, f"w{len(st.worlds)}"),)
                    )
        return None

    def solve(self, st: _State) -> tuple[int, _Need] | _State:
        """A proof of the state's sequent — its root node and the part of the sequent it
        uses — or the saturated open state.

        Proofs are read off with *relevance*: a node's sequent holds only what the rules above
        it use (a rule whose additions nothing uses is left out; `W` bridges a premise that
        uses less than the rule adds), and a branching rule whose first premise was closed
        without its added formulas needs no second premise (backjumping)."""
        steps: list[_Step] = []
        result: tuple[int, _Need]
        while True:
            self.steps += 1
            if self.tick is not None and self.steps % 256 == 0:
                self.tick()
            if st.closed is not None:
                rule, principal = st.closed
                need = _requires(rule, principal, ())
                result = (self.emit(rule, need, (), principal), need)
                break
            if st.queue:
                done = st.apply(st.queue.popleft())
                if done is not None:
                    steps.append(done)
                continue
            choice = _choose(st)
            if choice is not None:
                on_left, x, f = choice
                subs: list[tuple[int, _Need, _Need]] = []
                skipped = None
                for lft, rgt in _branch_adds(on_left, x, f):
                    adds: _Need = (frozenset(), frozenset(lft), frozenset(rgt))
                    child = st.copy()
                    child.apply(_Step("", None, (), (), lft, rgt))
                    sub = self.solve(child)
                    if isinstance(sub, _State):
                        return sub
                    if not _meets(sub[1], adds):  # closed without the branch: backjump
                        skipped = sub
                        break
                    subs.append((sub[0], sub[1], adds))
                if skipped is not None:
                    result = skipped
                    break
                rule = _BRANCHING[(on_left, f.op)]
                need = _requires(rule, (x, f), ())
                for _, used, adds in subs:
                    need = _union(need, _minus(used, adds))
                premises = tuple(self.bridge(i, used, _union(need, adds)) for i, used, adds in subs)
                result = (self.emit(rule, need, premises, (x, f)), need)
                break
            world_step = self.next_world_step(st)
            if world_step is None:
                return st
            st.new_world(world_step.worlds[0])
            # the new world's Ref comes after the step that introduces it (freshness)
            ref = list(st.queue)
            st.queue.clear()
            done = st.apply(world_step)
            assert done is not None
            steps.append(done)
            st.queue.extend(ref)
        node, used = result
        for step in reversed(steps):
            assert step.full is not None
            adds = step.full
            if not _meets(used, adds):
                continue  # nothing above uses what this step added: leave it out
            need = _union(_minus(used, adds), _requires(step.rule, step.principal, step.worlds))
            node = self.bridge(node, used, _union(need, adds))
            node = self.emit(step.rule, need, (node,), step.principal, step.worlds)
            used = need
        return node, used

    def bridge(self, node: int, used: _Need, wanted: _Need) -> int:
        """`node` proves `used`; a proof of `wanted` ⊇ `used` (by `W` when they differ)."""
        if used == wanted:
            return node
        return self.emit("W", wanted, (node,), None)


class CubeClock:
    """A query's deadline and interrupt flag for the labelled search (what `Engine` keeps for
    GL, K4 and K); registered with `lobkit.prover.search.interrupt`."""

    def __init__(self) -> None:
        self.timeout: float | None = None
        self.deadline: float | None = None
        self._interrupted = False
        _LIVE.add(self)  # type: ignore[arg-type]

    def start(self, timeout: float | None) -> None:
        self.timeout = timeout = check_seconds(timeout)
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self._interrupted = False

    def interrupt(self) -> None:
        self._interrupted = True

    def remaining(self) -> float | None:
        """Seconds left before the deadline (None: no deadline); at least a millisecond."""
        if self.deadline is None:
            return None
        return max(self.deadline - time.monotonic(), 0.001)

    def tick(self) -> None:
        """Raise `Interrupted` after `interrupt()`, `ResourceLimit` once the deadline passed."""
        if self._interrupted:
            raise Interrupted("interrupted")
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise ResourceLimit(
                f"time limit of {self.timeout:g} s reached (raise it with --timeout, or timeout=)"
            )


@dataclass(frozen=True)
class CubeOutcome:
    """The search's answer: a labelled proof, or a countermodel (not yet checked)."""

    proof: LabelledProof | None
    countermodel: Countermodel | None


def _model(st: _State, logic: str) -> Countermodel:
    rel = set(st.rel)
    for x, u in st.blocked:
        rel.add((x, u))
    if logic == "S4":  # the blocked edges close up into clusters: transitive closure
        changed = True
        while changed:
            changed = False
            for a, b in list(rel):
                for c in [c for x, c in rel if x == b]:
                    if (a, c) not in rel:
                        rel.add((a, c))
                        changed = True
    if logic in ("D", "KD45"):  # seriality for worlds the search left without successors
        for w in st.worlds:
            if not any(a == w for a, _ in rel):
                rel.add((w, w))
    valuation = {
        w: frozenset(f.label for f in st.left[w] if f.op == ATOM and f.label is not None)
        for w in st.worlds
    }
    edges = tuple((p, None, w) for w, p in st.parent.items() if p is not None)
    return Countermodel(
        tuple(st.worlds),
        "w0",
        {None: frozenset(rel)},
        valuation,
        edges,
    )


def decide_cube(
    goal: Formula,
    logic: str,
    *,
    tick: Callable[[], None] | None = None,
    max_worlds: int = 100_000,
    max_proof_nodes: int = 200_000,
) -> CubeOutcome:
    """Decide `goal` in `logic` (one of `CUBE_LOGICS`) by the labelled search."""
    if logic not in CUBE_LOGICS:
        raise InputError(f"the labelled search has no logic {logic!r}")
    search = _Search(logic, tick, max_worlds, max_proof_nodes)
    st = _State(search.rules)
    w0 = st.new_world(None)
    st.add_formula(w0, without_diamonds(goal), False)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))
    try:
        answer = search.solve(st)
    finally:
        sys.setrecursionlimit(limit)
    if isinstance(answer, _State):
        return CubeOutcome(None, _model(answer, logic))
    node, used = answer
    root: _Need = (frozenset(), frozenset(), frozenset({(w0, without_diamonds(goal))}))
    node = search.bridge(node, used, root)
    return CubeOutcome(LabelledProof(tuple(search.nodes), node, logic), None)
