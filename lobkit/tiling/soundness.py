"""`sound T given LITERALS`: is theory T sound — does it prove only truths — on a valuation?

The reading is arithmetic (Fallenstein & Soares 2014, §4): each theory is an r.e. extension of
PA, an atom is a sentence whose truth value the valuation gives, and `[S]φ` is the Σ1 sentence
"S proves φ" — true exactly when S proves φ, which the tiling checker decides with a
certificate (`Checker.decide` on `[S]φ`; nothing is assumed). T is then **sound on a
valuation v** when

* T is consistent (⊥, which T would prove otherwise, is false everywhere);
* every `premise` of the file, and every axiom of T and of every theory T extends
  (transitively), is true at v;
* every theory that T, or a theory T extends, reflects is sound at v (recursively).

That is soundness in full, not a sufficient condition: PA proves only truths, modus ponens and
the provability facts of the logic preserve truth, so a theory whose axioms are true and whose
reflected theories are sound proves only truths; conversely a false axiom is a false theorem,
and a false theorem X of a reflected theory S is one of T's (T proves `[S]X → X` and the true
Σ1 fact `[S]X`). A theory that reflects itself, or a cycle of reflection, is inconsistent
(Löb's theorem; for a cycle A ⊢ Rfn(B), B ⊢ Rfn(A): A proves "B proves Con(A)" and so Con(A),
which Gödel's second incompleteness theorem forbids), so it is unsound.

Atoms not given range over all valuations: `sound` means sound on every one. The conditions
are a conjunction over formulas, each true on every valuation iff it is true on every
valuation *of its own free atoms* (those outside boxes, not given), so each formula is
checked alone by enumerating the 2^k valuations of its k free atoms, k ≤ `MAX_FREE_ATOMS`
(more raises `ResourceLimit`, exit 3: give some of them). `unsound` comes with its
certificate: the valuation, the false formula (axiom, premise or ⊥) and whose theorem it is,
the provability facts it used, each with its prover certificate, and for a false theorem
reached through reflection, the proof that T proves it.

The answers' data types are in `lobkit.tiling.sound_results`, the evaluation of a formula on
a valuation in `lobkit.tiling.truth`.

`exact`: the answer holds for the full reflection schema when every provability fact it used
was an exact answer — a proof always is; an "unprovable" is exact when it was decided without
reflection instances (no relevant theory reflects), or when the checker marks it exact.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping

from lobkit.errors import InputError, ResourceLimit
from lobkit.formula import ATOM, Formula, bot, box, outer_nodes
from lobkit.limits import Budget
from lobkit.tiling.oracle import Limits, Oracle
from lobkit.tiling.results import Certificate, QueryResult, union
from lobkit.tiling.sound_results import (
    BoxFact,
    Falsehood,
    SoundQueryResult,
    SoundResult,
    explain,
    is_exact,
)
from lobkit.tiling.theory_file import SoundQuery, TheoryFile
from lobkit.tiling.truth import Given, box_facts, evaluate, free_atoms, literals

__all__ = ["MAX_FREE_ATOMS", "sound", "answer"]

MAX_FREE_ATOMS = 12
"""The most free atoms (outside boxes, not given) one checked formula may have: its 2^k
valuations are enumerated."""

# Consistency is asked quickly: a proof of ⊥ is a falsehood, anything else settles nothing.
QUICK = Limits(worlds=16, rounds=2)

Route = tuple[str, ...]  # "T extends U", "U reflects S", …


def _extended(spec: TheoryFile, theory: str) -> dict[str, Route]:
    """`theory` and every theory it extends, transitively, breadth-first, with the route."""
    routes: dict[str, Route] = {theory: ()}
    todo = [theory]
    while todo:
        name = todo.pop(0)
        for parent in spec.theories[name].extends:
            if parent not in routes:
                routes[parent] = (*routes[name], f"{name} extends {parent}")
                todo.append(parent)
    return routes


def _reflected(spec: TheoryFile, theory: str) -> list[tuple[str, Route]]:
    """The theories reflected by `theory` or by a theory it extends, with the route."""
    out: dict[str, Route] = {}
    for name, route in _extended(spec, theory).items():
        for target in spec.theories[name].reflects:
            out.setdefault(target, (*route, f"{name} reflects {target}"))
    return list(out.items())


class _Search:
    """One soundness question: provability facts and consistency answers, asked once each."""

    def __init__(self, oracle: Oracle, given: Given, budget: Budget | None) -> None:
        self.oracle = oracle
        self.spec = oracle.spec
        self.given = dict(given)
        self.budget = budget
        self.facts: dict[Formula, BoxFact] = {}
        self.consistency: dict[str, Certificate] = {}
        self.free: set[str] = set()
        self.undecided: list[Certificate] = []  # facts the refinement could not decide

    def fact(self, formula: Formula) -> BoxFact:
        found = self.facts.get(formula)
        if found is None:
            cert = self.oracle.decide(formula, budget=self.budget)
            if cert.undecided:
                self.undecided.append(cert)
            exact = is_exact(cert, self.spec)
            found = self.facts[formula] = BoxFact(formula, cert, exact)
        return found

    def refute(self, formula: Formula) -> tuple[Given, tuple[BoxFact, ...]] | None:
        """A valuation (the given literals and the formula's free atoms, as far as the formula
        mentions them) making `formula` false, with the facts used; None when it is true on
        every valuation of its free atoms."""
        facts = tuple(self.fact(b) for b in box_facts(formula))
        table = {f.formula: f.holds for f in facts}
        free = free_atoms(formula, self.given)
        if len(free) > MAX_FREE_ATOMS:
            raise ResourceLimit(
                f"{formula} has {len(free)} free atoms (at most {MAX_FREE_ATOMS} are "
                f"enumerated): give some of them (sound T given {free[0]}, …)"
            )
        self.free.update(free)
        used = {n.name for n in outer_nodes(formula) if n.op == ATOM}
        for values in itertools.product((False, True), repeat=len(free)):
            valuation = {**self.given, **dict(zip(free, values, strict=True))}
            if not evaluate(formula, valuation, table.__getitem__):
                return tuple((k, v) for k, v in valuation.items() if k in used), facts
        return None

    def consistent(self, theory: str) -> Certificate:
        cert = self.consistency.get(theory)
        if cert is None:
            # Only a proof of ⊥ matters: consistency follows from true axioms and sound
            # reflected theories (what the rest of the search checks), so an undecided or
            # relative "consistent" neither settles nor weakens the answer.
            cert = self.oracle.decide(box(bot, theory=theory), budget=self.budget, limits=QUICK)
            self.consistency[theory] = cert
        return cert

    def falsehood_of(self, theory: str, route: Route) -> Falsehood | None:
        """A false theorem of `theory` (reached by `route`) among ⊥, the premises and the
        axioms of it and of the theories it extends — not through reflection. An exact one
        when there is one."""
        proof = self.consistent(theory)
        if proof.valid:
            given = tuple(self.given.items())
            return Falsehood(bot, "inconsistent", theory, route, given, (), proof)
        items = [(p, "premise", theory, route) for p in self.spec.premises]
        for name, more in _extended(self.spec, theory).items():
            axioms = self.spec.theories[name].axioms
            items += [(ax, "axiom", name, (*route, *more)) for ax in axioms]
        relative: Falsehood | None = None
        for formula, kind, owner, path in items:
            refuted = self.refute(formula)
            if refuted is None:
                continue
            found = Falsehood(formula, kind, owner, path, refuted[0], refuted[1])
            if found.exact:
                return found
            relative = relative or found
        return relative


def sound(
    oracle: Oracle,
    theory: str,
    given: Mapping[str, bool] | Iterable[tuple[str, bool] | str] = (),
    *,
    budget: Budget | None = None,
) -> SoundResult:
    """Is `theory` sound on every valuation agreeing with `given` (module docstring)?"""
    spec = oracle.spec
    if theory not in spec.theories:
        raise InputError(f"unknown theory {theory!r}")
    lits = literals(given)
    search = _Search(oracle, lits, budget)
    # Breadth-first through the theories `theory` trusts, nearest first, so the false theorem
    # found is the nearest one; an exact one ends the search.
    routes: dict[str, Route] = {theory: ()}
    order = [theory]
    edges: dict[str, list[tuple[str, Route]]] = {}
    falsehood: Falsehood | None = None
    for name in order:
        found = search.falsehood_of(name, routes[name])
        if found is not None and (falsehood is None or (found.exact and not falsehood.exact)):
            falsehood = found
            if found.exact:
                break
        edges[name] = _reflected(spec, name)
        for target, step in edges[name]:
            if target not in routes:
                routes[target] = (*routes[name], *step)
                order.append(target)
    if falsehood is None:
        cycle = _cycle(edges, theory)
        if cycle is not None:
            owner, loop = cycle
            route = (*routes[owner], *loop)
            falsehood = Falsehood(bot, "reflection-cycle", owner, route, lits, ())
    if falsehood is not None and falsehood.owner != theory and falsehood.kind != "reflection-cycle":
        # `theory` proves the trusted theory's false theorem: the checker's proof of it.
        proof = oracle.decide(box(falsehood.formula, theory=theory), budget=budget)
        if proof.valid:
            falsehood = dataclasses.replace(falsehood, proof=proof)
    consistency = tuple(search.consistency.values())
    if falsehood is None or (search.undecided and not falsehood.exact):
        # a fact the refinement could not decide leaves the answer open, unless an exact
        # false theorem settles it
        facts = tuple(search.facts.values())
        exact = all(f.exact for f in facts)  # consistency follows (see `_Search.consistent`)
        verdict = "undecided" if search.undecided else "sound"
        exact = exact and not search.undecided
        falsehood = None if search.undecided else falsehood
    else:
        facts, exact, verdict = falsehood.facts, falsehood.exact, "unsound"
    return SoundResult(
        theory=theory,
        given=lits,
        verdict=verdict,
        exact=exact,
        falsehood=falsehood,
        facts=facts,
        consistency=consistency,
        checked=tuple(order),
        free_atoms=tuple(sorted(search.free)),
    )


def _cycle(edges: dict[str, list[tuple[str, Route]]], start: str) -> tuple[str, Route] | None:
    """A cycle of the trust graph reachable from `start` (iterative depth-first search): the
    theory it returns to, and the steps around it; None when the graph is acyclic."""
    state: dict[str, int] = {start: 1}  # 1: on the current path, 2: done
    path: list[tuple[str, Route]] = [(start, ())]
    stack = [iter(edges.get(start, []))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            state[path.pop()[0]] = 2
            continue
        target, route = step
        if state.get(target) == 1:
            at = next(i for i, (name, _) in enumerate(path) if name == target)
            loop = tuple(s for _, r in path[at + 1 :] for s in r) + route
            return target, loop
        if target not in state:
            state[target] = 1
            path.append((target, route))
            stack.append(iter(edges.get(target, [])))
    return None


def answer(oracle: Oracle, query: SoundQuery, budget: Budget | None) -> QueryResult:
    """The `sound` statement's answer, for `Checker.answer`."""
    result = sound(oracle, query.theory, query.given, budget=budget)
    given = ", ".join(k if v else f"~{k}" for k, v in query.given)
    return SoundQueryResult(
        statement="sound",
        verdict=result.verdict,
        query=f"sound {query.theory}" + (f" given {given}" if given else ""),
        explanation=explain(result, qualified=False),  # the verdict line qualifies it
        certificate=result.certificate,
        instances=union([c.used_instances for c in result.certificates()]),
        citation=_citation(result),
        sound=result,
    )


def _citation(result: SoundResult) -> str | None:
    """The theorems the answer's provability facts cite (None: some fact is relative)."""
    if not result.exact:
        return None
    cited = dict.fromkeys(c.citation for c in result.certificates() if c.citation)
    return "every provability fact it used is exact: " + "; ".join(cited)
