"""Verdicts on a spec's queries — prove, chain, consistent, depth, sound — each with its
certificate and the theorem that makes it exact (or saying it is relative).

Every goal is decided by the spec's `Oracle` (`lobkit.tiling.oracle`: the file's arithmetic
reading, counterexample-guided refinement, citations, coherence); links by
`lobkit.tiling.licensing`, `sound` by `lobkit.tiling.soundness`, both handed the oracle. The
checker keeps the statements and `depth`. A refinement that stops at its limits gives
`undecided`, never a negative verdict.
"""

from __future__ import annotations

import dataclasses
import time
import weakref
from collections.abc import Callable
from typing import Any

from lobkit.errors import InputError, ResourceLimit
from lobkit.formula import Formula, bot, box
from lobkit.limits import Budget
from lobkit.tiling import explain, soundness
from lobkit.tiling.exact import PROOF
from lobkit.tiling.licensing import licenses
from lobkit.tiling.logic import Closure
from lobkit.tiling.oracle import Limits, Oracle
from lobkit.tiling.results import (
    DepthResult,
    LinkResult,
    QueryResult,
    Report,
    union,
)
from lobkit.tiling.theory_file import (
    AgentDef,
    ChainQuery,
    ConsistentQuery,
    DepthQuery,
    ProveQuery,
    Query,
    SoundQuery,
    TheoryFile,
)

__all__ = ["Checker", "Limits"]


# One oracle per spec and limits, alive as long as the spec is. A `Spec` is immutable, so
# nothing cached about it can go stale; every `Checker(spec)` shares its answers.
_ORACLES: weakref.WeakKeyDictionary[
    TheoryFile, dict[Limits, tuple[Oracle, dict[Any, LinkResult]]]
] = weakref.WeakKeyDictionary()


class Checker:
    """Answers questions about one `Spec`. Cheap to make: every checker of the same spec (and
    refinement limits) shares one oracle and one memo of links."""

    def __init__(self, spec: TheoryFile, *, limits: Limits | None = None) -> None:
        self.spec = spec
        limits = limits or Limits()
        per_spec = _ORACLES.get(spec)
        if per_spec is None:
            per_spec = _ORACLES[spec] = {}
        if limits not in per_spec:
            per_spec[limits] = (Oracle(spec, limits), {})
        self.oracle, self._links = per_spec[limits]

    def __repr__(self) -> str:
        return f"<Checker for {self.spec!r}: {len(self.oracle.proofs)} goals decided>"

    def closure(self) -> Closure:
        """The file's closure (`lobkit.tiling.logic.file_closure`)."""
        return self.oracle.closure()

    def _theory(self, name: str) -> str:
        if name not in self.spec.theories:
            raise InputError(f"unknown theory {name!r}")
        return name

    def _agent(self, name: str) -> AgentDef:
        if name not in self.spec.agents:
            raise InputError(f"unknown agent {name!r}")
        return self.spec.agents[name]

    # -- queries --------------------------------------------------------------------------

    def prove(
        self, theory: str | None, formula: Formula | str, *, budget: Budget | None = None
    ) -> QueryResult:
        """`T ⊢ φ` as `[T]φ` in the logic; with no theory, φ itself."""
        if isinstance(formula, str):
            from lobkit.syntax import parse

            formula = parse(formula)
        goal = formula if theory is None else box(formula, theory=self._theory(theory))
        cert = self.oracle.decide(goal, budget=budget)
        who = theory or "the logic"
        if cert.undecided:
            verdict, why = "undecided", explain.undecided(f"{who} proves {formula}", cert.undecided)
        elif cert.valid:
            verdict, why = "proved", explain.proved(theory, formula)
        else:
            verdict, why = "unprovable", explain.unprovable(theory, formula, cert.reading)
        return QueryResult(
            statement="prove",
            verdict=verdict,
            query=f"prove {theory} : {formula}" if theory else f"prove {formula}",
            explanation=why,
            certificate=cert,
            instances=cert.used_instances,
            citation=cert.citation,
            closure=cert.closure,
        )

    def consistent(self, theory: str, *, budget: Budget | None = None) -> QueryResult:
        """Is `[T]⊥` unprovable? A proof of it is the derivation of T's inconsistency."""
        cert = self.oracle.decide(box(bot, theory=self._theory(theory)), budget=budget)
        if cert.undecided:
            verdict, why = "undecided", explain.undecided(f"{theory} proves ⊥", cert.undecided)
        elif cert.valid:
            verdict, why = "inconsistent", explain.inconsistent(self.spec, theory)
        else:
            verdict, why = "consistent", explain.consistent(theory)
        return QueryResult(
            statement="consistent",
            verdict=verdict,
            query=f"consistent {theory}",
            explanation=why,
            certificate=cert,
            instances=cert.used_instances,
            citation=cert.citation,
            closure=cert.closure,
        )

    def licenses(self, parent: str, child: str, *, budget: Budget | None = None) -> LinkResult:
        """Does agent `parent` license agent `child`? (memoised per pair)"""
        key = (parent, child)
        cached = self._links.get(key)
        if cached is None:
            cached = licenses(self.oracle, self._agent(parent), self._agent(child), budget)
            if cached.verdict != "undecided":  # (it may be decided with more time)
                self._links[key] = cached
        return cached

    def chain(self, agents: tuple[str, ...], *, budget: Budget | None = None) -> QueryResult:
        """A chain licenses iff every parent licenses its child."""
        links = tuple(
            self.licenses(a, b, budget=budget) for a, b in zip(agents, agents[1:], strict=False)
        )
        failed = [link for link in links if not link.licensed and link.verdict != "undecided"]
        failed = failed or [link for link in links if not link.licensed]
        first = failed[0] if failed else None
        if first is None:
            verdict = "licensed"
        else:
            verdict = "undecided" if first.verdict == "undecided" else "blocked"
        return QueryResult(
            statement="chain",
            verdict=verdict,
            query="chain " + " -> ".join(agents),
            explanation=explain.chain(
                None
                if first is None
                else (first.parent, first.child, first.verdict, first.explanation),
                len(links),
            ),
            certificate=None if first is None else first.certificate,
            links=links,
            instances=union([link.instances for link in links]),
            citation=PROOF if first is None else first.citation,
            closure=self._complete(links),
        )

    def _complete(self, links: tuple[LinkResult, ...]) -> Closure | None:
        """The file's closure, when every countermodel among `links` is one of all of it."""
        for link in links:
            for cert in link.certificates():
                if not cert.valid and cert.citation is None and cert.closure is None:
                    return None
        return self.closure()

    def depth(self, agent: str, *, budget: Budget | None = None) -> DepthResult:
        """The longest licensed chain from `agent` through the file's agents, in links.

        A licensed cycle makes it unbounded (None). Iterative DFS with memoised longest paths.
        A link to an agent already finished is decided only when it could lengthen the
        chain: its candidates are tried longest first, and the first licensed one is the
        longest (ties in file order, as before); the rest cannot change the answer, and a
        finished agent reaches no agent on the stack (else the cycle was found), so no
        cycle is missed. (Issue 25: a tower beside a family decided every tower agent's link
        to every family agent, though the tower's own chain was longer.)"""
        self._agent(agent)
        names = list(self.spec.agents)
        best: dict[str, tuple[int, str | None]] = {}  # agent -> (links, next agent)
        unbounded = False
        state: dict[str, int] = {agent: 1}
        stack: list[tuple[str, list[str]]] = [(agent, list(names))]
        consulted: dict[tuple[str, str], LinkResult] = {}

        def licensed(a: str, b: str) -> bool:
            link = consulted[a, b] = self.licenses(a, b, budget=budget)
            return link.licensed

        order = {name: i for i, name in enumerate(names)}
        while stack and not unbounded:
            node, todo = stack[-1]
            if todo:
                nxt = todo.pop(0)
                if state.get(nxt) == 2:
                    continue  # finished: weighed below, longest first
                if not licensed(node, nxt):
                    continue
                if state.get(nxt) == 1:
                    unbounded = True
                else:
                    state[nxt] = 1
                    stack.append((nxt, list(names)))
                continue
            stack.pop()
            state[node] = 2
            done = sorted((n for n in names if n in best), key=lambda n: (-best[n][0], order[n]))
            first = next((n for n in done if licensed(node, n)), None)
            best[node] = (0, None) if first is None else (best[first][0] + 1, first)
        if unbounded:  # a licensed cycle: its links are proofs
            return DepthResult(agent, None, (), (), (), ())
        chain = [agent]
        while (step := best[chain[-1]][1]) is not None:
            chain.append(step)
        links = tuple(self.licenses(a, b) for a, b in zip(chain, chain[1:], strict=False))
        stops = tuple(self.licenses(chain[-1], n) for n in names)
        return DepthResult(
            agent, best[agent][0], tuple(chain), links, stops, tuple(consulted.values())
        )

    def depth_query(self, agent: str, *, budget: Budget | None = None) -> QueryResult:
        result = self.depth(agent, budget=budget)
        if result.depth is None:
            return QueryResult(
                statement="depth",
                verdict="unbounded",
                query=f"depth {agent}",
                explanation=explain.unbounded(agent),
                citation=PROOF,
            )
        if result.undecided:  # some link it consulted is undecided: so is the depth
            open_links = tuple(link for link in result.consulted if link.verdict == "undecided")
            return QueryResult(
                statement="depth",
                verdict="undecided",
                query=f"depth {agent}",
                explanation=explain.undecided(
                    f"the longest licensed chain from {agent} is {result.depth} link(s) "
                    f"(at least that)",
                    f"{len(open_links)} link(s) undecided, e.g. {open_links[0].explanation}",
                ),
                links=open_links,
                instances=union([link.instances for link in open_links]),
            )
        links = result.links + result.stops
        return QueryResult(
            statement="depth",
            verdict=str(result.depth),
            query=f"depth {agent}",
            explanation=explain.depth(result.chain, [(s.child, s.verdict) for s in result.stops]),
            links=links,
            instances=union([link.instances for link in links]),
            citation=result.citation,
            closure=self._complete(result.consulted),
        )

    def answer(self, query: Query, *, budget: Budget | None = None) -> QueryResult:
        """The result of one statement of the file, with its expectation and location.

        Dispatch is by query type (`_ANSWERS`); a new statement kind adds one entry there."""
        handler = _ANSWERS.get(type(query))
        if handler is None:
            # e.g. `sound` before lobkit.tiling.soundness registers its answer
            raise InputError(f"'{query.kind}' queries are not answered yet", str(query.location))
        with self.oracle.query_time():  # one refinement time for the whole query
            result = handler(self, query, budget)
        return dataclasses.replace(result, location=query.location, expected=query.expect)

    def check(self, *, timeout: float | None = None, strict: bool = False) -> Report:
        """Every query of the file, in order. A query that hits `timeout` (seconds, per query)
        raises `ResourceLimit` naming the query's line. With `strict`, an answer that is only
        relative to finitely many reflection instances fails its expectation."""
        answers = []
        for query in self.spec.queries:
            start = time.perf_counter()
            try:
                answer = self.answer(query, budget=Budget(timeout))
            except ResourceLimit as error:
                raise ResourceLimit(f"{query.location}: {query.kind} query: {error}") from None
            seconds = time.perf_counter() - start
            answers.append(dataclasses.replace(answer, seconds=seconds, strict=strict))
        return Report(self.spec, tuple(answers))


def _prove(checker: Checker, query: ProveQuery, budget: Budget | None) -> QueryResult:
    return checker.prove(query.theory, query.formula, budget=budget)


def _chain(checker: Checker, query: ChainQuery, budget: Budget | None) -> QueryResult:
    return checker.chain(query.agents, budget=budget)


def _consistent(checker: Checker, query: ConsistentQuery, budget: Budget | None) -> QueryResult:
    return checker.consistent(query.theory, budget=budget)


def _depth(checker: Checker, query: DepthQuery, budget: Budget | None) -> QueryResult:
    return checker.depth_query(query.agent, budget=budget)


# Statement type → its answer.
_ANSWERS: dict[type, Callable[[Checker, Any, Budget | None], QueryResult]] = {
    ProveQuery: _prove,
    ChainQuery: _chain,
    ConsistentQuery: _consistent,
    DepthQuery: _depth,
    SoundQuery: lambda checker, query, budget: soundness.answer(checker.oracle, query, budget),
}
