"""An independent proof checker: every rule application of a `Proof` is validated here.

This module does not use the search or the proof construction: it knows the rules of the
calculus (G3cp with sets, weakening, global premises, `Taut` — propositional reasoning with
a RUP certificate, `lobkit.kernel.taut` — and the modal rule of the frame — GLR
for GL after Sambin & Valentini, the K4 and K rules — for indexed boxes with theory
inclusions) and checks each node's premises against its conclusion. Diamonds are read as
``~[T]~A`` (`without_diamonds`), so the proved sequent must be ``⇒ without_diamonds(goal)``.

Checking is linear in the proof (each node against its premises, each RUP step once) but a
proof may have hundreds of thousands of nodes: `check_proof(..., tick=f)` calls ``f()`` every
256 nodes and inside long RUP certificates, so the caller's deadline or interrupt (``f`` raises)
stops the check too. The kernel takes the callable rather than a clock of its own so that it
stays free of the search's machinery.
"""

from __future__ import annotations

from collections.abc import Callable

from lobkit.errors import ProofError
from lobkit.formula import AND, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula, fold
from lobkit.kernel.logic import Logic
from lobkit.kernel.taut import check_rup, taut_cnf

__all__ = ["check_proof", "without_diamonds"]

_Seq = tuple[frozenset[Formula], frozenset[Formula]]


def without_diamonds(formula: Formula) -> Formula:
    """``<T>A`` read as ``~[T]~A``: written again here, not shared with the search's
    `lobkit.formula.without_diamonds`, so that one bug cannot fool both."""

    def dia(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return Formula(NOT, (Formula(BOX, (Formula(NOT, (args[0],)),), node.label),))

    def same(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return node if args == node.args else Formula(node.op, args, node.label)

    return fold(formula, {DIA: dia}, default=same, name="without_diamonds")


def _expected(
    rule: str, p: Formula, left: frozenset[Formula], right: frozenset[Formula]
) -> list[_Seq] | None:
    """The premises the propositional rule `rule` with principal `p` requires, or None."""
    ops = {"not": NOT, "and": AND, "or": OR, "imp": IMP, "iff": IFF}
    side, _, name = rule.partition("-")
    if name not in ops or p.op != ops[name] or side not in ("L", "R"):
        return None
    a = p.args[0]
    b = p.args[1] if len(p.args) > 1 else a
    if side == "L":
        if p not in left:
            return None
        g = left - {p}
        table = {
            "not": [(g, right | {a})],
            "and": [(g | {a, b}, right)],
            "or": [(g | {a}, right), (g | {b}, right)],
            "imp": [(g, right | {a}), (g | {b}, right)],
            "iff": [(g | {a, b}, right), (g, right | {a, b})],
        }
    else:
        if p not in right:
            return None
        d = right - {p}
        table = {
            "not": [(left | {a}, d)],
            "and": [(left, d | {a}), (left, d | {b})],
            "or": [(left, d | {a, b})],
            "imp": [(left | {a}, d | {b})],
            "iff": [(left | {a}, d | {b}), (left | {b}, d | {a})],
        }
    return table[name]


def check_proof(
    proof: object,
    logic: Logic,
    goal: Formula | None = None,
    *,
    tick: Callable[[], None] | None = None,
) -> None:
    """Raise `ProofError` unless every node of `proof` is a correct rule application of
    `logic` and (when `goal` is given) the root concludes ``⇒ goal``. `tick` (see the module
    doc) is called now and then; whatever it raises stops the check."""
    nodes = proof.nodes  # type: ignore[attr-defined]
    root = proof.root  # type: ignore[attr-defined]
    premises = {without_diamonds(q) for q in logic.premises}
    modal = {"GL": "GLR", "K4": "K4R", "K": "KR"}[logic.frame]
    if not 0 <= root < len(nodes):
        raise ProofError("root index out of range")
    for i, node in enumerate(nodes):
        if tick is not None and i % 256 == 0:
            tick()
        left, right = frozenset(node.left), frozenset(node.right)
        rule, p = node.rule, node.principal

        def fail(why: str, i: int = i, rule: str = rule) -> ProofError:
            return ProofError(f"node {i} ({rule}): {why}")

        if node.certificate and rule != "Taut":
            raise fail("only a Taut node carries a certificate")
        if len(left) != len(node.left) or len(right) != len(node.right):
            raise fail("repeated formula in a side")
        for j in node.premises:
            if not 0 <= j < i:
                raise fail(f"premise index {j} does not precede the node")
        prem = (  # (a Taut step reads its premises' sides in order, below)
            []
            if rule == "Taut"
            else [(frozenset(nodes[j].left), frozenset(nodes[j].right)) for j in node.premises]
        )
        if rule == "Ax":
            if prem or p is None or p not in left or p not in right:
                raise fail("the principal formula must be on both sides, with no premises")
        elif rule == "L-bot":
            if prem or p is None or p.op != BOT or p not in left:
                raise fail("⊥ must be on the left")
        elif rule == "R-top":
            if prem or p is None or p.op != TOP or p not in right:
                raise fail("⊤ must be on the right")
        elif rule == "W":
            if len(prem) != 1 or not (prem[0][0] <= left and prem[0][1] <= right):
                raise fail("the premise must be a sub-sequent of the conclusion")
        elif rule == "Premise":
            if p is None or p not in premises:
                raise fail("the added formula is not a global premise")
            if len(prem) != 1 or prem[0] != (left | {p}, right):
                raise fail("the premise must be the conclusion with the global premise added")
        elif rule == "Taut":
            if p is not None:
                raise fail("a Taut node has no principal formula")
            # The premises' sides in the proof's own order, not `prem`'s frozensets: taut_cnf
            # numbers variables by first occurrence, and a set's iteration order follows
            # PYTHONHASHSEED, so a certificate must not depend on it (same clauses either way).
            ordered = [(nodes[j].left, nodes[j].right) for j in node.premises]
            cnf = taut_cnf(node.left, node.right, ordered)
            try:
                check_rup(cnf.clauses, cnf.nvars, node.certificate, tick)
            except ProofError as error:
                raise fail(str(error)) from None
        elif rule in ("GLR", "K4R", "KR"):
            if rule != modal:
                raise fail(f"{rule} is not the modal rule of {logic.frame}")
            if p is None or p.op != BOX or p not in right or len(prem) != 1:
                raise fail("the principal formula must be a box on the right, one premise")
            theory, body = p.label, p.args[0]
            boxes = frozenset(f for f in left if f.op == BOX)
            allowed = {f.args[0] for f in boxes if logic.extends_theory(theory, f.label)}
            if rule != "KR":
                allowed |= boxes
            if rule == "GLR":
                allowed.add(p)
            pl, pr = prem[0]
            if not pl <= allowed or not pr <= {body}:
                raise fail("the premise is not the rule's premise for this box")
        else:
            if p is None:
                raise fail("unknown rule or missing principal formula")
            expected = _expected(rule, p, left, right)
            if expected is None:
                raise fail("unknown rule or principal formula of the wrong shape or side")
            if prem != expected:
                raise fail("the premises do not match the rule")
    if goal is not None:
        node = nodes[root]
        if node.left or tuple(node.right) != (without_diamonds(goal),):
            raise ProofError("the root does not conclude ⇒ goal")
