"""A student's proof steps, completed by the search and checked whole by the kernel.

The student answers "valid" by naming rule applications from the root down: `R-imp`, then
`GLR []p`, … (the rule, and the principal formula when more than one would fit). Each step
applies to the first sequent still open, left to right. What the steps leave open is proved
by the prover, each open sequent Γ ⇒ Δ by a proof of ⋀Γ → ⋁Δ and one `Taut` step back to
Γ ⇒ Δ (unit propagation suffices: no certificate lemmas). The whole derivation — the
student's steps at the root, the search's proofs above them — then goes to the kernel's
`check_proof` with the goal: a student's step that is no rule application, or that leaves a
premise the logic cannot prove (the search returns its kernel-checked countermodel), makes
the answer wrong with that reason. The steps are never compared with lobkit's own proof.

The calculus is the kernel's (`lobkit.kernel.proof`): G3cp with sets, and the modal rule of
the frame — GLR (Sambin & Valentini), K4R, KR — for indexed boxes with theory inclusions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lobkit.errors import InputError, ProofError
from lobkit.formula import AND, BOT, BOX, IFF, IMP, NOT, OR, TOP, Formula
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.logic import Logic
from lobkit.kernel.proof import MODAL_RULE, Proof, ProofNode
from lobkit.kernel.proof_checker import check_proof, without_diamonds

__all__ = ["RULES", "Step", "StepsOutcome", "parse_step", "check_steps"]

_Seq = tuple[frozenset[Formula], frozenset[Formula]]

_CONNECTIVES = {"not": NOT, "and": AND, "or": OR, "imp": IMP, "iff": IFF}
RULES: dict[str, str] = {
    "Ax": "a formula on both sides closes the sequent",
    "L-bot": "⊥ on the left closes the sequent",
    "R-top": "⊤ on the right closes the sequent",
    **{f"L-{n}": f"a {n} on the left, taken apart" for n in _CONNECTIVES},
    **{f"R-{n}": f"a {n} on the right, taken apart" for n in _CONNECTIVES},
    "GLR": "GL's rule: □Γ, Γ, □A ⇒ A  /  □Γ ⇒ □A",
    "K4R": "K4's rule: □Γ, Γ ⇒ A  /  □Γ ⇒ □A",
    "KR": "K's rule: Γ ⇒ A  /  □Γ ⇒ □A",
}
"""The rules a step may name, with a line for the legend."""


@dataclass(frozen=True)
class Step:
    """One step: a rule name and, optionally, its principal formula."""

    rule: str
    principal: Formula | None = None
    text: str = ""


def parse_step(text: str) -> Step:
    """`"GLR []p"` → Step("GLR", □p): the rule, then the formula (optional)."""
    from lobkit.syntax import parse

    rule, _, rest = text.strip().partition(" ")
    if rule not in RULES:
        raise InputError(f"unknown rule {rule!r}; the rules are {', '.join(RULES)}", "step")
    principal = parse(rest, source="<step>") if rest.strip() else None
    return Step(rule, principal, text.strip())


def _show(seq: _Seq) -> str:
    from lobkit.syntax.printers import to_unicode

    left = ", ".join(sorted(to_unicode(f) for f in seq[0]))
    right = ", ".join(sorted(to_unicode(f) for f in seq[1]))
    return f"{left} ⇒ {right}".strip()


def _premises(rule: str, p: Formula, seq: _Seq, logic: Logic) -> list[_Seq]:
    """The premises of `rule` with principal `p` on `seq` (the kernel's rules, maximal
    contexts for the modal rule)."""
    left, right = seq
    if rule in ("Ax", "L-bot", "R-top"):
        return []
    if rule in ("GLR", "K4R", "KR"):
        theory, body = p.label, p.args[0]
        boxes = frozenset(f for f in left if f.op == BOX)
        allowed = {f.args[0] for f in boxes if logic.extends_theory(theory, f.label)}
        if rule != "KR":
            allowed |= boxes
        if rule == "GLR":
            allowed.add(p)
        return [(frozenset(allowed), frozenset({body}))]
    side, _, name = rule.partition("-")
    a = p.args[0]
    b = p.args[1] if len(p.args) > 1 else a
    if side == "L":
        g = left - {p}
        return {
            "not": [(g, right | {a})],
            "and": [(g | {a, b}, right)],
            "or": [(g | {a}, right), (g | {b}, right)],
            "imp": [(g, right | {a}), (g | {b}, right)],
            "iff": [(g | {a, b}, right), (g, right | {a, b})],
        }[name]
    d = right - {p}
    return {
        "not": [(left | {a}, d)],
        "and": [(left, d | {a}), (left, d | {b})],
        "or": [(left, d | {a, b})],
        "imp": [(left | {a}, d | {b})],
        "iff": [(left | {a}, d | {b}), (left | {b}, d | {a})],
    }[name]


def _fits(rule: str, f: Formula, seq: _Seq) -> bool:
    """Whether `f` can be the principal formula of `rule` in `seq` (side and shape)."""
    left, right = seq
    if rule == "Ax":
        return f in left and f in right
    if rule == "L-bot":
        return f in left and f.op == BOT
    if rule == "R-top":
        return f in right and f.op == TOP
    if rule in ("GLR", "K4R", "KR"):
        return f in right and f.op == BOX
    side, _, name = rule.partition("-")
    return (f in (left if side == "L" else right)) and f.op == _CONNECTIVES[name]


def _principal(step: Step, seq: _Seq, logic: Logic) -> Formula:
    """The step's principal formula in `seq`, or an `InputError` saying why none fits."""
    modal = MODAL_RULE.get(logic.frame)
    if step.rule in ("GLR", "K4R", "KR") and step.rule != modal:
        raise InputError(f"{step.rule} is not a rule of {logic.frame}; its modal rule is {modal}")
    if step.principal is not None:
        p = without_diamonds(step.principal)
        if not _fits(step.rule, p, seq):
            raise InputError(f"{step.rule} does not apply to that formula in {_show(seq)}")
        return p
    candidates = sorted(
        (f for f in seq[0] | seq[1] if _fits(step.rule, f, seq)), key=lambda f: str(f)
    )
    if not candidates:
        raise InputError(f"{step.rule} applies to no formula of {_show(seq)}")
    if len(candidates) > 1:
        raise InputError(f"{step.rule} fits several formulas of {_show(seq)}: name one")
    return candidates[0]


@dataclass
class _Slot:
    """An open sequent, then either a student's step (with the slots of its premises) or the
    search's proof of it."""

    seq: _Seq
    rule: str | None = None
    principal: Formula | None = None
    children: list[_Slot] = field(default_factory=list)
    proof: Proof | None = None


@dataclass(frozen=True)
class StepsOutcome:
    """The kernel's judgement of the steps: `correct`, the `message` why, and on a premise
    the logic cannot prove, that `sequent` and its `countermodel`. `applied` lists each step
    with the sequent it was applied to."""

    correct: bool
    message: str
    applied: tuple[str, ...] = ()
    sequent: str | None = None
    countermodel: Countermodel | None = None
    proof_size: int = 0


def check_steps(
    goal: Formula, logic: Logic, steps: Sequence[Step], *, timeout: float | None = 10.0
) -> StepsOutcome:
    """Apply `steps` to ⇒ goal, prove what stays open, and have the kernel check it all."""
    from lobkit.formula import conjunction, disjunction, implies
    from lobkit.prover import prove

    if logic.frame not in MODAL_RULE:  # pragma: no cover - every kernel frame has its rule
        raise InputError(f"proof steps are not available in {logic.frame}")
    if not steps:
        raise InputError("name at least the rule at the root (R-imp, GLR, …)")
    target = without_diamonds(goal)
    root = _Slot((frozenset(), frozenset({target})))
    open_slots = [root]
    applied: list[str] = []
    for step in steps:
        if not open_slots:
            raise InputError(f"the step {step.text or step.rule!r} has no open sequent left")
        slot = open_slots.pop(0)
        try:
            p = _principal(step, slot.seq, logic)
        except InputError as error:
            return StepsOutcome(False, f"step {len(applied) + 1}: {error.message}", tuple(applied))
        slot.rule, slot.principal = step.rule, p
        slot.children = [_Slot(s) for s in _premises(step.rule, p, slot.seq, logic)]
        applied.append(f"{step.rule} on {_show(slot.seq)}")
        open_slots[0:0] = slot.children
    for slot in open_slots:
        left, right = slot.seq
        claim = implies(conjunction(sorted(left, key=str)), disjunction(sorted(right, key=str)))
        result = prove(claim, logic, timeout=timeout)
        if not result.valid:
            return StepsOutcome(
                False,
                f"the premise {_show(slot.seq)} is not provable in {logic.frame}: "
                "a countermodel refutes it",
                tuple(applied),
                _show(slot.seq),
                result.countermodel,
            )
        if not isinstance(result.proof, Proof):  # pragma: no cover - GL, K4, K give G3 proofs
            raise InputError(f"the search's proof in {logic.frame} is not a sequent proof")
        slot.proof = result.proof
    nodes: list[ProofNode] = []

    def emit(slot: _Slot) -> int:
        """Post-order: premises' nodes first (indices must precede)."""
        left, right = (tuple(sorted(side, key=str)) for side in slot.seq)
        if slot.proof is not None:
            offset = len(nodes)
            for n in slot.proof.nodes:
                nodes.append(
                    ProofNode(
                        n.rule,
                        n.left,
                        n.right,
                        tuple(i + offset for i in n.premises),
                        n.principal,
                        n.certificate,
                    )
                )
            nodes.append(ProofNode("Taut", left, right, (offset + slot.proof.root,)))
            return len(nodes) - 1
        premises = tuple(emit(child) for child in slot.children)
        nodes.append(ProofNode(str(slot.rule), left, right, premises, slot.principal))
        return len(nodes) - 1

    top = emit(root)
    proof = Proof(tuple(nodes), top, logic)
    try:
        check_proof(proof, logic, goal)
    except ProofError as error:
        return StepsOutcome(False, f"the kernel rejects the proof: {error}", tuple(applied))
    return StepsOutcome(
        True,
        f"the kernel checked the proof ({len(nodes)} rule applications, your "
        f"{len(applied)} step{'s' if len(applied) != 1 else ''} at the root)",
        tuple(applied),
        proof_size=len(nodes),
    )
