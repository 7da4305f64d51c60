"""Read files in MIRI's modal-combat language (`.ua`, as agents/target.ua) into
`lobkit.agents.language` values.

The grammar, `lobkit/syntax/modal_combat.lark`, is the language's specification. A well-formed
file is read without Lark by `lobkit.agents.combat_reader` (so `lobkit play` on a good file
never imports Lark or opens its parse tables); a file the reader declines is parsed by Lark
(`lobkit.agents.combat_lark`), which reads the rest of the language and gives every error
its location and words. Both build through `lobkit.agents.combat_syntax.GameBuilder`. Nested
`{- … -}` comments are blanked out first, keeping line numbers. Every error is a located
`ParseError` / `InputError`.
"""

from __future__ import annotations

from pathlib import Path

from lobkit.agents import language as L
from lobkit.agents.combat_reader import read
from lobkit.errors import InputError
from lobkit.inputs import read_source

__all__ = ["parse_game", "load_game", "strip_block_comments"]


def strip_block_comments(text: str) -> str:
    """`text` with nested `{- … -}` comments replaced by spaces (line breaks kept)."""
    if "{-" not in text:
        return text
    out = list(text)
    depth = 0
    i = 0
    n = len(text)
    while i < n:
        pair = text[i : i + 2]
        if pair == "{-":
            depth += 1
            out[i] = out[i + 1] = " "
            i += 2
            continue
        if depth and pair == "-}":
            depth -= 1
            out[i] = out[i + 1] = " "
            i += 2
            continue
        if depth and text[i] != "\n":
            out[i] = " "
        i += 1
    return "".join(out)


def parse_game(text: str, *, source: str = "<game>") -> L.GameFile:
    """Parse a file in MIRI's modal-combat language (see the module doc).

    >>> game = parse_game("bot DefectBot = ⊥\\ncombat! DefectBot vs DefectBot\\n")
    >>> [d.name for d in game.definitions], game.commands[0].kind
    (['DefectBot'], 'combat')
    """
    cleaned = strip_block_comments(text.replace("\r\n", "\n"))
    if not cleaned.endswith("\n"):
        cleaned += "\n"
    items = read(cleaned, source)
    if items is None:  # not read without Lark: Lark reads it, or says where and why not
        from lobkit.agents.combat_lark import parse_with_lark

        items = parse_with_lark(cleaned, source)
    definitions = tuple(i for i in items if isinstance(i, L.Def))
    commands = tuple(i for i in items if isinstance(i, L.Command))
    seen: dict[tuple[str, str], L.Def] = {}
    for d in definitions:
        key = ("theory" if d.kind == "theory" else d.kind, d.name)
        if key in seen:
            # Combat.hs NameCollision.
            raise InputError(f"name collision: {d.kind} {d.name} is already defined", d.location)
        seen[key] = d
    return L.GameFile(source, definitions, commands)


def load_game(path: str | Path) -> L.GameFile:
    """Read and parse a file in MIRI's language from disk."""
    source = read_source(path)
    return parse_game(source.text, source=source.shown)


_SHIPPED = Path(__file__).resolve().parent.parent / "theories" / "agents"


def shipped_games() -> list[str]:
    """The files in MIRI's language shipped with lobkit (`lobkit/theories/agents/*.ua`)."""
    return sorted(p.stem for p in _SHIPPED.glob("*.ua"))


def shipped_game(name: str) -> Path:
    """The path of the shipped file `name` (`"target"` is MIRI's agents/target.ua)."""
    stem = name[:-3] if name.endswith(".ua") else name
    if stem not in shipped_games():
        raise InputError(f"no shipped game file {name!r}; choose from {', '.join(shipped_games())}")
    return _SHIPPED / f"{stem}.ua"
