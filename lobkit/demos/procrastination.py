"""`lobkit demo procrastination`: the procrastination paradox, simulated with the prover.

After Fallenstein & Soares, "Problems of self-reference in self-improving space-time embedded
intelligence" (2014), §4. An agent must see a button pressed eventually (goal `pressed`).
Each step it presses or waits; it may wait only if its theory proves `wait -> pressed`
(pressing is always licensed: every design has the axiom `press -> pressed`). Waiting hands
the job to a successor who acts only on a proof about the goal, which each design states as an
axiom of its own about its successor's theory: `wait -> [S]pressed`. The designs:

* fixed: the successor runs the same theory F, and F does not trust it — F presses at once;
* tower of height m: step t runs T_{m-t}, which reflects on T_{m-t-1} (`reflect`), so it may
  wait; T0 trusts no one and presses, at step m;
* successor-trusting: one theory E with `[E]pressed -> pressed` ("what my successors prove
  about the goal happens"). By Löb's theorem E proves `pressed` outright, so every step may
  wait and the button is never pressed: E proved the goal, the run falsifies it — E is
  consistent but unsound on the run;
* naive self-trust (`reflect N` in N) is inconsistent: it may wait too, for worse reasons.

Every decision is a call to the prover through the tiling checker, cached per theory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lobkit.demos import DemoResult
from lobkit.outputs import make_folder, write_text
from lobkit.render.kripke_plot import save
from lobkit.tiling.loader import loads
from lobkit.tiling.spec import Spec

NAME = "procrastination"
ORDER = 20
SUMMARY = "the procrastination paradox: who waits forever, who presses, and when"

HORIZON = 50
TOWER_HEIGHT = 5


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
    """One simulated run: the actions taken, the step of the press, and what was proved."""

    design: str
    actions: tuple[str, ...]  # "wait" or "press", until the press or the horizon
    pressed_at: int | None
    proves_goal: bool
    consistent: bool
    sound: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "design": self.design,
            "pressed_at": self.pressed_at,
            "waits": self.actions.count("wait"),
            "proves_goal": self.proves_goal,
            "consistent": self.consistent,
            "sound_on_run": self.sound,
        }


def designs(tower_height: int = TOWER_HEIGHT) -> list[Design]:
    """The four designs as theory files (checked with the tiling loader)."""
    fixed = loads("theory F { axiom press -> pressed; axiom wait -> [F]pressed }", source="<fixed>")
    tower_lines = ["theory T0 { axiom press -> pressed }"]
    for k in range(1, tower_height + 1):
        tower_lines.append(
            f"theory T{k} {{ axiom press -> pressed; axiom wait -> [T{k - 1}]pressed; "
            f"reflect T{k - 1} }}"
        )
    tower = loads("\n".join(tower_lines), source="<tower>")
    trusting = loads(
        "theory E { axiom press -> pressed; axiom wait -> [E]pressed;"
        " axiom [E]pressed -> pressed }",
        source="<successor-trusting>",
    )
    naive = loads(
        "theory N { axiom press -> pressed; axiom wait -> [N]pressed; reflect N }",
        source="<naive>",
    )
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


def simulate(design: Design, horizon: int = HORIZON) -> Run:
    """Step through `horizon` steps: wait iff the step's theory proves `wait -> pressed`."""
    actions: list[str] = []
    pressed_at = None
    for step in range(horizon):
        # Spec.prove caches per formula, so each theory is asked once.
        verdict = design.spec.prove(design.theory_at(step), "wait -> pressed").verdict
        if verdict == "proved":
            actions.append("wait")
        else:
            actions.append("press")
            pressed_at = step
            break
    first = design.theory_at(0)
    proves_goal = design.spec.prove(first, "pressed").verdict == "proved"
    consistent = all(design.spec.consistent(t) for t in set(design.theories))
    pressed = pressed_at is not None
    # Sound on the run: every claim used (wait -> pressed when waiting, pressed when proved)
    # is true of the run, where `pressed` means "pressed within the horizon".
    sound = pressed or ("wait" not in actions and not proves_goal)
    return Run(design.name, tuple(actions), pressed_at, proves_goal, consistent, sound)


def run(out_dir: Path, seed: int = 0, horizon: int = HORIZON) -> DemoResult:
    """Simulate every design; write `procrastination.png` and `procrastination.json`."""
    runs = [simulate(d, horizon) for d in designs()]
    lines = [f"horizon {horizon} steps; wait only on a proof of wait -> pressed", ""]
    width = max(len(r.design) for r in runs)
    lines.append(f"{'design':<{width}}  proves goal  presses at  consistent  sound on run")
    for r in runs:
        at = "never" if r.pressed_at is None else f"step {r.pressed_at}"
        lines.append(
            f"{r.design:<{width}}  {'yes' if r.proves_goal else 'no':<11}  {at:<10}  "
            f"{'yes' if r.consistent else 'no':<10}  {'yes' if r.sound else 'NO'}"
        )
    lines += [
        "",
        "The successor-trusting theory proves the goal by Löb's theorem ([E]pressed -> pressed",
        "gives [E]pressed), so waiting is always licensed and the button is never pressed:",
        "it proved 'pressed', and the run makes it false (Fallenstein & Soares 2014).",
    ]
    make_folder(out_dir)
    png = out_dir / "procrastination.png"
    _timeline(png, runs, horizon)
    data = {"horizon": horizon, "runs": [r.to_json() for r in runs]}
    js = out_dir / "procrastination.json"
    write_text(js, json.dumps(data, indent=2) + "\n")
    return DemoResult(NAME, "\n".join(lines), data, (png, js))


def _timeline(path: Path, runs: list[Run], horizon: int) -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 1.2 + 0.75 * len(runs)))
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
        ax.text(horizon + 1.5, y, note, va="center", fontsize=9)
    ax.axvline(horizon - 0.5, color="black", linestyle="--", lw=1)
    ax.text(horizon - 0.5, len(runs) - 0.45, f" horizon ({horizon})", fontsize=8, va="bottom")
    ax.set_yticks(range(len(runs)), [r.design for r in reversed(runs)])
    ax.set_xlim(-1, horizon + 22)
    ax.set_xticks(range(0, horizon + 1, 10 if horizon > 20 else 1))
    ax.set_ylim(-0.6, len(runs) - 0.2)
    ax.set_xlabel("step  (| wait, licensed by a proof of wait → pressed;  ★ press)")
    ax.set_title("The procrastination paradox (Fallenstein & Soares 2014)", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    save(fig, path)
