"""Labelled sequent proofs for the modal cube's logics and Grz, and their checker (trusted kernel).

The calculus is Negri's G3K* (*Proof analysis in modal logic*, J. Phil. Logic 34, 2005): a
sequent ``𝓡, Γ ⇒ Δ`` has relational atoms ``xRy`` and labelled formulas ``x:A``; a model
with an assignment of worlds to labels refutes it when every atom and every formula of Γ holds
and every formula of Δ fails. A rule is sound when a refutation of its conclusion yields one of
a premise. Sequents are sets and the rules are cumulative (Kleene's style: a premise is its
conclusion plus what the rule adds), so the search can keep everything it derived:

* ``Ax`` (x:A on both sides), ``L-bot``, ``R-top``; ``W`` (the premise is a sub-sequent);
* one left and one right rule per connective ¬ ∧ ∨ → ↔ at a label, as in G3cp;
* ``L-box``: from ``xRy``, ``x:□A`` on the left, add ``y:A`` on the left;
* ``R-box``: ``x:□A`` on the right, ``y`` fresh: add ``xRy`` and ``y:A`` on the right;
* frame rules (Negri's geometric rules), each adding one relational atom: ``Ref`` (xRx),
  ``Sym`` (yRx from xRy), ``Trans`` (xRz from xRy, yRz), ``Eucl`` (yRz from xRy, xRz),
  ``Ser`` (xRy, y fresh);
* ``L-box4`` (transitive logics): from ``xRy``, ``x:□A`` on the left, add ``y:□A`` on the
  left — sound because a transitive frame makes □A true at y whenever it is at x;
* ``R-box-Grz`` (Grz): ``x:□A`` on the right, ``y`` fresh: add ``xRy``, ``y:□(A → □A)`` on the
  left and ``y:A`` on the right. Sound on reflexive transitive frames with no infinite strictly
  ascending chain: the last ¬A world above x satisfies □(A → □A) (Dyckhoff & Negri, *A cut-free
  sequent system for Grzegorczyk logic*, J. Logic Comput. 26, 2016, use this reading).

`RULES_OF` says which frame rules each logic may use: their frame conditions are the logic's
frame class (`lobkit.kernel.frames.CONDITIONS`). Diamonds are read as ``~[]~A``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lobkit.errors import InputError, ProofError
from lobkit.formula import AND, BOT, BOX, IFF, IMP, NOT, OR, TOP, Displayable, Formula
from lobkit.kernel.proof_checker import without_diamonds

__all__ = ["LabelledNode", "LabelledProof", "RULES_OF", "check_labelled_proof"]

LFormula = tuple[str, Formula]
Pair = tuple[str, str]

#: The frame rules (and modal variants) each logic of the labelled calculus may use.
RULES_OF: dict[str, frozenset[str]] = {
    "K": frozenset(),
    "D": frozenset({"Ser"}),
    "T": frozenset({"Ref"}),
    "B": frozenset({"Ref", "Sym"}),
    "K4": frozenset({"Trans", "L-box4"}),
    "K5": frozenset({"Eucl"}),
    "KD45": frozenset({"Ser", "Trans", "Eucl", "L-box4"}),
    "S4": frozenset({"Ref", "Trans", "L-box4"}),
    "S5": frozenset({"Ref", "Sym", "Trans", "Eucl", "L-box4"}),
    "Grz": frozenset({"Ref", "Trans", "L-box4", "R-box-Grz"}),
}


@dataclass(frozen=True)
class LabelledNode:
    """One rule application: its conclusion ``relation, left ⇒ right``, the premises' indices,
    the principal labelled formula, and `worlds` — the labels the rule names (the relational
    atoms it uses and the fresh label it introduces, in the order the rule lists them)."""

    rule: str
    relation: frozenset[Pair]
    left: frozenset[LFormula]
    right: frozenset[LFormula]
    premises: tuple[int, ...] = ()
    principal: LFormula | None = None
    worlds: tuple[str, ...] = ()


def _labels(node: LabelledNode) -> set[str]:
    out = {w for pair in node.relation for w in pair}
    out.update(x for x, _ in node.left)
    out.update(x for x, _ in node.right)
    return out


_Seq = tuple[frozenset[Pair], frozenset[LFormula], frozenset[LFormula]]


_Adds = list[tuple[set[LFormula], set[LFormula]]]


def _propositional(rule: str, p: LFormula, seq: _Seq) -> _Adds | None:
    """What each premise of a propositional rule adds (left, right), or None if misapplied."""
    ops = {"not": NOT, "and": AND, "or": OR, "imp": IMP, "iff": IFF}
    side, _, name = rule.partition("-")
    x, f = p
    if name not in ops or f.op != ops[name] or side not in ("L", "R"):
        return None
    a = (x, f.args[0])
    b = (x, f.args[1] if len(f.args) > 1 else f.args[0])
    if side == "L":
        if p not in seq[1]:
            return None
        table: dict[str, _Adds] = {
            "not": [(set(), {a})],
            "and": [({a, b}, set())],
            "or": [({a}, set()), ({b}, set())],
            "imp": [(set(), {a}), ({b}, set())],
            "iff": [({a, b}, set()), (set(), {a, b})],
        }
        return table[name]
    if p not in seq[2]:
        return None
    right: dict[str, _Adds] = {
        "not": [({a}, set())],
        "and": [(set(), {a}), (set(), {b})],
        "or": [(set(), {a, b})],
        "imp": [({a}, {b})],
        "iff": [({a}, {b}), ({b}, {a})],
    }
    return right[name]


def _grz_body(body: Formula) -> Formula:
    """□(A → □A), the formula `R-box-Grz` assumes at the fresh world."""
    return Formula(BOX, (Formula(IMP, (body, Formula(BOX, (body,)))),))


def _node_error(node: LabelledNode, prem: list[_Seq], allowed: frozenset[str], logic: str) -> str:
    """Why `node` with premises `prem` is not a rule application of the calculus ('' if it is)."""
    rule, p, w = node.rule, node.principal, node.worlds
    seq: _Seq = (node.relation, node.left, node.right)

    def one(rel: set[Pair], lft: set[LFormula], rgt: set[LFormula]) -> bool:
        return prem == [(seq[0] | rel, seq[1] | lft, seq[2] | rgt)]

    if rule in ("Ref", "Sym", "Trans", "Eucl", "Ser", "L-box4", "R-box-Grz"):
        if rule not in allowed:
            return f"{rule} is not a rule of {logic}"
    if rule == "Ax":
        if prem or p is None or p not in seq[1] or p not in seq[2]:
            return "the principal formula must be on both sides, with no premises"
    elif rule == "L-bot":
        if prem or p is None or p[1].op != BOT or p not in seq[1]:
            return "⊥ must be on the left"
    elif rule == "R-top":
        if prem or p is None or p[1].op != TOP or p not in seq[2]:
            return "⊤ must be on the right"
    elif rule == "W":
        if len(prem) != 1 or not all(a <= b for a, b in zip(prem[0], seq, strict=True)):
            return "the premise must be a sub-sequent of the conclusion"
    elif rule in ("L-box", "L-box4"):
        if p is None or p[1].op != BOX or p not in seq[1] or len(w) != 2 or w[0] != p[0]:
            return "the principal must be x:□A on the left, the worlds x, y"
        if (w[0], w[1]) not in seq[0]:
            return f"the relational atom {w[0]}R{w[1]} is not in the conclusion"
        added = p[1].args[0] if rule == "L-box" else p[1]
        if not one(set(), {(w[1], added)}, set()):
            return "the premise must add y:A on the left"
    elif rule in ("R-box", "R-box-Grz"):
        if p is None or p[1].op != BOX or p not in seq[2] or len(w) != 2 or w[0] != p[0]:
            return "the principal must be x:□A on the right, the worlds x, y"
        if w[1] in _labels(node):
            return f"the eigenvariable {w[1]!r} is not fresh"
        body = p[1].args[0]
        lft = {(w[1], _grz_body(body))} if rule == "R-box-Grz" else set()
        if not one({(w[0], w[1])}, lft, {(w[1], body)}):
            return "the premise must add xRy and y:A"
    elif rule == "Ref":
        if len(w) != 1 or not one({(w[0], w[0])}, set(), set()):
            return "the premise must add xRx"
    elif rule == "Sym":
        if len(w) != 2 or (w[0], w[1]) not in seq[0] or not one({(w[1], w[0])}, set(), set()):
            return "from xRy the premise must add yRx"
    elif rule == "Trans":
        if len(w) != 3 or (w[0], w[1]) not in seq[0] or (w[1], w[2]) not in seq[0]:
            return "Trans needs xRy and yRz in the conclusion"
        if not one({(w[0], w[2])}, set(), set()):
            return "the premise must add xRz"
    elif rule == "Eucl":
        if len(w) != 3 or (w[0], w[1]) not in seq[0] or (w[0], w[2]) not in seq[0]:
            return "Eucl needs xRy and xRz in the conclusion"
        if not one({(w[1], w[2])}, set(), set()):
            return "the premise must add yRz"
    elif rule == "Ser":
        if len(w) != 2:
            return "Ser names the world x and the fresh y"
        if w[1] in _labels(node):
            return f"Ser: the label {w[1]!r} is not fresh"
        if not one({(w[0], w[1])}, set(), set()):
            return "the premise must add xRy"
    else:
        if p is None:
            return "unknown rule or missing principal formula"
        adds = _propositional(rule, p, seq)
        if adds is None:
            return "unknown rule or principal formula of the wrong shape or side"
        if prem != [(seq[0], seq[1] | lft, seq[2] | rgt) for lft, rgt in adds]:
            return "the premises do not match the rule"
    return ""


def check_labelled_proof(
    proof: LabelledProof,
    goal: Formula | None = None,
    *,
    tick: Callable[[], None] | None = None,
) -> None:
    """Raise `ProofError` unless every node of `proof` is a correct rule application of the
    labelled calculus of `proof.logic` and (when `goal` is given) the root concludes
    ``⇒ w:goal`` for one label w with no relational atoms."""
    allowed = RULES_OF.get(proof.logic)
    if allowed is None:
        raise ProofError(f"the labelled calculus has no logic {proof.logic!r}")
    nodes = proof.nodes
    if not 0 <= proof.root < len(nodes):
        raise ProofError("root index out of range")
    for i, node in enumerate(nodes):
        if tick is not None and i % 256 == 0:
            tick()
        for j in node.premises:
            if not 0 <= j < i:
                raise ProofError(f"node {i} ({node.rule}): premise {j} does not precede the node")
        prem = [(nodes[j].relation, nodes[j].left, nodes[j].right) for j in node.premises]
        why = _node_error(node, prem, allowed, proof.logic)
        if why:
            raise ProofError(f"node {i} ({node.rule}): {why}")
    if goal is not None:
        root = nodes[proof.root]
        target = without_diamonds(goal)
        if root.relation or root.left or len(root.right) != 1:
            raise ProofError("the root does not conclude ⇒ x:goal")
        ((_, concluded),) = root.right
        if concluded != target:
            raise ProofError("the root does not conclude ⇒ x:goal")


@dataclass(frozen=True)
class LabelledProof(Displayable):
    """A labelled derivation as a DAG (`nodes[i].premises` precede i) in the calculus of
    `logic` (a name of `RULES_OF`); `root` concludes ``⇒ w0:goal``."""

    nodes: tuple[LabelledNode, ...]
    root: int
    logic: str

    @property
    def size(self) -> int:
        """Number of distinct rule applications."""
        return len(self.nodes)

    def to_json(self) -> dict[str, Any]:
        """`{"calculus": "labelled", "formulas": [...], "nodes": [...], "root": i}`: formulas
        by index into the table (sub-formulas first), a labelled formula as ``[label, i]``."""
        table: dict[Formula, int] = {}
        entries: list[dict[str, Any]] = []

        def ref(formula: Formula) -> int:
            found = table.get(formula)
            if found is not None:
                return found
            args = [ref(a) for a in formula.args]
            entry: dict[str, Any] = {"op": formula.op, "args": args}
            if formula.label is not None:
                entry["label"] = formula.label
            table[formula] = len(entries)
            entries.append(entry)
            return table[formula]

        def side(items: frozenset[LFormula]) -> list[list[Any]]:
            return sorted(([x, ref(f)] for x, f in items), key=lambda e: (e[1], e[0]))

        nodes = []
        for n in self.nodes:
            nodes.append(
                {
                    "rule": n.rule,
                    "relation": sorted([a, b] for a, b in n.relation),
                    "left": side(n.left),
                    "right": side(n.right),
                    "premises": list(n.premises),
                    "principal": None
                    if n.principal is None
                    else [n.principal[0], ref(n.principal[1])],
                    "worlds": list(n.worlds),
                }
            )
        return {"calculus": "labelled", "formulas": entries, "nodes": nodes, "root": self.root}

    @classmethod
    def from_json(cls, data: Any, logic: str) -> LabelledProof:
        """The proof `to_json` printed (shape checks only: `InputError`); whether it is a proof
        is `check_labelled_proof`'s question."""
        try:
            if data.get("calculus") != "labelled":
                raise InputError("proof JSON: not a labelled proof")
            formulas: list[Formula] = []
            for k, entry in enumerate(data["formulas"]):
                args = tuple(formulas[i] for i in entry["args"] if 0 <= i < k)
                if len(args) != len(entry["args"]):
                    raise InputError(f"proof JSON: formula {k} names a later formula")
                formulas.append(Formula(entry["op"], args, entry.get("label")))

            def lab(item: Any) -> LFormula:
                x, i = item
                if not isinstance(x, str) or type(i) is not int or not 0 <= i < len(formulas):
                    raise InputError(f"proof JSON: bad labelled formula {item!r}")
                return (x, formulas[i])

            nodes = []
            for item in data["nodes"]:
                principal = item["principal"]
                nodes.append(
                    LabelledNode(
                        rule=str(item["rule"]),
                        relation=frozenset((str(a), str(b)) for a, b in item["relation"]),
                        left=frozenset(map(lab, item["left"])),
                        right=frozenset(map(lab, item["right"])),
                        premises=tuple(int(j) for j in item["premises"]),
                        principal=None if principal is None else lab(principal),
                        worlds=tuple(str(x) for x in item["worlds"]),
                    )
                )
            root = data["root"]
            if type(root) is not int:
                raise InputError("proof JSON: the root must be an index")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise InputError(f"proof JSON: malformed ({type(error).__name__}: {error})") from None
        return cls(tuple(nodes), root, logic)

    def render_text(self) -> str:
        """The proof as indented text (`str(proof)`; drawn by `lobkit.render.proof_text`,
        found through `lobkit.display`)."""
        return str(self)

    def json_text(self) -> str:
        import json  # (only when printing)

        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
