"""The decision procedure: modal clause learning over one incremental z3 solver.

`Engine.sat(sequent)` decides whether some world of some model (of the logic, with its global
premises true everywhere) makes the sequent's left formulas true and its right formulas false.
The loop at one world (Goré & Kikkert's CEGAR-tableaux, generalised to indexed boxes):

1. ask z3 for a propositional model of the sequent (boxes are atoms);
2. for each top-level box ``[T]A`` false in it, build the T-successor's *demand*
   (GL: ``[T]A``, every true ``[S]B``, and ``B`` for each true ``[S]B`` with T extending S, on
   the left; ``A`` on the right — the premise of the GLR rule of Sambin–Valentini's G3GL; K4
   drops ``[T]A``; K keeps only the bodies) and decide it;
3. an unsatisfiable demand with core C yields the valid clause
   ``[T]A ∨ ¬[S1]B1 ∨ …`` (one generating box per item of C), asserted globally; go to 1;
4. if every demand is satisfiable, the world is built.

There is no bound on the number of worlds: GL demands strictly grow their set of left boxes
(and K demands shrink in modal depth), so the search terminates; K4 (and K with premises) uses
a loop check, turning a demand already in progress on the stack into a back edge. Unsat results
are cached by sequent (always sound); sat results too unless they depend on an ancestor still
in progress. The search runs on an explicit stack, so modal depth is not limited by Python's
recursion limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NamedTuple

import z3

from lobkit.errors import ResourceLimit
from lobkit.formula import Formula
from lobkit.limits import check_seconds, check_size
from lobkit.prover.encode import LEFT, RIGHT, Encoder, normalize
from lobkit.prover.logic import Logic, Theory

__all__ = ["Sequent", "Unsat", "World", "Engine", "DEFAULT_MAX_WORLDS"]

DEFAULT_MAX_WORLDS = 1_000_000
_NO_LOOP = 1 << 62


class Sequent(NamedTuple):
    """Left formulas (true) ⇒ right formulas (false); both are sets."""

    left: frozenset[Formula]
    right: frozenset[Formula]


@dataclass(frozen=True)
class Unsat:
    """An unsatisfiable sequent's core: the parts of it (and the premises) z3 needed."""

    left: frozenset[Formula]
    right: frozenset[Formula]
    premises: frozenset[Formula]


@dataclass(eq=False)
class World:
    """A world of the model under construction: its sequent, true atoms, labelled children."""

    seq: Sequent
    atoms: frozenset[str] = frozenset()
    children: list[tuple[Theory, World]] = field(default_factory=list)


@dataclass(eq=False)
class _Frame:
    seq: Sequent
    world: World
    pos: int
    true_boxes: list[Formula] = field(default_factory=list)
    false_boxes: list[Formula] = field(default_factory=list)
    children: list[tuple[Theory, World]] = field(default_factory=list)
    idx: int = 0
    low: int = _NO_LOOP
    need_check: bool = True


class Engine:
    """One search context: a logic, a z3 solver with everything learned so far, the caches."""

    def __init__(
        self,
        logic: Logic,
        *,
        timeout: float | None = None,
        max_worlds: int = DEFAULT_MAX_WORLDS,
    ) -> None:
        self.logic = logic
        self.solver = z3.Solver()
        self.enc = Encoder(self.solver)
        self.start = time.monotonic()
        self.timeout = timeout = check_seconds(timeout)
        self.deadline = None if timeout is None else self.start + timeout
        self.max_worlds = check_size(max_worlds, "max_worlds")
        self.worlds_made = 0
        premises = []
        for p in logic.premises:
            q = normalize(p)
            if q not in premises:
                premises.append(q)
        self.premises: tuple[Formula, ...] = tuple(self.enc.order(premises))
        self.loop_check = logic.frame == "K4" or (logic.frame == "K" and bool(self.premises))
        self.unsat_cache: dict[Sequent, Unsat] = {}
        self.sat_cache: dict[Sequent, World] = {}
        self._ext: dict[tuple[Theory, Theory], bool] = {}

    # -- helpers ------------------------------------------------------------------------------

    def sequent(self, left: object = (), right: object = ()) -> Sequent:
        """A sequent of normalized formulas (diamonds translated to boxes)."""
        lf = frozenset(normalize(f) for f in left)  # type: ignore[attr-defined]
        rf = frozenset(normalize(f) for f in right)  # type: ignore[attr-defined]
        return Sequent(lf, rf)

    def extends(self, sub: Theory, sup: Theory) -> bool:
        key = (sub, sup)
        value = self._ext.get(key)
        if value is None:
            value = self._ext[key] = self.logic.extends_theory(sub, sup)
        return value

    def demand(self, box: Formula, left_boxes: list[Formula] | frozenset[Formula]) -> Sequent:
        """The premise of the modal rule refuting `box` = [T]A, given the true boxes."""
        theory, body = box.label, box.args[0]
        frame = self.logic.frame
        left: set[Formula] = set()
        if frame == "GL":
            left.add(box)
        if frame != "K":
            left.update(left_boxes)
        for b in left_boxes:
            if self.extends(theory, b.label):
                left.add(b.args[0])
        return Sequent(frozenset(left), frozenset((body,)))

    def _tick(self) -> None:
        if self.deadline is None:
            return
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise ResourceLimit(
                f"time limit of {self.timeout:g} s reached (raise it with --timeout, or timeout=)"
            )
        self.solver.set("timeout", max(1, int(remaining * 1000)))

    def check(self, seq: Sequent, *, with_premises: bool = True) -> Unsat | z3.ModelRef:
        """One propositional query: the z3 model, or the unsat core mapped to formulas."""
        ind, order = self.enc.indicator, self.enc.order
        # Encoding order, not set order: z3's models and cores (hence the certificates) must
        # not depend on Python's string hashing.
        assumptions = [ind(LEFT, f) for f in order(seq.left)]
        assumptions += [ind(RIGHT, f) for f in order(seq.right)]
        if with_premises:
            assumptions += [ind(LEFT, p) for p in self.premises if p not in seq.left]
        self._tick()
        result = self.solver.check(*assumptions)
        if result == z3.unsat:
            left, right, prem = set(), set(), set()
            for lit in self.solver.unsat_core():
                side, f = self.enc.signed[lit.get_id()]
                if side == RIGHT:
                    right.add(f)
                elif f in seq.left:
                    left.add(f)
                else:
                    prem.add(f)
            return Unsat(frozenset(left), frozenset(right), frozenset(prem))
        if result == z3.sat:
            return self.solver.model()
        raise ResourceLimit(f"z3 gave up ({self.solver.reason_unknown() or 'unknown'})")

    def _read_world(self, fr: _Frame, model: z3.ModelRef) -> None:
        boxes: list[Formula] = []
        atoms: list[Formula] = []
        seen: set[Formula] = set()
        for f in self.enc.order(fr.seq.left | fr.seq.right) + list(self.premises):
            bs, ats = self.enc.top_level(f)
            for b in bs:
                if b not in seen:
                    seen.add(b)
                    boxes.append(b)
            for a in ats:
                if a not in seen:
                    seen.add(a)
                    atoms.append(a)
        value = self.enc.var
        fr.true_boxes = [b for b in boxes if z3.is_true(model.eval(value[b], True))]
        fr.false_boxes = [b for b in boxes if not z3.is_true(model.eval(value[b], True))]
        fr.world.atoms = frozenset(
            a.label for a in atoms if a.label and z3.is_true(model.eval(value[a], True))
        )
        fr.idx = 0
        fr.children = []
        fr.need_check = False

    def _learn(self, box: Formula, true_boxes: list[Formula], core: Unsat) -> None:
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
        var = self.enc.var
        lits = [var[box]] + [z3.Not(var[g]) for g in dict.fromkeys(generators)]
        self.solver.add(z3.Or(*lits) if len(lits) > 1 else lits[0])

    # -- the search ---------------------------------------------------------------------------

    def sat(self, root: Sequent) -> World | Unsat:
        """A world satisfying `root` (the root of a model of the logic), or an unsat core."""
        cached: World | Unsat | None = self.unsat_cache.get(root) or self.sat_cache.get(root)
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
        ret: tuple[World, int] | Unsat | None = None
        while stack:
            fr = stack[-1]
            if ret is not None:
                box = fr.false_boxes[fr.idx]
                if isinstance(ret, Unsat):
                    self._learn(box, fr.true_boxes, ret)
                    fr.need_check = True
                else:
                    fr.children.append((box.label, ret[0]))
                    fr.low = min(fr.low, ret[1])
                    fr.idx += 1
                ret = None
            if fr.need_check:
                answer = self.check(fr.seq)
                if isinstance(answer, Unsat):
                    self.unsat_cache[fr.seq] = answer
                    stack.pop()
                    del in_progress[fr.seq]
                    ret = answer
                    continue
                self._read_world(fr, answer)
            if fr.idx < len(fr.false_boxes):
                d = self.demand(fr.false_boxes[fr.idx], fr.true_boxes)
                known_unsat = self.unsat_cache.get(d)
                if known_unsat is not None:
                    ret = known_unsat
                    continue
                known_sat = self.sat_cache.get(d)
                if known_sat is not None:
                    ret = (known_sat, _NO_LOOP)
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
            if fr.low >= fr.pos:
                self.sat_cache[fr.seq] = fr.world
            ret = (fr.world, fr.low)
        assert ret is not None
        return ret if isinstance(ret, Unsat) else ret[0]
