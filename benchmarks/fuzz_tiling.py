"""A metamorphic and coherence fuzz of the tiling checker (issue 25): random theory files
(seeded), transformations that cannot change a verdict under the arithmetic reading, and the
laws every theory obeys, checked on lobkit's own answers.

Each random file has 3–6 theories (random `extends`, `reflect`, axioms with boxes and atoms),
up to four agents, and `prove`, `consistent` and `chain` queries (sometimes a `depth`). It is
checked as written and under each transformation:

* `rename` — every theory and agent renamed by a permutation of fresh names;
* `reorder` — declarations reversed, queries shuffled;
* `split` — a theory T with axioms a, b… becomes T_0 { a } and T extends T_0 { b… } (T is
  the same theory: PA + a + b…);
* `instance` — T reflects S, so `axiom [S]φ -> φ` is added to T (an instance of its own
  reflection schema: T is the same theory);
* `unrelated` — queries about atoms and agents no theory mentions are appended.

A *change* is a query whose verdict differs between the file and a variant when both are
decided (`undecided` is the refinement's limit, not a verdict); a change between two exact
answers is an error of the checker (two theorems disagreeing). Coherence, on every file's
own answers: no negative about T when T ⊢ ⊥ (exactly: `inconsistent`); none when a theory
T includes or reflects proves it (monotonicity; Σ1-completeness plus reflection); never
`consistent T` beside T ⊢ X and T ⊢ ~X; never T ⊢ X, T ⊢ X -> Y, T ⊬ Y.

    python benchmarks/fuzz_tiling.py [--seed 25] [--specs 300] [--seconds 1800]

prints one line per finding (with the file), then the counts: files, verdicts compared,
changes (exact/relative), incoherences, undecided, and the slowest queries (the target: no
query above 10 s). `tests/tiling/test_tiling_metamorphic.py` runs the same on a few seeds.
"""

from __future__ import annotations

import argparse
import random
import re
import signal
import sys
import time
from dataclasses import dataclass, field

from lobkit.tiling import loads
from lobkit.tiling.checker import Checker, Limits
from lobkit.tiling.reading import reading

NAMES = ("Ta", "Tb", "Tc", "Td", "Te", "Tf")
AGENTS = ("Aa", "Ab", "Ac", "Ad")
# Fixed probes asked of every theory (beside random ones): pairs for the laws.
PROBES = ("p", "~p", "q", "p -> q", "false")
LIMITS = Limits(worlds=32, rounds=4)  # small enough that some files reach them
NEGATIVE = ("unprovable", "consistent")
SLOW = 10.0  # seconds: issue 25's "no hidden query above 10 s"


@dataclass
class Theory:
    name: str
    extends: list[str] = field(default_factory=list)
    reflects: list[str] = field(default_factory=list)
    axioms: list[str] = field(default_factory=list)

    def text(self) -> str:
        head = f"theory {self.name}" + (
            f" extends {', '.join(self.extends)}" if self.extends else ""
        )
        items = [f"reflect {s}" for s in self.reflects] + [f"axiom {a}" for a in self.axioms]
        return head + (" { " + "; ".join(items) + " }" if items else "")


@dataclass
class File:
    theories: list[Theory]
    agents: list[str]
    queries: list[str]

    def text(self) -> str:
        return "\n".join([t.text() for t in self.theories] + self.agents + self.queries) + "\n"


def formula(rng: random.Random, names: tuple[str, ...], depth: int = 0) -> str:
    r = rng.random()
    if depth >= 3 or r < 0.3:
        return rng.choice(["p", "q", "false"])
    if r < 0.45:
        return f"~({formula(rng, names, depth + 1)})"
    if r < 0.75:
        return f"({formula(rng, names, depth + 1)}) -> ({formula(rng, names, depth + 1)})"
    return f"[{rng.choice(names)}]({formula(rng, names, depth + 1)})"


def random_file(rng: random.Random, most: int = 6, random_probes: int = 3) -> File:
    """A random file of 3 to `most` theories, with PROBES and `random_probes` random formulas
    asked of every theory."""
    names = NAMES[: rng.randint(3, most)]
    theories = []
    for i, name in enumerate(names):
        theory = Theory(name)
        theory.extends = [n for n in names[:i] if rng.random() < 0.3]
        theory.reflects = [n for n in names if rng.random() < 0.2 and n != name]
        if rng.random() < 0.05:
            theory.reflects.append(name)  # naive self-trust: inconsistent
        theory.axioms = [formula(rng, names) for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))]
        theories.append(theory)
    agents = []
    for a in AGENTS[: rng.randint(0, 4)]:
        goal = rng.choice(["safe", "safe", "p"])
        agents.append(
            f"agent {a} {{ theory {rng.choice(names)}; goal {goal}; actions build, halt }}"
        )
    queries = [f"consistent {t}" for t in names]
    probes = list(PROBES) + [formula(rng, names) for _ in range(random_probes)]
    queries += [f"prove {t} : {x}" for t in names for x in probes]
    agent_names = AGENTS[: len(agents)]
    for _ in range(min(4, len(agent_names) ** 2)):
        queries.append(f"chain {rng.choice(agent_names)} -> {rng.choice(agent_names)}")
    if agent_names and rng.random() < 0.3:
        queries.append(f"depth {rng.choice(agent_names)}")
    return File(theories, agents, queries)


# -- transformations: each returns the variant and, per variant query, the original's index --


def rename(file: File, rng: random.Random) -> tuple[str, list[int]]:
    fresh_t = [f"R{c}" for c in "stuvwx"]
    fresh_a = [f"G{c}" for c in "stuv"]
    rng.shuffle(fresh_t)
    rng.shuffle(fresh_a)
    table = dict(zip(NAMES, fresh_t, strict=True)) | dict(zip(AGENTS, fresh_a, strict=True))
    text = re.sub(r"\b(T[a-f]|A[a-d])\b", lambda m: table[m.group(1)], file.text())
    return text, list(range(len(file.queries)))


def reorder(file: File, rng: random.Random) -> tuple[str, list[int]]:
    order = list(range(len(file.queries)))
    rng.shuffle(order)
    decls = [t.text() for t in reversed(file.theories)] + list(reversed(file.agents))
    return "\n".join(decls + [file.queries[i] for i in order]) + "\n", order


def split(file: File, rng: random.Random) -> tuple[str, list[int]] | None:
    candidates = [t for t in file.theories if len(t.axioms) >= 1]
    if not candidates:
        return None
    target = rng.choice(candidates)
    cut = rng.randint(1, len(target.axioms))
    base = Theory(f"{target.name}x", axioms=target.axioms[:cut])
    rest = Theory(target.name, [*target.extends, base.name], target.reflects, target.axioms[cut:])
    theories = []
    for t in file.theories:
        theories += [base, rest] if t is target else [t]
    return File(theories, file.agents, file.queries).text(), list(range(len(file.queries)))


def instance(file: File, rng: random.Random) -> tuple[str, list[int]] | None:
    spec = loads(file.text())  # kept alive: the reading holds it weakly
    read = reading(spec)
    candidates = [t for t in file.theories if read.declared_reflections[t.name]]
    if not candidates:
        return None
    target = rng.choice(candidates)
    other = rng.choice(read.declared_reflections[target.name])
    names = tuple(t.name for t in file.theories)
    phi = formula(rng, names, 1)
    changed = Theory(
        target.name,
        target.extends,
        target.reflects,
        [*target.axioms, f"[{other}]({phi}) -> ({phi})"],
    )
    theories = [changed if t is target else t for t in file.theories]
    return File(theories, file.agents, file.queries).text(), list(range(len(file.queries)))


def unrelated(file: File, rng: random.Random) -> tuple[str, list[int]]:
    names = [t.name for t in file.theories]
    extra = [f"prove {rng.choice(names)} : [{rng.choice(names)}]zz -> zz" for _ in range(2)]
    extra += [f"prove {rng.choice(names)} : zz | ~zz", f"prove zz -> [{rng.choice(names)}]zz"]
    agents = file.agents + ["agent Zz { theory " + rng.choice(names) + "; goal zz; actions go }"]
    queries = file.queries + extra + ["chain Zz -> Zz"]
    return File(file.theories, agents, queries).text(), list(range(len(file.queries)))


TRANSFORMS = {
    "rename": rename,
    "reorder": reorder,
    "split": split,
    "instance": instance,
    "unrelated": unrelated,
}


@dataclass
class Answer:
    verdict: str
    exact: bool
    seconds: float


class Crash(Exception):
    """lobkit raised on a file (a finding: its text and the error)."""


def answers(text: str) -> list[Answer]:
    try:
        results = Checker(loads(text), limits=LIMITS).check().results
    except Exception as error:  # a bug in lobkit: reported with the file, the run goes on
        raise Crash(f"{type(error).__name__}: {error}\n{text}") from error
    return [Answer(r.verdict, r.exact, r.seconds or 0.0) for r in results]


@dataclass
class Tally:
    files: int = 0
    verdicts: int = 0
    compared: int = 0
    changes: list[str] = field(default_factory=list)
    incoherent: list[str] = field(default_factory=list)
    undecided: int = 0
    slow: int = 0
    crashes: int = 0
    slowest: list[tuple[float, str]] = field(default_factory=list)


def coherence(file: File, got: list[Answer]) -> list[str]:
    """The laws on one file's own answers (module docstring); each finding one line."""
    spec = loads(file.text())
    read = reading(spec)
    verdict = {q: a.verdict for q, a in zip(file.queries, got, strict=True)}
    names = [t.name for t in file.theories]
    found = []
    probes: dict[str, list[str]] = {t: [] for t in names}
    for q in file.queries:
        if q.startswith("prove "):
            t, x = q[len("prove ") :].split(" : ", 1)
            probes[t].append(x)
    for t in names:
        mine = {x: verdict[f"prove {t} : {x}"] for x in probes[t]}
        if verdict[f"consistent {t}"] == "inconsistent":
            found += [f"{t} is inconsistent but ⊬ {x}" for x, v in mine.items() if v in NEGATIVE]
        if verdict[f"consistent {t}"] == "consistent":
            if mine.get("p") == mine.get("~p") == "proved":
                found.append(f"{t} consistent, ⊢ p and ⊢ ~p")
            if mine.get("false") == "proved":
                found.append(f"{t} consistent and ⊢ false")
        if mine.get("p") == mine.get("p -> q") == "proved" and mine.get("q") == "unprovable":
            found.append(f"{t} ⊢ p, ⊢ p -> q, ⊬ q")
        for s in names:
            if s == t or not (read.includes(s, t) or s in read.declared_reflections[t]):
                continue
            for x in probes[t]:
                if x in probes[s] and verdict[f"prove {s} : {x}"] == "proved":
                    if mine[x] == "unprovable":
                        found.append(f"{s} ⊢ {x}, {t} includes or reflects {s}, {t} ⊬ {x}")
                if verdict[f"consistent {s}"] == "inconsistent" and mine[x] == "unprovable":
                    if read.includes(s, t):
                        found.append(f"{s} ⊆ {t} is inconsistent, {t} ⊬ {x}")
    return found


def run_one(seed: int, tally: Tally, out: list[str], most: int = 6, random_probes: int = 3) -> None:
    """One random file (from `seed`; `random_file`'s size arguments) and its variants;
    findings appended to `out`."""
    rng = random.Random(seed)
    file = random_file(rng, most, random_probes)
    text = file.text()
    base = answers(text)
    tally.files += 1
    tally.verdicts += len(base)
    tally.undecided += sum(a.verdict == "undecided" for a in base)
    for q, a in zip(file.queries, base, strict=True):
        tally.slowest.append((a.seconds, q))
        if a.seconds > SLOW:
            tally.slow += 1
            out.append(f"seed {seed}: {q} took {a.seconds:.1f} s\n{text}")
    for finding in coherence(file, base):
        out.append(f"seed {seed}: incoherent: {finding}\n{text}")
        tally.incoherent.append(finding)
    for name, transform in TRANSFORMS.items():
        made = transform(file, rng)
        if made is None:
            continue
        variant, index = made
        got = answers(variant)
        tally.files += 1
        tally.verdicts += len(got)
        tally.undecided += sum(a.verdict == "undecided" for a in got)
        for a, i in zip(got, index, strict=False):
            tally.slowest.append((a.seconds, f"{name}: {file.queries[i]}"))
            if a.seconds > SLOW:
                tally.slow += 1
                out.append(
                    f"seed {seed}: {name}: {file.queries[i]} took {a.seconds:.1f} s\n{variant}"
                )
            b = base[i]
            if "undecided" in (a.verdict, b.verdict):
                continue
            tally.compared += 1
            if a.verdict != b.verdict:
                kind = "EXACT" if a.exact and b.exact else "relative"
                line = f"{file.queries[i]}: {b.verdict} -> {a.verdict} ({kind})"
                tally.changes.append(f"{kind} {name}")
                out.append(f"seed {seed}: {name} changed {line}\n{text}--- variant:\n{variant}")
    tally.slowest = sorted(tally.slowest, reverse=True)[:5]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--specs", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=1800.0, help="stop after this")
    parser.add_argument("--case", type=int, help="only the file of this seed (as printed)")
    args = parser.parse_args()
    if args.case is not None:
        findings: list[str] = []
        run_one(args.case, Tally(), findings)
        print("\n".join(findings) or "no finding")
        return
    tally = Tally()
    start = time.perf_counter()
    done = 0
    # `--seconds` is looked at between random files (a file and its variants can take minutes):
    # stopped from outside (Ctrl-C, or `timeout`'s SIGTERM), the counts so far are still printed
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        for k in range(args.specs):
            if time.perf_counter() - start > args.seconds:
                break
            out: list[str] = []
            try:
                run_one(args.seed * 100_000 + k, tally, out)
            except Crash as crash:
                tally.crashes += 1
                out.append(f"seed {args.seed * 100_000 + k}: CRASH {crash}")
            done += 1
            for line in out:
                print(line, flush=True)
    except KeyboardInterrupt:
        print(f"stopped during random file {done + 1}; the counts below are the files before it")
    exact = sum(c.startswith("EXACT") for c in tally.changes)
    print(
        f"random files {done} (+ variants: {tally.files} files checked), verdicts "
        f"{tally.verdicts}, compared {tally.compared}, changes {len(tally.changes)} "
        f"(exact {exact}), incoherences {len(tally.incoherent)}, undecided {tally.undecided}, "
        f"queries over {SLOW:.0f} s {tally.slow}, crashes {tally.crashes}, "
        f"{time.perf_counter() - start:.0f} s"
    )
    slowest = sorted(tally.slowest, reverse=True)[:5]  # (a stopped file left its own unsorted)
    print("slowest queries: " + "; ".join(f"{s:.2f} s {q}" for s, q in slowest))
    sys.exit(1 if exact or tally.incoherent or tally.slow or tally.crashes else 0)


if __name__ == "__main__":
    main()
