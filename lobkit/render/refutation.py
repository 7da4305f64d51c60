"""Why a countermodel refutes its formula: what every renderer writes beside the picture.

For each world, the formula's subformulas that are worth reading there (boxes and diamonds
first, then the other compound ones, atoms last) with their truth value, computed by the
independent model checker `lobkit.kernel.truth_set`; and the *refutation chain*: starting from
the formula false at the root, each step names the subformula that makes the previous one
fail (the false consequent of an implication, a false conjunct, a successor where a boxed body
fails), down to an atom or a constant. The last link is the "failing subformula" the pictures
mark in red, the first world the refuting world.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lobkit.formula import (
    AND,
    ATOM,
    BOT,
    BOX,
    DIA,
    IFF,
    IMP,
    MODAL,
    NOT,
    OR,
    TOP,
    Formula,
    UnhandledOperator,
    postorder,
)
from lobkit.kernel.kripke import KripkeModel, truth_set, truth_sets
from lobkit.syntax.printers import to_unicode

__all__ = [
    "Explanation",
    "Link",
    "explain",
    "shorten",
    "step_edges",
    "closure_edges",
    "inclusions",
    "CHAIN_LIMIT",
]

Edge = tuple[str, str | None, str]


@dataclass(frozen=True)
class Link:
    """One step of the refutation chain: `formula` has truth `value` at `world`, because …"""

    world: str
    formula: Formula
    value: bool
    reason: str


@dataclass(frozen=True)
class Explanation:
    """What the renderers annotate: `rows[w]` are (subformula, truth) pairs shown at world w."""

    formula: Formula | None
    logic: str
    rows: dict[str, list[tuple[Formula, bool]]]
    chain: tuple[Link, ...]
    refuting: str
    hidden: int  # subformulas per world left out of `rows` (the text lists say how many)
    complete: bool = True  # False: the chain reached CHAIN_LIMIT links and says so
    more: dict[str, int] = field(default_factory=dict)  # per world: chain rows past the cap

    @property
    def failing(self) -> Link | None:
        """The last link: the atom or constant where the refutation bottoms out."""
        return self.chain[-1] if self.chain else None

    def marks(self) -> dict[str, set[Formula]]:
        """Per world, the subformulas on the refutation chain (drawn highlighted)."""
        out: dict[str, set[Formula]] = {}
        for link in self.chain:
            out.setdefault(link.world, set()).add(link.formula)
        return out

    def sentences(self, width: int = 100) -> list[str]:
        """The chain as sentences for people: 'w0 ⊭ □p → p: …'; a chain cut at its limit
        ends with a sentence saying so (an explanation never stops silently)."""
        out = [
            f"{link.world} {'⊨' if link.value else '⊭'} {shorten(to_unicode(link.formula), width)}"
            + (f": {link.reason}" if link.reason else "")
            for link in self.chain
        ]
        if not self.complete:
            out.append(f"… stopped after {len(self.chain)} steps (the explanation's limit)")
        return out


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis (long formulas in small boxes)."""
    return text if len(text) <= width else text[: width - 1] + "…"


# What the rows show first: boxes and diamonds (0), other compound formulas (1), atoms and
# constants (2); shorter before longer within a group.
_GROUP = {BOX: 0, DIA: 0, ATOM: 2, TOP: 2, BOT: 2}


CHAIN_LIMIT = 200  # links of a refutation chain; a longer one ends with a sentence saying so
_FOCUS_WORLDS = 8  # above this many worlds a box shows only what the refutation uses
_PRINT_UP_TO = 256  # nodes; a larger formula prints longer than any smaller one could need


def _ranks(formulas: Iterable[Formula]) -> dict[Formula, tuple[int, int]]:
    """Row order: boxes first, then connectives, then atoms; shorter printed text first.

    Printing every sub-formula would be quadratic (a formula nested n deep has sub-formulas of
    every size up to n), so only those of at most `_PRINT_UP_TO` nodes are printed; a larger
    one prints at least one character per node and is ranked by its node count after them."""
    sizes: dict[Formula, int] = {}
    out: dict[Formula, tuple[int, int]] = {}
    for f in formulas:
        for node in postorder(f, enter=lambda n: n not in sizes):  # each node once overall
            if node not in sizes:
                sizes[node] = 1 + sum(sizes[a] for a in node.args)
        size = sizes[f]
        length = len(to_unicode(f)) if size <= _PRINT_UP_TO else _PRINT_UP_TO * 64 + size
        out[f] = (_GROUP.get(f.op, 1), length)
    return out


def explain(
    model: KripkeModel,
    root: str,
    formula: Formula | None,
    *,
    logic: str = "GL",
    premises: Iterable[Formula] = (),
    per_world: int = 6,
) -> Explanation:
    """The annotations of `model` (rooted at `root`) as a countermodel to `formula`.

    Without a formula (a model built by hand) the rows stay empty and there is no chain.
    `per_world` caps the rows shown at each world; atoms are shown by the valuation already
    and only enter the rows when they are on the chain. A model of more than `_FOCUS_WORLDS`
    worlds shows at each world only the subformulas its refutation chain uses (the HTML
    lists the others behind a click), so a 20-world picture stays legible. The inner nodes of
    a chain of conjunctions (or disjunctions) are never rows: `a ∧ b ∧ c` is one row, not
    also its prefix `a ∧ b`.
    """
    if formula is None:
        return Explanation(None, logic, {w: [] for w in model.worlds}, (), root, 0)
    subs = [f for f in postorder(formula) if f.op not in (ATOM, TOP, BOT)]
    for p in premises:
        subs.extend(f for f in postorder(p) if f.op in MODAL and f not in subs)
    inner = {a for f in subs if f.op in (AND, OR) for a in f.args if a.op == f.op}
    subs = [f for f in dict.fromkeys(subs) if f not in inner]
    rank = _ranks(subs)
    subs.sort(key=rank.__getitem__)
    truth = truth_sets(model, formula)
    for p in premises:
        truth.update(truth_sets(model, p))
    links, complete = _chain(model, root, formula)
    chain = tuple(links)
    marked = {(link.world, link.formula) for link in chain}
    focus = len(model.worlds) > _FOCUS_WORLDS
    rows: dict[str, list[tuple[Formula, bool]]] = {}
    more: dict[str, int] = {}
    hidden = 0
    for w in model.worlds:
        on_chain = [link.formula for link in chain if link.world == w]
        chosen = list(dict.fromkeys(on_chain + ([] if focus else subs)))
        chosen = [f for f in chosen if f.op not in (ATOM, TOP, BOT) or (w, f) in marked]
        rank.update(_ranks(f for f in on_chain if f not in rank))
        order: dict[Formula, int] = {}  # the chain's order: the refuted formula first
        for k, f in enumerate(on_chain):
            order.setdefault(f, k)
        chosen.sort(key=lambda f: (0, order[f], 0) if f in order else (1, *rank[f]))
        hidden = max(hidden, len(chosen) - per_world)
        past = len([f for f in chosen[per_world:] if f in order])
        if past:
            more[w] = past
        rows[w] = [
            (f, w in truth[f] if f in truth else w in truth_set(model, f))
            for f in chosen[:per_world]
        ]
    if focus:
        hidden = max(len(subs) - min(len(r) for r in rows.values()), 0) if rows else 0
    return Explanation(formula, logic, rows, chain, root, max(hidden, 0), complete, more)


def _chain(
    model: KripkeModel, world: str, formula: Formula, limit: int = CHAIN_LIMIT
) -> tuple[list[Link], bool]:
    """Why `formula` has its value at `world`, one subformula at a time, depth first: one
    witness where one suffices (a false conjunct, a successor where a box fails, the world
    that makes a ◇ true), every part where all are needed (a false disjunction, a true
    conjunction); at most `limit` links, and whether the chain is complete."""
    out: list[Link] = []
    todo: list[tuple[str, Formula]] = [(world, formula)]
    while todo and len(out) < limit:
        w, f = todo.pop()
        value = w in truth_set(model, f)
        reason, nxt = _why(model, w, f, value)
        out.append(Link(w, f, value, reason))
        todo.extend(reversed(nxt))
    return out, not todo


_Why = tuple[str, list[tuple[str, Formula]]]  # a link's reason; what explains it further


def _holds(model: KripkeModel, w: str, f: Formula) -> list[bool]:
    return [w in truth_set(model, a) for a in f.args]


def _why_not(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    return "", [(w, f.args[0])]


def _why_implies(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    antecedent, consequent = f.args
    if not value:
        return "the antecedent holds and the consequent fails", [(w, antecedent), (w, consequent)]
    if _holds(model, w, f)[1]:
        return "the consequent holds", [(w, consequent)]
    return "the antecedent fails", [(w, antecedent)]


def _flat(f: Formula) -> list[Formula]:
    """The parts of a chain of one connective: `a ∧ (b ∧ c)` and `(a ∧ b) ∧ c` give a, b, c."""
    out: list[Formula] = []
    todo = [f]
    while todo:
        g = todo.pop()
        if g.op == f.op:
            todo.extend(reversed(g.args))
        else:
            out.append(g)
    return out


def _why_and(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    parts = _flat(f)
    if value:
        every = "both conjuncts hold" if len(parts) == 2 else f"all {len(parts)} conjuncts hold"
        return every, [(w, a) for a in parts]
    k, pick = next((k, a) for k, a in enumerate(parts, 1) if w not in truth_set(model, a))
    return ("a conjunct fails" if len(parts) == 2 else f"conjunct {k} of {len(parts)} fails"), [
        (w, pick)
    ]


def _why_or(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    parts = _flat(f)
    if not value:
        every = "both disjuncts fail" if len(parts) == 2 else f"all {len(parts)} disjuncts fail"
        return every, [(w, a) for a in parts]
    k, pick = next((k, a) for k, a in enumerate(parts, 1) if w in truth_set(model, a))
    return ("a disjunct holds" if len(parts) == 2 else f"disjunct {k} of {len(parts)} holds"), [
        (w, pick)
    ]


def _at(model: KripkeModel, v: str, body: Formula, holds: bool) -> _Why:
    """'where p is true' (an atom or constant named) or 'where the body holds/fails', with
    (v, body) left to explain as the next link."""
    if body.op in (ATOM, TOP, BOT):
        return f"where {to_unicode(body)} is {'true' if holds else 'false'}", [(v, body)]
    return f"where the body {'holds' if holds else 'fails'}", [(v, body)]


def _why_iff(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    return ("the two sides agree" if value else "the two sides differ"), [(w, a) for a in f.args]


def _modal_name(f: Formula) -> str:
    return "□" if f.label is None else f"□_{f.label}"  # as to_unicode prints it


def _why_box(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    successors = sorted(model.successors(f.label).get(w, set()))
    if value and not successors:
        return f"{w} reaches no world by {_modal_name(f)}: it holds vacuously", []
    if value:
        return f"the body holds at every world {w} reaches", []
    body = truth_set(model, f.args[0])
    v = next(s for s in successors if s not in body)
    where, nxt = _at(model, v, f.args[0], False)
    return f"{w} reaches {v} by {_modal_name(f)}, {where}", nxt


def _why_diamond(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    if not value:
        return f"the body fails at every world {w} reaches", []
    successors = sorted(model.successors(f.label).get(w, set()))
    body = truth_set(model, f.args[0])
    v = next(s for s in successors if s in body)
    where, nxt = _at(model, v, f.args[0], True)
    return f"{w} reaches the witness {v}, {where}", nxt


def _why_atom(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    return "by the valuation", []


def _why_constant(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    return "", []


# One explanation per operator: the reason for a link and the (world, subformula) pairs that
# explain it further — one witness where one suffices (a false conjunct, a true disjunct, a
# successor where a boxed body fails), every part where all are needed.
_WHY: dict[str, Callable[[KripkeModel, str, Formula, bool], _Why]] = {
    NOT: _why_not,
    IMP: _why_implies,
    AND: _why_and,
    OR: _why_or,
    IFF: _why_iff,
    BOX: _why_box,
    DIA: _why_diamond,
    ATOM: _why_atom,
    TOP: _why_constant,
    BOT: _why_constant,
}


def _why(model: KripkeModel, w: str, f: Formula, value: bool) -> _Why:
    """The reason for one link and the (world, subformula) pairs that explain it further."""
    why = _WHY.get(f.op)
    if why is None:
        raise UnhandledOperator(f.op, "the refutation chain")
    return why(model, w, f, value)


def step_edges(
    worlds: Iterable[str],
    relations: dict[str | None, frozenset[tuple[str, str]]],
    edges: Iterable[Edge],
) -> list[Edge]:
    """The steps to draw: the search's labelled edges, or (a model built by hand without
    them) the transitive reduction of each relation."""
    listed = list(edges)
    if listed:
        return listed
    ws = list(worlds)
    out: list[Edge] = []
    for theory, pairs in sorted(relations.items(), key=lambda kv: str(kv[0] or "")):
        for a, b in sorted(pairs):
            if a == b or not any(
                (a, c) in pairs and (c, b) in pairs for c in ws if c not in (a, b)
            ):
                out.append((a, theory, b))
    return out


def closure_edges(
    relations: dict[str | None, frozenset[tuple[str, str]]], steps: Iterable[Edge]
) -> list[tuple[str, str]]:
    """Pairs of some relation that no step draws: in GL and K4 the transitive closure (drawn
    faintly); in K there are none, since each relation there is its steps."""
    drawn = {(a, b) for a, _, b in steps}
    pairs = {p for rel in relations.values() for p in rel}
    return sorted(pairs - drawn)


def inclusions(
    relations: dict[str | None, frozenset[tuple[str, str]]], steps: Iterable[Edge]
) -> dict[Edge, list[str | None]]:
    """For each step a →T b, the other theories whose relation holds (a, b) too: a step by a
    stronger theory is also a step of each theory it extends, which the labels show."""
    out: dict[Edge, list[str | None]] = {}
    for a, t, b in steps:
        also = [s for s, rel in relations.items() if s != t and (a, b) in rel]
        out[(a, t, b)] = sorted(also, key=lambda s: "" if s is None else s)
    return out
