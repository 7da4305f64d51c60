"""`lobkit demo spurious`: the spurious proof in the 5-and-10 problem, and two ways out.

The third face of the Löbian obstacle, beside paralysis and procrastination (LaVictoire, "An
Introduction to Löb's Theorem in MIRI Research", 2015; Fallenstein's 5-and-10 discussions).
The universe pays $5 for taking 5 and $10 for taking 10 (and never $0). A naive proof-based
agent takes 5 as soon as PA proves P = "taking 5 gets $5 and taking 10 gets $0". It does:
PA ⊢ □P → P (if PA proves P the agent takes 5, so "taking 10" is false and P holds), so by
Löb's theorem PA ⊢ P — a spurious proof — and the agent takes $5.

Two fixes, played in MIRI's language (`lobkit.agents`) and certified like every game:

* the chicken rule — first take any action PA proves you will not take — makes P unprovable
  (P implies "I do not take 10"): the agent takes $10;
* modal UDT (MIRI's agents/target.ua), which searches "A()=a → U()=u" best outcome first,
  with or without escalating its proof level: $10.

Every result is the unique fixed point of its system, verified by the GL prover; the Löbian
derivation (GL ⊢ ⊡S → □P ∧ "takes 5", S the naive game's equations) is a kernel-checked
proof, and the chicken agent's "not provable" a kernel-checked countermodel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lobkit import formula as F
from lobkit.agents.combat_file import parse_game
from lobkit.agents.games import GameResult
from lobkit.agents.playfile import play_game
from lobkit.demos import DemoResult
from lobkit.formula import BOX, Formula
from lobkit.outputs import make_folder, write_text
from lobkit.prover import prove
from lobkit.render.kripke_plot import draw_countermodel, save
from lobkit.syntax.printers import to_unicode

NAME = "spurious"
ORDER = 25  # the third face of the Löbian obstacle, after paralysis and procrastination
SUMMARY = "the spurious proof: a naive agent takes $5 in 5-and-10; chicken rule and UDT take $10"

GAME = """\
problem FiveAndTen [$10, $5, $0] [10, 5]
	if A()=5
		return $5
	return $10

theory Naive
	if □⌜(A()=5 → U()=$5) ∧ (A()=10 → U()=$0)⌝
		return 5
	return 10

theory Chicken
	for action &a in actions
		if □⌜¬A()=&a⌝
			return &a
	if □⌜(A()=5 → U()=$5) ∧ (A()=10 → U()=$0)⌝
		return 5
	return 10

theory UDT(action default, number level=0, number step=0)
	let &n = &level
	for outcome &o in outcomes
		for action &a in actions
			if [&n]⌜A()=&a → U()=&o⌝
				return &a
			let &n = &n + &step
	return &default

play: FiveAndTen, Naive.
play: FiveAndTen, Chicken.
play: FiveAndTen, UDT(5).
play: FiveAndTen, UDT(5, step=1).
"""

AGENTS = ("naive", "chicken rule", "modal UDT", "modal UDT, escalating")
RANKS = 6  # ranks drawn in the picture


@dataclass(frozen=True)
class Readable:
    """A game's equations over readable letters (a5, a10, u10, u5, u0): S, and the agent's
    bad conditional P when its action 5 is "□P"."""

    system: Formula
    conditional: Formula
    takes_five: Formula
    equations: tuple[Formula, ...]


def readable(result: GameResult) -> Readable:
    """The game's system over readable letters, and the conditional its agent acts on."""
    letters: dict[str | Formula, Formula] = {
        atom: F.atom(label.replace("U()=$", "u").replace("A1()=", "a"))
        for atom, label in zip(result.system.atoms, result.system.labels, strict=True)
    }
    equations = [
        letters[a].iff(F.substitute(e, letters))
        for a, e in zip(result.system.atoms, result.system.equations, strict=True)
    ]
    five = F.atom("a5")
    # P is what the agent's last `if` asks PA to prove (the same text for both agents).
    box = next(n for n in F.postorder(F.conjunction(equations)) if n.op == BOX and _is_p(n))
    return Readable(F.conjunction(equations), box.args[0], five, tuple(equations))


def _is_p(node: Formula) -> bool:
    return "u0" in F.atoms_of(node) and "a5" in F.atoms_of(node)


def abbreviate(text: str, names: dict[Formula, str]) -> str:
    """`text` with each formula's Unicode rendering replaced by its short name."""
    for formula, name in sorted(names.items(), key=lambda kv: -len(to_unicode(kv[0]))):
        text = text.replace(to_unicode(formula), name).replace(f"□({name})", f"□{name}")
    return text


@dataclass(frozen=True)
class Derived:
    """Everything the demo shows, before any file is written (the page draws it too): the four
    games, the naive and chicken agents' readable equations, the kernel-checked proof of the
    spurious derivation and the kernel-checked countermodel that blocks it."""

    results: tuple[GameResult, ...]
    naive: Readable
    chicken: Readable
    lob: Any  # the prover's result for ⊡S → □P ∧ a5 (valid, with a proof)
    blocked: Any  # the prover's result for ⊡S' → □P' (not valid, with a countermodel)

    @property
    def names(self) -> dict[Formula, str]:
        """Short names for the derivation: S (the naive game's equations) and P."""
        return {self.naive.system: "S", self.naive.conditional: "P"}

    def derivation(self) -> list[str]:
        """The spurious proof as text, S and P abbreviated."""
        assert self.lob.proof is not None
        return abbreviate(self.lob.proof.render_text(), self.names).splitlines()

    def text(self) -> str:
        """The demo's report (what `lobkit demo spurious` prints)."""
        lines = [
            "5-and-10: the universe pays $5 for taking 5, $10 for taking 10 (never $0).",
            'P = (A()=5 → U()=$5) ∧ (A()=10 → U()=$0): "taking 10 would get me $0"',
            "",
        ]
        for label, result in zip(AGENTS, self.results, strict=True):
            lines.append(
                f"{label:<24} {result.result_text():<18} proved in PA + Con^{result.proved_in}"
                f"{'' if result.proved_in else ' (= PA)'}, verified by the GL prover"
            )
        lines += [
            "",
            "The spurious proof (naive agent), a kernel-checked GL derivation; S = the game's",
            "equations, P as above (GLR is Löb's rule: from □Γ, Γ, □P ⇒ P infer □Γ ⇒ □P):",
            f"  S = {to_unicode(self.naive.system)}",
            *("  " + line for line in self.derivation()),
            "",
            "With the chicken rule PA does not prove P: a kernel-checked countermodel to "
            "⊡S' → □P':",
            *("  " + line for line in self.blocked.countermodel.render_text().splitlines()),
        ]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """What spurious.json holds: each game's JSON and both certificates' verdicts."""
        return {
            "games": {label: r.to_json() for label, r in zip(AGENTS, self.results, strict=True)},
            "spurious_proof": {"goal": str(derivation_goal(self.naive)), "valid": self.lob.valid},
            "chicken_blocks": {
                "valid": self.blocked.valid,
                "countermodel": self.blocked.countermodel.to_json(),
            },
        }


def derivation_goal(game: Readable) -> Formula:
    """⊡S → □P ∧ a5: the equations, and PA knows them, give the spurious proof and the $5."""
    known = F.conj(game.system, F.box(game.system))
    return F.implies(known, F.conj(F.box(game.conditional), game.takes_five))


def derive(timeout: float | None = None) -> Derived:
    """Play the four agents, prove the spurious derivation, refute it under the chicken rule."""
    results = play_game(parse_game(GAME, source="<5-and-10>"), timeout=timeout)
    naive, chicken = readable(results[0]), readable(results[1])
    lob = prove(derivation_goal(naive), "GL", timeout=timeout)
    blocked = prove(
        F.implies(F.conj(chicken.system, F.box(chicken.system)), F.box(chicken.conditional)),
        "GL",
        timeout=timeout,
    )
    assert lob.valid and lob.proof is not None
    assert not blocked.valid and blocked.countermodel is not None
    return Derived(tuple(results), naive, chicken, lob, blocked)


def run(out_dir: Path, seed: int = 0) -> DemoResult:
    """Play the four agents, derive the spurious proof, write spurious.png and .json."""
    derived = derive()
    results = list(derived.results)
    make_folder(out_dir)
    png = out_dir / "spurious.png"
    _picture(
        png, results, derived.derivation(), derived.blocked.countermodel, derived.naive.equations
    )
    js = out_dir / "spurious.json"
    write_text(js, json.dumps(derived.to_json(), indent=2, ensure_ascii=False) + "\n")
    summary = {
        "takes": {label: r.values[1] for label, r in zip(AGENTS, results, strict=True)},
        "proved_in": {label: r.proved_in for label, r in zip(AGENTS, results, strict=True)},
        "verified": all(r.verified for r in results),
        "spurious_proof_certified": derived.lob.valid,
        "chicken_countermodel_certified": not derived.blocked.valid,
    }
    return DemoResult(NAME, derived.text(), summary, (png, js))


def _tex_safe(text: str) -> str:
    """Matplotlib reads `$…$` as mathematics: escape the dollars of the outcomes."""
    return text.replace("$", r"\$")


def _picture(
    path: Path,
    results: list[GameResult],
    derivation: list[str],
    model: Any,
    equations: tuple[Formula, ...],
) -> None:
    """Three panels: the Löbian derivation, the chicken agent's countermodel, and each agent's
    action rank by rank on the linear frame (the value in ℕ from the stable rank on)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    fig = Figure(figsize=(18.0, 5.4))
    grid = fig.add_gridspec(1, 3, width_ratios=[1.35, 1.0, 1.0])
    left = fig.add_subplot(grid[0, 0])
    left.set_axis_off()
    left.set_title("Naive agent: the spurious proof (Löb's rule, GLR)", fontsize=10)
    shown_equations = " ∧\n      ".join(to_unicode(e) for e in equations)
    body = "\n".join(
        [
            "P = (a5 → u5) ∧ (a10 → u0)",
            f"S = {shown_equations}",
            "",
            *derivation,
        ]
    )
    left.text(0.02, 0.92, body, transform=left.transAxes, family="monospace", fontsize=10, va="top")
    left.text(
        0.5,
        0.04,
        _tex_safe(
            "S: the game's equations (a5: takes 5, u5: gets $5, …).\n"
            "⊢ □P → P, so by Löb ⊢ P: PA proves 'taking 10 gets $0', and the agent takes $5."
        ),
        transform=left.transAxes,
        ha="center",
        fontsize=9,
    )
    middle = fig.add_subplot(grid[0, 1])
    draw_countermodel(
        middle, model, title="Chicken rule: PA does not prove P'\n(countermodel to ⊡S' → □P')"
    )
    right = fig.add_subplot(grid[0, 2])
    rows = []
    for result in results:
        five = result.variables.index(next(v for v in result.variables if v.shown == "A1()=5"))
        frames = result.frame_rows()
        rows.append([int(bool(frames[min(n, len(frames) - 1)][five])) for n in range(RANKS)])
    right.imshow(rows, cmap=ListedColormap(["#8fd18f", "#f4a3a3"]), vmin=0, vmax=1, aspect="auto")
    for i, row in enumerate(rows):
        for n, five_taken in enumerate(row):
            shown = _tex_safe("$5" if five_taken else "$10")
            right.text(n, i, shown, ha="center", va="center", fontsize=9)
    right.set_xticks(range(RANKS), [str(n) for n in range(RANKS)])
    right.set_yticks(
        range(len(results)),
        [
            _tex_safe(f"{a}\n{r.values[0]}, PA+Con^{r.proved_in}")
            for a, r in zip(AGENTS, results, strict=True)
        ],
        fontsize=8,
    )
    right.set_xlabel("rank of the linear frame (the value in ℕ from the stable rank on)")
    right.set_title("What each agent takes, rank by rank (certified fixed points)", fontsize=10)
    fig.suptitle(
        _tex_safe(
            "The spurious proof (5-and-10): a naive proof-based agent takes $5 by Löb's theorem · "
            "the chicken rule and modal UDT take $10"
        ),
        fontsize=11,
    )
    fig.tight_layout()
    save(fig, path)
