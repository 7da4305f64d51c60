"""Explicit fixed points in GL: the de Jongh–Sambin theorem, for one equation and for systems.

If A(p) is *modalized* in p (every occurrence of p lies under a box), there is a formula H with
no p, and no atoms other than A's, such that

    GL ⊢ H ↔ A(H)                      (H is a fixed point)
    GL ⊢ ⊡(p ↔ A(p)) → (p ↔ H)         (it is the only one, up to GL-equivalence)

where ⊡φ = φ ∧ □φ. Construction (Reidhaar-Olson's proof of the de Jongh–Sambin theorem, as in
Boolos, *The Logic of Provability*, 1993, ch. 8): write A(p) = B(□C₁(p), …, □Cₙ(p)) where the
□Cᵢ are the distinct outermost boxed subformulas of A containing p and B(q₁, …, qₙ) has no p.

* n = 0: A itself is the fixed point;
* otherwise let Hᵢ be the fixed point of Aᵢ(p) = B(□C₁(p), …, ⊤, …, □Cₙ(p)) (⊤ in place i,
  n − 1 boxes left, by induction); then H = B(□C₁(H₁), …, □Cₙ(Hₙ)).

For n = 1 this is Sambin's H = B(□C(B(⊤))): ¬□p ↦ ¬□¬⊤ = ¬□⊥ (Gödel), □p ↦ □⊤ = ⊤ (Henkin),
□p → q ↦ □(⊤ → q) → q = □q → q (Löb). Distinct subsets of replaced places give distinct
Aᵢ, so memoising on the (hash-consed) Aᵢ bounds the work by 2ⁿ fixed-point problems.

Systems pᵢ ↔ Aᵢ(p₁, …, pₖ), every Aᵢ modalized in every pⱼ (Bernardi 1976, Smoryński 1979; see
Boolos ch. 8): solve the last equation for its variable with the others as parameters,
substitute the solution into the remaining equations (still modalized: the solution is), repeat,
then substitute back.

Every result is simplified (`lobkit.classics.simplify`) and then both properties are checked by
the prover; nothing unchecked is ever returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lobkit.classics.guards import require_plain_box
from lobkit.classics.simplify import simplify
from lobkit.errors import InputError, InternalError
from lobkit.formula import (
    ATOM,
    BOX,
    DIA,
    MODAL,
    Formula,
    atom,
    atoms_of,
    conjunction,
    dotbox,
    fold,
    iff,
    implies,
    is_modalized_in,
    outer_nodes,
    rebuild,
    substitute,
    top,
    without_diamonds,
)
from lobkit.limits import Budget
from lobkit.prover import is_valid
from lobkit.syntax.parser import as_formula
from lobkit.syntax.printers import brief

__all__ = ["FixedPoint", "FixedPointSystem", "fixed_point", "solve_fixed_points"]


@dataclass(frozen=True)
class FixedPoint:
    """The fixed point `solution` of `formula` in `var`, checked by the prover (`verified`)."""

    formula: Formula
    var: str
    solution: Formula
    verified: bool = True

    def to_json(self) -> dict[str, Any]:
        # "fixpoint" is the `lobkit fixpoint` command's JSON key (fixpoint.schema.json)
        return {"fixpoint": str(self.solution), "verified": self.verified}


@dataclass(frozen=True)
class FixedPointSystem:
    """Joint solutions `solutions[pᵢ]` of the equations pᵢ ↔ `equations[pᵢ]`, checked."""

    equations: tuple[tuple[str, Formula], ...]
    solutions: tuple[tuple[str, Formula], ...]
    verified: bool = True

    def solution(self, var: str) -> Formula:
        return dict(self.solutions)[var]

    def to_json(self) -> dict[str, Any]:
        return {
            "fixpoints": {name: str(h) for name, h in self.solutions},
            "verified": self.verified,
        }


def _var_name(var: str | Formula) -> str:
    if isinstance(var, Formula):
        if var.op != ATOM:
            raise InputError(f"the fixed-point variable must be an atom, not {var}")
        return var.name
    try:
        return atom(var).name
    except ValueError as error:
        raise InputError(str(error)) from None


def _outer_boxes_with(formula: Formula, var: str) -> list[Formula]:
    """The distinct outermost boxed subformulas containing `var`, in order of occurrence."""
    return [n for n in outer_nodes(formula) if n.op == BOX and var in atoms_of(n)]


def _outside_boxes(node: Formula) -> bool:
    return node.op not in MODAL


def _replace(formula: Formula, table: Mapping[Formula, Formula]) -> Formula:
    """Replace the *outermost* occurrences of boxed subformulas (those on the Boolean skeleton,
    not inside another box), as in the decomposition A = B(□C₁, …, □Cₙ). Explicit stack: a
    fold that does not enter boxes and diamonds."""

    def modal(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return table.get(node, node)

    cases = {BOX: modal, DIA: modal}
    return fold(formula, cases, default=rebuild, enter=_outside_boxes, name="replace")


def _raw_fixed_point(formula: Formula, var: str) -> Formula:
    """Reidhaar-Olson's construction (see the module docstring), memoised, iterative.

    `formula` has no diamonds and is modalized in `var`. Intermediate results are simplified
    without the prover (the final answer is checked as a whole).
    """
    memo: dict[Formula, Formula] = {}
    stack: list[Formula] = [formula]
    while stack:
        a = stack[-1]
        if a in memo:
            stack.pop()
            continue
        boxes = _outer_boxes_with(a, var)
        if not boxes:
            memo[a] = a
            stack.pop()
            continue
        # A_i = B(□C₁(p), …, ⊤, …, □Cₙ(p)): the i-th outermost box replaced by ⊤.
        variants = [_replace(a, {b: top}) for b in boxes]
        pending = [v for v in variants if v not in memo]
        if pending:
            stack.extend(pending)
            continue
        # H = B(□C₁(H₁), …, □Cₙ(Hₙ)).
        table = {b: substitute(b, {var: memo[v]}) for b, v in zip(boxes, variants, strict=True)}
        memo[a] = simplify(_replace(a, table), verify=False)
        stack.pop()
    return memo[formula]


def _check_modalized(formula: Formula, var: str) -> None:
    if not is_modalized_in(formula, var):
        raise InputError(
            f"{brief(formula)} is not modalized in {var}: {var} occurs outside every box, "
            "so the de Jongh-Sambin theorem does not apply"
        )


def _best(candidates: list[Formula]) -> Formula:
    return min(candidates, key=lambda f: (f.size, str(f)))


def fixed_point(
    formula: Formula | str, var: str | Formula = "p", *, timeout: float | None = None
) -> FixedPoint:
    """The GL fixed point H of `formula` in `var`: GL ⊢ H ↔ A(H) and ⊡(p ↔ A) → (p ↔ H).

    Raises `InputError` if `formula` is not modalized in `var`, `ResourceLimit` when `timeout`
    (seconds, for the whole computation) runs out.

    >>> from lobkit.syntax import parse
    >>> str(fixed_point(parse("~[]p"), "p").solution)
    '~[]false'
    """
    formula = as_formula(formula)
    name = _var_name(var)
    require_plain_box(formula)
    _check_modalized(formula, name)
    budget = Budget(timeout)
    raw = _raw_fixed_point(without_diamonds(formula), name)
    candidates = [simplify(raw, budget=budget)]
    if not atoms_of(raw):
        from lobkit.classics.letterless import letterless_normal_form

        candidates.append(letterless_normal_form(raw, budget=budget))
    result = _best(candidates)
    p = atom(name)
    existence = iff(result, substitute(formula, {name: result}))
    uniqueness = implies(dotbox(iff(p, formula)), iff(p, result))
    if not (is_valid(existence, budget=budget) and is_valid(uniqueness, budget=budget)):
        raise InternalError(f"the fixed point {brief(result)} of {brief(formula)} failed its check")
    return FixedPoint(formula, name, result)


def solve_fixed_points(
    equations: Mapping[str, Formula | str] | Mapping[Formula, Formula | str],
    *,
    timeout: float | None = None,
) -> FixedPointSystem:
    """Solve pᵢ ↔ Aᵢ(p₁, …, pₖ) jointly (every Aᵢ modalized in every pⱼ).

    Returns Hᵢ without any pⱼ such that GL ⊢ Hᵢ ↔ Aᵢ(H₁, …, Hₖ) for all i and
    GL ⊢ ⊡⋀ᵢ(pᵢ ↔ Aᵢ) → ⋀ᵢ(pᵢ ↔ Hᵢ), both checked by the prover.
    """
    system = [(_var_name(v), as_formula(a)) for v, a in equations.items()]
    names = [n for n, _ in system]
    if not system:
        raise InputError("no equations to solve")
    if len(set(names)) != len(names):
        raise InputError("each variable may have only one equation")
    for _name, a in system:
        require_plain_box(a)
        for other in names:
            _check_modalized(a, other)
    budget = Budget(timeout)
    # Elimination (Bernardi–Smoryński): solve the last remaining equation for its variable,
    # with the other variables as parameters, and substitute it into the remaining ones.
    remaining = {n: without_diamonds(a) for n, a in system}
    solved: list[tuple[str, Formula]] = []
    for name in reversed(names):
        h = _raw_fixed_point(remaining.pop(name), name)
        remaining = {n: substitute(a, {name: h}) for n, a in remaining.items()}
        solved.append((name, h))
    # Back-substitution: the last solved is closed; each earlier one mentions only later ones.
    closed: dict[str | Formula, Formula] = {}
    for name, h in reversed(solved):
        closed[name] = substitute(h, closed) if closed else h
    solutions: dict[str | Formula, Formula] = {
        n: simplify(h, budget=budget) for n, h in closed.items()
    }
    for n, h in solutions.items():
        if not atoms_of(h):
            from lobkit.classics.letterless import letterless_normal_form

            solutions[n] = _best([h, letterless_normal_form(h, budget=budget)])
    checks = [iff(solutions[n], substitute(a, solutions)) for n, a in system]
    hypothesis = dotbox(conjunction(iff(atom(n), a) for n, a in system))
    checks.append(implies(hypothesis, conjunction(iff(atom(n), solutions[n]) for n in names)))
    if not all(is_valid(c, budget=budget) for c in checks):
        raise InternalError("a solution of the system failed its check")
    return FixedPointSystem(tuple(system), tuple((n, solutions[n]) for n in names))
