"""Licensing: does a parent agent license a child? The decision for one link, and the Löbian
obstacle where it applies.

P licenses C iff T_P ⊢ [T_C](a → G_C) → (a → G_P) for every action a of C (Yudkowsky &
Herreshoff 2013, §2). When T_P ⊆ T_C under the file's reading (`extends`, or implicitly: PA
below every theory), the goals agree and the frame is GL, Löb's theorem reduces the condition
to T_P ⊢ a → G_P (`lob_blocks`); a failure is then `blocked-lob`, certified by a countermodel
of the reduced goal and a checked proof of the lemma `[T_P]condition → [T_P](a → G)` in the
logic without reflection instances.
"""

from __future__ import annotations

import dataclasses

from lobkit.formula import atom, box, implies
from lobkit.limits import Budget
from lobkit.tiling import explain
from lobkit.tiling.exact import PROOF
from lobkit.tiling.logic import licensing_condition, link_goals
from lobkit.tiling.oracle import Oracle
from lobkit.tiling.results import ActionCheck, Certificate, LinkResult
from lobkit.tiling.theory_file import AgentDef

__all__ = ["licenses", "lob_blocks"]


def licenses(oracle: Oracle, p: AgentDef, c: AgentDef, budget: Budget | None) -> LinkResult:
    """Does `p` license `c`? The verdict on the link, with its certificates."""
    tp = p.theory
    goals = link_goals(p, c)
    inconsistent = oracle.decide(goals[0], budget=budget, also=goals)
    if inconsistent.valid:
        return _link(
            p,
            c,
            "parent-inconsistent",
            explain.parent_inconsistent(oracle.spec, tp),
            certificate=inconsistent,
            citation=PROOF,
        )
    lob = lob_blocks(oracle, p, c)
    checks = []
    for action in c.actions:
        condition = licensing_condition(p, c, action)
        goal = box(condition, theory=tp)
        if lob:
            # Löb's obstacle: T_P ⊆ T_C, so T_P ⊢ [T_C]X → X gives T_P ⊢ [T_P]X → X
            # and, by Löb's theorem, T_P ⊢ X: the condition holds iff T_P ⊢ X = a → G,
            # an easier goal. Refuted, it refutes the condition by the lemma
            # [T_P]condition → [T_P]X, a theorem of the logic without reflection instances.
            x = implies(atom(action), p.goal)
            reduced = oracle.decide(box(x, theory=tp), budget=budget, also=goals)
            if not reduced.valid and not reduced.undecided:
                read = oracle.reading
                proof = oracle.lemma(read.translate(implies(goal, reduced.query or goal)), budget)
                cert = dataclasses.replace(
                    reduced, target=read.translate(goal), lemma=proof, query=goal
                )
                checks.append(ActionCheck(action, condition, cert))
                break  # refuted: the link is blocked whatever the other actions
        cert = oracle.decide(goal, budget=budget, also=goals)
        checks.append(ActionCheck(action, condition, cert))
        if not cert.valid and not cert.undecided:
            break  # one action refuted blocks the link: the others need not be decided
    failed = [check for check in checks if not check.certificate.valid]
    if not failed and inconsistent.undecided:
        # every condition proved, but an inconsistent parent would prove them too: the
        # verdict (licensed or parent-inconsistent) waits on T_P ⊢ ⊥ (the fuzz: an exact
        # "licensed" beside an exact "parent-inconsistent" for the same link)
        return _link(
            p,
            c,
            "undecided",
            explain.undecided(
                f"{tp} is consistent (it proves every action's condition)", inconsistent.undecided
            ),
            actions=tuple(checks),
            certificate=inconsistent,
        )
    if not failed:
        return _link(
            p, c, "licensed", explain.licensed(p, c), actions=tuple(checks), citation=PROOF
        )
    decided = [check for check in failed if not check.certificate.undecided]
    if not decided:
        first = failed[0]
        return _link(
            p,
            c,
            "undecided",
            explain.undecided_link(p, c, first.action, first.certificate.undecided or ""),
            actions=tuple(checks),
            certificate=first.certificate,
        )
    first = decided[0]
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
        citation=first.certificate.citation,
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
    citation: str | None = None,
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
        citation=citation,
        derivation=derivation,
    )


def lob_blocks(oracle: Oracle, p: AgentDef, c: AgentDef) -> bool:
    """Löb's theorem blocks the link: GL, one goal, and T_P ⊆ T_C under the reading
    (`Reading.includes`: R_P ⊆ R_C and every axiom of T_P is one of T_C's — `extends`,
    or the same declarations, or PA below anything)."""
    if oracle.spec.frame != "GL" or c.goal != p.goal:
        return False
    return oracle.reading.includes(p.theory, c.theory)
