"""Game results as MIRI's program prints them (machine-intelligence/provability src/Modal/
Combat.hs, Display.hs, Formulas.hs `showFormula`/`kripkeTable`), so the two outputs can be
compared line by line; lobkit adds one line per game, the certificate ("Certified: …").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lobkit.agents.games import GameResult
from lobkit.agents.miri_printing import miri_formula

__all__ = [
    "miri_formula",
    "game_text",
    "setting_text",
    "frames_table",
    "map_table",
    "CERTIFIED",
    "UNVERIFIED",
]

CERTIFIED = "  Certified:"
UNVERIFIED = "  Unverified:"
"""The starts of lobkit's certificate line (the only line MIRI's program does not print)."""


def _square(rows: Sequence[Sequence[str]], indent: str = "    ") -> list[str]:
    """Display.hs squareUp + indentTable: every column padded to its widest cell."""
    cells = [[indent, *r] for r in rows]
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    widths = [max(len(r[i]) for r in cells) for i in range(width)]
    return ["".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]


def frames_table(result: GameResult) -> list[str]:
    """Formulas.hs kripkeTable: rank by rank, the variables' truth values."""
    columns = result.frame_columns()
    if not columns:
        return []
    header = ["", " │", *(f" {result.variables[i]}" for i in columns)]
    body = [
        [str(n), " │", *(" ⊤" if row[i] else " ⊥" for i in columns)]
        for n, row in enumerate(result.frame_rows())
    ]
    return _square([header, *body])


def map_table(result: GameResult) -> list[str]:
    """Display.hs tuplesToTable of the combat map: each variable and its formula."""
    names = dict(zip(result.system.atoms, result.system.labels, strict=True))
    width = max((len(v.shown) for v in result.variables), default=0)
    rows = [
        [str(v).ljust(width), " :  ", miri_formula(e, names)]
        for v, e in zip(result.variables, result.system.equations, strict=True)
    ]
    return _square(rows)


def certificate(result: GameResult) -> str:
    """lobkit's line under MIRI's result: the least k, and whether the prover checked it."""
    k = result.proved_in
    theory = "PA" if k == 0 else ("PA + Con(PA)" if k == 1 else f"PA + Con^{k}(PA)")
    if result.verified:
        fixed = "the unique fixed point, verified by the GL prover"
        return f"{CERTIFIED} proved in {theory} (k = {k}); {fixed}"
    return f"{UNVERIFIED} the linear frame gives {theory} (k = {k}); not checked by the GL prover"


def game_text(result: GameResult, *, frames: bool = False, show_map: bool = False) -> str:
    """One command's output as MIRI prints it (`frames`/`show_map` force those tables), plus
    lobkit's certificate line."""
    controls = result.controls
    if controls.hidden:
        return ""
    lines: list[str] = []
    calls = result.calls
    if result.kind == "play":
        single = len(calls) == 2
        aliases = [f"{c} as A{'' if single else n}" for n, c in enumerate(calls[1:], start=1)]
        lines.append(f"{calls[0]} as U vs")
        lines.append("    " + ",\n    ".join(aliases) + ":")
    else:
        lines.append(f"{calls[0]} vs {calls[1]}:")
    if controls.map or show_map:
        lines += ["", "  Full combat map:", *map_table(result), ""]
    if controls.frames or frames:
        lines += ["", "  Kripke frames:", *frames_table(result), ""]
    lines.append(f"  Result: {result.result_text()}")
    lines.append(certificate(result))
    return "\n".join(lines) + "\n"


def setting_text(source: str, summary: Iterable[tuple[str, list[str]]]) -> str:
    """Combat.hs playGame's header: the file's definitions by kind."""
    lines = ["Setting:", f"{source}:"]
    lines += [f"  {kind}: {', '.join(names)}" for kind, names in summary]
    return "\n".join(lines) + "\n\nLoaded. Executing...\n"
