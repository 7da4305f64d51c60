"""GL certificates for letterless formulas, read off the linear frame.

A letterless formula (⊤, ⊥, connectives, plain boxes and diamonds; no atoms) of modal depth d
is a theorem of GL iff it is true at the ranks 0 … d of the linear frame 0 < 1 < 2 < …, where
□ψ holds at rank r iff ψ holds at every rank below r (Boolos, *The Logic of Provability*, 1993,
ch. 7). So each box □ψ is GL-equivalent to a box of ⊥: to □ᵐ⁺¹⊥ ("rank ≤ m") when m is the
first rank where ψ fails, to ⊤ when ψ never fails. This module turns that reading into the
certificates the kernel checks, without the search:

* *valid*: a `Proof` whose lemmas are those equivalences, each by one GLR step
  (Sambin & Valentini's G3GL) over a `Taut` step, in the order of the boxes' nesting:

      mono(n)   □ⁿ⊥ ⇒ □ⁿ⁺¹⊥        GLR over Ax on □ⁿ⊥
      up(□ψ)    □ᵐ⁺¹⊥ ⇒ □ψ          GLR over Taut  □ᵐ⊥ ⇒ ψ        (ψ holds below rank m)
                ⇒ □ψ                 GLR over Taut  ⇒ ψ            (ψ never fails)
      down(□ψ)  □ψ ⇒ □ᵐ⁺¹⊥          GLR over Taut  ψ, □ᵐ⁺¹⊥ ⇒ □ᵐ⊥  (ψ fails at rank m; the
                                                                    premise uses GL's diagonal)

  and a `Taut` root ⇒ φ. Every `Taut` step cites the lemmas of the outer boxes of its sides
  and the chain mono(J … K−1), J and K the lowest and highest rank they mention; its RUP
  certificate is ¬□ᴶ⊥, …, ¬□ᴷ⊥ (less what the sides settle): asserting □ʳ⊥ after the steps
  before it says "rank r − 1", which fixes every box by unit propagation (the chain and the
  lemmas), hence every connective, down to a conflict with the sides.
* *not valid*: the linear frame itself, cut at the first rank r where φ fails: r + 1 worlds,
  each seeing every world of lower rank (transitive, irreflexive: a GL frame), φ false at the
  top.

Either certificate is checked by the kernel (`check_proof`, `check_countermodel`) before it is
returned. The size is polynomial: two lemmas per distinct box, each `Taut` over the box's body
and at most d + 1 chain lemmas — where the general search (`lobkit.prover.pipeline`) would first
explore worlds and then certify each.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from lobkit.errors import InputError, InternalError, ProofError
from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    IFF,
    IMP,
    MODAL,
    NOT,
    OR,
    TOP,
    Formula,
    bot,
    box,
    outer_nodes,
    postorder,
    without_diamonds,
)
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.countermodel_checker import check_countermodel
from lobkit.kernel.logic import Logic
from lobkit.kernel.proof import Proof, ProofNode
from lobkit.kernel.proof_checker import check_proof
from lobkit.limits import Budget

__all__ = ["is_letterless", "certify_letterless", "letterless_valid"]

_GL = Logic("GL")


def is_letterless(formula: Formula) -> bool:
    """No atoms and no theory-indexed boxes: what this module decides."""
    return not any(
        node.op == ATOM or (node.op in MODAL and node.label is not None)
        for node in postorder(formula)
    )


def _rank_masks(formula: Formula) -> dict[Formula, int]:
    """Each sub-formula's truth values at ranks 0 … d + 1 of the linear frame (d the modal
    depth), as a bit mask (bit r: true at rank r). Written here, not taken from the kernel's
    `lobkit.kernel.linear`, so that the kernel's checks stay independent of what they check."""
    full = (1 << (formula.modal_depth + 2)) - 1
    mask: dict[Formula, int] = {}
    for node in postorder(formula):
        op, args = node.op, [mask[a] for a in node.args]
        if op == TOP:
            value = full
        elif op == BOT:
            value = 0
        elif op == NOT:
            value = full & ~args[0]
        elif op == AND:
            value = args[0] & args[1]
        elif op == OR:
            value = args[0] | args[1]
        elif op == IMP:
            value = full & (~args[0] | args[1])
        elif op == IFF:
            value = full & ~(args[0] ^ args[1])
        elif op == BOX:  # true at r iff the body holds at every rank below r
            failure = _first_failure(args[0], full)
            value = full if failure is None else full & ((1 << (failure + 1)) - 1)
        else:  # pragma: no cover - callers pass letterless formulas without diamonds
            raise InputError(f"not a letterless formula: it contains {op}")
        mask[node] = value
    return mask


def _first_failure(value: int, full: int) -> int | None:
    """The lowest rank whose bit is clear (None: true at every rank computed, hence at all)."""
    if value == full:
        return None
    return ((value + 1) & ~value).bit_length() - 1


_RANK_BOXES = [bot]
_RANK_LOCK = threading.Lock()


def _rank_box(n: int) -> Formula:
    """□ⁿ⊥ ("rank below n"), each made once per process (the list only grows, under a lock:
    entry n is □ⁿ⊥ whichever thread asks)."""
    boxes = _RANK_BOXES
    if n >= len(boxes):
        with _RANK_LOCK:
            while len(boxes) <= n:
                boxes.append(box(boxes[-1]))
    return boxes[n]


def _rank_of(node: Formula) -> int | None:
    """n when `node` is □ⁿ⊥ with n ≥ 1 (an atom of the propositional steps), else None."""
    n = node.modal_depth
    if n >= 1 and node.op == BOX and _rank_box(n) is node:
        return n
    return None


def _is_connective(node: Formula) -> bool:
    return node.op not in MODAL


def _variables(formulas: Iterable[Formula]) -> dict[Formula, int]:
    """The variable numbers the kernel gives a `Taut` step's formulas (`taut_cnf`: variable 1
    is the guard, then each node in order of first occurrence, connectives entered, boxes
    leaves). Computed here without the clauses; a wrong number only makes the kernel reject
    the step."""
    var: dict[Formula, int] = {}
    for formula in formulas:
        if formula in var:
            continue
        if formula.op in MODAL or not formula.args:
            var[formula] = len(var) + 2
            continue
        for node in postorder(formula, enter=_is_connective):
            if node not in var:
                var[node] = len(var) + 2
    return var


class _Builder:
    """The proof's nodes, each lemma emitted once (the DAG shares them)."""

    def __init__(self, mask: dict[Formula, int], full: int, tick: Callable[[], None]) -> None:
        self.mask = mask
        self.full = full
        self.tick = tick
        self.nodes: list[ProofNode] = []
        self.mono: dict[int, int] = {}  # n -> node of □ⁿ⊥ ⇒ □ⁿ⁺¹⊥
        self.lemmas: dict[Formula, tuple[int, ...]] = {}  # □ψ -> its up (and down) nodes
        self.index: dict[Formula, int] = {}  # □ψ -> the m + 1 of "□ψ ↔ □ᵐ⁺¹⊥" (0: ⊤)

    def emit(self, node: ProofNode) -> int:
        self.nodes.append(node)
        return len(self.nodes) - 1

    def mono_node(self, n: int) -> int:
        """□ⁿ⊥ ⇒ □ⁿ⁺¹⊥: GLR, whose premise □ⁿ⊥ ⇒ □ⁿ⊥ is an axiom."""
        known = self.mono.get(n)
        if known is None:
            low, high = _rank_box(n), _rank_box(n + 1)
            ax = self.emit(ProofNode("Ax", (low,), (low,), (), low))
            known = self.mono[n] = self.emit(ProofNode("GLR", (low,), (high,), (ax,), high))
        return known

    def taut(self, left: tuple[Formula, ...], right: tuple[Formula, ...]) -> int:
        """left ⇒ right by one `Taut` step from the lemmas of the sides' outer boxes and the
        chain between the lowest and highest ranks they mention (see the module docstring)."""
        self.tick()
        premises: list[int] = []
        ranks: set[int] = set()
        for formula in (*left, *right):
            for node in outer_nodes(formula):
                if node.op != BOX:
                    continue
                rank = _rank_of(node)
                if rank is None:
                    premises.extend(self.box_lemmas(node))
                    rank = self.index[node]
                if rank:
                    ranks.add(rank)
        top = max(ranks, default=0)
        premises = list(dict.fromkeys(premises))
        premises.extend(self.mono_node(n) for n in range(min(ranks, default=0), top))
        nodes = self.nodes
        var = _variables(
            [*left, *right, *(f for j in premises for f in (*nodes[j].left, *nodes[j].right))]
        )
        # Ranks a side already settles need no step: □ʲ⊥ on the right is false, so are the
        # □ⁱ⊥ below it (the chain); □ʲ⊥ on the left is true, so the last rank to split is j − 1.
        low = max((n for n in map(_rank_of, right) if n is not None), default=0)
        high = min((n - 1 for n in map(_rank_of, left) if n is not None), default=top)
        split = map(_rank_box, range(low + 1, min(top, high) + 1))
        steps = tuple((-var[r],) for r in split if r in var)
        return self.emit(ProofNode("Taut", left, right, tuple(premises), None, steps))

    def box_lemmas(self, node: Formula) -> tuple[int, ...]:
        """The nodes proving □ψ ↔ □ᵐ⁺¹⊥ (or ⇒ □ψ when ψ never fails), made once."""
        known = self.lemmas.get(node)
        if known is not None:
            return known
        body = node.args[0]
        failure = _first_failure(self.mask[body], self.full)
        if failure is None:
            premise = self.taut((), (body,))
            up = self.emit(ProofNode("GLR", (), (node,), (premise,), node))
            self.index[node] = 0
            known = self.lemmas[node] = (up,)
            return known
        below, bound = _rank_box(failure), _rank_box(failure + 1)
        premise = self.taut((below,), (body,))
        up = self.emit(ProofNode("GLR", (bound,), (node,), (premise,), node))
        left = (body,) if body is bound else (body, bound)
        premise = self.taut(left, (below,))
        down = self.emit(ProofNode("GLR", (node,), (bound,), (premise,), bound))
        self.index[node] = failure + 1
        known = self.lemmas[node] = (up, down)
        return known


def _chain(rank: int) -> Countermodel:
    """The linear frame's ranks rank, rank − 1, …, 0 as worlds w0 (the root), w1, …: each
    sees every later one; no atoms."""
    worlds = tuple(f"w{i}" for i in range(rank + 1))
    pairs = frozenset((a, b) for i, a in enumerate(worlds) for b in worlds[i + 1 :])
    edges = tuple((worlds[i], None, worlds[i + 1]) for i in range(rank))
    return Countermodel(worlds, worlds[0], {None: pairs}, {w: frozenset() for w in worlds}, edges)


def certify_letterless(
    formula: Formula, *, budget: Budget | None = None, timeout: float | None = None
) -> Proof | Countermodel:
    """A GL proof of the letterless `formula`, or a countermodel (the linear frame cut at the
    first rank where it fails), accepted by the kernel. `InputError` if it is not letterless;
    `ResourceLimit` past `timeout` seconds or the `budget`'s deadline."""
    if not is_letterless(formula):
        raise InputError(
            "not a letterless formula (atoms or theory-indexed boxes): "
            "decide it with lobkit.prover.prove"
        )
    deadline = Budget(timeout) if budget is None else budget

    def tick() -> None:
        deadline.remaining()

    goal = without_diamonds(formula)
    mask = _rank_masks(goal)
    full = (1 << (goal.modal_depth + 2)) - 1
    failure = _first_failure(mask[goal], full)
    try:
        if failure is not None:
            model = _chain(failure)
            check_countermodel(model, _GL, formula, tick=tick)
            return model
        builder = _Builder(mask, full, tick)
        for node in postorder(goal):  # inner boxes first: no recursion, however deep
            if node.op == BOX and _rank_of(node) is None:
                builder.box_lemmas(node)
        root = builder.taut((), (goal,))
        proof = Proof(tuple(builder.nodes), root, _GL)
        check_proof(proof, _GL, formula, tick=tick)
    except ProofError as error:  # pragma: no cover - a bug, never a user error
        raise InternalError(f"the letterless certificate failed its check: {error}") from error
    return proof


def letterless_valid(
    formula: Formula, *, budget: Budget | None = None, timeout: float | None = None
) -> bool:
    """GL ⊢ `formula` (letterless), by `certify_letterless`: the answer rests on a
    kernel-checked proof or countermodel."""
    return isinstance(certify_letterless(formula, budget=budget, timeout=timeout), Proof)
