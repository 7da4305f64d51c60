"""The English explanations of the tiling checker's verdicts, kept out of the decision logic.

Each function turns a verdict the checker has already decided (with its data) into the sentence
the reports print; none of them decides anything.
"""

from __future__ import annotations

from lobkit.formula import Formula
from lobkit.tiling.theory_file import AgentDef, TheoryFile

__all__ = [
    "proved",
    "unprovable",
    "inconsistent",
    "consistent",
    "parent_inconsistent",
    "licensed",
    "blocked_lob",
    "lob_derivation",
    "no_reflection",
    "chain",
    "depth",
    "unbounded",
    "undecided",
    "undecided_link",
]


def proved(theory: str | None, formula: Formula) -> str:
    who = "the logic" if theory is None else theory
    return f"{who} proves {formula}"


def unprovable(theory: str | None, formula: Formula, goal: Formula) -> str:
    who = "the logic" if theory is None else theory
    return f"{who} does not prove {formula}: the countermodel falsifies {goal} at its root"


def why_inconsistent(spec: TheoryFile, theory: str) -> str:
    """A pointer to the usual culprit: a theory reflecting on itself (Löb on [T]⊥ → ⊥)."""
    if theory in spec.theories and theory in spec.theories[theory].reflects:
        return (
            f" (it reflects on itself: from [{theory}]([{theory}]⊥ -> ⊥), Löb's theorem gives "
            f"[{theory}]⊥)"
        )
    return ""


def inconsistent(spec: TheoryFile, theory: str) -> str:
    return f"{theory} proves ⊥" + why_inconsistent(spec, theory)


def consistent(theory: str) -> str:
    return (
        f"{theory} does not prove ⊥: in the countermodel the root sees a world through "
        f"{theory}'s box"
    )


def parent_inconsistent(spec: TheoryFile, theory: str) -> str:
    return f"{theory} proves ⊥, so it would license anything; the license is worthless" + (
        why_inconsistent(spec, theory)
    )


def licensed(parent: AgentDef, child: AgentDef) -> str:
    return (
        f"{parent.theory} proves [{child.theory}](a -> {child.goal}) -> (a -> {parent.goal}) "
        f"for every action a of {child.name} ({', '.join(child.actions)})"
    )


def blocked_lob(parent: AgentDef, child: AgentDef, action: str) -> str:
    """The child's theory extends the parent's and the goals agree: Löb's theorem is the
    obstacle."""
    tp, tc = parent.theory, child.theory
    how = (
        f"{parent.name} and {child.name} share the theory {tp}"
        if tp == tc
        else f"{child.name}'s theory {tc} includes {parent.name}'s theory {tp}"
    )
    return (
        f"{how}: by Löb's theorem {tp} proves "
        f"[{tc}]X -> X only when it proves X already, so it cannot license "
        f"'{action}' without proving {action} -> {parent.goal} itself"
    )


def lob_derivation(parent: AgentDef, child: AgentDef, action: str) -> tuple[str, ...]:
    """The Löbian argument, step by step, for X = action → goal."""
    tp, tc = parent.theory, child.theory
    x = f"({action} -> {parent.goal})"
    inclusion = (
        f"[{tp}]X -> [{tc}]X, trivially (the same theory)"
        if tp == tc
        else f"{tp} ⊢ [{tp}]X -> [{tc}]X, since {tc} includes {tp} (a provable inclusion)"
    )
    return (
        f"X = {x}; licensing needs {tp} ⊢ [{tc}]X -> X",
        inclusion,
        f"so {tp} ⊢ [{tp}]X -> X",
        f"by Löb's theorem, {tp} ⊢ X",
        f"but {tp} does not prove X (the reduction's countermodel), so the link fails",
    )


def no_reflection(parent: AgentDef, child: AgentDef, action: str) -> str:
    tp, tc = parent.theory, child.theory
    if child.goal != parent.goal:
        return (
            f"the goals differ ({child.name}: {child.goal}; {parent.name}: {parent.goal}) and "
            f"{tp} cannot turn {tc}'s proof of {action} -> {child.goal} into "
            f"{action} -> {parent.goal}"
        )
    return (
        f"{tp} does not prove {tc} sound for this goal: "
        f"[{tc}]({action} -> {child.goal}) -> ({action} -> {parent.goal}) "
        f"is not a theorem of {tp}"
    )


def chain(first_failure: tuple[str, str, str, str] | None, links: int) -> str:
    """`first_failure` is (parent, child, verdict, explanation) of the first failed link."""
    if first_failure is None:
        return f"all {links} link(s) licensed"
    parent, child, verdict, explanation = first_failure
    return f"{parent} -> {child}: {verdict}: {explanation}"


def depth(chain: tuple[str, ...], stops: list[tuple[str, str]]) -> str:
    """`stops` are (child, verdict) for each agent the chain's last agent does not license."""
    text = f"longest licensed chain: {' -> '.join(chain)}; " if len(chain) > 1 else ""
    return text + f"{chain[-1]} licenses none of " + ", ".join(f"{c} ({v})" for c, v in stops)


def unbounded(agent: str) -> str:
    return f"a cycle of licensed links is reachable from {agent}"


def undecided(what: str, why: str) -> str:
    """The refinement stopped at its limits: nothing is claimed."""
    return f"undecided whether {what}: {why}"


def undecided_link(parent: AgentDef, child: AgentDef, action: str, why: str) -> str:
    return undecided(
        f"{parent.theory} proves [{child.theory}]({action} -> {child.goal}) -> "
        f"({action} -> {parent.goal})",
        why,
    )
