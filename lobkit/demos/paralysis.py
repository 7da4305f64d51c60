"""`lobkit demo paralysis`: three designs for a self-modifying agent, side by side.

After Yudkowsky & Herreshoff, "Tiling Agents for Self-Modifying AI, and the Löbian Obstacle"
(2013), §3–4: a *fixed* theory cannot license its identical successor (Löb's theorem blocks
it), *naive self-trust* (`reflect` on itself) is inconsistent, and a descending *tower*
T_m ⊢ "T_{m-1} is sound" licenses exactly m successive rewrites. Every verdict comes from the
tiling checker with its certificate; the picture shows the countermodel that blocks the fixed
design and the tower's licensing matrix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lobkit.demos import DemoResult
from lobkit.formula import Formula
from lobkit.kernel import Proof
from lobkit.outputs import make_folder, write_text
from lobkit.render.kripke_plot import draw_countermodel, save
from lobkit.tiling.loader import loads

NAME = "paralysis"
ORDER = 10
SUMMARY = "the Löbian obstacle: a fixed theory, naive self-trust and a tower, side by side"

HEIGHT = 3  # the tower T0 … T3

FIXED = """
theory PA
agent Parent { theory PA; goal safe; actions build, halt }
agent Child  { theory PA; goal safe; actions build, halt }
chain Parent -> Child expect blocked-lob
"""

NAIVE = """
theory Naive { reflect Naive }
agent Self { theory Naive; goal safe; actions build, halt }
chain Self -> Self expect parent-inconsistent
"""


def tower_text(height: int = HEIGHT) -> str:
    """The tower T0 … T_height with one agent A_k per theory (T_k extends and reflects T_{k-1})."""
    lines = ["theory T0"]
    for k in range(1, height + 1):
        lines.append(f"theory T{k} extends T{k - 1} {{ reflect T{k - 1} }}")
    for k in range(height, -1, -1):
        lines.append(f"agent A{k} {{ theory T{k}; goal safe; actions build, halt }}")
    lines.append(f"depth A{height} expect {height}")
    return "\n".join(lines) + "\n"


def run(out_dir: Path, seed: int = 0) -> DemoResult:
    """Check the three designs, write `paralysis.png` and `paralysis.json` into `out_dir`."""
    fixed = loads(FIXED, source="<fixed>").check()
    naive = loads(NAIVE, source="<naive>").check()
    tower_spec = loads(tower_text(), source="<tower>")
    tower = tower_spec.check()
    agents = [f"A{k}" for k in range(HEIGHT + 1)]
    matrix = [[tower_spec.licenses(p, c).verdict for c in agents] for p in agents]

    blocked = fixed.results[0].links[0]
    collapse = naive.results[0].links[0]
    assert blocked.certificate is not None and collapse.certificate is not None
    model = blocked.certificate.result.countermodel
    assert model is not None

    text = [
        "1. Fixed theory: Parent (PA) -> Child (PA)",
        f"   {blocked.verdict}: {blocked.explanation}",
        "   countermodel to " + str(blocked.certificate.goal) + ":",
        *("     " + line for line in model.render_text().splitlines()),
        "   (at w1 the child's proof [PA](build -> safe) holds vacuously, yet build -> safe fails)",
        "",
        "2. Naive self-trust: Self (Naive, reflect Naive) -> Self",
        f"   {collapse.verdict}: {collapse.explanation}",
        "   derivation of [Naive]false:",
        *("     " + line for line in collapse.certificate.render_text().splitlines()[1:]),
        "",
        f"3. Tower T0 ... T{HEIGHT} (T_k extends T_(k-1) and reflects it): who licenses whom",
        "   parent\\child " + " ".join(f"{a:>14}" for a in agents),
        *(
            f"   {p:<12} " + " ".join(f"{v:>14}" for v in row)
            for p, row in zip(agents, matrix, strict=True)
        ),
        f"   depth A{HEIGHT} = {tower.results[0].verdict}: {tower.results[0].explanation}",
    ]

    make_folder(out_dir)
    png = out_dir / "paralysis.png"
    derivation = collapse.certificate.result.proof
    assert isinstance(derivation, Proof)  # GL's sequent proof (not a labelled one)
    _picture(
        png,
        model,
        blocked.certificate.result.formula,
        derivation,
        agents,
        matrix,
    )
    data: dict[str, Any] = {
        "fixed": fixed.results[0].to_json(),
        "naive": naive.results[0].to_json(),
        "tower": {
            "agents": agents,
            "matrix": matrix,
            "depth": tower.results[0].to_json(),
        },
    }
    js = out_dir / "paralysis.json"
    write_text(js, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    summary = {
        "fixed": blocked.verdict,
        "naive": collapse.verdict,
        "tower_depth": int(tower.results[0].verdict),
        "tower_matrix": matrix,
        "expectations_hold": all(r.ok for r in (*fixed.results, *naive.results, *tower.results)),
    }
    return DemoResult(NAME, "\n".join(text), summary, (png, js))


def _picture(
    path: Path,
    model: Any,
    refuted: Formula,
    derivation: Proof,
    agents: list[str],
    matrix: list[list[str]],
) -> None:
    """Three panels, one per design: the countermodel that blocks the fixed design (the
    formula it refutes in its title, the refuting world marked), the self-truster's drawn
    derivation of its own inconsistency with a legend of its rules, the tower's licensing
    matrix. One notation throughout: the pictures' printer writes [T]A as □_T A, so the
    captions do too."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    from lobkit.render.proof_tree import draw_proof
    from lobkit.syntax import to_unicode

    fig = Figure(figsize=(18.0, 6.2))
    grid_spec = fig.add_gridspec(1, 3, width_ratios=[1.0, 1.3, 1.0])
    left = fig.add_subplot(grid_spec[0, 0])
    draw_countermodel(
        left,
        model,
        formula=refuted,
        title="1. Fixed theory PA: Parent cannot license Child\n"
        f"countermodel to {to_unicode(refuted)}",
    )
    left.text(
        0.5,
        -0.03,
        "Parent needs PA ⊢ □_PA (build → safe) → (build → safe).\n"
        "By Löb's theorem that gives PA ⊢ □_PA (build → safe) (a checked proof),\n"
        "which this model refutes: w0 reaches w1, where build holds and safe fails.",
        transform=left.transAxes,
        ha="center",
        va="top",
        fontsize=9,
    )
    middle = fig.add_subplot(grid_spec[0, 1])
    middle.set_title(
        "2. Naive self-trust (Naive reflects itself): inconsistent\n"
        "derivation of □_Naive ⊥, read bottom-up from the conclusion",
        fontsize=10,
    )
    width, height = draw_proof(middle, derivation, size=10.5)
    middle.set_ylim(height + 60, -40)  # room above and below the tree inside the panel
    middle.text(
        0.5,
        -0.03,
        "Premise: the axiom reflect Naive gives, here □_Naive (□_Naive ⊥ → ⊥)\n"
        "GLR_Naive (the Gödel–Löb rule, blue): one world up, assume □_Naive ⊥ itself\n"
        "Taut: a propositional tautology (SAT-certified) · so Naive proves ⊥",
        transform=middle.transAxes,
        ha="center",
        va="top",
        fontsize=9,
    )
    right = fig.add_subplot(grid_spec[0, 2])
    codes = {"licensed": 0, "blocked-lob": 1, "no-reflection": 2, "parent-inconsistent": 3}
    grid = [[codes[v] for v in row] for row in matrix]
    cmap = ListedColormap(["#8fd18f", "#f4a3a3", "#d9d9d9", "#f7d26a"])
    right.imshow(grid, cmap=cmap, vmin=0, vmax=3)
    for i, row in enumerate(matrix):
        for j, verdict in enumerate(row):
            right.text(j, i, verdict.replace("-", "-\n"), ha="center", va="center", fontsize=9)
    theories = [a.replace("A", "T") for a in agents]
    right.set_xticks(
        range(len(agents)), [f"{a}\n({t})" for a, t in zip(agents, theories, strict=True)]
    )
    right.set_yticks(
        range(len(agents)), [f"{a} ({t})" for a, t in zip(agents, theories, strict=True)]
    )
    right.set_xlabel("child")
    right.set_ylabel("parent")
    right.set_title(
        f"3. Tower T0…T{len(agents) - 1} (T_k reflects T_(k-1)):\n"
        f"T_m licenses T_k iff k < m, depth {len(agents) - 1}",
        fontsize=10,
    )
    fig.suptitle(
        "The Löbian obstacle (Yudkowsky & Herreshoff 2013): a fixed theory is blocked by Löb's "
        "theorem · naive self-trust is inconsistent · a tower tiles to finite depth",
        fontsize=11.5,
    )
    fig.tight_layout()
    save(fig, path)
