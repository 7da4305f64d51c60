"""Verdicts on a spec's queries — prove, chain, consistent, depth — each with its certificate.

Licensing (Yudkowsky & Herreshoff 2013, §2): an agent takes action `a` only if its theory
proves `a → goal`. A parent P licenses a child C iff, for every action a of C,

    T_P ⊢ [T_C](a → G_C) → (a → G_P)

("if my successor's theory proves its action achieves its goal, the action achieves mine").
A failed link is classified:

* `parent-inconsistent`: T_P ⊢ ⊥, checked first, since then every link would be "licensed"
  vacuously (naive self-trust, `reflect T` inside T, collapses this way by Löb's theorem);
* `blocked-lob`: P and C use the same theory T and the same goal, in GL; by Löb's theorem
  T ⊢ [T]X → X only when T ⊢ X, so T licenses only what it already proves — the Löbian
  obstacle;
* `no-reflection`: otherwise T_P does not prove T_C sound for this goal (or the goals differ,
  or the logic is K4 or K, where Löb's theorem does not hold).

Every answer comes from `lobkit.prover.prove` with a certificate: a proof (checked by the
prover's proof checker) or a finite multi-relational countermodel (checked by
`lobkit.kernel.kripke`).
`Certificate.verify()` repeats both checks independently.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any

from lobkit.errors import InputError, ProofError, ResourceLimit
from lobkit.formula import Formula, atom, bot, box, implies
from lobkit.kernel.checker import check_proof, without_diamonds
from lobkit.limits import Budget
from lobkit.prover import Logic, ProofResult, countermodel_problems, prove
from lobkit.tiling.logic import QueryLogic, query_logic
from lobkit.tiling.spec import (
    LINK_FAILURES,
    AgentDef,
    ChainQuery,
    ConsistentQuery,
    DepthQuery,
    Location,
    ProveQuery,
    Query,
    SoundQuery,
    Spec,
)

__all__ = [
    "Certificate",
    "ActionCheck",
    "LinkResult",
    "QueryResult",
    "DepthResult",
    "Report",
    "Checker",
]


@dataclass(frozen=True, eq=False)
class Certificate:
    """A prover answer on `goal` in `logic`: a proof when `valid`, else a countermodel."""

    result: ProofResult
    instances: tuple[Formula, ...] = ()

    @property
    def valid(self) -> bool:
        return self.result.valid

    @property
    def goal(self) -> Formula:
        return self.result.formula

    @property
    def logic(self) -> Logic:
        return self.result.logic

    @property
    def kind(self) -> str:
        return "proof" if self.result.valid else "countermodel"

    @property
    def used_instances(self) -> tuple[Formula, ...]:
        """The reflection instances this answer rests on: those a proof cites with its
        `Premise` rule; for a countermodel, all it was given (all hold in it)."""
        proof = self.result.proof
        if proof is None:
            return self.instances
        cited = {node.principal for node in proof.nodes if node.rule == "Premise"}
        return tuple(i for i in self.instances if without_diamonds(i) in cited)

    def verify(self) -> None:
        """Re-check independently: the proof with the proof checker, the countermodel with
        `lobkit.kernel.kripke` (frame conditions, goal false at the root, premises everywhere).
        Raises `ProofError` on a bad certificate."""
        if self.result.proof is not None:
            check_proof(self.result.proof, self.logic, self.goal)
            return
        model = self.result.countermodel
        if model is None:
            raise ProofError("a certificate without proof or countermodel")
        problems = countermodel_problems(model, self.goal, self.logic)
        if problems:
            raise ProofError(f"bad countermodel: {problems[0]}")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "goal": str(self.goal)}
        if self.result.proof is not None:
            out["proof"] = self.result.proof.to_json()
        if self.result.countermodel is not None:
            out["countermodel"] = self.result.countermodel.to_json()
        return out

    def render_text(self) -> str:
        if self.result.proof is not None:
            return f"proof of {self.goal}:\n{self.result.proof.render_text()}"
        assert self.result.countermodel is not None
        return (
            f"countermodel to {self.goal} (root {self.result.countermodel.root}):\n"
            f"{self.result.countermodel.render_text()}"
        )


@dataclass(frozen=True, eq=False)
class ActionCheck:
    """The licensing condition for one action of the child, and its certificate."""

    action: str
    formula: Formula
    certificate: Certificate

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "formula": str(self.formula),
            "licensed": self.certificate.valid,
            "certificate": self.certificate.to_json(),
        }


@dataclass(frozen=True, eq=False)
class LinkResult:
    """Does `parent` license `child`? `verdict` is "licensed" or a failure kind."""

    parent: str
    child: str
    parent_theory: str
    child_theory: str
    verdict: str
    explanation: str
    actions: tuple[ActionCheck, ...] = ()
    certificate: Certificate | None = None  # the decisive one for a failure

    @property
    def licensed(self) -> bool:
        return self.verdict == "licensed"

    def __bool__(self) -> bool:
        return self.licensed

    def __repr__(self) -> str:
        return f"<LinkResult {self.parent} -> {self.child}: {self.verdict}>"

    def _repr_html_(self) -> str:
        from lobkit.render.notebook import link_html

        return link_html(self)

    @property
    def instances(self) -> tuple[Formula, ...]:
        seen: dict[Formula, None] = {}
        for cert in self.certificates():
            seen.update(dict.fromkeys(cert.used_instances))
        return tuple(seen)

    def certificates(self) -> list[Certificate]:
        certs = [a.certificate for a in self.actions]
        if self.certificate is not None and self.certificate not in certs:
            certs.insert(0, self.certificate)
        return certs

    def to_json(self) -> dict[str, Any]:
        return {
            "parent": self.parent,
            "child": self.child,
            "parent_theory": self.parent_theory,
            "child_theory": self.child_theory,
            "verdict": self.verdict,
            "explanation": self.explanation,
            "actions": [a.to_json() for a in self.actions],
            "certificate": None if self.certificate is None else self.certificate.to_json(),
        }


@dataclass(frozen=True, eq=False)
class DepthResult:
    """The longest licensed chain from `agent`: its length in links (None: unbounded)."""

    agent: str
    depth: int | None
    chain: tuple[str, ...]
    links: tuple[LinkResult, ...]
    stops: tuple[LinkResult, ...]  # why the chain's last agent licenses no one further


@dataclass(frozen=True, eq=False)
class QueryResult:
    """The answer to one statement of a file: verdict, expectation and certificates."""

    statement: str
    verdict: str
    query: str
    location: Location | None = None
    expected: str | None = None
    explanation: str = ""
    certificate: Certificate | None = None
    links: tuple[LinkResult, ...] = ()
    instances: tuple[Formula, ...] = ()
    seconds: float = 0.0  # wall time to answer the statement, certificates checked

    @property
    def ok(self) -> bool | None:
        """Whether the expectation holds (None when the statement has none)."""
        if self.expected is None:
            return None
        if self.expected == self.verdict:
            return True
        if self.statement == "chain" and self.expected in LINK_FAILURES:
            failed = [link for link in self.links if not link.licensed]
            return bool(failed) and failed[0].verdict == self.expected
        return False

    def certificates(self) -> list[Certificate]:
        certs = [] if self.certificate is None else [self.certificate]
        for link in self.links:
            certs += [c for c in link.certificates() if c not in certs]
        return certs

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "source": None if self.location is None else self.location.source,
            "line": None if self.location is None else self.location.line,
            "query": self.query,
            "verdict": self.verdict,
            "expected": self.expected,
            "ok": self.ok,
            "explanation": self.explanation,
            "links": [link.to_json() for link in self.links],
            "instances": [str(i) for i in self.instances],
            "certificate": None if self.certificate is None else self.certificate.to_json(),
            "seconds": round(self.seconds, 6),
        }


@dataclass(frozen=True, eq=False)
class Report:
    """All answers of a file, in order."""

    spec: Spec
    results: tuple[QueryResult, ...]

    @property
    def failures(self) -> tuple[QueryResult, ...]:
        return tuple(r for r in self.results if r.ok is False)

    @property
    def ok(self) -> bool:
        return not self.failures

    def __bool__(self) -> bool:
        # `if report:` would be true even with failed expectations.
        raise TypeError("a Report has no truth value: test report.ok")

    def __repr__(self) -> str:
        name = self.spec.path.name if self.spec.path else "<spec>"
        held = sum(1 for r in self.results if r.ok)
        expected = sum(1 for r in self.results if r.ok is not None)
        return f"<Report {name}: {len(self.results)} queries, {held}/{expected} expectations hold>"

    def _repr_html_(self) -> str:
        """Jupyter: a table with coloured verdicts (lobkit.render.notebook)."""
        from lobkit.render.notebook import report_html

        return report_html(self)


def _union(items: list[tuple[Formula, ...]]) -> tuple[Formula, ...]:
    seen: dict[Formula, None] = {}
    for group in items:
        seen.update(dict.fromkeys(group))
    return tuple(seen)


@dataclass(eq=False)
class Checker:
    """Answers questions about one `Spec`, caching every prover call (goal → certificate)."""

    spec: Spec
    _proofs: dict[Formula, Certificate] = field(default_factory=dict)
    _links: dict[tuple[str, str], LinkResult] = field(default_factory=dict)

    # -- the prover -----------------------------------------------------------------------

    def decide(self, goal: Formula, *, budget: Budget | None = None) -> Certificate:
        """Decide `goal` in the spec's logic (reflection instantiated on its closure)."""
        cert = self._proofs.get(goal)
        if cert is None:
            ql: QueryLogic = query_logic(self.spec, [goal])
            if budget is None:
                result = prove(goal, ql.logic)
            else:
                try:
                    result = prove(goal, ql.logic, timeout=budget.remaining())
                except ResourceLimit:
                    if budget.expired:  # name the query's whole budget, not this call's part
                        raise budget.exhausted() from None
                    raise
            cert = self._proofs[goal] = Certificate(result, ql.instances)
        return cert

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
        cert = self.decide(goal, budget=budget)
        verdict = "proved" if cert.valid else "unprovable"
        who = "the logic" if theory is None else theory
        explanation = (
            f"{who} proves {formula}"
            if cert.valid
            else f"{who} does not prove {formula}: the countermodel falsifies {goal} at its root"
        )
        query = f"prove {theory} : {formula}" if theory else f"prove {formula}"
        return QueryResult(
            "prove", verdict, query, None, None, explanation, cert, (), cert.used_instances
        )

    def consistent(self, theory: str, *, budget: Budget | None = None) -> QueryResult:
        """Is `[T]⊥` unprovable? A proof of it is the derivation of T's inconsistency."""
        cert = self.decide(box(bot, theory=self._theory(theory)), budget=budget)
        if cert.valid:
            verdict = "inconsistent"
            explanation = f"{theory} proves ⊥" + _why_inconsistent(self.spec, theory)
        else:
            verdict = "consistent"
            explanation = (
                f"{theory} does not prove ⊥: in the countermodel the root sees a world through "
                f"[{theory}]"
            )
        return QueryResult(
            "consistent",
            verdict,
            f"consistent {theory}",
            None,
            None,
            explanation,
            cert,
            (),
            cert.used_instances,
        )

    def link(self, parent: str, child: str, *, budget: Budget | None = None) -> LinkResult:
        """Does agent `parent` license agent `child`? (cached per pair)"""
        key = (parent, child)
        cached = self._links.get(key)
        if cached is not None:
            return cached
        p, c = self._agent(parent), self._agent(child)
        tp, tc = p.theory, c.theory
        inconsistent = self.decide(box(bot, theory=tp), budget=budget)
        if inconsistent.valid:
            result = LinkResult(
                parent,
                child,
                tp,
                tc,
                "parent-inconsistent",
                f"{tp} proves ⊥, so it would license anything; the license is worthless"
                + _why_inconsistent(self.spec, tp),
                (),
                inconsistent,
            )
            self._links[key] = result
            return result
        checks = []
        for action in c.actions:
            a = atom(action)
            condition = implies(box(implies(a, c.goal), theory=tc), implies(a, p.goal))
            cert = self.decide(box(condition, theory=tp), budget=budget)
            checks.append(ActionCheck(action, condition, cert))
        failed = [check for check in checks if not check.certificate.valid]
        if not failed:
            verdict = "licensed"
            explanation = (
                f"{tp} proves [{tc}](a -> {c.goal}) -> (a -> {p.goal}) for every action a of "
                f"{child} ({', '.join(c.actions)})"
            )
            decisive = None
        else:
            first = failed[0]
            decisive = first.certificate
            # Löb's obstacle proper: one theory, one goal, and a logic where Löb's theorem
            # holds. With other goals (or in K4, K) the failure is a plain lack of reflection.
            if tp == tc and c.goal == p.goal and self.spec.frame == "GL":
                verdict = "blocked-lob"
                explanation = (
                    f"{parent} and {child} share the theory {tp}: by Löb's theorem {tp} proves "
                    f"[{tp}]X -> X only when it proves X already, so it cannot license "
                    f"'{first.action}' without proving {first.action} -> {p.goal} itself"
                )
            else:
                verdict = "no-reflection"
                if c.goal != p.goal:
                    explanation = (
                        f"the goals differ ({child}: {c.goal}; {parent}: {p.goal}) and {tp} "
                        f"cannot turn {tc}'s proof of {first.action} -> {c.goal} into "
                        f"{first.action} -> {p.goal}"
                    )
                else:
                    explanation = (
                        f"{tp} does not prove {tc} sound for this goal: "
                        f"[{tc}]({first.action} -> {c.goal}) -> ({first.action} -> {p.goal}) "
                        f"is not a theorem of {tp}"
                    )
        result = LinkResult(parent, child, tp, tc, verdict, explanation, tuple(checks), decisive)
        self._links[key] = result
        return result

    def chain(self, agents: tuple[str, ...], *, budget: Budget | None = None) -> QueryResult:
        """A chain licenses iff every parent licenses its child."""
        links = tuple(
            self.link(a, b, budget=budget) for a, b in zip(agents, agents[1:], strict=False)
        )
        failed = [link for link in links if not link.licensed]
        verdict = "licensed" if not failed else "blocked"
        if failed:
            f = failed[0]
            explanation = f"{f.parent} -> {f.child}: {f.verdict}: {f.explanation}"
        else:
            explanation = f"all {len(links)} link(s) licensed"
        cert = failed[0].certificate if failed else None
        return QueryResult(
            "chain",
            verdict,
            "chain " + " -> ".join(agents),
            None,
            None,
            explanation,
            cert,
            links,
            _union([link.instances for link in links]),
        )

    def depth(self, agent: str, *, budget: Budget | None = None) -> DepthResult:
        """The longest licensed chain from `agent` through the file's agents, in links.

        A licensed cycle makes it unbounded (None). Iterative DFS with memoised longest paths.
        """
        self._agent(agent)
        names = list(self.spec.agents)
        best: dict[str, tuple[int, str | None]] = {}  # agent -> (links, next agent)
        unbounded = False
        state: dict[str, int] = {agent: 1}
        stack: list[tuple[str, list[str]]] = [(agent, list(names))]
        while stack and not unbounded:
            node, todo = stack[-1]
            if todo:
                nxt = todo.pop(0)
                if not self.link(node, nxt, budget=budget).licensed:
                    continue
                if state.get(nxt) == 1:
                    unbounded = True
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, list(names)))
                continue
            stack.pop()
            state[node] = 2
            options = [
                (best[n][0] + 1, n)
                for n in names
                if n in best and self.link(node, n, budget=budget).licensed
            ]
            best[node] = max(options, key=lambda o: o[0]) if options else (0, None)
        if unbounded:
            return DepthResult(agent, None, (), (), ())
        chain = [agent]
        while (step := best[chain[-1]][1]) is not None:
            chain.append(step)
        links = tuple(self.link(a, b) for a, b in zip(chain, chain[1:], strict=False))
        stops = tuple(self.link(chain[-1], n) for n in names)
        return DepthResult(agent, best[agent][0], tuple(chain), links, stops)

    def depth_query(self, agent: str, *, budget: Budget | None = None) -> QueryResult:
        result = self.depth(agent, budget=budget)
        if result.depth is None:
            return QueryResult(
                "depth",
                "unbounded",
                f"depth {agent}",
                explanation=f"a cycle of licensed links is reachable from {agent}",
            )
        explanation = (
            f"longest licensed chain: {' -> '.join(result.chain)}; " if result.depth else ""
        )
        explanation += f"{result.chain[-1]} licenses none of " + ", ".join(
            f"{s.child} ({s.verdict})" for s in result.stops
        )
        links = result.links + result.stops
        return QueryResult(
            "depth",
            str(result.depth),
            f"depth {agent}",
            explanation=explanation,
            links=links,
            instances=_union([link.instances for link in links]),
        )

    def answer(self, query: Query, *, budget: Budget | None = None) -> QueryResult:
        """The result of one statement of the file, with its expectation."""
        if isinstance(query, ProveQuery):
            result = self.prove(query.theory, query.formula, budget=budget)
        elif isinstance(query, ChainQuery):
            result = self.chain(query.agents, budget=budget)
        elif isinstance(query, ConsistentQuery):
            result = self.consistent(query.theory, budget=budget)
        elif isinstance(query, SoundQuery):  # decided by lobkit.tiling.soundness (pending)
            raise InputError("'sound' queries are not answered yet", str(query.location))
        else:
            assert isinstance(query, DepthQuery)
            result = self.depth_query(query.agent, budget=budget)
        return QueryResult(
            result.statement,
            result.verdict,
            result.query,
            query.location,
            query.expect,
            result.explanation,
            result.certificate,
            result.links,
            result.instances,
        )

    def check(self, *, timeout: float | None = None) -> Report:
        """Every query of the file, in order. A query that hits `timeout` (seconds, per query)
        raises `ResourceLimit` naming the query's line."""
        answers = []
        for query in self.spec.queries:
            start = time.perf_counter()
            try:
                answer = self.answer(query, budget=Budget(timeout))
            except ResourceLimit as error:
                raise ResourceLimit(f"{query.location}: {query.kind} query: {error}") from None
            answers.append(dataclasses.replace(answer, seconds=time.perf_counter() - start))
        return Report(self.spec, tuple(answers))


def _why_inconsistent(spec: Spec, theory: str) -> str:
    """A pointer to the usual culprit: a theory reflecting on itself (Löb on [T]⊥ → ⊥)."""
    if theory in spec.theories and theory in spec.theories[theory].reflects:
        return (
            f" (it reflects on itself: from [{theory}]([{theory}]⊥ -> ⊥), Löb's theorem gives "
            f"[{theory}]⊥)"
        )
    return ""
