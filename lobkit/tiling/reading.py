"""The arithmetic reading of a theory file: a theory is PA plus exactly what it declares.

`theory T` is PA; `axiom a` adds the sentence a; `extends S` adds everything S declares;
`reflect S` adds local reflection for S (T ⊢ Pr_S(φ) → φ for every φ). So T is its
*reflection part* R_T — PA plus the reflection schemas T declares or inherits — plus one
sentence A_T, the conjunction of the axioms T declares or inherits. By the formalised
deduction theorem (Feferman 1960, "Arithmetization of metamathematics in a general setting",
Fund. Math. 49)

    PA ⊢ Pr_{R+a}(φ) ↔ Pr_R(a → φ),

so `[T]φ` is `[R_T](α_T → φ)`, with α_T an atom standing for A_T. This module translates a
file's formulas into that language of fewer boxes: one box per distinct reflection part, and
PA's plain box `[]` for every theory that reflects nothing (a reflection-free file is a
question about PA's one box, where Solovay's theorem makes a GL countermodel an arithmetic
one). An axiom that names a theory (`theory Eager { axiom [Eager]done -> done }`) defines it
by the diagonal lemma: α_T ↔ A_T(α) with every α under a box, whose solution is unique up to
provable equivalence (de Jongh–Sambin; Bernardi 1976, Smoryński 1979 for several at once).
The checker keeps α_T as an atom with the global premise α_T ↔ A_T(α): a GL proof from these
premises is a proof of the substituted formula and conversely (substitute the explicit fixed
point; uniqueness gives the other direction).

Inclusions come for free: [T]φ → [U]φ whenever R_T ⊆ R_U and U proves A_T. Between reflection
parts, R ⊆ R′ when every theory S that R reflects is included in one that R′ reflects
(RFN(S′) ⊢ RFN(S) when PA ⊢ S ⊆ S′: Pr_S(φ) → Pr_{S′}(φ) → φ); the checker decides these
itself, iterating to a fixed point (`Reading.inclusions`), not only through `extends`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from functools import cached_property

from lobkit.formula import (
    ATOM,
    BOX,
    DIA,
    Formula,
    Visit,
    atom,
    box,
    conj,
    conjunction,
    diamond,
    fold,
    iff,
    implies,
    postorder,
    rebuild,
    theories_of,
)
from lobkit.tiling.theory_file import TheoryFile

__all__ = ["Label", "Reading", "reading", "part_label", "AXIOM_PREFIX"]

Label = str | None  # a reflection part's box; None is PA's plain box

AXIOM_PREFIX = "α_"
"""α_T names the conjunction of T's axioms: no atom of a theory file can be spelled so."""


def part_label(reflected: Iterable[str]) -> Label:
    """The box of PA plus reflection for `reflected` (in the file's order): `PAǂRfn_T0ǀT2` is
    PA + Rfn(T0) + Rfn(T2) (characters no theory file can spell, so no name collides)."""
    names = tuple(reflected)
    return None if not names else "PAǂRfn_" + "ǀ".join(names)


class Reading:
    """A spec read arithmetically: every theory as (reflection part, axiom sentence). Holds
    the spec weakly: readings are memoised per spec (`reading`) and must not keep it alive."""

    def __init__(self, spec: TheoryFile) -> None:
        self._spec = weakref.ref(spec)

    @property
    def spec(self) -> TheoryFile:
        spec = self._spec()
        if spec is None:  # pragma: no cover - a reading is used only through its spec
            raise ReferenceError("the spec of this reading is gone")
        return spec

    @cached_property
    def order(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.spec.theories)}

    @cached_property
    def below(self) -> dict[str, tuple[str, ...]]:
        """Each theory and every theory it extends, transitively (file order)."""
        out: dict[str, tuple[str, ...]] = {}
        for name in self.spec.theories:
            seen = [name]
            for n in seen:
                seen += [t for t in self.spec.theories[n].extends if t not in seen]
            out[name] = tuple(sorted(seen, key=self.order.__getitem__))
        return out

    @cached_property
    def declared_reflections(self) -> dict[str, tuple[str, ...]]:
        """The theories T reflects, directly or through what it extends, as written."""
        out = {}
        for name, under in self.below.items():
            found = {s for u in under for s in self.spec.theories[u].reflects}
            out[name] = tuple(sorted(found, key=self.order.__getitem__))
        return out

    @cached_property
    def canonical(self) -> dict[str, str]:
        """Each theory's representative: the first theory (file order) that is provably the
        same theory — the same axioms, reflection for the same theories (up to this
        equivalence). Merged to a fixed point; two families of PA-towers become one tower,
        and every axiom-free, reflection-free theory is PA. Fewer boxes, faster answers."""
        canon = {name: name for name in self.spec.theories}
        while True:
            first: dict[object, str] = {}
            new = {}
            for name in self.spec.theories:
                key = (
                    frozenset(canon[r] for r in self.declared_reflections[name]),
                    frozenset(self.axioms[name]),
                )
                new[name] = first.setdefault(key, name)
            if new == canon:
                return canon
            canon = new

    @cached_property
    def reflected(self) -> dict[str, tuple[str, ...]]:
        """The theories T reflects (their representatives, `canonical`), in file order."""
        out = {}
        for name, refl in self.declared_reflections.items():
            found = {self.canonical[r] for r in refl}
            out[name] = tuple(sorted(found, key=self.order.__getitem__))
        return out

    @cached_property
    def axioms(self) -> dict[str, tuple[Formula, ...]]:
        """The axioms T declares or inherits through `extends`, each once."""
        return {
            name: tuple(dict.fromkeys(ax for u in under for ax in self.spec.theories[u].axioms))
            for name, under in self.below.items()
        }

    def label(self, theory: str) -> Label:
        """The box of `theory`'s reflection part: PA's plain box when it reflects nothing;
        else the name of the first theory (file order) that *is* that part (no axioms, the
        same reflection), or a made-up name (`part_label`)."""
        return self._names[self.reflected[theory]]

    @cached_property
    def _names(self) -> dict[tuple[str, ...], Label]:
        names: dict[tuple[str, ...], Label] = {(): None}
        for name in self.spec.theories:
            if not self.axioms[name]:
                names.setdefault(self.reflected[name], name)
        for name in self.spec.theories:
            names.setdefault(self.reflected[name], part_label(self.reflected[name]))
        return names

    def axiom_atom(self, theory: str) -> Formula | None:
        """α_T, or None when T has no axioms (then [T]φ is [R_T]φ)."""
        return atom(AXIOM_PREFIX + self.canonical[theory]) if self.axioms[theory] else None

    @cached_property
    def labels(self) -> dict[Label, tuple[str, ...]]:
        """Every reflection part of the file and the theories it reflects."""
        out: dict[Label, tuple[str, ...]] = {None: ()}
        for name in self.spec.theories:
            out.setdefault(self.label(name), self.reflected[name])
        return out

    # -- translation ---------------------------------------------------------------------

    def translate(self, formula: Formula) -> Formula:
        """`formula` with every `[T]φ` as `[R_T](α_T → φ)` and `<T>φ` as `<R_T>(α_T ∧ φ)`."""
        memo = self._translated
        done = memo.get(formula)
        if done is None:
            done = memo[formula] = fold(formula, self._table, default=rebuild, name="reading")
        return done

    @cached_property
    def _translated(self) -> dict[Formula, Formula]:
        return {}

    @cached_property
    def _table(self) -> dict[str, Visit[Formula]]:
        def modal(node: Formula, args: tuple[Formula, ...]) -> Formula:
            theory = node.label
            if theory is None or theory not in self.spec.theories:
                return rebuild(node, args)
            alpha = self.axiom_atom(theory)
            body = args[0]
            if node.op == BOX:
                return box(
                    body if alpha is None else implies(alpha, body), theory=self.label(theory)
                )
            return diamond(body if alpha is None else conj(alpha, body), theory=self.label(theory))

        return {BOX: modal, DIA: modal}

    @cached_property
    def definitions(self) -> dict[str, Formula]:
        """α_T ↔ A_T(α) for each theory with axioms (the diagonal lemma's equivalences)."""
        out = {}
        for name, axioms in self.axioms.items():
            alpha = self.axiom_atom(name)
            if alpha is not None and self.canonical[name] == name:
                out[name] = iff(alpha, self.translate(conjunction(axioms)))
        return out

    def premises_for(self, formulas: Iterable[Formula]) -> tuple[Formula, ...]:
        """The definitions of the α's `formulas` mention, transitively, then the file's
        premises (translated): the premises a goal's logic needs. The other definitions are
        conservative (each defines a fresh atom) and only slow the prover. (Memoised: a
        goal asks it in every round and every exactness rule.)"""
        formulas = tuple(formulas)
        done = self._premises.get(formulas)
        if done is None:
            done = self._premises[formulas] = self._collect_premises(formulas)
        return done

    @cached_property
    def _premises(self) -> dict[tuple[Formula, ...], tuple[Formula, ...]]:
        return {}

    def boxes(self, formula: Formula) -> frozenset[Label]:
        """The boxes of a (translated) formula, memoised: the same definitions and premises
        come with every goal."""
        done = self._boxes.get(formula)
        if done is None:
            done = self._boxes[formula] = theories_of(formula)
        return done

    @cached_property
    def _boxes(self) -> dict[Formula, frozenset[Label]]:
        return {}

    def _collect_premises(self, formulas: tuple[Formula, ...]) -> tuple[Formula, ...]:
        found: dict[str, None] = {}
        todo = [*formulas, *self.user_premises]
        while todo:
            for node in postorder(todo.pop()):
                if node.op == ATOM and node.label and node.label.startswith(AXIOM_PREFIX):
                    name = node.label[len(AXIOM_PREFIX) :]
                    if name not in found and name in self.definitions:
                        found[name] = None
                        todo.append(self.definitions[name])
        ordered = sorted(found, key=self.order.__getitem__)
        return tuple(self.definitions[n] for n in ordered) + self.user_premises

    @cached_property
    def user_premises(self) -> tuple[Formula, ...]:
        return tuple(self.translate(p) for p in self.spec.premises)

    # -- reflection ----------------------------------------------------------------------

    @cached_property
    def pairs(self) -> tuple[tuple[Label, str], ...]:
        """(R, S) for every reflection part R and theory S it reflects."""
        return tuple((label, s) for label, refl in self.labels.items() for s in refl)

    def instance(self, part: Label, reflected: str, x: Formula) -> Formula:
        """`[R]([S]X → X)`, translated: R proves S's reflection for X."""
        inner = box(x, theory=reflected)
        return box(implies(self.translate(inner), x), theory=part)

    # -- inclusions ----------------------------------------------------------------------

    @cached_property
    def inclusions(self) -> dict[Label, frozenset[Label]]:
        """For each reflection part, the parts it includes (PA in every one). Decided to a
        fixed point: R ⊆ R′ when each S that R reflects is S′ or included in some S′ that R′
        reflects, S ⊆ S′ meaning R_S ⊆ R_S′ and A_S a conjunct of A_S′ (`includes`)."""
        labels = list(self.labels)
        inside: dict[Label, set[Label]] = {lab: {lab, None} for lab in labels}
        changed = True
        while changed:
            changed = False
            for small in labels:
                for big in labels:
                    if small in inside[big]:
                        continue
                    if all(
                        any(self._theory_in(s, t, inside) for t in self.labels[big])
                        for s in self.labels[small]
                    ):
                        inside[big].add(small)
                        changed = True
        return {lab: frozenset(v) for lab, v in inside.items()}

    def _theory_in(self, s: str, t: str, inside: dict[Label, set[Label]]) -> bool:
        if s == t:
            return True
        if self.label(s) not in inside[self.label(t)]:
            return False
        return set(self.axioms[s]) <= set(self.axioms[t])

    def includes(self, small: str, big: str) -> bool:
        """PA ⊢ small ⊆ big, as far as the checker sees it syntactically: R_small ⊆ R_big and
        every axiom of `small` is one of `big`'s. (Further inclusions the prover finds.)"""
        if small == big:
            return True
        return self.label(small) in self.inclusions[self.label(big)] and set(
            self.axioms[small]
        ) <= set(self.axioms[big])

    def extends_map(self, labels: Iterable[Label]) -> dict[Label, frozenset[Label]]:
        """The prover's `Logic.extends` among `labels`: each part over those it includes."""
        wanted = set(labels) | {None}
        return {
            lab: frozenset(x for x in self.inclusions.get(lab, {lab, None}) if x in wanted)
            for lab in wanted
        }

    def reflection_free(self, formulas: Iterable[Formula]) -> bool:
        """No box but PA's in `formulas` (translated): no schema bears on them."""
        return all(self.boxes(f) <= {None} for f in formulas)


# One reading per spec, dropped with it (a TheoryFile is immutable).
_READINGS: weakref.WeakKeyDictionary[TheoryFile, Reading] = weakref.WeakKeyDictionary()


def reading(spec: TheoryFile) -> Reading:
    """The spec's reading, made once."""
    found = _READINGS.get(spec)
    if found is None:
        found = _READINGS[spec] = Reading(spec)
    return found
