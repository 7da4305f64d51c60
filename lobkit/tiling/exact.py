"""When is a negative answer of the tiling checker exact, i.e. true of the full reflection schema
and not only of the finitely many instances it was decided with?

A positive answer (proved, inconsistent, licensed) always is: a proof from instances of the
schema is a proof from the schema. A negative answer (unprovable, consistent, a failed link)
comes with a countermodel of finitely many instances; it is exact when one of these holds:

1. **No schema.** No theory relevant to the goal (`lobkit.tiling.logic.relevant_theories`)
   reflects another: the logic given to the prover *is* the file's logic.

2. **Solovay's shape.** The goal is `[T]φ` in GL, T has exactly `extends S; reflect S` and no
   axiom, S has no axiom, `extends` or `reflect`, the file has no `premise`, and φ mentions no
   box but `[S]`. Then T (arithmetically: S plus local reflection for S) proves φ under every
   realization iff GL ⊢ ⋀{[S]ψ → ψ : [S]ψ ∈ Sub(φ)} → φ (Solovay 1976, "Provability
   interpretations of modal logic", Israel J. Math. 25, the logic S of truth: T-provable ⇒ true
   under every realization, since T is sound, ⇒ in S ⇒ Solovay's reduction to GL ⇒ T-provable,
   since T proves each [S]ψ → ψ). The instances `[T]([S]ψ → ψ)` for ψ ∈ Sub(φ) are in every
   query's closure, so a countermodel refutes that GL formula and the negative answer is exact.

3. **A sound reading.** The goal is `[T]φ` in GL with φ box-free, the file has no `premise`,
   the theories T rests on (what it extends and reflects, transitively) have only box-free
   axioms and neither extend nor reflect in a cycle, and some valuation makes all their axioms
   true and φ false. Realise each atom by `0=0` or `0=1` as that valuation says: each of those
   theories is then sound (PA plus true axioms plus reflection over theories sound by induction
   along the acyclic order: local reflection for a sound theory is true, Turing 1939, Feferman
   1962), and φ is false, so T does not prove it.

4. **Gödel's second incompleteness theorem.** The goal is `[T]φ` in GL with φ the consistency
   statement of T or of a theory U extending T (`~[U]⊥`, or `[U]⊥ -> ⊥`), the file has no
   `premise`, and the theories T rests on are as in case 3 with axioms true under some
   valuation. Then T, realised as in
   case 3, is a sound, hence consistent, r.e. extension of PA, so T does not prove Con(T)
   (Gödel 1931). The same holds for Con(U) with U extending T: T ⊢ Con(U) → Con(T), since
   a proof in T is one in U.

Anything else is reported as relative to the instances of the file's closure.
"""

from __future__ import annotations

from dataclasses import dataclass

from lobkit.formula import (
    BOX,
    DIA,
    Formula,
    bot,
    box,
    conjunction,
    implies,
    neg,
    postorder,
    theories_of,
)
from lobkit.kernel.countermodel import Countermodel
from lobkit.prover import is_valid
from lobkit.tiling.logic import reach, relevant_theories
from lobkit.tiling.spec import Spec

__all__ = ["PROOF", "Exactness", "negative_reason"]

PROOF = "a proof from instances of the reflection schema is a proof from the schema"


@dataclass(frozen=True)
class Exactness:
    """Why a negative answer is exact, given that the prover had the instances `needs`."""

    reason: str
    needs: tuple[Formula, ...] = ()


def negative_reason(
    spec: Spec, goal: Formula, model: Countermodel | None = None
) -> Exactness | None:
    """Why a negative answer on `goal` holds for the full schema, or None when it is only
    relative to the instances it was decided with. Cases 1 and 3 hold whatever instances the
    prover had; case 2 needs those listed in `needs`.

    Case 1 also holds for the theories the goal rests on (`rests_on`: those boxed in it and in
    the file's premises, closed under extends, reflect and the theories their axioms box) when
    none of them reflects and the countermodel `model` relates no world by any other theory:
    then every premise of the full logic about another theory is a `[U]…` with R_U empty,
    true everywhere, and the model is a countermodel of the full logic."""
    relevant = relevant_theories(spec, [goal])
    if not any(spec.theories[name].reflects for name in relevant):
        return Exactness(
            "no relevant theory reflects another: no schema was cut to a finite closure"
        )
    if model is not None:
        rests = rests_on(spec, goal)
        used = {t for t, pairs in model.relations.items() if pairs}
        if used <= rests and not any(t.reflects for n, t in spec.theories.items() if n in rests):
            return Exactness(
                "no theory the goal rests on reflects another, and the countermodel relates "
                "worlds by those theories only: it is a countermodel of the full schema"
            )
    if spec.frame != "GL" or spec.premises or goal.op != BOX:
        return None
    theory, body = goal.label, goal.args[0]
    if theory is None or theory not in spec.theories:
        return None
    solovay = _solovay(spec, theory, body)
    if solovay is not None:
        return solovay
    return _sound_reading(spec, theory, body) or _goedel_two(spec, theory, body)


def rests_on(spec: Spec, goal: Formula) -> frozenset[str | None]:
    """The theories boxed in `goal` and in the file's premises, closed under `extends`,
    `reflect` and the theories boxed in their axioms (the plain box `None` included)."""
    return reach(spec, (t for f in (goal, *spec.premises) for t in theories_of(f)))


def _solovay(spec: Spec, theory: str, body: Formula) -> Exactness | None:
    t = spec.theories[theory]
    if t.axioms or len(t.extends) != 1 or t.reflects != t.extends:
        return None
    s = spec.theories[t.extends[0]]
    if s.axioms or s.extends or s.reflects:
        return None
    if not theories_of(body) <= {s.name} or any(n.op == DIA for n in postorder(body)):
        return None  # (a diamond's boxed form [S]~ψ would need ~ψ in the closure)
    needs = tuple(
        box(implies(n, n.args[0]), theory=theory)
        for n in dict.fromkeys(postorder(body))
        if n.op == BOX
    )
    return Exactness(
        f"Solovay 1976 (the logic S): {theory} is {s.name} plus reflection for {s.name}, and the "
        f"query boxes only [{s.name}], so the instances for its boxed sub-formulas suffice",
        needs,
    )


def _sound_reading(spec: Spec, theory: str, body: Formula) -> Exactness | None:
    if theories_of(body):
        return None
    axioms = _sound_axioms(spec, theory)
    if axioms is None or is_valid(implies(conjunction(axioms), body), "K"):
        return None  # no such reading, or every valuation of the axioms makes the body true
    return Exactness(
        f"a sound reading: the theories {theory} rests on have true box-free axioms under a "
        f"valuation falsifying the query, and reflection over sound theories is sound"
    )


def _goedel_two(spec: Spec, theory: str, body: Formula) -> Exactness | None:
    above = _extending(spec, theory)
    targets = [u for u in above if body in _consistency(u)]
    if not targets:
        return None
    axioms = _sound_axioms(spec, theory)
    if axioms is None or is_valid(neg(conjunction(axioms)), "K"):
        return None  # no valuation makes the axioms true: no sound reading
    (other,) = targets
    via = (
        ""
        if other == theory
        else f" ({other} extends {theory}, so {theory} proves Con({other}) -> Con({theory}))"
    )
    return Exactness(
        f"Gödel's second incompleteness theorem: {theory} has a sound reading (true box-free "
        f"axioms, reflection over sound theories), so it is consistent and cannot prove its own "
        f"consistency{via}"
    )


def _consistency(theory: str) -> tuple[Formula, Formula]:
    """The two spellings of Con(theory): `~[theory]⊥` and `[theory]⊥ -> ⊥`."""
    inconsistent = box(bot, theory=theory)
    return neg(inconsistent), implies(inconsistent, bot)


def _extending(spec: Spec, theory: str) -> list[str]:
    """`theory` and every theory that extends it, directly or through others."""
    found = [theory]
    for name in found:
        found += [u for u, t in spec.theories.items() if name in t.extends and u not in found]
    return found


def _sound_axioms(spec: Spec, theory: str) -> list[Formula] | None:
    """The axioms of the theories `theory` rests on (extends and reflects, transitively), or
    None when those form a cycle or an axiom has a box: then there is no sound reading."""
    order: list[str] = []  # the theories `theory` rests on, checked acyclic on the way
    state: dict[str, int] = {}
    stack: list[tuple[str, bool]] = [(theory, False)]
    while stack:
        name, done = stack.pop()
        if done:
            state[name] = 2
            order.append(name)
            continue
        if state.get(name) == 2:
            continue
        if state.get(name) == 1:
            return None  # a cycle of extends / reflect
        state[name] = 1
        stack.append((name, True))
        t = spec.theories[name]
        for below in (*t.extends, *t.reflects):
            if state.get(below) == 1:
                return None
            if state.get(below) != 2:
                stack.append((below, False))
    axioms = [ax for name in order for ax in spec.theories[name].axioms]
    if any(theories_of(ax) for ax in axioms):
        return None
    return axioms
