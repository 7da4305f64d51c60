"""What an enumeration found: theorems counted by logic, and the formulas that separate two
logics (proved by one, not by the other), smallest first and grouped by substitution instance
the way godellob-prover's published lists are (`results/*.txt`: "if B is a substitution
instance of A, this is shown as A / B").
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lobkit.enumeration import Classified, ordered
from lobkit.formula import AND, IFF, OR, Formula

__all__ = ["MAX_GROUPED", "Summary", "by_instance", "instance_of"]

MAX_GROUPED = 5_000  # separating formulas grouped by substitution instance, at most
_COMMUTATIVE = (AND, OR, IFF)


def instance_of(pattern: Formula, target: Formula) -> bool:
    """True when `target` is `pattern` with its atoms replaced by formulas (each atom by one
    formula throughout), up to commuting ∧ ∨ ↔: godellob-prover's "substitution instance".

    >>> from lobkit.syntax import parse
    >>> instance_of(parse("[]([]p -> p) -> []p"), parse("[]([]false -> false) -> []false"))
    True
    >>> instance_of(parse("[]([]p -> p) -> []p"), parse("[]([]false -> false) -> []p"))
    False
    """
    return _match(pattern, target, {}) is not None


def _match(
    pattern: Formula, target: Formula, binding: dict[str, Formula]
) -> dict[str, Formula] | None:
    if pattern.op == "atom":
        bound = binding.get(pattern.label)  # type: ignore[arg-type]
        if bound is None:
            return {**binding, pattern.label: ordered(target)}  # type: ignore[dict-item]
        return binding if bound is ordered(target) else None
    if pattern.op != target.op or pattern.label != target.label:
        return None
    if not pattern.args:  # ⊥, ⊤
        return binding
    orders = [target.args]
    if pattern.op in _COMMUTATIVE:
        orders.append(target.args[::-1])
    for args in orders:
        found = _match(pattern.args[0], args[0], binding)
        if found is not None and len(args) == 2:
            found = _match(pattern.args[1], args[1], found)
        if found is not None:
            return found
    return None


def by_instance(formulas: Sequence[str]) -> list[tuple[str, list[str]]]:
    """`formulas` (smallest first) grouped as godellob-prover's lists are: each formula under
    the first earlier one it is a substitution instance of, the others heading a group."""
    from lobkit.syntax import parse

    groups: list[tuple[Formula, str, list[str]]] = []
    for text in formulas:
        f = parse(text)
        for head, _, members in groups:
            if instance_of(head, f):
                members.append(text)
                break
        else:
            groups.append((f, text, []))
    return [(text, members) for _, text, members in groups]


@dataclass
class Summary:
    """Counts by logic and, for each ordered pair of logics, the formulas the first proves
    and the second does not (smallest first: formulas arrive in size order)."""

    logics: tuple[str, ...]
    total: int = 0
    theorems: dict[str, int] = field(default_factory=dict)
    unanswered: int = 0
    separating: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, row: Classified | dict[str, Any]) -> None:
        verdicts = row.verdicts if isinstance(row, Classified) else row["theorem_of"]
        formula = row.formula if isinstance(row, Classified) else row["formula"]
        self.total += 1
        if any(v is None for v in verdicts.values()):
            self.unanswered += 1
        for logic in self.logics:
            if verdicts.get(logic):
                self.theorems[logic] = self.theorems.get(logic, 0) + 1
        for a, b in itertools.permutations(self.logics, 2):
            if verdicts.get(a) is True and verdicts.get(b) is False:
                self.separating.setdefault((a, b), []).append(formula)

    def groups(self, a: str, b: str) -> list[tuple[str, list[str]]] | None:
        """The formulas separating `a` from `b` grouped by substitution instance
        (`by_instance`), or None above `MAX_GROUPED` of them (the grouping is quadratic)."""
        found = self.separating.get((a, b), [])
        return by_instance(found) if len(found) <= MAX_GROUPED else None

    def to_json(self) -> dict[str, Any]:
        """`{"formulas", "unanswered", "theorems": {logic: n}, "separating": [{"proved_by",
        "not_by", "count", "formulas", "groups"}]}`; `groups` (null above `MAX_GROUPED`) lists
        `{"formula", "instances"}`."""
        out = []
        for (a, b), found in sorted(self.separating.items()):
            groups = self.groups(a, b)
            out.append(
                {
                    "proved_by": a,
                    "not_by": b,
                    "count": len(found),
                    "formulas": found,
                    "groups": None
                    if groups is None
                    else [{"formula": f, "instances": rest} for f, rest in groups],
                }
            )
        return {
            "formulas": self.total,
            "unanswered": self.unanswered,
            "theorems": {logic: self.theorems.get(logic, 0) for logic in self.logics},
            "separating": out,
        }

    def render_text(self, *, shown: int = 10) -> str:
        """The counts, then each separation's first `shown` formulas."""
        from lobkit.syntax import parse, to_unicode

        lines = [
            f"{self.total} formulas"
            + (f" ({self.unanswered} without an answer)" if self.unanswered else "")
            + ": "
            + ", ".join(f"{self.theorems.get(lg, 0)} theorems of {lg}" for lg in self.logics)
        ]
        for (a, b), found in sorted(self.separating.items()):
            groups = self.groups(a, b)
            if groups is None:
                lines.append(f"theorems of {a} but not of {b}: {len(found)}, smallest first:")
                lines.extend(f"  {to_unicode(parse(f))}" for f in found[:shown])
                left = len(found) - shown
            else:
                lines.append(
                    f"theorems of {a} but not of {b}: {len(found)}, in {len(groups)} groups "
                    "by substitution instance, smallest first:"
                )
                for head, members in groups[:shown]:
                    more = f"  (and {len(members)} instances)" if members else ""
                    lines.append(f"  {to_unicode(parse(head))}{more}")
                left = len(groups) - shown
            if left > 0:
                lines.append(f"  … and {left} more")
        return "\n".join(lines)
