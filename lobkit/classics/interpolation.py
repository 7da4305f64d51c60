"""Craig interpolation for GL by Maehara's method on the prover's sequent proofs.

GL has the interpolation property (Smoryński 1978; Boolos, *The Logic of Provability*, 1993,
ch. 12; proof-theoretically via the cut-free calculus G3GL of Sambin & Valentini 1982). If
GL ⊢ A → B, there is I built from the atoms shared by A and B with GL ⊢ A → I and GL ⊢ I → B.

Maehara's method (Maehara 1960; Troelstra & Schwichtenberg, *Basic Proof Theory*, §4.4) reads
the interpolant off a cut-free proof. Every formula of every sequent in the proof of
⇒ A → B is given a *part*: 1 if it descends from A, 2 if it descends from B (a set may hold a
formula in both parts). For a sequent Γ₁, Γ₂ ⇒ Δ₁, Δ₂ an interpolant is I with Γ₁ ⇒ Δ₁, I and
I, Γ₂ ⇒ Δ₂ and atoms(I) ⊆ atoms(Γ₁Δ₁) ∩ atoms(Γ₂Δ₂). Bottom-up:

* axiom X ⇒ X: ⊥ if both copies are in part 1, ⊤ if both in part 2, X if the left copy is in
  part 1 and the right in part 2, ¬X the other way; L-⊥ and R-⊤ give ⊥ in part 1, ⊤ in part 2;
* one-premise rules and weakening keep the premise's interpolant;
* two-premise rules give I₁ ∨ I₂ when the principal formula is in part 1, I₁ ∧ I₂ in part 2;
* the GL rule  □Γ, Γ, □A ⇒ A  /  Σ, □Γ ⇒ □A, Δ  with premise interpolant J gives □J when □A
  is in part 2 and ◇J = ¬□¬J when it is in part 1. (Part 2: from □Γ₁, Γ₁ ⇒ J the GL rule gives
  □Γ₁ ⇒ □J, and J, □Γ₂, Γ₂, □A ⇒ A gives □J, □Γ₂ ⇒ □A. Part 1: □Γ₁, Γ₁, □A ⇒ A, J gives
  □Γ₁, □¬J ⇒ □A, and J, □Γ₂, Γ₂ ⇒ gives □Γ₂ ⇒ □¬J.)

The result is simplified (`lobkit.classics.simplify`) and GL ⊢ A → I, GL ⊢ I → B and the atom
condition are checked again before it is returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lobkit.classics.guards import require_plain_box
from lobkit.classics.simplify import simplify
from lobkit.errors import InternalError, NotATheorem
from lobkit.formula import (
    BOX,
    Formula,
    atoms_of,
    bot,
    box,
    conj,
    disj,
    implies,
    neg,
    top,
)
from lobkit.limits import Budget
from lobkit.syntax.parser import as_formula

__all__ = ["Interpolant", "NotATheorem", "interpolant"]

_Parts = dict[Formula, frozenset[int]]
_Key = tuple[
    int, frozenset[tuple[Formula, frozenset[int]]], frozenset[tuple[Formula, frozenset[int]]]
]
_GOAL = frozenset({0})  # the part of the root formula A → B itself
_ONE_PREMISE = {"L-not", "L-and", "R-not", "R-or", "R-imp", "W"}
_TWO_PREMISES = {"L-or", "L-imp", "L-iff", "R-and", "R-iff"}


@dataclass(frozen=True)
class Interpolant:
    """`interpolant` for GL ⊢ `antecedent` → `consequent`, over `shared_atoms`, checked."""

    antecedent: Formula
    consequent: Formula
    interpolant: Formula
    shared_atoms: tuple[str, ...]
    verified: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "interpolant": str(self.interpolant),
            "shared_atoms": list(self.shared_atoms),
            "verified": self.verified,
        }


def _components(rule: str, principal: Formula) -> list[tuple[list[Formula], list[Formula]]]:
    """For each premise of a propositional rule: the principal's components (left, right)."""
    a = principal.args[0] if principal.args else principal
    b = principal.args[1] if len(principal.args) > 1 else a
    table: dict[str, list[tuple[list[Formula], list[Formula]]]] = {
        "L-not": [([], [a])],
        "L-and": [([a, b], [])],
        "L-or": [([a], []), ([b], [])],
        "L-imp": [([], [a]), ([b], [])],
        "L-iff": [([a, b], []), ([], [a, b])],
        "R-not": [([a], [])],
        "R-or": [([], [a, b])],
        "R-imp": [([a], [b])],
        "R-and": [([], [a]), ([], [b])],
        "R-iff": [([a], [b]), ([b], [a])],
    }
    return table[rule]


def _choose(parts: frozenset[int]) -> int:
    """The part a rule works in when its principal formula lies in several (any is sound)."""
    return min(parts)


class _Maehara:
    """Interpolants of partitioned sequents of one proof, memoised, on an explicit stack."""

    def __init__(self, proof: Any) -> None:
        self.nodes = proof.nodes
        self.memo: dict[_Key, Formula] = {}

    @staticmethod
    def key(index: int, left: _Parts, right: _Parts) -> _Key:
        return (index, frozenset(left.items()), frozenset(right.items()))

    def premise_parts(self, index: int, left: _Parts, right: _Parts) -> list[_Key]:
        """The parts of the premises' formulas, inherited from the conclusion's."""
        node = self.nodes[index]
        rule, principal = node.rule, node.principal
        extra: list[tuple[_Parts, _Parts]] = [({}, {}) for _ in node.premises]
        if rule in _ONE_PREMISE - {"W"} or rule in _TWO_PREMISES:
            assert principal is not None
            on_left = rule.startswith("L-")
            parts = (left if on_left else right)[principal]
            for i, (comp_left, comp_right) in enumerate(_components(rule, principal)):
                if parts == _GOAL:
                    if rule != "R-imp":
                        raise InternalError("unexpected first rule in the proof")
                    extra[i] = (
                        {f: frozenset({1}) for f in comp_left},
                        {f: frozenset({2}) for f in comp_right},
                    )
                else:
                    side = frozenset({_choose(parts)})
                    extra[i] = ({f: side for f in comp_left}, {f: side for f in comp_right})
        elif rule == "GLR":
            assert principal is not None
            side = frozenset({_choose(right[principal])})
            bodies: _Parts = {}
            for f, parts in left.items():
                if f.op == BOX:
                    body = f.args[0]
                    bodies[body] = bodies.get(body, frozenset()) | parts
            extra[0] = ({**bodies, principal: side}, {principal.args[0]: side})
        elif rule != "W":
            raise InternalError(f"rule {rule} not supported by interpolation")
        keys: list[_Key] = []
        for premise, (add_left, add_right) in zip(node.premises, extra, strict=True):
            child = self.nodes[premise]
            child_left: _Parts = {}
            child_right: _Parts = {}
            # Context formulas keep their parts; across the GL rule only the left boxes □Γ
            # survive (an atom equal to some body B of □B must not lend B its part).
            modal = rule == "GLR"
            for f in child.left:
                carried = f is not principal and (not modal or f.op == BOX)
                here = left.get(f, frozenset()) if carried else frozenset()
                child_left[f] = here | add_left.get(f, frozenset())
            for f in child.right:
                carried = f is not principal and not modal
                here = right.get(f, frozenset()) if carried else frozenset()
                child_right[f] = here | add_right.get(f, frozenset())
            if rule == "W":  # weakening keeps the principal-free parts as they are
                child_left = {f: left[f] for f in child.left}
                child_right = {f: right[f] for f in child.right}
            if any(not p for p in (*child_left.values(), *child_right.values())):
                raise InternalError("a formula of the proof has no origin")
            keys.append(self.key(premise, child_left, child_right))
        return keys

    def leaf(self, index: int, left: _Parts, right: _Parts) -> Formula:
        node = self.nodes[index]
        x: Formula = node.principal  # a leaf of the G3 tree names its principal formula
        if node.rule == "L-bot":
            return bot if 1 in left[x] else top
        if node.rule == "R-top":
            return bot if 1 in right[x] else top
        lp, rp = left[x], right[x]
        if 1 in lp and 1 in rp:
            return bot
        if 2 in lp and 2 in rp:
            return top
        if 1 in lp and 2 in rp:
            return x
        if 2 in lp and 1 in rp:
            return neg(x)
        raise InternalError("an axiom on the goal formula")

    def combine(self, index: int, left: _Parts, right: _Parts, inner: list[Formula]) -> Formula:
        node = self.nodes[index]
        rule, principal = node.rule, node.principal
        if rule in _TWO_PREMISES:
            parts = (left if rule.startswith("L-") else right)[principal]
            return disj(*inner) if _choose(parts) == 1 else conj(*inner)
        if rule == "GLR":
            if _choose(right[principal]) == 2:
                return box(inner[0])
            return neg(box(neg(inner[0])))
        return inner[0]

    def interpolant(self, root: int, goal: Formula) -> Formula:
        top_key = self.key(root, {}, {goal: _GOAL})
        stack: list[tuple[_Key, list[_Key] | None]] = [(top_key, None)]
        while stack:
            key, children = stack[-1]
            if key in self.memo:
                stack.pop()
                continue
            index, left_items, right_items = key
            left, right = dict(left_items), dict(right_items)
            if not self.nodes[index].premises:
                self.memo[key] = self.leaf(index, left, right)
                stack.pop()
                continue
            if children is None:
                children = self.premise_parts(index, left, right)
                stack[-1] = (key, children)
            pending = [c for c in children if c not in self.memo]
            if pending:
                stack.extend((c, None) for c in pending)
                continue
            self.memo[key] = self.combine(index, left, right, [self.memo[c] for c in children])
            stack.pop()
        return self.memo[top_key]


def interpolant(a: Formula | str, b: Formula | str, *, timeout: float | None = None) -> Interpolant:
    """A Craig interpolant for GL ⊢ a → b (checked: a → I, I → b, shared atoms only).

    Raises `NotATheorem` (exit code 1) if GL ⊬ a → b, `ResourceLimit` on `timeout`.

    >>> from lobkit.syntax import parse
    >>> str(interpolant(parse("[]p & []q"), parse("[](p | r)")).interpolant)
    '[]p'
    """
    from lobkit.formula import without_diamonds
    from lobkit.prover import is_valid, prove

    a, b = as_formula(a, "antecedent"), as_formula(b, "consequent")
    require_plain_box(a, b)
    budget = Budget(timeout)
    goal = implies(a, b)
    # Maehara's method reads a cut-free proof: the G3 tree, not Taut steps.
    result: Any = prove(goal, "GL", budget=budget, proof_style="g3")
    if not result.valid:
        raise NotATheorem(f"{goal} is not a theorem of GL: no interpolant exists", result)
    raw = _Maehara(result.proof).interpolant(result.proof.root, without_diamonds(goal))
    shared = atoms_of(a) & atoms_of(b)
    candidates = [simplify(raw, budget=budget)]
    if not atoms_of(candidates[0]):
        from lobkit.classics.letterless import letterless_normal_form

        candidates.append(letterless_normal_form(candidates[0], budget=budget))
    best = min(candidates, key=lambda f: (f.size, str(f)))
    if not (
        atoms_of(best) <= shared
        and is_valid(implies(a, best), budget=budget)
        and is_valid(implies(best, b), budget=budget)
    ):
        raise InternalError(f"the interpolant {best} failed its check")
    return Interpolant(a, b, best, tuple(sorted(shared)))
