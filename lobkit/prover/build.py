"""Proof construction: a `Proof` (see `lobkit.kernel.proof` for the calculus) built from the
search's verdicts, through the engine's public interface only (`Engine.sat`, `core`,
`known_unsat`, `demand`, `order`, `tick`), so any search backend can feed it.

Construction (deterministic, guided by z3; see `_Builder`): at each world (the root, and every
modal premise) weaken to the unsat core (keeping the left boxes, which makes GL proof search
terminate), add the global premises the core used, apply invertible rules (non-branching first;
the premises of a branching rule are weakened to their own cores), and on a sequent of atoms
and boxes close by an axiom or apply the modal rule to a right box whose premise the search
proves unsatisfiable. Where that loops (K4, K with premises) it backtracks, in the end to the
sequent without weakening. Proofs are DAGs: a sequent proved once is reused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lobkit.errors import InternalError, ResourceLimit
from lobkit.formula import AND, BOT, BOX, IFF, IMP, NOT, OR, TOP, Formula, UnhandledOperator
from lobkit.kernel.proof import MODAL_RULE, Proof, ProofNode
from lobkit.prover.search import Engine, Sequent, UnsatCore

__all__ = ["build_proof", "DEFAULT_MAX_PROOF_NODES"]

DEFAULT_MAX_PROOF_NODES = 200_000
_NONBRANCHING_LEFT = (NOT, AND)
_NONBRANCHING_RIGHT = (NOT, OR, IMP)


def _is_box(f: Formula) -> bool:
    return f.op == BOX


# The G3cp rules, one per connective and side: from the principal's arguments (a, b; b = a for
# ¬), the rest of the principal's side and the other side (g), the premises' sequents.
_Side = frozenset[Formula]
_Premises = Callable[[Formula, Formula, _Side, _Side], list[Sequent]]
_LEFT_RULES: dict[str, _Premises] = {
    NOT: lambda a, b, g, r: [Sequent(g, r | {a})],
    AND: lambda a, b, g, r: [Sequent(g | {a, b}, r)],
    OR: lambda a, b, g, r: [Sequent(g | {a}, r), Sequent(g | {b}, r)],
    IMP: lambda a, b, g, r: [Sequent(g, r | {a}), Sequent(g | {b}, r)],
    IFF: lambda a, b, g, r: [Sequent(g | {a, b}, r), Sequent(g, r | {a, b})],
}
_RIGHT_RULES: dict[str, _Premises] = {
    NOT: lambda a, b, d, g: [Sequent(g | {a}, d)],
    OR: lambda a, b, d, g: [Sequent(g, d | {a, b})],
    IMP: lambda a, b, d, g: [Sequent(g | {a}, d | {b})],
    AND: lambda a, b, d, g: [Sequent(g, d | {a}), Sequent(g, d | {b})],
    IFF: lambda a, b, d, g: [Sequent(g | {a}, d | {b}), Sequent(g | {b}, d | {a})],
}


def _rule_premises(side: str, principal: Formula, seq: Sequent) -> tuple[str, list[Sequent]]:
    """The G3cp rule decomposing `principal` on `side` of `seq`, with its premises."""
    rules = _LEFT_RULES if side == "L" else _RIGHT_RULES
    make = rules.get(principal.op)
    if make is None:
        raise UnhandledOperator(principal.op, f"the {side} rules of G3cp")
    a = principal.args[0]
    b = principal.args[-1]
    if side == "L":
        premises = make(a, b, seq.left - {principal}, seq.right)
    else:
        premises = make(a, b, seq.right - {principal}, seq.left)
    return f"{side}-{principal.op}", premises


_Key = tuple[str, Sequent, bool]  # (phase, sequent, weaken to unsat cores?)
_Finish = Callable[[list[int]], int]
_Option = tuple[list[_Key], _Finish]
_FAIL = -1


class _Builder:
    """Depth-first proof search with backtracking, on an explicit stack.

    Each sequent (a *key*) offers options, tried in order; an option is a list of premise
    keys and a function emitting the rule application. An option fails when a premise fails
    or is already on the current path (a loop, possible in K4 and in K with premises). Options:
    at a world's entry, first the sequent weakened to its z3 core, then the sequent as it is;
    on a sequent of atoms and boxes, the modal rule for each right box whose premise the search
    proves unsatisfiable. Without weakening this is a G3 search with loop checking over all
    modal choices, complete for GL, K4 and K (a sequent every option of which loops is
    satisfiable), so the core-guided first option is only a shortcut.
    """

    def __init__(self, engine: Engine, max_nodes: int) -> None:
        self.engine = engine
        self.max_nodes = max_nodes
        self.nodes: list[ProofNode] = []
        self.done: dict[_Key, int] = {}
        self.active: set[_Key] = set()
        self.rule = MODAL_RULE[engine.logic.frame]

    def emit(
        self,
        rule: str,
        seq: Sequent,
        premises: Iterable[int] = (),
        principal: Formula | None = None,
    ) -> int:
        if len(self.nodes) >= self.max_nodes:
            raise ResourceLimit(
                f"proof size limit of {self.max_nodes:,} nodes reached "
                "(raise it with --max-proof-nodes, or max_proof_nodes=)"
            )
        order = self.engine.order
        self.nodes.append(
            ProofNode(
                rule, tuple(order(seq.left)), tuple(order(seq.right)), tuple(premises), principal
            )
        )
        return len(self.nodes) - 1

    def expand(self, key: _Key) -> Iterator[_Option]:
        phase, seq, weaken = key
        if phase == "entry":
            return iter(self._expand_entry(seq, weaken))
        if phase == "mid":
            if not weaken:
                return iter([([("prop", seq, False)], lambda idx: idx[0])])
            return iter([self._weakened(seq, self.engine.core(seq, with_premises=False))])
        return self._expand_prop(seq, weaken)

    def _expand_entry(self, seq: Sequent, weaken: bool) -> list[_Option]:
        core = self.engine.sat(seq)
        if not isinstance(core, UnsatCore):
            raise InternalError("proof requested for a satisfiable sequent")
        if weaken:
            return [self._weakened(seq, core), ([("entry", seq, False)], lambda idx: idx[0])]
        # As it is: every global premise joins the left side (the Premise rule), no weakening.
        added = [p for p in self.engine.premises if p not in seq.left]
        return [self._with_premises(seq, seq, added, weaken=False)]

    def _weakened(self, seq: Sequent, core: UnsatCore | object) -> _Option:
        """Weaken `seq` to its unsat core (keeping the left boxes, which makes GL proof search
        terminate) and add the global premises the core used."""
        if not isinstance(core, UnsatCore):  # satisfiable without the premises: use them all
            return ([("prop", seq, True)], lambda idx: idx[0])
        boxes = frozenset(f for f in seq.left if _is_box(f))
        base = Sequent(core.left | boxes, core.right)
        added = [p for p in self.engine.order(core.premises) if p not in base.left]
        return self._with_premises(seq, base, added, weaken=True)

    def _with_premises(
        self, seq: Sequent, base: Sequent, added: list[Formula], *, weaken: bool
    ) -> _Option:
        """`Premise` steps adding `added` to `base`, then `W` from `base` up to `seq`."""
        chain = [base]
        for p in added:
            chain.append(Sequent(chain[-1].left | {p}, base.right))

        def finish(idx: list[int]) -> int:
            top = idx[0]
            for i in range(len(added) - 1, -1, -1):
                top = self.emit("Premise", chain[i], (top,), added[i])
            if base != seq:
                top = self.emit("W", seq, (top,))
            return top

        return ([("prop", chain[-1], weaken)], finish)

    def _expand_prop(self, seq: Sequent, weaken: bool) -> Iterator[_Option]:
        left, right = seq
        if any(f.op == BOT for f in left):
            return iter([([], lambda idx: self.emit("L-bot", seq, (), bot_of(left)))])
        if any(f.op == TOP for f in right):
            return iter([([], lambda idx: self.emit("R-top", seq, (), top_of(right)))])
        both = left & right
        if both:
            shared = self.engine.order(both)[0]
            return iter([([], lambda idx: self.emit("Ax", seq, (), shared))])
        choice: tuple[str, Formula] | None = None
        branching: tuple[str, Formula] | None = None
        for f in self.engine.order(left):
            if f.op in _NONBRANCHING_LEFT:
                choice = ("L", f)
                break
            if branching is None and f.op in (OR, IMP, IFF):
                branching = ("L", f)
        if choice is None:
            for f in self.engine.order(right):
                if f.op in _NONBRANCHING_RIGHT:
                    choice = ("R", f)
                    break
                if branching is None and f.op in (AND, IFF):
                    branching = ("R", f)
        if choice is None:
            choice = branching
        if choice is not None:
            side, principal = choice
            rule, prem = _rule_premises(side, principal, seq)
            phase = "prop" if len(prem) == 1 else "mid"
            keys = [(phase, p, weaken) for p in prem]
            return iter([(keys, lambda idx: self.emit(rule, seq, idx, principal))])
        return self._modal_options(seq)

    def _modal_options(self, seq: Sequent) -> Iterator[_Option]:
        """Only atoms, boxes, ⊤ left and ⊥ right remain: the modal rule, one option per right
        box whose premise is unsatisfiable — those the search already refuted first, the rest
        decided only if those fail (deciding a satisfiable premise builds a model: costly)."""
        left_boxes = [f for f in self.engine.order(seq.left) if _is_box(f)]
        boxes = self.engine.order(f for f in seq.right if _is_box(f))
        demands = [(box, self.engine.demand(box, left_boxes)) for box in boxes]
        known = [(b, d) for b, d in demands if self.engine.known_unsat(d) is not None]
        for box, demand in known:
            yield ([("entry", demand, True)], self._modal_step(seq, box))
        for box, demand in demands:
            if (box, demand) not in known and isinstance(self.engine.sat(demand), UnsatCore):
                yield ([("entry", demand, True)], self._modal_step(seq, box))

    def _modal_step(self, seq: Sequent, box: Formula) -> _Finish:
        return lambda idx: self.emit(self.rule, seq, idx, box)

    def build(self, root: Sequent) -> int:
        # A frame: [key, its remaining options, the option being tried (None: none left),
        # the premises of that option proved so far].
        stack: list[list[Any]] = []

        def open_frame(key: _Key) -> None:
            self.engine.tick()
            options = self.expand(key)
            stack.append([key, options, next(options, None), []])
            self.active.add(key)

        def next_option(frame: list[Any]) -> None:
            frame[2], frame[3] = next(frame[1], None), []

        open_frame(("entry", root, True))
        ret: int | None = None
        while stack:
            frame = stack[-1]
            key = frame[0]
            if ret is not None:
                if ret == _FAIL:
                    next_option(frame)
                else:
                    frame[3].append(ret)
                ret = None
            if frame[2] is None:
                self.active.discard(key)
                stack.pop()
                ret = _FAIL
                continue
            premises, finish = frame[2]
            proved: list[int] = frame[3]
            while len(proved) < len(premises) and premises[len(proved)] in self.done:
                proved.append(self.done[premises[len(proved)]])
            if len(proved) < len(premises):
                nxt = premises[len(proved)]
                if nxt in self.active:  # a loop: this option fails
                    next_option(frame)
                else:
                    open_frame(nxt)
                continue
            self.done[key] = ret = finish(proved)
            self.active.discard(key)
            stack.pop()
        if ret is None or ret == _FAIL:
            raise InternalError("no proof found for an unsatisfiable sequent")
        return ret


def _reachable(nodes: list[ProofNode], root: int) -> tuple[tuple[ProofNode, ...], int]:
    """Drop the nodes of abandoned options: keep what `root` uses, premises before uses."""
    keep = sorted(_descendants(nodes, root))
    index = {old: new for new, old in enumerate(keep)}
    kept = tuple(
        ProofNode(n.rule, n.left, n.right, tuple(index[j] for j in n.premises), n.principal)
        for n in (nodes[i] for i in keep)
    )
    return kept, index[root]


def _descendants(nodes: list[ProofNode], root: int) -> set[int]:
    seen = {root}
    stack = [root]
    while stack:
        for j in nodes[stack.pop()].premises:
            if j not in seen:
                seen.add(j)
                stack.append(j)
    return seen


def bot_of(fs: frozenset[Formula]) -> Formula:
    return next(f for f in fs if f.op == BOT)


def top_of(fs: frozenset[Formula]) -> Formula:
    return next(f for f in fs if f.op == TOP)


def build_proof(engine: Engine, root: Sequent, max_nodes: int = DEFAULT_MAX_PROOF_NODES) -> Proof:
    """A proof of the (unsatisfiable) sequent `root` in `engine`'s logic."""
    builder = _Builder(engine, max_nodes)
    nodes, index = _reachable(builder.nodes, builder.build(root))
    return Proof(nodes, index, engine.logic)
