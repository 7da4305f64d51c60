"""Enumerate every modal formula up to a size and classify each by the logics that prove it:
the experiment of godellob-prover's published lists (`results/cond_bicond_md2_compl2.txt`:
the GL theorems built from → and ↔, and which of them K4 already proves), on any executor.

`formulas` yields one representative of each class of formulas under two symmetries, both
justified for every logic lobkit decides (GL, K4, K, and Solovay's S):

- **renaming atoms**: theoremhood is closed under substitution, and a renaming is a
  substitution with an inverse, so φ and its renamings are theorems of the same logics;
- **commuting ∧, ∨, ↔**: A ∧ B ↔ B ∧ A (and likewise ∨, ↔) is a tautology, so by necessitation
  and K it holds under any boxes, and the logics are closed under replacing provable
  equivalents (S too: it contains GL and is closed under modus ponens).

Nothing else is identified (A → A and ⊤ stay distinct formulas): every formula the list
leaves out has a listed representative with the same verdict in every logic.

`classify` decides each formula in each logic on worker processes or an executor
(`lobkit.batch`: chunks of text, a dead worker's chunk retried) and yields one
`Classified` per formula, smallest first; `Summary` counts theorems by logic and lists the
formulas that separate two logics, smallest first.

>>> [str(f) for f in formulas(atoms=1, max_size=3, connectives=("->",))][:6]
['p', 'false', '[]p', '[]false', '[][]p', '[][]false']
>>> [str(f) for f in formulas(atoms=1, max_size=3, connectives=("->",))][6:]
['p -> p', 'p -> false', 'false -> p', 'false -> false']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lobkit.errors import InputError, ResourceLimit
from lobkit.formula import AND, IFF, IMP, NOT, OR, Formula, atom, bot, box, neg, rebuild

__all__ = [
    "CONNECTIVES",
    "Classified",
    "Summary",
    "classify",
    "by_instance",
    "formulas",
    "instance_of",
    "parse_logics",
]

CONNECTIVES = {"~": NOT, "&": AND, "|": OR, "->": IMP, "<->": IFF}
# the same by name (a shell-friendly `--connectives imp,iff`: "->" alone reads as an option)
CONNECTIVES |= {"not": NOT, "and": AND, "or": OR, "imp": IMP, "iff": IFF}
_COMMUTATIVE = (AND, OR, IFF)
_BUILD = {AND: Formula.__and__, OR: Formula.__or__}
ATOM_NAMES = "pqrstuvw"
MAX_GROUPED = 5_000  # separating formulas grouped by substitution instance, at most
MAX_FORMULAS = 5_000_000  # formulas held while enumerating (about 1 GB)
CHUNK = 32  # decisions per chunk: cheap formulas, so a chunk pays for its trip


def _leading_boxes(f: Formula) -> int:
    count = 0
    while f.op == "box":
        count, f = count + 1, f.args[0]
    return count


def _key(f: Formula) -> tuple[int, str]:
    return (f.size, str(f))


def _ordered(f: Formula) -> Formula:
    """`f` with the two sides of every ∧, ∨, ↔ in (size, text) order."""
    if not f.args:
        return f
    args = tuple(_ordered(a) for a in f.args)
    if f.op in _COMMUTATIVE and _key(args[1]) < _key(args[0]):
        args = (args[1], args[0])
    return rebuild(f, args)


def _renamed(f: Formula, mapping: dict[str, str]) -> Formula:
    if f.op == "atom":
        return atom(mapping[f.label])  # type: ignore[index]
    if not f.args:
        return f
    return rebuild(f, tuple(_renamed(a, mapping) for a in f.args))


def is_representative(f: Formula, names: Sequence[str]) -> bool:
    """True when `f` is its class's chosen member: commutative sides in order and no renaming
    of its atoms (`names`) giving a smaller (size, text) formula."""
    if _ordered(f) is not f:
        return False
    own = _key(f)
    for permutation in itertools.permutations(names):
        mapping = dict(zip(names, permutation, strict=True))
        if mapping != {n: n for n in names} and _key(_ordered(_renamed(f, mapping))) < own:
            return False
    return True


def formulas(
    *,
    atoms: int = 2,
    max_size: int = 7,
    connectives: Iterable[str] = ("->", "<->"),
    bottom: bool = True,
    max_binary: int | None = None,
    max_box_run: int | None = None,
    max_formulas: int = MAX_FORMULAS,
) -> Iterator[Formula]:
    """Every formula of at most `max_size` symbols (atoms, ⊥, connectives, □) over `atoms`
    atoms (p, q, …), ⊥ (with `bottom`), □ and `connectives` (of "~ & | -> <->"), one per
    class of the module's symmetries, smallest first; optionally at most `max_binary` binary
    connectives and `max_box_run` boxes in a row (godellob-prover's "md" and "compl").
    Raises `ResourceLimit` before holding more than `max_formulas` formulas in memory
    (every formula of each size is kept to build the next sizes)."""
    if not 0 <= atoms <= len(ATOM_NAMES):
        raise InputError(f"atoms must be between 0 and {len(ATOM_NAMES)}, not {atoms}")
    if max_size < 1:
        raise InputError(f"max_size must be at least 1, not {max_size}")
    ops = []
    for name in connectives:
        if name not in CONNECTIVES:
            raise InputError(f"unknown connective {name!r}; choose from {' '.join(CONNECTIVES)}")
        if CONNECTIVES[name] in ops:
            continue
        ops.append(CONNECTIVES[name])
    names = list(ATOM_NAMES[:atoms])
    leaves = [atom(n) for n in names] + ([bot] if bottom else [])
    if not leaves:
        raise InputError("no atoms and no ⊥: there is no formula to build")
    binary_ops = [op for op in ops if op != NOT]
    # by_size[n][k]: the formulas of n symbols with k binary connectives (pairs are combined
    # only within the bound, so a bound on k prunes the search instead of filtering it)
    by_size: list[dict[int, list[Formula]]] = [{}, {0: leaves}]
    top_binary = max_size if max_binary is None else max_binary
    held = len(leaves)

    def boxed(f: Formula) -> bool:
        return max_box_run is None or _leading_boxes(f) < max_box_run

    for size in range(1, max_size + 1):
        if size > 1:
            made: dict[int, list[Formula]] = {}
            for k, group in by_size[size - 1].items():
                out = made.setdefault(k, [])
                for a in group:
                    if boxed(a):
                        out.append(box(a))
                    if NOT in ops:
                        out.append(neg(a))
            for left in range(1, size - 1):
                for ka, lefts in by_size[left].items():
                    for kb, rights in by_size[size - 1 - left].items():
                        if ka + kb + 1 > top_binary:
                            continue
                        out = made.setdefault(ka + kb + 1, [])
                        for op in binary_ops:
                            for a in lefts:
                                for b in rights:
                                    out.append(_binary(op, a, b))
            held += sum(len(group) for group in made.values())
            if held > max_formulas:
                raise ResourceLimit(
                    f"enumerating formulas of size {size} would hold more than {max_formulas:,} "
                    "formulas (--max-formulas): lower --max-size, or bound it with "
                    "--max-binary or --max-box-run"
                )
            by_size.append(made)
        for k in sorted(by_size[size]):
            for f in by_size[size][k]:
                if is_representative(f, names):
                    yield f


def _binary(op: str, a: Formula, b: Formula) -> Formula:
    from lobkit.formula import iff, implies

    if op == IMP:
        return implies(a, b)
    if op == IFF:
        return iff(a, b)
    return _BUILD[op](a, b)


def parse_logics(text: str | Iterable[str]) -> tuple[str, ...]:
    """Logic names from "GL,K4" or a list: each one `prove` takes (a name `Logic` knows, or
    S), upper-cased, without repeats; "all" stands for every frame `Logic` knows
    (`lobkit.kernel.FRAMES`, whatever logics it grows).

    >>> parse_logics("gl, all")
    ('GL', 'K4', 'K')
    """
    from lobkit.kernel import FRAMES, Logic

    items = text.split(",") if isinstance(text, str) else list(text)
    names: list[str] = []
    for item in items:
        name = item.strip().upper()
        if not name:
            raise InputError(f"an empty logic name in {text!r}")
        if name == "ALL":
            names.extend(frame for frame in FRAMES if frame not in names)
            continue
        if name != "S":
            Logic.named(name)  # unknown names fail here, with the list of known ones
        if name not in names:
            names.append(name)
    if not names:
        raise InputError("give at least one logic")
    return tuple(names)


@dataclass(frozen=True)
class Classified:
    """One enumerated formula and its verdict in each logic (None: no answer, with the
    reason in `errors`)."""

    index: int
    formula: str
    size: int
    verdicts: dict[str, bool | None]
    errors: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """`{"formula", "size", "theorem_of": {logic: true/false/null}}` (+ `"errors"`)."""
        out: dict[str, Any] = {
            "formula": self.formula,
            "size": self.size,
            "theorem_of": self.verdicts,
        }
        if self.errors:
            out["errors"] = self.errors
        return out


def classify(
    items: Iterable[Formula],
    logics: Sequence[str],
    *,
    jobs: int = 1,
    executor: Any = None,
    timeout: float | None = None,
    skip: int = 0,
) -> Iterator[Classified]:
    """Decide every formula of `items` in every logic of `logics`, on `jobs` worker processes
    or `executor`; yield one `Classified` per formula in order (formulas are pulled lazily,
    so an endless stream works), leaving out the first `skip` (a resumed run). Every verdict
    is certified where it is computed, as in `lobkit.batch`."""
    from lobkit.chunks import job_json
    from lobkit.dispatch import Chunk, backend_for, drive
    from lobkit.sat import DEFAULT_SOLVER

    names = parse_logics(logics)
    stream = itertools.islice(iter(items), skip, None)
    seen: list[Formula] = []  # formulas sent and not yet answered, by order

    def chunks() -> Iterator[Chunk]:
        per = max(1, CHUNK // len(names))
        number = skip
        while True:
            batch = list(itertools.islice(stream, per))
            if not batch:
                return
            jobs_json = []
            for f in batch:
                seen.append(f)
                for k, logic in enumerate(names):
                    index = number * len(names) + k
                    jobs_json.append(
                        job_json(index, number + 1, f, logic, (), timeout, DEFAULT_SOLVER)
                    )
                number += 1
            yield Chunk(jobs_json)

    backend, _, _ = backend_for(jobs, 1 << 30 if executor is None else 0, executor)
    current: dict[str, bool | None] = {}
    errors: dict[str, str] = {}
    number = skip
    for answer in drive(chunks(), backend, skip * len(names)):
        logic = names[answer["i"] % len(names)]
        current[logic] = answer["valid"]
        if answer.get("error"):
            errors[logic] = answer["error"]
        if len(current) == len(names):
            f = seen.pop(0)
            yield Classified(number, str(f), f.size, dict(current), dict(errors))
            current.clear()
            errors.clear()
            number += 1


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
            return {**binding, pattern.label: _ordered(target)}  # type: ignore[dict-item]
        return binding if bound is _ordered(target) else None
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
