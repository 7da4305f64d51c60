"""Why a countermodel refutes its formula: what every renderer writes beside the picture.

For each world, the formula's subformulas that are worth reading there (boxes and diamonds
first, then the other compound ones, atoms last) with their truth value, computed by the
independent model checker `lobkit.kripke.truth_set`; and the *refutation chain*: starting from
the formula false at the root, each step names the subformula that makes the previous one
fail (the false consequent of an implication, a false conjunct, a successor where a boxed body
fails), down to an atom or a constant. The last link is the "failing subformula" the pictures
mark in red, the first world the refuting world.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lobkit.formula import AND, ATOM, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula, postorder
from lobkit.kernel.kripke import KripkeModel, truth_set
from lobkit.syntax.printers import to_unicode

__all__ = ["Explanation", "Link", "explain", "shorten", "step_edges", "closure_edges", "inclusions"]

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
        """The chain as sentences for people: 'w0 ⊭ □p → p: …'."""
        return [
            f"{link.world} {'⊨' if link.value else '⊭'} {shorten(to_unicode(link.formula), width)}"
            + (f": {link.reason}" if link.reason else "")
            for link in self.chain
        ]


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis (long formulas in small boxes)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _rank(f: Formula) -> tuple[int, int]:
    if f.op in (BOX, DIA):
        group = 0
    elif f.op in (ATOM, TOP, BOT):
        group = 2
    else:
        group = 1
    return group, len(to_unicode(f))


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
    and only enter the rows when they are on the chain.
    """
    if formula is None:
        return Explanation(None, logic, {w: [] for w in model.worlds}, (), root, 0)
    subs = [f for f in postorder(formula) if f.op not in (ATOM, TOP, BOT)]
    for p in premises:
        subs.extend(f for f in postorder(p) if f.op in (BOX, DIA) and f not in subs)
    subs = sorted(dict.fromkeys(subs), key=_rank)
    truth = {f: truth_set(model, f) for f in subs}
    chain = tuple(_chain(model, root, formula))
    marked = {(link.world, link.formula) for link in chain}
    rows: dict[str, list[tuple[Formula, bool]]] = {}
    hidden = 0
    for w in model.worlds:
        on_chain = [link.formula for link in chain if link.world == w]
        chosen = list(dict.fromkeys(on_chain + subs))
        chosen = [f for f in chosen if f.op not in (ATOM, TOP, BOT) or (w, f) in marked]
        chosen.sort(key=lambda f: (f not in on_chain, _rank(f)))
        hidden = max(hidden, len(chosen) - per_world)
        rows[w] = [
            (f, w in truth[f] if f in truth else w in truth_set(model, f))
            for f in chosen[:per_world]
        ]
    return Explanation(formula, logic, rows, chain, root, max(hidden, 0))


def _chain(model: KripkeModel, world: str, formula: Formula, limit: int = 14) -> list[Link]:
    """Why `formula` has its value at `world`, one subformula at a time, depth first: one
    witness where one suffices (a false conjunct, a successor where a box fails), every part
    where all are needed (a false disjunction, a true conjunction); at most `limit` links."""
    out: list[Link] = []
    todo: list[tuple[str, Formula]] = [(world, formula)]
    while todo and len(out) < limit:
        w, f = todo.pop()
        value = w in truth_set(model, f)
        reason, nxt = _why(model, w, f, value)
        out.append(Link(w, f, value, reason))
        todo.extend(reversed(nxt))
    return out


def _why(
    model: KripkeModel, w: str, f: Formula, value: bool
) -> tuple[str, list[tuple[str, Formula]]]:
    """The reason for one link and the (world, subformula) pairs that explain it further."""
    op, args = f.op, f.args
    holds = [w in truth_set(model, a) for a in args]
    if op == NOT:
        return "", [(w, args[0])]
    if op == IMP:
        if not value:
            return "the antecedent holds and the consequent fails", [(w, args[0]), (w, args[1])]
        if holds[1]:
            return "the consequent holds", [(w, args[1])]
        return "the antecedent fails", [(w, args[0])]
    if op in (AND, OR):
        if value == (op == OR):  # one witness: a false conjunct, a true disjunct
            pick = next(a for a, v in zip(args, holds, strict=True) if v == value)
            return ("a conjunct fails" if op == AND else "a disjunct holds"), [(w, pick)]
        both = "both conjuncts hold" if op == AND else "both disjuncts fail"
        return both, [(w, a) for a in args]
    if op == IFF:
        return ("the two sides agree" if value else "the two sides differ"), [(w, a) for a in args]
    if op in (BOX, DIA):
        successors = sorted(model.successors(f.label).get(w, set()))
        body = truth_set(model, args[0])
        name = "□" if f.label is None else f"[{f.label}]"
        if op == BOX and value and not successors:
            return f"{w} reaches no world by {name}: it holds vacuously", []
        if op == BOX and not value:
            v = next(s for s in successors if s not in body)
            return f"{w} reaches {v} by {name}, where the body fails", [(v, args[0])]
        if op == DIA and value:
            v = next(s for s in successors if s in body)
            return f"{w} reaches {v}, where the body holds", [(v, args[0])]
        if op == BOX:
            return f"the body holds at every world {w} reaches", []
        return f"the body fails at every world {w} reaches", []
    if op == ATOM:
        return "by the valuation", []
    return "", []


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
