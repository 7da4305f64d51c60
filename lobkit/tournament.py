"""Round-robin tournaments of modal agents on worker processes or an executor: every pair of
agents plays once (`lobkit.agents.combat`, verified by the GL prover), the mirror match is
read off it (same fixed point, sides swapped), and the answers come back in a fixed order.

Agents cross to workers by name: a worker rebuilds them from the built-ins and the same agent
files (read again there, so on a cluster the files must be where the workers can read them),
which keeps the messages small text and leaves agent objects unpickled.

>>> rows = list(tournament(["FairBot", "DefectBot"]))
>>> [(r["left"], r["right"], r["moves"]) for r in rows]
[('FairBot', 'FairBot', 'CC'), ('FairBot', 'DefectBot', 'DD'), ('DefectBot', 'DefectBot', 'DD')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from lobkit.errors import InputError

__all__ = ["pairs", "table_of", "tournament"]

CHUNK = 4  # matches per chunk: a verified match costs milliseconds to seconds


def pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """The matches of a round robin: each unordered pair once, self-matches included, in
    the order of `names`."""
    return [(a, b) for i, a in enumerate(names) for b in names[i:]]


def tournament(
    names: Sequence[str],
    files: Sequence[str | Path] = (),
    *,
    verify: bool = True,
    timeout: float | None = None,
    jobs: int = 1,
    executor: Any = None,
    skip: int = 0,
) -> Iterator[dict[str, Any]]:
    """Play the round robin of the agents `names` (built-ins, or defined in `files`), on
    `jobs` worker processes or `executor`; yield one JSON row per match of `pairs(names)`,
    in that order, from the `skip`-th: `{"left", "right", "moves", "proved_in", "verified",
    "seconds"}` (+ `"error"` when it has no answer)."""
    from lobkit.chunks import known_agent
    from lobkit.dispatch import Chunk, backend_for, drive

    if len(set(names)) != len(names):
        raise InputError("round robin: agent names must be distinct")
    paths = tuple(str(Path(f).resolve()) for f in files)
    for name in names:
        known_agent(name, paths)  # an unknown agent or a bad file fails here, before any match
    matches = pairs(names)

    def chunks() -> Iterator[Chunk]:
        for begin in range(skip, len(matches), CHUNK):
            yield Chunk(
                [
                    {
                        "i": i,
                        "left": a,
                        "right": b,
                        "files": list(paths),
                        "verify": verify,
                        "timeout": timeout,
                    }
                    for i, (a, b) in enumerate(matches[begin : begin + CHUNK], begin)
                ],
                kind="combat",
            )

    backend, _, _ = backend_for(jobs, len(matches) - skip, executor)
    for row in drive(chunks(), backend, skip):
        row.pop("i")
        yield row


def table_of(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, Any]:
    """The full table (`{"agents", "table": {row: {column: {"moves", "proved_in"}}}}`) from
    the rows of `tournament`: each mirror match is its pair's, sides swapped."""
    table: dict[str, dict[str, Any]] = {a: {} for a in names}
    for row in rows:
        a, b, moves = row["left"], row["right"], row.get("moves")
        table[a][b] = {"moves": moves, "proved_in": row.get("proved_in")}
        table[b][a] = {"moves": moves[::-1] if moves else None, "proved_in": row.get("proved_in")}
    return {"agents": list(names), "table": {a: {b: table[a][b] for b in names} for a in names}}
