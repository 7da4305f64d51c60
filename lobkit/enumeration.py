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
`Classified` per formula, smallest first; `lobkit.separations.Summary` counts them.

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
    "classify",
    "formulas",
    "ordered",
    "parse_logics",
]

CONNECTIVES = {"~": NOT, "&": AND, "|": OR, "->": IMP, "<->": IFF}
# the same by name (a shell-friendly `--connectives imp,iff`: "->" alone reads as an option)
CONNECTIVES |= {"not": NOT, "and": AND, "or": OR, "imp": IMP, "iff": IFF}
_COMMUTATIVE = (AND, OR, IFF)
_BUILD = {AND: Formula.__and__, OR: Formula.__or__}
ATOM_NAMES = "pqrstuvw"
MAX_FORMULAS = 5_000_000  # formulas held while enumerating (about 1 GB)
CHUNK = 32  # decisions per chunk: cheap formulas, so a chunk pays for its trip


def _leading_boxes(f: Formula) -> int:
    count = 0
    while f.op == "box":
        count, f = count + 1, f.args[0]
    return count


def _key(f: Formula) -> tuple[int, str]:
    return (f.size, str(f))


def ordered(f: Formula) -> Formula:
    """`f` with the two sides of every ∧, ∨, ↔ in (size, text) order."""
    if not f.args:
        return f
    args = tuple(ordered(a) for a in f.args)
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
    if ordered(f) is not f:
        return False
    own = _key(f)
    for permutation in itertools.permutations(names):
        mapping = dict(zip(names, permutation, strict=True))
        if mapping != {n: n for n in names} and _key(ordered(_renamed(f, mapping))) < own:
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

    >>> parse_logics("gl, kt4")
    ('GL', 'S4')
    >>> len(parse_logics("all")) > 3
    True
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
            name = Logic.named(name).frame  # canonical (Grz, S4 for KT4); unknown names fail
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
