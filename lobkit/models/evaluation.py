"""What a formula does in a model, world by world, and which frame conditions the model meets.

`evaluate_model` runs the kernel's model checker once (`lobkit.kernel.kripke.truth_sets`: every
sub-formula's truth set in one bottom-up pass) and reads each world's reason off those sets —
why the formula's main connective has its value there, naming the witness world of a failing
box or a true diamond — so a 1,000-world model costs one pass, not one per world. Small
models (`CHAINS_UP_TO`) get at every world, and larger ones at the worlds asked for, the
refutation chain of `lobkit.render.refutation` (what the page shows on a click). Frame
conditions come from the kernel's `lobkit.kernel.frames`, one check per condition and
relation, each failure with its witness; `logics` says which logics of the cube
(`frames.CONDITIONS`) the frame belongs to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lobkit.formula import AND, ATOM, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula
from lobkit.kernel.countermodel import Countermodel
from lobkit.kernel.frames import CONDITION_NAMES, CONDITIONS, Frame, Violation
from lobkit.kernel.kripke import truth_sets
from lobkit.syntax.printers import to_ascii, to_unicode

__all__ = [
    "CHAINS_UP_TO",
    "ConditionCheck",
    "ModelReport",
    "WorldVerdict",
    "evaluate_model",
    "frame_conditions",
    "logics_of",
]

Theory = str | None

CHAINS_UP_TO = 2_000
"""Every world gets its whole chain when worlds × distinct sub-formulas is at most this (each
chain re-evaluates sub-formulas: `lobkit.render.refutation`); beyond it, only the worlds asked
for (`why`) — the page asks for the world clicked."""


@dataclass(frozen=True)
class WorldVerdict:
    """The formula's value at `world`, the one-line `reason`, and (small models) the `chain`
    of sentences explaining it down to atoms."""

    world: str
    holds: bool
    reason: str
    chain: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ConditionCheck:
    """Whether `relation` (None: the plain box) meets `condition`; if not, the `violation`."""

    relation: Theory
    condition: str
    violation: Violation | None

    @property
    def holds(self) -> bool:
        return self.violation is None


def frame_conditions(model: Countermodel) -> list[ConditionCheck]:
    """Every condition of `frames.CONDITION_NAMES` for every relation of `model`."""
    theories = sorted(model.relations, key=lambda t: "" if t is None else t) or [None]
    out: list[ConditionCheck] = []
    for t in theories:
        frame = Frame(model.worlds, model.relations.get(t, frozenset()))
        out.extend(ConditionCheck(t, c, frame.violation(c)) for c in CONDITION_NAMES)
    return out


def logics_of(checks: Iterable[ConditionCheck]) -> dict[str, list[ConditionCheck]]:
    """For each logic of `frames.CONDITIONS`, the checks it needs that fail (empty: the model's
    frame is a frame of that logic — every relation meets every condition it names)."""
    failed = [c for c in checks if not c.holds]
    return {
        logic: [c for c in failed if c.condition in conditions]
        for logic, conditions in CONDITIONS.items()
    }


def _box_name(f: Formula) -> str:
    return "□" if f.label is None else f"[{f.label}]"


def _reason(
    f: Formula,
    w: str,
    value: bool,
    truth: dict[Formula, frozenset[str]],
    successors: Callable[[Theory, str], list[str]],
) -> str:
    """Why `f` has `value` at `w`, in the words of `lobkit.render.refutation`, from truth sets."""
    op = f.op
    if op == ATOM:
        return "by the valuation"
    if op in (TOP, BOT):
        return "a constant"
    if op == NOT:
        return "its negand fails" if value else "its negand holds"
    holds = [w in truth[a] for a in f.args]
    if op == IMP:
        if not value:
            return "the antecedent holds and the consequent fails"
        return "the consequent holds" if holds[1] else "the antecedent fails"
    if op == AND:
        return "both conjuncts hold" if value else "a conjunct fails"
    if op == OR:
        return "a disjunct holds" if value else "both disjuncts fail"
    if op == IFF:
        return "the two sides agree" if value else "the two sides differ"
    if op in (BOX, DIA):
        body = truth[f.args[0]]
        succ = successors(f.label, w)
        name = _box_name(f) if op == BOX else ("◇" if f.label is None else f"<{f.label}>")
        if op == BOX:
            if not succ:
                return f"{w} reaches no world by {name}: it holds vacuously"
            if value:
                return f"the body holds at every world {w} reaches ({len(succ)})"
            v = next(s for s in succ if s not in body)
            return f"{w} reaches {v} by {name}, where the body fails"
        if value:
            v = next(s for s in succ if s in body)
            return f"{w} reaches {v}, where the body holds"
        if not succ:
            return f"{w} reaches no world by {name}"
        return f"the body fails at every world {w} reaches ({len(succ)})"
    return ""


@dataclass(frozen=True)
class ModelReport:
    """`formula` evaluated at every world of `model`, and the model's frame conditions."""

    model: Countermodel
    formula: Formula
    worlds: tuple[WorldVerdict, ...]
    conditions: tuple[ConditionCheck, ...]

    @property
    def holds_at(self) -> list[str]:
        return [v.world for v in self.worlds if v.holds]

    @property
    def fails_at(self) -> list[str]:
        return [v.world for v in self.worlds if not v.holds]

    @property
    def holds_at_root(self) -> bool:
        return next(v.holds for v in self.worlds if v.world == self.model.root)

    def logics(self) -> dict[str, list[ConditionCheck]]:
        return logics_of(self.conditions)

    def to_json(self) -> dict[str, Any]:
        """The `lobkit eval --format json` document (lobkit/schemas/eval.schema.json)."""
        worlds = []
        for v in self.worlds:
            entry: dict[str, Any] = {"world": v.world, "holds": v.holds, "reason": v.reason}
            if v.chain is not None:
                entry["chain"] = list(v.chain)
            worlds.append(entry)
        return {
            "formula": to_ascii(self.formula),
            "unicode": to_unicode(self.formula),
            "model": self.model.to_json(),
            "root": self.model.root,
            "holds_at_root": self.holds_at_root,
            "holds_everywhere": not self.fails_at,
            "holds_at": self.holds_at,
            "fails_at": self.fails_at,
            "worlds": worlds,
            "conditions": [
                {
                    "relation": "" if c.relation is None else c.relation,
                    "condition": c.condition,
                    "holds": c.holds,
                    "witness": [] if c.violation is None else list(c.violation.witness),
                    "message": "" if c.violation is None else str(c.violation),
                }
                for c in self.conditions
            ],
            "logics": {
                logic: {"frame": not broken, "broken": [str(c.violation) for c in broken]}
                for logic, broken in self.logics().items()
            },
        }

    def render_text(self) -> str:
        """For people: the verdict per world with its reason, the conditions, the logics."""
        m = self.model
        f = to_unicode(self.formula)
        lines = [
            f"{f} holds at {len(self.holds_at)} of {len(m.worlds)} worlds"
            + (f"; fails at {', '.join(self.fails_at)}" if self.fails_at else " (everywhere)")
        ]
        for v in self.worlds:
            mark = " (root)" if v.world == m.root else ""
            lines.append(f"  {v.world}{mark} {'⊨' if v.holds else '⊭'} {f}: {v.reason}")
            if v.chain and len(v.chain) > 1:
                lines.extend(f"      {s}" for s in v.chain[1:])
        by_relation: dict[Theory, list[ConditionCheck]] = {}
        for c in self.conditions:
            by_relation.setdefault(c.relation, []).append(c)
        for t, checks in by_relation.items():
            name = "□" if t is None else f"[{t}]"
            met = [c.condition for c in checks if c.holds]
            lines.append(f"frame of {name}: " + (", ".join(met) if met else "no condition met"))
            lines.extend(f"  ✗ {c.violation}" for c in checks if not c.holds)
        logics = self.logics()
        yes = [lg for lg, broken in logics.items() if not broken]
        no = [lg for lg, broken in logics.items() if broken]
        lines.append(f"a frame of {', '.join(yes)}" + (f"; not of {', '.join(no)}" if no else ""))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render_text()


def evaluate_model(
    model: Countermodel | str,
    formula: Formula | str,
    *,
    why: Iterable[str] = (),
    chains_up_to: int = CHAINS_UP_TO,
    tick: Callable[[], None] | None = None,
) -> ModelReport:
    """`formula` at every world of `model` with the reasons, and the frame conditions.
    Either may be given as text (a model in its JSON or text form, a formula as typed)."""
    from lobkit.models import read_model
    from lobkit.syntax import as_formula

    if isinstance(model, str):
        model = read_model(model)
    formula = as_formula(formula)
    kripke = model.kripke()
    truth = truth_sets(kripke, formula, tick=tick)
    holds = truth[formula]
    order = {w: i for i, w in enumerate(model.worlds)}
    rows: dict[Theory, dict[str, list[str]]] = {}

    def successors(theory: Theory, w: str) -> list[str]:
        if theory not in rows:
            adj: dict[str, list[str]] = {}
            for a, b in model.relations.get(theory, frozenset()):
                adj.setdefault(a, []).append(b)
            rows[theory] = {a: sorted(bs, key=order.__getitem__) for a, bs in adj.items()}
        return rows[theory].get(w, [])

    verdicts = []
    asked = set(why)
    unknown = sorted(asked - set(model.worlds))
    if unknown:
        from lobkit.errors import InputError

        raise InputError(f"no world {unknown[0]!r} in the model", "why")
    every = len(model.worlds) * len(truth) <= chains_up_to
    if every or asked:
        from lobkit.render.refutation import explain

    for w in model.worlds:
        value = w in holds
        chain = None
        if every or w in asked:
            chain = tuple(explain(kripke, w, formula, per_world=0).sentences(width=200))
        reason = _reason(formula, w, value, truth, successors)
        verdicts.append(WorldVerdict(w, value, reason, chain))
    return ModelReport(model, formula, tuple(verdicts), tuple(frame_conditions(model)))
