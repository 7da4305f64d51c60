"""`lobkit demo procrastination`: the procrastination paradox, simulated and checked for truth.

After Fallenstein & Soares, "Problems of self-reference in self-improving space-time embedded
intelligence" (2014), §4. A button must get pressed (goal `pressed`: pressed at some step of
the run). At step t the agent either presses (`press{t}`) or waits (`wait{t}`); it may wait
only if its theory proves `wait{t} -> pressed`. Every design's theory states facts about the
steps it is used at, each *true on every run this simulation produces*:

* `press{t} -> pressed` — pressing achieves the goal;
* `wait{t} -> press{t+1} | wait{t+1}` — after a wait, the successor acts;
* `wait{t+1} -> [S](wait{t+1} -> pressed)` — the successor, running theory S, waits only on a
  proof (this is how the simulation decides, so it is true by construction).

The designs differ in what they add:

* fixed: every step runs F, which trusts no one — F cannot prove `wait0 -> pressed` (from
  `[F](wait1 -> pressed)` nothing follows without reflection), so it presses at once;
* tower of height m: step t runs T_{m-t}, which extends and reflects T_{m-t-1} (Yudkowsky &
  Herreshoff 2013): it may wait, trusting its successor's proof; T0 trusts no one and presses,
  at step m;
* successor-trusting: one theory E with `[E]pressed -> pressed` ("what my successors prove
  about the goal happens"); by Löb's theorem E proves `pressed` outright, so every step may
  wait and the button is never pressed — E is consistent, proves the goal, and is unsound;
* naive self-trust: N reflects on itself and is inconsistent (Löb on `[N]⊥ → ⊥`).

Every decision is a prover call through the tiling checker. Soundness on the run is not
inferred from the goal: each theory used is checked with `Spec.sound` (the `sound … given`
query) on the run's valuation — every `wait{t}`, `press{t}` and `pressed` as the run made them.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lobkit.demos import DemoResult
from lobkit.formula import ATOM, outer_nodes
from lobkit.outputs import make_folder, write_text
from lobkit.render.kripke_plot import save
from lobkit.tiling.loader import loads
from lobkit.tiling.sound_results import SoundResult
from lobkit.tiling.spec import Spec

NAME = "procrastination"
ORDER = 20
SUMMARY = "the procrastination paradox: who waits forever, who presses, and who is sound"

HORIZON = 20
TOWER_HEIGHT = 3
"""Height 3 and 20 steps keep the demo to about 3 s of CPU (issue 24: `lobkit demo` under
10 s): the story is the same at any height and horizon (a tower of height m presses at step
m; the successor-trusting design waits to the horizon), and its cost is the tower's top
theory — profiled, `prove T_m pressed` (a countermodel over every step's reflection
instances, shrunk and checked) and `consistent T_m` are over 90% of it. Measured with
`time.process_time()` per `simulate`: height 4 and 50 steps took 10.6 s of CPU (7.4 s the
tower), height 3 and 20 steps 2.7 s."""


@dataclass(frozen=True)
class Design:
    """A design: its theory file and the theory used at each step."""

    name: str
    spec: Spec
    theories: tuple[str, ...]  # theory at step t (the last one repeats)

    def theory_at(self, step: int) -> str:
        return self.theories[min(step, len(self.theories) - 1)]


@dataclass(frozen=True)
class Run:
    """One simulated run: the actions taken, the step of the press, what was proved, and
    the soundness of each theory used, checked on the run's valuation."""

    design: str
    actions: tuple[str, ...]  # "wait" or "press", until the press or the horizon
    pressed_at: int | None
    proves_goal: bool
    consistent: bool
    soundness: tuple[SoundResult, ...]  # one per theory used, in order of use

    @property
    def sound(self) -> bool:
        return all(s.sound for s in self.soundness)

    @property
    def exact(self) -> bool:
        return all(s.exact for s in self.soundness)

    @property
    def why_unsound(self) -> str | None:
        return next((s.explanation for s in self.soundness if not s.sound), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "design": self.design,
            "pressed_at": self.pressed_at,
            "waits": self.actions.count("wait"),
            "proves_goal": self.proves_goal,
            "consistent": self.consistent,
            "sound_on_run": self.sound,
            "sound_exact": self.exact,
            "soundness": [
                {
                    "theory": s.theory,
                    "verdict": s.verdict,
                    "exact": s.exact,
                    "explanation": s.explanation,
                    "false": None if s.falsehood is None else s.falsehood.to_json(),
                }
                for s in self.soundness
            ],
        }


def _steps(theory: str, steps: range, successor: str | None) -> list[str]:
    """The facts about `steps` a theory used there states (module docstring), the successor
    running `successor` (None: no successor facts)."""
    axioms = []
    for t in steps:
        axioms.append(f"axiom press{t} -> pressed")
        if successor is not None:
            axioms.append(f"axiom wait{t} -> press{t + 1} | wait{t + 1}")
            axioms.append(f"axiom wait{t + 1} -> [{successor}](wait{t + 1} -> pressed)")
    return axioms


def _theory(name: str, lines: list[str], head: str = "") -> str:
    return f"theory {name}{head} {{\n  " + "\n  ".join(lines) + "\n}"


def designs(tower_height: int = TOWER_HEIGHT, horizon: int = HORIZON) -> list[Design]:
    """The four designs as theory files (checked by the tiling loader). A theory used at
    every step speaks of steps 0 … horizon-1 (successor facts up to the last one)."""
    last = horizon - 1

    def uniform(name: str, extra: list[str]) -> str:
        lines = _steps(name, range(last), name) + [f"axiom press{last} -> pressed"] + extra
        return _theory(name, lines)

    fixed = loads(uniform("F", []), source="<fixed>")
    tower_text = [_theory("T0", _steps("T0", range(tower_height, tower_height + 1), None))]
    for k in range(1, tower_height + 1):
        step = tower_height - k
        lines = _steps(f"T{k}", range(step, step + 1), f"T{k - 1}") + [f"reflect T{k - 1}"]
        tower_text.append(_theory(f"T{k}", lines, f" extends T{k - 1}"))
    tower = loads("\n".join(tower_text), source="<tower>")
    trusting = loads(uniform("E", ["axiom [E]pressed -> pressed"]), source="<successor-trusting>")
    naive = loads(uniform("N", ["reflect N"]), source="<naive>")
    return [
        Design("fixed theory", fixed, ("F",)),
        Design(
            f"tower, height {tower_height}",
            tower,
            tuple(f"T{tower_height - t}" for t in range(tower_height + 1)),
        ),
        Design("successor-trusting", trusting, ("E",)),
        Design("naive self-trust", naive, ("N",)),
    ]


def valuation(spec: Spec, actions: tuple[str, ...]) -> dict[str, bool]:
    """The run as a valuation of every atom the spec's axioms mention outside boxes: wait{t}
    and press{t} as the run did (false after the press or past the run), `pressed` iff it
    pressed. Atoms in a fixed order (wait0, wait1, …, press0, …): a set's order follows the
    hash seed, and the report prints them."""
    names = {
        n.name
        for theory in spec.theories.values()
        for axiom in theory.axioms
        for n in outer_nodes(axiom)
        if n.op == ATOM
    }
    done = {f"{a}{t}" for t, a in enumerate(actions)}
    values = {name: name in done for name in sorted(names, key=_in_step_order)}
    values["pressed"] = "press" in actions
    return values


def _in_step_order(name: str) -> tuple[str, int]:
    """`wait10` after `wait9`: the name's letters, then its step number."""
    stem = name.rstrip("0123456789")
    return stem, int(name[len(stem) :] or -1)


def simulate(design: Design, horizon: int = HORIZON) -> Run:
    """Step through `horizon` steps: wait iff the step's theory proves `wait{t} -> pressed`;
    then check every theory used for soundness on the run."""
    actions: list[str] = []
    pressed_at = None
    for step in range(horizon):
        verdict = design.spec.prove(design.theory_at(step), f"wait{step} -> pressed").verdict
        if verdict == "proved":
            actions.append("wait")
        else:
            actions.append("press")
            pressed_at = step
            break
    used = list(dict.fromkeys(design.theory_at(t) for t in range(len(actions))))
    proves_goal = design.spec.prove(used[0], "pressed").verdict == "proved"
    values = valuation(design.spec, tuple(actions))
    soundness = tuple(design.spec.sound(t, given=values) for t in used)
    # a theory sound on the run is consistent (it proves only truths); ask the rest
    pairs = zip(used, soundness, strict=True)
    consistent = all(s.sound or design.spec.consistent(t) for t, s in pairs)
    return Run(design.name, tuple(actions), pressed_at, proves_goal, consistent, soundness)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def report(runs: list[Run], horizon: int) -> str:
    """The demo's text: the designs' table, why each unsound one is, and what the columns mean
    ('relative' explained only when a verdict is)."""
    lines = [
        f"horizon {horizon} steps; at step t the agent waits only on a proof of "
        "wait{t} -> pressed",
        "every theory states: press{t} -> pressed;  wait{t} -> press{t+1} | wait{t+1};",
        "  wait{t+1} -> [S](wait{t+1} -> pressed), S its successor's theory",
        "",
    ]
    width = max(len(r.design) for r in runs)
    lines.append(f"{'design':<{width}}  proves goal  presses at  consistent  sound on the run")
    for r in runs:
        at = "never" if r.pressed_at is None else f"step {r.pressed_at}"
        verdict = ("yes" if r.exact else "yes (relative)") if r.sound else "NO"
        lines.append(
            f"{r.design:<{width}}  {_yes(r.proves_goal):<11}  {at:<10}  "
            f"{_yes(r.consistent):<10}  {verdict}"
        )
    lines.append("")
    for r in runs:
        if not r.sound:
            lines.append(textwrap.fill(f"{r.design}: {r.why_unsound}", 92, subsequent_indent="  "))
    lines += [
        "",
        "Soundness is checked on the run (sound ... given the run's wait/press/pressed):",
        "the successor-trusting theory proves the goal by Löb's theorem, waits forever, and",
        "its axiom [E]pressed -> pressed is false on the run it produces (Fallenstein &",
        "Soares 2014).",
    ]
    if any(r.sound and not r.exact for r in runs):
        lines.append(
            "'yes (relative)': sound on the run for the finitely many reflection instances"
            " checked; the full schema may not be."
        )
    return "\n".join(lines)


def run(
    out_dir: Path, seed: int = 0, horizon: int = HORIZON, tower_height: int = TOWER_HEIGHT
) -> DemoResult:
    """Simulate every design; write `procrastination.png` and `procrastination.json`."""
    runs = [simulate(d, horizon) for d in designs(tower_height, horizon)]
    text = report(runs, horizon)
    make_folder(out_dir)
    png = out_dir / "procrastination.png"
    _timeline(png, runs, horizon)
    data = {"horizon": horizon, "tower_height": tower_height, "runs": [r.to_json() for r in runs]}
    js = out_dir / "procrastination.json"
    write_text(js, json.dumps(data, indent=2) + "\n")
    return DemoResult(NAME, text, data, (png, js))


_WHY = {  # one line per design under its verdict: why it does what it does
    "fixed": "F cannot trust its successor's proof (no reflection): presses at once",
    "tower": "T_k trusts T_(k-1)'s proof; T0 trusts no one and presses",
    "successor-trusting": "[E]pressed → pressed + Löb: E proves pressed, so it always waits",
    "naive": "N reflects itself: inconsistent (Löb on [N]⊥ → ⊥), proves anything",
}


def _timeline(path: Path, runs: list[Run], horizon: int) -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12.5, 1.4 + 0.85 * len(runs)))
    ax = fig.add_subplot(1, 1, 1)
    for row, r in enumerate(runs):
        y = len(runs) - 1 - row
        waits = [t for t, a in enumerate(r.actions) if a == "wait"]
        ax.scatter(waits, [y] * len(waits), marker="|", s=120, color="#7f7f7f", lw=1.5)
        if r.pressed_at is not None:
            ax.scatter([r.pressed_at], [y], marker="*", s=260, color="#d62728", zorder=3)
            note = f"presses at step {r.pressed_at}"
        else:
            note = "never presses"
        note += " · proves goal" if r.proves_goal else ""
        note += "" if r.consistent else " · inconsistent"
        note += "" if r.sound else " · UNSOUND on the run"
        why = next((w for prefix, w in _WHY.items() if r.design.startswith(prefix)), "")
        ax.text(horizon + 1.5, y + 0.12, note, va="center", fontsize=9.5, fontweight="bold")
        ax.text(horizon + 1.5, y - 0.17, why, va="center", fontsize=8.5, color="#444444")
    ax.axvline(horizon - 0.5, color="black", linestyle="--", lw=1)
    ax.text(horizon - 0.5, len(runs) - 0.45, f" horizon ({horizon})", fontsize=8, va="bottom")
    ax.set_yticks(range(len(runs)), [r.design for r in reversed(runs)])
    ax.set_xlim(-1, horizon * 1.9 + 4)
    ax.set_xticks(range(0, horizon + 1, 10 if horizon > 40 else 5 if horizon > 10 else 1))
    ax.set_ylim(-0.6, len(runs) - 0.2)
    ax.set_xlabel("step  (| wait, licensed by a proof of wait{t} → pressed;  ★ press)")
    ax.set_title(
        "The procrastination paradox (Fallenstein & Soares 2014): at each step the agent may "
        "wait only if its theory proves wait{t} → pressed",
        fontsize=10.5,
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    save(fig, path)
