"""Which of a closure's reflection instances a finite countermodel violates (the refinement
step of the checker's counterexample-guided decision).

The checker decides a goal with a small set of reflection instances. A proof from them is a
proof from the file's whole closure F. A countermodel is one for F too when every instance
`[T]([S]X → X)` of F holds at every world of it (Kripke soundness for global premises); the
instances it violates are added and the goal is decided again, until a proof or a countermodel
of all of F comes back (F is finite, so this ends).

Here the instances are evaluated fast, on bitmasks of worlds, grouped by the truth set of X:
an instance for (T, S, X) holds iff no R_T-successor v has `[S]X` true and X false, which
depends on X only through its truth set, and a small model has few distinct truth sets. This
is a search aid: the countermodel an answer keeps is re-checked against all of F by the kernel's
model checker (`Certificate.verify`).
"""

from __future__ import annotations

from collections.abc import Iterable
from weakref import WeakKeyDictionary

from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    NOT,
    OR,
    TOP,
    Formula,
    UnhandledOperator,
    fold,
    postorder,
    theories_of,
)
from lobkit.kernel.countermodel import Countermodel
from lobkit.tiling.logic import Closure
from lobkit.tiling.reading import Reading

__all__ = ["violated", "narrow", "box_instances"]


class _Masks:
    """Truth sets as bitmasks over a countermodel's worlds (bit i: world i)."""

    def __init__(self, model: Countermodel) -> None:
        index = {w: i for i, w in enumerate(model.worlds)}
        self.every = (1 << len(model.worlds)) - 1
        self.succ: dict[str | None, list[int]] = {}
        for theory, pairs in model.relations.items():
            succ = [0] * len(model.worlds)
            for a, b in pairs:
                succ[index[a]] |= 1 << index[b]
            self.succ[theory] = succ
        self.atoms: dict[str, int] = {}
        for w, true in model.valuation.items():
            for name in true:
                self.atoms[name] = self.atoms.get(name, 0) | (1 << index[w])
        self.memo: dict[Formula, int] = {}
        every = self.every
        self.table = {
            ATOM: lambda n, a: self.atoms.get(n.label, 0),
            TOP: lambda n, a: every,
            BOT: lambda n, a: 0,
            NOT: lambda n, a: every & ~a[0],
            AND: lambda n, a: a[0] & a[1],
            OR: lambda n, a: a[0] | a[1],
            IMP: lambda n, a: (every & ~a[0]) | a[1],
            IFF: lambda n, a: every & ~(a[0] ^ a[1]),
            BOX: lambda n, a: self.box(n.label, a[0]),
            DIA: lambda n, a: every & ~self.box(n.label, every & ~a[0]),
        }

    def box(self, theory: str | None, body: int) -> int:
        succ = self.succ.get(theory)
        if succ is None:
            return self.every
        out = 0
        for i, s in enumerate(succ):
            if not s & ~body:
                out |= 1 << i
        return out

    def of(self, formula: Formula) -> int:
        return fold(formula, self.table, memo=self.memo, name="refine")


class _Program:
    """A closure compiled for fast evaluation: every distinct sub-formula of its formulas once,
    children before parents, as (operator, label, child indexes). Made once per closure (a
    `depth` query's closure holds every link's goals and is the same for each of its
    countermodels), so evaluating a model is one loop over a list instead of one `fold` per
    closure formula."""

    index: dict[Formula, int]
    code: list[tuple[str, str | None, int, int]]
    roots: list[int]

    def __init__(self, closure: Closure, base: _Program | None = None) -> None:
        # `base`: the program of a closure whose formulas are a prefix of these (extended)
        index: dict[Formula, int] = {} if base is None else dict(base.index)
        code: list[tuple[str, str | None, int, int]] = [] if base is None else list(base.code)
        for x in closure.formulas[0 if base is None else len(base.roots) :]:
            for node in postorder(x):
                if node in index:
                    continue
                args = [index[a] for a in node.args]
                a = args[0] if args else -1
                b = args[1] if len(args) > 1 else -1
                index[node] = len(code)
                code.append((node.op, node.label, a, b))
        self.index = index
        self.code = code
        self.roots = [index[x] for x in closure.formulas]

    def run(self, masks: _Masks) -> list[int]:
        """The truth set of every node in `masks`'s model."""
        every = masks.every
        out: list[int] = []
        put = out.append
        atoms = masks.atoms
        boxes: dict[tuple[str | None, int], int] = {}
        for op, label, a, b in self.code:
            if op == IMP:
                put((every & ~out[a]) | out[b])
            elif op == BOX or op == DIA:
                body = out[a] if op == BOX else every & ~out[a]
                key = (label, body)
                m = boxes.get(key)
                if m is None:
                    m = boxes[key] = masks.box(label, body)
                put(m if op == BOX else every & ~m)
            elif op == ATOM:
                put(atoms.get(label or "", 0))
            elif op == AND:
                put(out[a] & out[b])
            elif op == OR:
                put(out[a] | out[b])
            elif op == NOT:
                put(every & ~out[a])
            elif op == IFF:
                put(every & ~(out[a] ^ out[b]))
            elif op == BOT:
                put(0)
            elif op == TOP:
                put(every)
            else:  # pragma: no cover - every operator is listed above
                raise UnhandledOperator(op, "refine")
        return out


# One program per closure, dropped with it.
_PROGRAMS: WeakKeyDictionary[Closure, _Program] = WeakKeyDictionary()


def _program(closure: Closure) -> _Program:
    """The compiled closure, extending its base's program (the file's closure, compiled once,
    when the checker adds a goal's sub-formulas to it)."""
    program = _PROGRAMS.get(closure)
    if program is None:
        base = None if closure.base is None else _program(closure.base)
        program = _PROGRAMS[closure] = _Program(closure, base)
    return program


def violated(
    model: Countermodel, closure: Closure, premises: Iterable[Formula] = (), *, every: bool = False
) -> list[Formula]:
    """The instances of `closure`, then the `premises`, that do not hold at every world of
    `model`, in a deterministic order. Unless `every`, one instance per reflection pair and
    truth set of X (the smallest such X, first in the closure's order): enough to exclude
    this model, and the refinement stays small."""
    masks = _Masks(model)
    program = _program(closure)
    values = program.run(masks)
    out: list[Formula] = []
    by_mask: dict[int, list[Formula]] = {}
    for x, i in zip(closure.formulas, program.roots, strict=True):
        by_mask.setdefault(values[i], []).append(x)
    read = closure.reading
    for t, s in closure.pairs:
        succ_t = masks.succ.get(t)
        if succ_t is None:
            continue  # R_T is empty: [T]… holds everywhere
        targets = 0
        for row in succ_t:
            targets |= row
        if not targets:
            continue
        # [S]X is [R_S](α_S → X) in the reading (`lobkit.tiling.reading`)
        part, alpha = read.label(s), read.axiom_atom(s)
        unless = 0 if alpha is None else masks.every & ~masks.atoms.get(alpha.label or "", 0)
        for mask, xs in by_mask.items():
            # some R_T-successor where [S]X holds and X fails?
            if masks.box(part, unless | mask) & ~mask & targets:
                chosen = xs if every else [min(xs, key=lambda f: f.size)]
                out += [read.instance(t, s, x) for x in chosen]
    premises = tuple(premises)
    if premises:
        masks.memo.update((node, values[i]) for node, i in program.index.items())
        out += [p for p in premises if masks.of(p) != masks.every]
    return out


def narrow(missing: list[Formula], goal: Formula) -> list[Formula]:
    """The instances `[T](…)` among `missing` for the theories T that `goal` boxes, when they
    are some but not all of them (else empty): the checker's first refinement of a goal.

    A link's proof needs T_P's reflection of the theory below it, not the whole tower's, but
    its first countermodel violates the reflection of every pair below T_P; adding all n of
    them to each of a tower's n² links made depth's time grow as n³ (issue 11)."""
    boxed = theories_of(goal)
    chosen = [f for f in missing if f.label in boxed]
    return chosen if len(chosen) < len(missing) else []


def box_instances(read: Reading, formulas: Iterable[Formula]) -> list[Formula]:
    """The reflection instances the boxes of `formulas` (a translated goal `[R]φ`, then the
    premises its logic holds) ask for: for the goal's part R, every theory S it
    reflects and every box `[L]Z` that is a `[S]X` — `[L_S](α_S → X)`, or `[L]X` with
    L ⊆ L_S when S has no axioms (then `[L]X → [L_S]X`) — the instance `[R]([S]X → X)`,
    for the least such S (by inclusion). The checker's first round of a reflecting goal.

    Why these: T reflecting S proves `[S]X → X` for the very X the goal (or a definition
    it needs) boxes, as in Solovay's logic S, where the instances for the boxed
    sub-formulas are all a proof needs (Solovay 1976); and a reflection-free K below S is
    `[K]X = [PA](α_K → X)` by the deduction theorem, so T ⊢ [K]X → X from T ⊢ α_K and
    one such instance. A refinement that waits for a countermodel to violate them picks,
    per truth set, the smallest X — often another one — and its models grow (issue 25:
    a tower beside a guarded family, 697 s without a proof; with these, milliseconds)."""
    formulas = tuple(formulas)
    nodes = list(dict.fromkeys(n for f in formulas for n in postorder(f) if n.op == BOX))
    goal = formulas[0] if formulas else None
    # the reasoning happens inside the goal's own box: its part's instances only
    parts = (
        [goal.label] if goal is not None and goal.op == BOX and read.labels.get(goal.label) else []
    )
    out: dict[Formula, None] = {}
    for part in parts:
        for node in nodes:
            body = node.args[0]
            found: list[tuple[str, Formula]] = []  # (S, X)
            for s in read.labels[part]:
                inner, alpha = read.label(s), read.axiom_atom(s)
                if alpha is None:
                    if node.label in read.inclusions[inner]:
                        found.append((s, body))
                elif node.label == inner and body.op == IMP and body.args[0] == alpha:
                    found.append((s, body.args[1]))
            for s, x in found:
                # the least S: no other candidate's part strictly inside S's
                mine = read.label(s)
                if any(
                    read.label(t) != mine and read.label(t) in read.inclusions[mine]
                    for t, _ in found
                ):
                    continue
                out[read.instance(part, s, x)] = None
    return list(out)
