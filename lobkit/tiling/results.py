"""The answers of the tiling checker as data: certificates, link and query results, reports.

`Certificate` is one prover answer (a checked proof or countermodel) with the reflection
instances it was decided with; `ActionCheck` / `LinkResult` are the licensing conditions of one
parent → child link; `QueryResult` is the answer to one statement of a file, `Report` all of
them. These types hold no decision logic (that is `lobkit.tiling.checker`) and no prose beyond
what the checker put in them (`lobkit.tiling.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lobkit.errors import ProofError
from lobkit.formula import Displayable, Formula, conjunction, implies
from lobkit.kernel import (
    LabelledProof,
    Logic,
    ReflexiveProof,
    check_countermodel,
    check_labelled_proof,
    check_proof,
    check_reflexive_proof,
    holds_everywhere,
    without_diamonds,
)
from lobkit.prover import ProofResult
from lobkit.tiling.logic import Closure
from lobkit.tiling.theory_file import LINK_FAILURES, Location, TheoryFile

__all__ = [
    "Certificate",
    "ActionCheck",
    "LinkResult",
    "DepthResult",
    "QueryResult",
    "Report",
    "union",
]


@dataclass(frozen=True, eq=False)
class Certificate:
    """A prover answer on `goal` in `logic`: a proof when `valid`, else a countermodel.

    `instances` are the reflection instances the prover was given. `query` is the goal as
    the file wrote it (`goal` is its arithmetic reading, `lobkit.tiling.reading`). A
    countermodel also holds every instance of `closure` (the file's closure, checked by
    `verify`), so it answers the goal in the file's logic. `citation` names the theorem that
    makes the answer the arithmetic one (`lobkit.tiling.exact`); None: only relative to the
    closure's instances. `undecided` says why the refinement stopped at its limits: then the
    countermodel settles nothing.

    A *reduction* refutes `target` through an easier goal: `lemma` is a proof of
    `target → result.formula` (no reflection instance needed) and `result` a countermodel of
    `result.formula`; so `target` has no proof either (used for the Löbian obstacle)."""

    result: ProofResult
    instances: tuple[Formula, ...] = ()
    closure: Closure | None = None
    citation: str | None = None
    target: Formula | None = None
    lemma: ProofResult | None = None
    query: Formula | None = None
    undecided: str | None = None

    @property
    def valid(self) -> bool:
        return self.result.valid

    @property
    def exact(self) -> bool:
        return self.citation is not None

    @property
    def goal(self) -> Formula:
        """The goal as the file wrote it (its reading: `reading`)."""
        if self.query is not None:
            return self.query
        return self.result.formula if self.target is None else self.target

    @property
    def reading(self) -> Formula:
        """The goal the prover decided: the file's goal under its arithmetic reading."""
        return self.result.formula if self.target is None else self.target

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
        if isinstance(proof, ReflexiveProof | LabelledProof):  # logics without premises
            return ()
        cited = {node.principal for node in proof.nodes if node.rule == "Premise"}
        return tuple(i for i in self.instances if without_diamonds(i) in cited)

    def verify(self) -> None:
        """Re-check independently: the proof with the proof checker, the countermodel with
        `lobkit.kernel.kripke` (frame conditions, goal false at the root, premises everywhere).
        Raises `ProofError` on a bad certificate."""
        proof = self.result.proof
        if isinstance(proof, ReflexiveProof):
            check_reflexive_proof(proof, self.result.formula)
            return
        if isinstance(proof, LabelledProof):
            check_labelled_proof(proof, self.result.formula)
            return
        if proof is not None:
            check_proof(proof, self.logic, self.result.formula)
            return
        if self.target is not None:
            lemma = self.lemma
            if lemma is None or lemma.proof is None:
                raise ProofError("a reduction without its lemma")
            if lemma.formula != implies(self.target, self.result.formula):
                raise ProofError("the lemma does not reduce the target to the refuted goal")
            check_proof(lemma.proof, lemma.logic, lemma.formula)
            if lemma.logic.frame != self.logic.frame:
                raise ProofError("the lemma is not a theorem of the file's logic")
        model = self.result.countermodel
        if model is None:
            raise ProofError("a certificate without proof or countermodel")
        check_countermodel(model, self.logic, self.result.formula)
        if self.closure is not None:  # and a countermodel of the file's whole closure
            whole = conjunction(self.closure.instances())
            if not holds_everywhere(model.kripke(), whole):
                raise ProofError("the countermodel violates an instance of the file's closure")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": "undecided" if self.undecided else self.kind,
            "goal": str(self.goal),
            "reading": str(self.reading),
            "exact": self.exact,
            "citation": self.citation,
        }
        if self.undecided:
            out["undecided"] = self.undecided
        if self.result.proof is not None:
            out["proof"] = self.result.proof.to_json()
        if self.result.countermodel is not None:
            out["countermodel"] = self.result.countermodel.to_json()
        if self.lemma is not None and self.lemma.proof is not None:
            out["refutes"] = str(self.result.formula)
            out["lemma"] = {"formula": str(self.lemma.formula), "proof": self.lemma.proof.to_json()}
        return out

    def _of(self) -> str:
        """' (the reading of [T]φ)' when the prover's goal is a translation of the file's."""
        return "" if self.goal == self.reading else f" (the reading of {self.goal})"

    def render_text(self) -> str:
        if self.result.proof is not None:
            return f"proof of {self.reading}{self._of()}:\n{self.result.proof.render_text()}"
        assert self.result.countermodel is not None
        text = (
            f"countermodel to {self.result.formula}{'' if self.target else self._of()} "
            f"(root {self.result.countermodel.root}):\n"
            f"{self.result.countermodel.render_text()}"
        )
        if self.lemma is not None and self.lemma.proof is not None:
            text = (
                f"{self.goal} is refuted through {self.result.formula}; lemma "
                f"{self.lemma.formula}:\n{self.lemma.proof.render_text()}\n{text}"
            )
        return text


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
class LinkResult(Displayable):
    """Does `parent` license `child`? `verdict` is "licensed" or a failure kind."""

    parent: str
    child: str
    parent_theory: str
    child_theory: str
    verdict: str
    explanation: str
    actions: tuple[ActionCheck, ...] = ()
    certificate: Certificate | None = None  # the decisive one for a failure
    citation: str | None = None  # the theorem making the verdict arithmetic (None: relative)
    derivation: tuple[str, ...] = ()  # blocked-lob: the Löbian argument, step by step
    reduction: Certificate | None = None  # blocked-lob: the answer on `T_P ⊢ a → G`

    @property
    def licensed(self) -> bool:
        return self.verdict == "licensed"

    @property
    def exact(self) -> bool:
        return self.citation is not None

    def __bool__(self) -> bool:
        return self.licensed

    def __repr__(self) -> str:
        return f"<LinkResult {self.parent} -> {self.child}: {self.verdict}>"

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
        if self.reduction is not None and self.reduction not in certs:
            certs.append(self.reduction)
        return certs

    def to_json(self) -> dict[str, Any]:
        return {
            "parent": self.parent,
            "child": self.child,
            "parent_theory": self.parent_theory,
            "child_theory": self.child_theory,
            "verdict": self.verdict,
            "exact": self.exact,
            "citation": self.citation,
            "explanation": self.explanation,
            "derivation": list(self.derivation),
            "actions": [a.to_json() for a in self.actions],
            "certificate": None if self.certificate is None else self.certificate.to_json(),
            "reduction": None if self.reduction is None else self.reduction.to_json(),
        }


@dataclass(frozen=True, eq=False)
class DepthResult:
    """The longest licensed chain from `agent`: its length in links (None: unbounded)."""

    agent: str
    depth: int | None
    chain: tuple[str, ...]
    links: tuple[LinkResult, ...]
    stops: tuple[LinkResult, ...]  # why the chain's last agent licenses no one further
    consulted: tuple[LinkResult, ...] = ()  # every link the search decided

    @property
    def citation(self) -> str | None:
        """Why the depth is the arithmetic one: the theorems its consulted links cite."""
        if any(link.citation is None for link in self.consulted):
            return None
        cited = dict.fromkeys(link.citation for link in self.consulted if link.citation)
        return "every link consulted is exact: " + "; ".join(cited) if cited else None

    @property
    def undecided(self) -> bool:
        return any(link.verdict == "undecided" for link in self.consulted)


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
    citation: str | None = None  # the theorem making it arithmetic; None: relative to `closure`
    closure: Closure | None = None  # the file's closure a relative answer is relative to
    strict: bool = False  # a relative answer fails its expectation

    @property
    def relative(self) -> bool:
        return self.citation is None

    @property
    def exact(self) -> bool:
        return self.citation is not None

    @property
    def matches(self) -> bool | None:
        """Whether the verdict is the expected one, exact or not (None: no expectation)."""
        if self.expected is None:
            return None
        if self.expected == self.verdict:
            return True
        if self.statement == "chain" and self.expected in LINK_FAILURES:
            failed = [link for link in self.links if not link.licensed]
            return bool(failed) and failed[0].verdict == self.expected
        return False

    @property
    def ok(self) -> bool | None:
        """Whether the expectation holds (None when the statement has none); with `strict`, a
        relative answer never does."""
        matches = self.matches
        if matches and self.strict and self.relative:
            return False
        return matches

    @property
    def closure_size(self) -> int:
        """How many reflection instances a relative answer is relative to."""
        return 0 if self.closure is None else len(self.closure)

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
            "exact": not self.relative,
            "citation": self.citation,
            "expected": self.expected,
            "ok": self.ok,
            "explanation": self.explanation,
            "links": [link.to_json() for link in self.links],
            "instances": [str(i) for i in self.instances],
            "closure": None
            if self.closure is None or not self.relative
            else self.closure.to_json(),
            "certificate": None if self.certificate is None else self.certificate.to_json(),
            "seconds": round(self.seconds, 6),
        }


@dataclass(frozen=True, eq=False)
class Report(Displayable):
    """All answers of a file, in order."""

    spec: TheoryFile
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


def union(groups: list[tuple[Formula, ...]]) -> tuple[Formula, ...]:
    """The formulas of `groups`, each once, in first-seen order."""
    seen: dict[Formula, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)
