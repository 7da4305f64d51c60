"""Which theorem makes a finite answer of the tiling checker the arithmetic one, under the
reading "a theory is PA plus exactly what it declares" (`lobkit.tiling.reading`).

Every exact answer names its theorem (its `citation`); the docs list them all:

* `SOUNDNESS` — every proof: GL is sound for provability in PA, every premise the checker
  uses is a PA theorem (diagonal lemma, formalised deduction theorem) or an instance of a
  declared reflection schema, so a proof is an arithmetic proof.
* `FRAME_PROOF` — a proof in a logic of the cube outside GL (D, T, B, K5, KD45, S4, S5, Grz
  prove formulas GL does not): the kernel-checked proof makes the answer exact for the modal
  logic the file names, which has no arithmetic reading.
* `SOLOVAY_GL` — a negative answer when no theory the goal rests on reflects: the goal is a
  question about PA's one box (deduction theorem; de Jongh–Sambin for self-referential
  axioms), GL, and the file's premises box-free: Solovay 1976's arithmetical completeness
  turns the GL countermodel into a realisation under which PA does not prove it (its root
  copied below it makes the box-free premises PA-provable).
* `FRAME_ONLY` — the same for the frames K and K4, which have no arithmetic reading: the
  answer is exact for the modal logic the file names, not for arithmetic.
* Solovay's logic S — the goal is `[T]φ`, T has no axioms and reflects only theories that
  are PA (no axioms, no reflection), φ boxes only such theories, no premise: T is
  PA + RFN(PA), sound, and T ⊢ φ under every realisation iff
  GL ⊢ ⋀{□ψ → ψ : □ψ ∈ Sub(φ)} → φ (Solovay 1976, the logic S); those instances are given.
* a sound reading — φ box-free, the theories T rests on have box-free axioms, no cycle, no
  premise, and a valuation makes their axioms true and φ false: realising atoms by 0=0/0=1
  makes each of them sound (reflection over a sound theory is true: Turing 1939, Feferman
  1962), so T does not prove the false φ.
* Gödel's second incompleteness theorem — T ⊢ Con(U) for U = T or extending T, with T as in
  the sound reading: T is sound, hence consistent, so it proves neither (Gödel 1931).
* a sound reading through boxes — atoms realised by 0=0/0=1, the axioms of the theories T
  rests on true with their provability facts decided exactly (recursively), the body false.
* Löb's theorem — `T ⊢ [U]X → X` with T ⊆ U iff T ⊢ X; an exact `T ⊬ X` settles it.
* a substitution instance — φ[p := ⊤/⊥] exactly unprovable in T, so φ is.

Anything else is relative to the instances of the file's closure, and says so.

Long module: it is the one list of theorems that may call a finite answer arithmetic, each
case its side conditions; keeping them together keeps the citations and the docs' table one.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lobkit.formula import (
    AND,
    ATOM,
    BOX,
    DIA,
    IFF,
    IMP,
    NOT,
    OR,
    Formula,
    atoms_of,
    bot,
    box,
    conj,
    conjunction,
    disj,
    fold,
    iff,
    implies,
    neg,
    postorder,
    rebuild,
    substitute,
    theories_of,
    top,
)
from lobkit.prover import is_valid
from lobkit.tiling.reading import reading
from lobkit.tiling.theory_file import TheoryFile
from lobkit.tiling.truth import evaluate

__all__ = ["PROOF", "SOUNDNESS", "proof_citation", "SOLOVAY_GL", "Exactness", "negative_reason"]

SOUNDNESS = (
    "soundness: GL is sound for provability in PA (Löb 1955's derivability conditions) and "
    "every premise used is a PA theorem (diagonal lemma, formalised deduction theorem) or an "
    "instance of a declared reflection schema"
)
PROOF = SOUNDNESS  # every proof in GL, K4 or K (sublogics of GL) is exact for this reason
FRAME_PROOF = (
    "soundness of {frame} for its frames: a kernel-checked proof in {frame}, exact for the "
    "file's logic {frame} (not contained in GL, so it has no arithmetic reading)"
)
#: The logics whose theorems GL proves too, so their proofs are arithmetic ones.
GL_SUBLOGICS = ("GL", "K4", "K")


def proof_citation(frame: str) -> str:
    """Why a proof in the file's logic `frame` is exact."""
    return PROOF if frame in GL_SUBLOGICS else FRAME_PROOF.format(frame=frame)


SOLOVAY_GL = (
    "Solovay 1976 (arithmetical completeness of GL): no theory the goal rests on reflects, so "
    "by the formalised deduction theorem (de Jongh–Sambin for self-referential axioms) it is "
    "a question about PA's one box, and the GL countermodel is an arithmetic one"
)
FRAME_ONLY = (
    "completeness of {frame} for its finite frames: no theory the goal rests on reflects, so "
    "the countermodel refutes it in the file's logic {frame} (which has no arithmetic reading)"
)


@dataclass(frozen=True)
class Exactness:
    """Why a negative answer is exact, given that the prover had the instances `needs`."""

    reason: str
    needs: tuple[Formula, ...] = ()


Fact = Callable[[Formula], bool | None]
"""An exact provability fact: True / False when the oracle decided `[S]ψ` with a citation,
None when it could not (or the goal is being decided)."""

# The most atoms a sound reading with boxes enumerates valuations of (2^8 candidates); with
# more it tries the two constant ones (every atom 0=1, every atom 0=0), and each of them with
# the body's one-polarity atoms set to make the body false and the premises' to make them true.
MAX_READING_ATOMS = 8


def negative_reason(spec: TheoryFile, goal: Formula, fact: Fact | None = None) -> Exactness | None:
    """Why a negative answer on the (untranslated) `goal` is the arithmetic one, or None when
    it is only relative to the instances it was decided with. The Solovay-S case needs the
    instances listed in `needs` (translated) to have been given."""
    read = reading(spec)
    translated = read.translate(goal)
    if read.reflection_free((translated, *read.premises_for((translated,)))):
        if spec.frame != "GL":
            return Exactness(FRAME_ONLY.format(frame=spec.frame))
        if all(not theories_of(p) for p in spec.premises):
            return Exactness(SOLOVAY_GL)
        return None  # a premise with a box: Solovay's realisation need not make it provable
    if spec.frame != "GL" or goal.op != BOX:
        return None
    theory, body = goal.label, goal.args[0]
    if theory is None or theory not in spec.theories:
        return None
    if spec.premises:  # a sound reading must make them PA-provable: true and box-free
        if any(theories_of(p) for p in spec.premises):
            return _lob(spec, theory, body, fact) if fact is not None else None
    else:
        solovay = _solovay(spec, theory, body)
        if solovay is not None:
            return solovay
    found = _sound_reading(spec, theory, body) or _goedel_two(spec, theory, body)
    if found is None and fact is not None:
        found = _sound_valuation(spec, theory, body, fact) or _lob(spec, theory, body, fact)
        found = found or _instance(spec, theory, body, fact)
    return found


def _lob(spec: TheoryFile, theory: str, body: Formula, fact: Fact) -> Exactness | None:
    """`T ⊢ [U]X → X` with T ⊆ U holds iff T ⊢ X (Löb's theorem, with the provable inclusion
    [T]X → [U]X); so an exact `T ⊬ X` settles it."""
    if body.op != IMP or body.args[0].op != BOX:
        return None
    inner, x = body.args[0], body.args[1]
    u = inner.label
    if inner.args[0] != x or u is None or u not in spec.theories or spec.frame != "GL":
        return None
    read = reading(spec)
    if read.label(theory) not in read.inclusions[read.label(u)]:
        return None  # (R_T ⊆ R_U is needed either way)
    declared = read.includes(theory, u)
    if fact(box(x, theory=theory)) is not False:
        return None
    how = "" if declared else f" ({u} proves {theory}'s axioms, exactly)"
    if not declared and not _proves_axioms(spec, u, theory, fact):
        return None
    return Exactness(
        f"Löb's theorem: {theory} ⊆ {u}{how}, so {theory} proves [{u}]X -> X only if it "
        f"proves X, and {theory} does not prove X = {x} (exact)"
    )


def _proves_axioms(spec: TheoryFile, big: str, small: str, fact: Fact) -> bool:
    """`big` proves `small`'s axioms A (an exact fact): with R_small ⊆ R_big, PA then proves
    small ⊆ big — Pr_small(X) is Pr_{R_small}(A → X) (the formalised deduction theorem),
    which gives Pr_{R_big}(A → X), and Pr_big(A) is a true Σ1 sentence, so PA proves it
    (Σ1-completeness): Pr_big(X). The inclusion the issue asks the checker to find itself:
    a reflection-free family K[k] lies inside a theory that reflects PA once that theory
    proves each α_k, though no `extends` says so."""
    read = reading(spec)
    axioms = read.axioms[small]
    if not axioms:
        return True
    claim = conjunction(axioms)
    # a theory `big` includes (syntactically) that proves them proves them for `big` too
    # (monotonicity): the least ones first, so a tower asks its lowest rung once
    below = [t for t in spec.theories if t != big and read.includes(t, big)]
    below.sort(key=lambda t: sum(read.includes(u, t) for u in spec.theories))
    return any(fact(box(claim, theory=t)) is True for t in (*below, big))


def _instance(spec: TheoryFile, theory: str, body: Formula, fact: Fact) -> Exactness | None:
    """A substitution instance φ[p := ⊤ or ⊥] (one atom, constants folded away) that T
    exactly does not prove: then T does not prove φ, whose realisations include the
    instance's."""
    # only atoms no axiom or premise mentions: substituting them leaves every theory as it is
    shared = _shared_atoms(spec)
    signs = _polarities(body)
    for name in sorted(atoms_of(body) - shared):
        # an atom only positive: φ(⊥) → φ(p) (monotonicity), so φ[p := ⊥] is the instance
        # that settles it either way, and is tried first; only negative, φ[p := ⊤]
        values = (bot, top) if signs.get(name) == {True} else (top, bot)
        for value in values:
            instance = _fold(substitute(body, {name: value}))
            if instance == body or instance in (top, bot):
                continue
            if fact(box(instance, theory=theory)) is False:
                shown = "⊤" if value == top else "⊥"
                return Exactness(
                    f"a substitution instance ({name} := {shown}: {instance}) is exactly "
                    f"unprovable in {theory}, so the query is"
                )
    return None


def _fold(formula: Formula) -> Formula:
    """Constants ⊤/⊥ folded through the connectives (and `[T]⊤` to ⊤): an equivalent formula
    in every normal modal logic."""

    def step(node: Formula, args: tuple[Formula, ...]) -> Formula:
        op = node.op
        if op == NOT:
            return bot if args[0] == top else top if args[0] == bot else neg(args[0])
        if op in (AND, OR, IMP, IFF):
            a, b = args
            if op == AND:
                return bot if bot in args else b if a == top else a if b == top else conj(a, b)
            if op == OR:
                return top if top in args else b if a == bot else a if b == bot else disj(a, b)
            if op == IMP:
                if a == bot or b == top:
                    return top
                return b if a == top else _fold(neg(a)) if b == bot else implies(a, b)
            if a == top:
                return b
            if b == top:
                return a
            return iff(a, b)
        if op == BOX and args[0] == top:
            return top
        return rebuild(node, args)

    return fold(formula, {op: step for op in (NOT, AND, OR, IMP, IFF, BOX)}, default=rebuild)


def _is_pa(spec: TheoryFile, theory: str) -> bool:
    """The theory is PA under the reading: no axioms and no reflection, inherited or not."""
    read = reading(spec)
    return not read.axioms[theory] and not read.reflected[theory]


def _solovay(spec: TheoryFile, theory: str, body: Formula) -> Exactness | None:
    read = reading(spec)
    reflected = read.reflected[theory]
    if read.axioms[theory] or not reflected or not all(_is_pa(spec, s) for s in reflected):
        return None
    if any(t is not None and not _is_pa(spec, t) for t in theories_of(body)):
        return None
    if any(n.op == DIA for n in postorder(body)):
        return None  # (a diamond's boxed form [S]~ψ would need ~ψ in the closure)
    plain = read.translate(body)  # every box is PA's
    part = read.label(theory)
    needs = tuple(
        box(implies(n, n.args[0]), theory=part)
        for n in dict.fromkeys(postorder(plain))
        if n.op == BOX
    )
    return Exactness(
        f"Solovay 1976 (the logic S): {theory} is PA plus reflection for PA and the query "
        f"boxes only PA, so the instances for its boxed sub-formulas suffice",
        needs,
    )


def _sound_reading(spec: TheoryFile, theory: str, body: Formula) -> Exactness | None:
    if theories_of(body):
        return None
    axioms = _sound_axioms(spec, theory)
    if axioms is None or is_valid(implies(conjunction([*axioms, *spec.premises]), body), "K"):
        return None  # no such reading, or every valuation of the axioms makes the body true
    return Exactness(
        f"a sound reading: the theories {theory} rests on have true box-free axioms under a "
        f"valuation falsifying the query, and reflection over sound theories is sound"
    )


def _sound_valuation(spec: TheoryFile, theory: str, body: Formula, fact: Fact) -> Exactness | None:
    """A sound reading through boxes: realise every atom by 0=0 or 0=1 (a valuation v), so
    the body and the axioms of the theories T rests on become letterless sentences; when
    every such axiom is true (its provability facts decided exactly by the oracle), the
    reflection is acyclic and the body is false, T is sound under that realisation (reflection
    over sound theories is true: Turing 1939, Feferman 1962) and does not prove the false body,
    so it does not prove the body under every realisation either. The file's premises (box-free
    here) must be true under v too: then they are PA-provable, as the file's logic has them."""
    axioms = _rests_axioms(spec, theory)
    if axioms is None:
        return None
    axioms += spec.premises  # box-free here: true under v, so PA-provable, as the logic has them
    names = sorted(set(atoms_of(body)).union(*(atoms_of(a) for a in axioms)))
    candidates: Iterable[tuple[bool, ...]] = itertools.product((True, False), repeat=len(names))
    if len(names) > MAX_READING_ATOMS:
        # too many to enumerate: the two constant valuations, then each with the body's
        # one-polarity atoms set to falsify it (positive ones 0=1, negative ones 0=0) and the
        # premises' one-polarity atoms set to make them true (which comes first)
        wanted = {n: not signs.pop() for n, signs in _polarities(body).items() if len(signs) == 1}
        for premise in spec.premises:
            wanted.update(
                (n, signs.pop()) for n, signs in _polarities(premise).items() if len(signs) == 1
            )
        candidates = list(
            dict.fromkeys(
                tuple(wanted.get(n, c) if guided else c for n in names)
                for guided in (False, True)
                for c in (False, True)
            )
        )

    def reliable(node: Formula) -> bool | None:
        # The oracle decides [S]ψ for *every* realisation of the atoms in S's axioms. A "yes"
        # holds under v too; a "no" only when S's axioms (and those S rests on, and the
        # premises) have no atom at all — else one realisation must serve every fact at
        # once, and v's (or another fact's) might make S prove ψ.
        answer = fact(node)
        if answer is False and _axiom_atoms(spec, node.label):
            return None
        return answer

    known = _TRUTHS.setdefault(spec, {})

    def truth(letterless: Formula) -> bool | None:
        # the same axioms under the same valuations come back with every goal; a definite
        # value rests on exact facts only, which do not change
        value = known.get(letterless)
        if value is None:
            value = _truth(letterless, reliable)
            if value is not None:
                known[letterless] = value
        return value

    for values in candidates:
        v: dict[str | Formula, Formula] = {
            n: top if b else bot for n, b in zip(names, values, strict=True)
        }
        if truth(substitute(body, v)) is not False:
            continue
        if all(truth(substitute(a, v)) for a in axioms):
            shown = ", ".join(
                f"{n}={'0=0' if b else '0=1'}" for n, b in zip(names, values, strict=True)
            )
            return Exactness(
                f"a sound reading: with {shown or 'no atoms'} the axioms of the theories "
                f"{theory} rests on are true (their provability facts exact), reflection among "
                f"them acyclic, so {theory} is sound and does not prove the false query "
                f"(Turing 1939, Feferman 1962: reflection over a sound theory is true)"
            )
    return None


def _polarities(formula: Formula) -> dict[str, set[bool]]:
    """For each atom of `formula`, the polarities of its occurrences (True: positive — under
    an even number of negations and antecedents; both under ↔)."""
    out: dict[str, set[bool]] = {}
    stack: list[tuple[Formula, frozenset[bool]]] = [(formula, frozenset((True,)))]
    while stack:
        node, signs = stack.pop()
        op = node.op
        if not node.args:
            if op == ATOM and node.label is not None:
                out.setdefault(node.label, set()).update(signs)
            continue
        flipped = frozenset(not s for s in signs)
        if op == NOT:
            stack.append((node.args[0], flipped))
        elif op == IMP:
            stack += [(node.args[0], flipped), (node.args[1], signs)]
        elif op == IFF:
            both = frozenset((True, False))
            stack += [(a, both) for a in node.args]
        else:  # ∧, ∨, boxes and diamonds keep the polarity
            stack += [(a, signs) for a in node.args]
    return out


# Per spec (immutable): the atoms of each theory's axioms and premises, and of all of them.
_ATOMS: weakref.WeakKeyDictionary[TheoryFile, dict[str | None, frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


# Per spec: letterless sentences (an axiom or a query under a 0=0/0=1 valuation) and their
# truth, when it rests on exact facts only (`_sound_valuation`).
_TRUTHS: weakref.WeakKeyDictionary[TheoryFile, dict[Formula, bool]] = weakref.WeakKeyDictionary()


def _shared_atoms(spec: TheoryFile) -> frozenset[str]:
    """The atoms some axiom or premise of the file mentions."""
    return frozenset().union(
        *(_axiom_atoms(spec, t) for t in spec.theories), _axiom_atoms(spec, None)
    )


def _axiom_atoms(spec: TheoryFile, theory: str | None) -> frozenset[str]:
    """The atoms of the axioms of `theory` and of every theory it rests on (extends,
    reflects, or boxes in an axiom), and of the file's premises (memoised per spec)."""
    memo = _ATOMS.setdefault(spec, {})
    found = memo.get(theory)
    if found is None:
        found = memo[theory] = _collect_axiom_atoms(spec, theory)
    return found


def _collect_axiom_atoms(spec: TheoryFile, theory: str | None) -> frozenset[str]:
    found: set[str] = set()
    for p in spec.premises:
        found |= atoms_of(p)
    todo = [theory] if theory is not None and theory in spec.theories else []
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        t = spec.theories[name]
        todo += [*t.extends, *t.reflects]
        for ax in t.axioms:
            found |= atoms_of(ax)
            todo += [u for u in theories_of(ax) if u is not None and u in spec.theories]
    return frozenset(found)


def _truth(letterless: Formula, fact: Fact) -> bool | None:
    """The truth of a letterless sentence, its outermost boxes by exact facts (None: some fact
    is not exactly known)."""
    unknown = False

    def known(node: Formula) -> bool:
        nonlocal unknown
        answer = fact(node)
        if answer is None:
            unknown = True
            return False
        return answer

    value = evaluate(letterless, {}, known)
    return None if unknown else value


def _rests_axioms(spec: TheoryFile, theory: str) -> list[Formula] | None:
    """The axioms of the theories `theory` rests on (extends and reflects, transitively), or
    None when those form a cycle (then no sound reading), boxes allowed."""
    order: list[str] = []
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
            return None
        state[name] = 1
        stack.append((name, True))
        t = spec.theories[name]
        for below in (*t.extends, *t.reflects):
            if state.get(below) == 1:
                return None
            if state.get(below) != 2:
                stack.append((below, False))
    return [ax for name in order for ax in spec.theories[name].axioms]


def _goedel_two(spec: TheoryFile, theory: str, body: Formula) -> Exactness | None:
    above = _extending(spec, theory)
    targets = [u for u in above if body in _consistency(u)]
    if not targets:
        return None
    axioms = _sound_axioms(spec, theory)
    if axioms is None or is_valid(neg(conjunction([*axioms, *spec.premises])), "K"):
        return None  # no valuation makes the axioms (and premises) true: no sound reading
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


def _extending(spec: TheoryFile, theory: str) -> list[str]:
    """`theory` and every theory that extends it, directly or through others."""
    found = [theory]
    for name in found:
        found += [u for u, t in spec.theories.items() if name in t.extends and u not in found]
    return found


def _sound_axioms(spec: TheoryFile, theory: str) -> list[Formula] | None:
    """The axioms of the theories `theory` rests on (extends and reflects, transitively), or
    None when those form a cycle or an axiom has a box: then there is no sound reading."""
    axioms = _rests_axioms(spec, theory)
    if axioms is None or any(theories_of(ax) for ax in axioms):
        return None
    return axioms
