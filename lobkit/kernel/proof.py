"""Proof certificates as data: a DAG of sequent-calculus rule applications.

Calculus (sequents are pairs of *sets*; Troelstra & Schwichtenberg's G3cp for the connectives):

* axioms ``Ax`` (a formula on both sides), ``L-bot`` (⊥ left), ``R-top`` (⊤ right);
* one left and one right rule per connective ¬ ∧ ∨ → ↔, all invertible;
* ``W`` (weakening: the premise's sides are subsets of the conclusion's);
* ``Premise``: from Γ, P ⇒ Δ infer Γ ⇒ Δ when P is a global premise of the logic;
* the modal rule of the frame for the box [T] (Sambin & Valentini's G3GL, indexed):
  ``GLR``: □Γ, Γ_T, [T]A ⇒ A  /  Σ, □Γ ⇒ [T]A, Δ; ``K4R`` drops [T]A from the premise and
  ``KR`` keeps only Γ_T, where Γ_T are the bodies of the boxes [S]B with T extending S;
* ``Taut``: from proved sequents Π₁ ⇒ Σ₁, … infer Γ ⇒ Δ when Γ, ¬Δ and the premises' clauses
  are propositionally unsatisfiable (boxes as atoms), shown by a RUP certificate
  (`lobkit.kernel.taut`): cut and propositional reasoning in one step, so that proofs grow
  with the search's learned lemmas rather than with a cut-free tree.

Diamonds are not primitive: ``<T>A`` is read as ``~[T]~A`` throughout a proof. This module
holds only the data; `lobkit.kernel.proof_checker` checks it, `lobkit.prover.build` builds it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from lobkit.errors import InputError
from lobkit.formula import Displayable, Formula
from lobkit.kernel.logic import Logic

__all__ = ["ProofNode", "Proof", "MODAL_RULE", "JSON_VERSION"]

MODAL_RULE = {"GL": "GLR", "K4": "K4R", "K": "KR"}


@dataclass(frozen=True)
class ProofNode:
    """One rule application: its conclusion, the principal formula, the premises' indices;
    a `Taut` node also carries its RUP `certificate` (see `lobkit.kernel.taut`)."""

    rule: str
    left: tuple[Formula, ...]
    right: tuple[Formula, ...]
    premises: tuple[int, ...] = ()
    principal: Formula | None = None
    certificate: tuple[tuple[int, ...], ...] = ()


#: The version of `Proof.to_json`'s shape; `Proof.from_json` reads this one. Version 1 (no
#: `"version"` key) printed every formula occurrence as its text.
JSON_VERSION = 2


class _Table(dict[Formula, int]):
    """Formula -> its index in the JSON formula table, every sub-formula entered once (before
    the formulas built on it) on first lookup. A C-level dict hit per occurrence afterwards."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict[str, Any]] = []

    def __missing__(self, formula: Formula) -> int:
        entries = self.entries
        stack = [formula]
        while stack:  # explicit stack: a 10,000-deep formula is fine
            node = stack[-1]
            if node in self:
                stack.pop()
                continue
            pending = [a for a in node.args if a not in self]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            entry: dict[str, Any] = {"op": node.op, "args": [self[a] for a in node.args]}
            if node.label is not None:
                entry["label"] = node.label
            dict.__setitem__(self, node, len(entries))
            entries.append(entry)
        return dict.__getitem__(self, formula)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a JSON document of many small lists and dicts is
    built: each would count toward a collection that walks the whole heap (a third of the
    build time on a big proof), and none of them can form a cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index(value: object, bound: int, what: str) -> int:
    if type(value) is not int or not 0 <= value < bound:
        raise InputError(f"proof JSON: {what} {value!r} is not an index below {bound}")
    return value


def _indices(value: object, bound: int, what: str) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise InputError(f"proof JSON: {what} must be a list of indices, not {value!r}")
    return tuple(_index(v, bound, what) for v in value)


def _clause(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or any(type(v) is not int for v in value):
        raise InputError(f"proof JSON: a certificate step must be a list of integers: {value!r}")
    return tuple(value)


@dataclass(frozen=True)
class Proof(Displayable):
    """A derivation as a DAG: `nodes[i].premises` are indices smaller than i; `root` proves
    ``premises-free ⇒ goal`` of `logic` (with `Premise` rules for its global premises)."""

    nodes: tuple[ProofNode, ...]
    root: int
    logic: Logic

    @property
    def size(self) -> int:
        """Number of distinct rule applications."""
        return len(self.nodes)

    @property
    def conclusion(self) -> tuple[tuple[Formula, ...], tuple[Formula, ...]]:
        node = self.nodes[self.root]
        return node.left, node.right

    def to_json(self) -> dict[str, Any]:
        """`{"version": 2, "formulas": [...], "nodes": [...], "root": i}` (docs/prover.md).

        `formulas` is the table of every distinct formula and sub-formula of the proof, each
        once, sub-formulas first: `{"op", "args": [indices], "label"?}` (the node shape of
        `lobkit parse`'s `"tree"`). A node `{"rule", "left", "right", "premises",
        "principal"}` names its formulas by their index in that table; a `Taut` node adds
        `"certificate"` (its RUP clauses). Time and output are linear in the proof's nodes
        and formula occurrences plus the formulas' DAG — never occurrences times formula size.
        """
        table = _Table()
        ref = table.__getitem__  # a C-level hit per occurrence once a formula is entered
        nodes = []
        with _collector_paused():
            for n in self.nodes:
                item: dict[str, Any] = {
                    "rule": n.rule,
                    "left": list(map(ref, n.left)),
                    "right": list(map(ref, n.right)),
                    "premises": list(n.premises),
                    "principal": None if n.principal is None else ref(n.principal),
                }
                if n.rule == "Taut":
                    item["certificate"] = [list(c) for c in n.certificate]
                nodes.append(item)
        return {
            "version": JSON_VERSION,
            "formulas": table.entries,
            "nodes": nodes,
            "root": self.root,
        }

    def json_text(self) -> str:
        """`json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))`: the same
        text, written directly — no dict or list per node for the encoder to walk, and each
        formula's index printed once (about 2.5× faster than building and encoding
        `to_json()` on a big proof). What `lobkit prove --format json` prints for a big proof.
        """
        import json  # (only when printing: checking a proof never needs it)

        table = _Table()
        ref = table.__getitem__
        # id(formula) -> its index as text: id and the int-keyed dict are C-level (a Formula's
        # hash is a Python method); ids are stable while `self` holds its formulas.
        known: dict[int, str] = {}
        get = known.__getitem__

        def enter(formula: Formula) -> str:
            text = known.get(id(formula))
            if text is None:
                text = known[id(formula)] = str(ref(formula))
            return text

        compact = {"ensure_ascii": False, "separators": (",", ":")}
        rules: dict[str, str] = {}
        parts: list[str] = []
        for n in self.nodes:
            try:
                left = ",".join(map(get, map(id, n.left)))
            except KeyError:  # a formula seen for the first time: enter it (in order)
                left = ",".join(map(enter, n.left))
            try:
                right = ",".join(map(get, map(id, n.right)))
            except KeyError:
                right = ",".join(map(enter, n.right))
            rule = rules.get(n.rule)
            if rule is None:
                rule = rules[n.rule] = json.dumps(n.rule, **compact)  # type: ignore[arg-type]
            principal = "null" if n.principal is None else enter(n.principal)
            premises = ",".join(map(str, n.premises))
            end = "}"
            if n.rule == "Taut":
                steps = [list(c) for c in n.certificate]
                end = ',"certificate":' + json.dumps(steps, **compact) + "}"  # type: ignore[arg-type]
            parts.append(
                f'{{"rule":{rule},"left":[{left}],"right":[{right}],'
                f'"premises":[{premises}],"principal":{principal}{end}'
            )
        formulas = json.dumps(table.entries, **compact)  # type: ignore[arg-type]
        return (
            f'{{"version":{JSON_VERSION},"formulas":{formulas},"nodes":[{",".join(parts)}],'
            f'"root":{self.root}}}'
        )

    @classmethod
    def from_json(cls, data: Any, logic: Logic | str) -> Proof:
        """The proof `to_json` printed, for `logic` (the document's `"logic"`, `"extends"`
        and `"premises"`: the JSON of a proof does not repeat them). Checks the shape only
        (indices in range, known operators, `InputError` otherwise); whether the proof is
        correct is the kernel's question: `check_proof(Proof.from_json(...), logic, goal)`."""
        if not isinstance(data, dict) or data.get("version") != JSON_VERSION:
            found = data.get("version") if isinstance(data, dict) else type(data).__name__
            raise InputError(f"proof JSON: expected version {JSON_VERSION}, found {found!r}")
        try:
            formulas: list[Formula] = []
            for k, entry in enumerate(data["formulas"]):
                args = tuple(formulas[i] for i in _indices(entry["args"], k, "sub-formula"))
                label, op = entry.get("label"), entry["op"]
                labelled = op in ("atom", "box", "dia")  # an atom's name, a box's theory
                if not (label is None or (labelled and isinstance(label, str) and label)) or (
                    op == "atom" and label is None
                ):
                    raise InputError(f"proof JSON: formula {k} ({op!r}) has label {label!r}")
                try:
                    formulas.append(Formula(op, args, label))
                except ValueError as error:
                    raise InputError(f"proof JSON: formula {k}: {error}") from None
            count = len(formulas)

            def sequent(value: object) -> tuple[Formula, ...]:
                return tuple(formulas[i] for i in _indices(value, count, "formula"))

            nodes = []
            for i, item in enumerate(data["nodes"]):
                principal = item.get("principal")
                certificate = item.get("certificate", [])
                if not isinstance(item["rule"], str) or not isinstance(certificate, list):
                    raise InputError(f"proof JSON: node {i} is malformed")
                nodes.append(
                    ProofNode(
                        rule=item["rule"],
                        left=sequent(item["left"]),
                        right=sequent(item["right"]),
                        premises=_indices(item["premises"], i, "premise"),
                        principal=None
                        if principal is None
                        else formulas[_index(principal, count, "principal")],
                        certificate=tuple(_clause(c) for c in certificate),
                    )
                )
            root = _index(data["root"], len(nodes), "root")
        except (KeyError, TypeError, AttributeError) as error:
            raise InputError(f"proof JSON: malformed ({type(error).__name__}: {error})") from None
        return cls(tuple(nodes), root, Logic.coerce(logic))

    def render_text(self) -> str:
        """The proof as an indented text tree (`str(proof)`; drawn by
        `lobkit.render.proof_text`, found through `lobkit.display`)."""
        return str(self)

    def to_latex(self) -> str:
        """bussproofs source of the proof (`lobkit.render.proof_text`)."""
        return str(self.render_as("latex"))
