"""Licensing: does a parent agent license a child? The decision for one link, and the Löbian
obstacle where it applies.

P licenses C iff T_P ⊢ [T_C](a → G_C) → (a → G_P) for every action a of C (Yudkowsky &
Herreshoff 2013, §2). When T_C extends T_P (reflexively, transitively), the goals agree and
the frame is GL, Löb's theorem reduces the condition to T_P ⊢ a → G_P (`lob_blocks`); a
failure is then `blocked-lob`, certified by a countermodel of the reduced goal and a checked
proof of the lemma `[T_P]condition → [T_P](a → G)` in the bare logic.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from lobkit.errors import InternalError
from lobkit.formula import Formula, atom, box, implies, theories_of
from lobkit.kernel import Logic
from lobkit.limits import Budget
from lobkit.prover import ProofResult
from lobkit.tiling import explain
from lobkit.tiling.exact import PROOF
from lobkit.tiling.logic import licensing_condition, link_goals
from lobkit.tiling.results import ActionCheck, Certificate, LinkResult
from lobkit.tiling.spec import AgentDef, Spec

if TYPE_CHECKING:
    from lobkit.tiling.checker import Checker

__all__ = ["decide_link", "lob_blocks", "lemma"]


def decide_link(checker: Checker, p: AgentDef, c: AgentDef, budget: Budget | None) -> LinkResult:
    """The verdict on the link p → c, with its certificates (see `lobkit.tiling.checker`)."""
    tp = p.theory
    goals = link_goals(p, c)
    inconsistent = checker.decide(goals[0], budget=budget, also=goals)
    if inconsistent.valid:
        return _link(
            p,
            c,
            "parent-inconsistent",
            explain.parent_inconsistent(checker.spec, tp),
            certificate=inconsistent,
            exact=PROOF,
        )
    lob = lob_blocks(checker.spec, p, c)
    checks = []
    for action in c.actions:
        condition = licensing_condition(p, c, action)
        goal = box(condition, theory=tp)
        if lob:
            # Löb's obstacle: T_C extends T_P, so T_P ⊢ [T_C]X → X gives T_P ⊢ [T_P]X → X
            # and, by Löb's theorem, T_P ⊢ X: the condition holds iff T_P ⊢ X = a → G,
            # an easier goal. Refuted, it refutes the condition by the lemma
            # [T_P]condition → [T_P]X, a theorem of the bare logic (checked proof).
            x = implies(atom(action), p.goal)
            reduced = checker.decide(box(x, theory=tp), budget=budget, also=goals)
            if not reduced.valid:
                proof = lemma(checker, implies(goal, reduced.goal), budget)
                cert = dataclasses.replace(reduced, target=goal, lemma=proof)
                checks.append(ActionCheck(action, condition, cert))
                continue
        cert = checker.decide(goal, budget=budget, also=goals)
        checks.append(ActionCheck(action, condition, cert))
    failed = [check for check in checks if not check.certificate.valid]
    if not failed:
        return _link(p, c, "licensed", explain.licensed(p, c), actions=tuple(checks), exact=PROOF)
    first = failed[0]
    if lob:
        verdict, why = "blocked-lob", explain.blocked_lob(p, c, first.action)
        derivation = explain.lob_derivation(p, c, first.action)
    else:
        verdict, why, derivation = "no-reflection", explain.no_reflection(p, c, first.action), ()
    return _link(
        p,
        c,
        verdict,
        why,
        actions=tuple(checks),
        certificate=first.certificate,
        exact=first.certificate.exact,
        derivation=derivation,
    )


def _link(
    p: AgentDef,
    c: AgentDef,
    verdict: str,
    explanation: str,
    *,
    actions: tuple[ActionCheck, ...] = (),
    certificate: Certificate | None = None,
    exact: str | None = None,
    derivation: tuple[str, ...] = (),
) -> LinkResult:
    """The `LinkResult` of p → c, by keyword (the parties and theories read off the agents)."""
    return LinkResult(
        parent=p.name,
        child=c.name,
        parent_theory=p.theory,
        child_theory=c.theory,
        verdict=verdict,
        explanation=explanation,
        actions=actions,
        certificate=certificate,
        exact=exact,
        derivation=derivation,
    )


def lemma(checker: Checker, formula: Formula, budget: Budget | None) -> ProofResult:
    """A theorem of the bare logic (frame and inclusions, no premise), with its proof.

    The logic holds only the theories boxed in `formula`, each with the file's inclusions
    among them (transitively): a proof there is one in the file's bare logic, since those
    inclusions are the file's. The other theories of a tower (the intermediate ones of a
    long `extends` chain) only slowed each lemma down with the height (issue 11)."""
    spec = checker.spec
    boxed = {t for t in theories_of(formula) if t is not None and t in spec.theories}
    above = _inclusions(spec).extends
    extends: dict[str | None, frozenset[str | None]] = {
        name: frozenset(t for t in above[name] if t in boxed and t != name) for name in boxed
    }
    result = checker._solve(formula, Logic(spec.frame, extends, ()), budget)
    if not result.valid:  # pragma: no cover - Löb's theorem with the inclusion
        raise InternalError(f"the Löbian lemma {formula} has no proof")
    return result


def _inclusions(spec: Spec) -> Logic:
    """The file's bare logic: its theories' inclusions, closed by the kernel's `Logic`
    (reflexively, transitively)."""
    return Logic(spec.frame, {name: frozenset(t.extends) for name, t in spec.theories.items()}, ())


def lob_blocks(spec: Spec, p: AgentDef, c: AgentDef) -> bool:
    """Löb's theorem blocks the link: GL, one goal, and T_C extends T_P (reflexively,
    transitively)."""
    if spec.frame != "GL" or c.goal != p.goal:
        return False
    return _inclusions(spec).extends_theory(c.theory, p.theory)
