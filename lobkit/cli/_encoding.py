"""Output to a terminal or pipe that cannot print □: the ASCII notation instead of a traceback.

With `PYTHONIOENCODING=ascii`, or a C locale without coercion, standard output is ASCII and
writing `□p → p` raised UnicodeEncodeError. `ensure_printable()` (called by `lobkit.cli.main`)
gives such streams an error handler that writes each symbol the way the ASCII notation does
(`[]`, `<>`, `~`, `&`, `|`, `->`, `<->`, `false`, `true`; the syntax of docs/prover.md, so
what is printed reads back) and any other character as its nearest ASCII: `ö` → `o`,
`²` → `2`, `φ` → `phi`, else `?`. JSON keeps its data exact: `json_for(stream)` escapes
(`\\u25a1`) instead.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

__all__ = ["ensure_printable", "ascii_notation", "can_print", "escape_json"]

HANDLER = "lobkit-ascii"

SYMBOLS = {
    "□": "[]",
    "◇": "<>",
    "¬": "~",
    "∧": "&",
    "∨": "|",
    "→": "->",
    "↔": "<->",
    "⊥": "false",
    "⊤": "true",
    "⋀": "&",
    "⋁": "|",
    "⊢": "|-",
    "⊬": "|/-",
    "⇒": "=>",
    "↦": "|->",
    "…": "...",
    "⋮": ":",
    "—": "--",
    "–": "-",
    "−": "-",
    "·": "*",
    "×": "x",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "∈": " in ",
    "⊆": " subset of ",
    "✓": "+",
    "✗": "x",
    "⌜": "'",
    "⌝": "'",
    "⌊": "floor(",
    "⌋": ")",
    "ℕ": "N",
    "§": "S",
}


def ascii_notation(char: str) -> str:
    """The ASCII for one character: lobkit's notation for a logical symbol, else its nearest
    letters (compatibility decomposition without accents, or a Greek letter's name), else ?."""
    import unicodedata  # only when a character cannot be printed (start-up time otherwise)

    if char in SYMBOLS:
        return SYMBOLS[char]
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if plain and plain.isascii():
        return plain
    name = unicodedata.name(char, "")
    if name.startswith("GREEK ") and " LETTER " in name:
        letter = name.rsplit(" ", 1)[1].lower()
        return letter.capitalize() if "CAPITAL" in name else letter
    return "?"


def _handle(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text, start, end = error.object, error.start, error.end
    if end - start == 1 and text[start] in "□◇" and text[end : end + 1] == "_":
        # `□_T φ` (a theory's box, Unicode notation) is `[T]φ` in ASCII
        stop = end + 1
        while stop < len(text) and (text[stop].isalnum() or text[stop] == "_"):
            stop += 1
        name = text[end + 1 : stop]
        if name.isascii() and name:
            brackets = "[]" if text[start] == "□" else "<>"
            return brackets[0] + name + brackets[1], stop + (text[stop : stop + 1] == " ")
    return "".join(ascii_notation(c) for c in text[start:end]), end


codecs.register_error(HANDLER, _handle)


def can_print(stream: TextIO, text: str = "□→⊥") -> bool:
    """Whether `stream`'s encoding writes `text` as it is."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        codecs.lookup(encoding)
        text.encode(encoding)
    except (LookupError, UnicodeError):
        return False
    return True


def ensure_printable() -> None:
    """Standard output and error that cannot print □ write the ASCII notation instead."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or can_print(stream):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=HANDLER)
            except (ValueError, OSError):  # pragma: no cover - a closed or replaced stream
                pass


def escape_json(text: str) -> str:
    """JSON text with every non-ASCII character as a `\\uXXXX` escape (surrogate pairs above
    U+FFFF): the same document, printable anywhere. Outside strings JSON is ASCII already."""
    import re

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return re.sub(r"[^\x00-\x7f]", escape, text)
