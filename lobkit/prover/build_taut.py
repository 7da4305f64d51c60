"""Proof construction from the search's learned lemmas: certificates that scale with the search.

A cut-free G3 tree (`lobkit.prover.build`) can be exponentially larger than the search that
found it (k_ph_p, k_branch_p). Here the proof follows the search instead:

* every learned lemma ``g₁, …, gₘ ⇒ [T]A`` (`Engine.lemmas`) becomes one modal-rule node whose
  premise is the lemma's demand core;
* every world's sequent (the root's core, each lemma's demand core) is closed by one `Taut`
  node: its premises are the lemmas its propositional refutation needs, its certificate a RUP
  refutation (`lobkit.prover.refute`) of the clauses the kernel builds (`lobkit.kernel.taut`),
  after `Premise` steps adding the global premises the core used.

A lemma's core was refuted with earlier lemmas only, so each Taut node cites lemmas learned
before its own and the proof is a DAG with one node group per lemma actually needed — no z3
call is repeated (the builder reads the engine's lemmas and cores through `EngineView`).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from lobkit.errors import InternalError, ResourceLimit
from lobkit.formula import BOX, Formula, outer_nodes
from lobkit.kernel.logic import Logic
from lobkit.kernel.proof import MODAL_RULE, Proof, ProofNode
from lobkit.kernel.taut import taut_cnf
from lobkit.prover.lrat import LogMismatch, lrat_refute
from lobkit.prover.refute import Refutation, refute
from lobkit.prover.search import Lemma, Sequent, UnsatCore

__all__ = ["EngineView", "build_taut_proof"]


class EngineView(Protocol):
    """What proof construction needs from a search backend."""

    logic: Logic
    lemmas: list[Lemma]

    def order(self, formulas: Iterable[Formula]) -> list[Formula]: ...

    def tick(self) -> None: ...


def _boxes(formulas: Iterable[Formula]) -> set[Formula]:
    return {n for f in formulas for n in outer_nodes(f) if n.op == BOX}


class _TautBuilder:
    def __init__(self, engine: EngineView, max_nodes: int, hinted: bool = True) -> None:
        self.engine = engine
        self.hinted = hinted
        self.lemmas = engine.lemmas
        self.max_nodes = max_nodes
        self.nodes: list[ProofNode] = []
        self.by_gen: dict[Formula, list[int]] = {}
        self._sequents: dict[int, tuple[tuple[Formula, ...], tuple[Formula, ...]]] = {}
        for j, lemma in enumerate(self.lemmas):
            for g in lemma.generators:
                self.by_gen.setdefault(g, []).append(j)

    def sequent(self, j: int) -> tuple[tuple[Formula, ...], tuple[Formula, ...]]:
        """Lemma `j`'s sequent exactly as its modal-rule node carries it: the kernel numbers a
        Taut node's variables by first occurrence in its premises' sides in this order, so the
        certificate must be made for this order and no other (`lobkit.kernel.taut.taut_cnf`)."""
        known = self._sequents.get(j)
        if known is None:
            lemma = self.lemmas[j]
            known = self._sequents[j] = (tuple(self.engine.order(lemma.generators)), (lemma.box,))
        return known

    def emit(self, node: ProofNode) -> int:
        if len(self.nodes) >= self.max_nodes:
            raise ResourceLimit(
                f"proof size limit of {self.max_nodes:,} nodes reached "
                "(raise it with --max-proof-nodes, or max_proof_nodes=)"
            )
        self.nodes.append(node)
        return len(self.nodes) - 1

    def candidates(self, formulas: Iterable[Formula], bound: int) -> list[int]:
        """Lemmas before `bound` that forward chaining from the world's boxes can fire: a
        lemma whose generators are not all derivable can be satisfied by making one false, so
        the others never help a refutation (Horn propagation, linear in the lemmas' size)."""
        known = _boxes(formulas)
        missing = {j: len(set(self.lemmas[j].generators) - known) for j in range(bound)}
        ready = [j for j, m in missing.items() if m == 0]
        fired: list[int] = []
        while ready:
            j = ready.pop()
            fired.append(j)
            box = self.lemmas[j].box
            if box in known:
                continue
            known.add(box)
            for k in self.by_gen.get(box, ()):
                if k < bound:
                    missing[k] -= 1
                    if missing[k] == 0:
                        ready.append(k)
        return sorted(fired)

    def refutation(
        self, left: Sequence[Formula], right: Sequence[Formula], bound: int
    ) -> tuple[list[int], tuple[tuple[int, ...], ...]]:
        """The lemmas (before `bound`) a refutation of left ⇒ right needs and its certificate
        over the clauses of the final Taut node (those lemmas in order): hinted, from CaDiCaL
        (`lobkit.prover.lrat`), else plain RUP from the Python refuter."""
        cands = self.candidates(list(left) + list(right), bound)
        for pool in (cands, list(range(bound))):
            cnf = taut_cnf(left, right, [self.sequent(j) for j in pool])
            self.engine.tick()
            found, hinted = self._refute(cnf.clauses, cnf.nvars)
            if found is not None:
                break
        else:
            raise InternalError("a world's sequent has no propositional refutation")
        clause_of = {ci: j for ci, j in zip(cnf.premise_clause, pool, strict=True) if ci >= 0}
        used = sorted(clause_of[ci] for ci in found.used if ci in clause_of)
        if used == pool:
            return used, found.lemmas  # the final clause set is this one
        final = taut_cnf(left, right, [self.sequent(j) for j in used])
        formula_of = {v: f for f, v in cnf.var.items()}
        renumber = {v: final.var[f] for v, f in formula_of.items() if f in final.var}
        renumber[cnf.GUARD] = final.GUARD

        def lit(x: int) -> int:
            v = renumber[abs(x)]
            return v if x > 0 else -v

        if not hinted:
            return used, tuple(tuple(lit(x) for x in lemma) for lemma in found.lemmas)
        # Hints name clauses by number: map each input clause to its number in `final`.
        number = {c: i + 1 for i, c in enumerate(final.clauses)}
        ids: dict[int, int] = {}
        try:
            for ci in found.used:
                ids[ci + 1] = number[tuple(lit(x) for x in cnf.clauses[ci])]
        except KeyError:  # a definition only an unused premise had: refute `final` itself
            again, _ = self._refute(final.clauses, final.nvars)
            if again is None:  # pragma: no cover - final has every clause the refutation used
                raise InternalError("a world's sequent lost its refutation") from None
            return used, again.lemmas
        m, m_final = len(cnf.clauses), len(final.clauses)
        steps = []
        for step in found.lemmas:
            z = step.index(0)
            hints = (ids[h] if h <= m else h - m + m_final for h in step[z + 1 :])
            steps.append((*(lit(x) for x in step[:z]), 0, *hints))
        return used, tuple(steps)

    def _refute(
        self, clauses: Sequence[tuple[int, ...]], nvars: int
    ) -> tuple[Refutation | None, bool]:
        """A refutation (None: satisfiable) and whether it is hinted: CaDiCaL's, unless its log
        cannot be used, then the Python refuter's."""
        if self.hinted:
            try:
                return lrat_refute(clauses), True
            except LogMismatch:
                pass
        return refute(clauses, nvars, self.engine.tick), False

    def world(self, core: UnsatCore, bound: int) -> tuple[list[int], Callable[[], int]]:
        """The lemmas the world `core` needs, and a function emitting its nodes (once those
        lemmas' nodes exist): Taut on core ∪ premises ⇒ core, then the Premise steps."""
        order = self.engine.order
        base_left = order(core.left)
        added = [p for p in order(core.premises) if p not in core.left]
        left = base_left + added
        right = order(core.right)
        used, certificate = self.refutation(left, right, bound)

        def emit() -> int:
            top = self.emit(
                ProofNode(
                    "Taut",
                    tuple(left),
                    tuple(right),
                    tuple(self.lemma_node[j] for j in used),
                    None,
                    certificate,
                )
            )
            for i in range(len(added) - 1, -1, -1):
                top = self.emit(
                    ProofNode(
                        "Premise",
                        tuple(base_left + added[:i]),
                        tuple(right),
                        (top,),
                        added[i],
                    )
                )
            return top

        return used, emit

    def build(self, root: Sequent, root_core: UnsatCore) -> int:
        self.lemma_node: dict[int, int] = {}
        root_used, root_emit = self.world(root_core, len(self.lemmas))
        emitters: dict[int, Callable[[], int]] = {}
        heap = [-j for j in root_used]
        heapq.heapify(heap)
        while heap:  # newest lemma first: its needs are all older
            j = -heapq.heappop(heap)
            if j in emitters:
                continue
            self.engine.tick()
            used, emitters[j] = self.world(self.lemmas[j].core, j)
            for k in used:
                if k not in emitters:
                    heapq.heappush(heap, -k)
        rule = MODAL_RULE[self.engine.logic.frame]
        for j in sorted(emitters):
            premise = emitters[j]()
            generators, (box,) = self.sequent(j)
            self.lemma_node[j] = self.emit(ProofNode(rule, generators, (box,), (premise,), box))
        top = root_emit()
        seq_left = tuple(self.engine.order(root.left))
        seq_right = tuple(self.engine.order(root.right))
        if (seq_left, seq_right) != (self.nodes[top].left, self.nodes[top].right):
            top = self.emit(ProofNode("W", seq_left, seq_right, (top,)))
        return top


def build_taut_proof(
    engine: EngineView, root: Sequent, root_core: UnsatCore, max_nodes: int
) -> Proof:
    """A proof with `Taut` leaves of the sequent `root`, refuted by the search with `root_core`."""
    builder = _TautBuilder(engine, max_nodes)
    index = builder.build(root, root_core)
    return Proof(tuple(builder.nodes), index, engine.logic)
