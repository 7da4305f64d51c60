"""Read files in MIRI's modal-combat language (`.ua`, as agents/target.ua) into
`lobkit.agents.language` values.

The grammar is `lobkit/syntax/modal_combat.lark`; blocks are tab-indented, so Lark's Indenter
turns line breaks into _INDENT/_DEDENT tokens (tabs only, one level at a time, as Code.hs's
`eatIndent` demands). A `play:` command may span lines (MIRI's `powerComma`): from `play` to
its final `.` line breaks are plain space. Nested `{- … -}` comments are blanked out first,
keeping line numbers. Every error is a located `ParseError` / `InputError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from lark import Lark, Token
from lark.indenter import Indenter

from lobkit.agents import language as L
from lobkit.agents.combat_syntax import GameBuilder
from lobkit.errors import InputError, ParseError
from lobkit.inputs import read_source
from lobkit.syntax.frontend import TokenError, open_grammar, parse_text

__all__ = ["parse_game", "load_game", "strip_block_comments"]

_WORDS = {
    "WORD": "a name or value",
    "REF": "a variable like '&n'",
    "_NL": "a line break",
    "_INDENT": "an indented block (one more tab)",
    "_DEDENT": "the end of the block",
    "EQUALS": "'='",
    "BANG": "'!'",
    "COLON": "':'",
    "COMMA": "','",
    "PERIOD": "'.'",
    "LPAR": "'('",
    "RPAR": "')'",
    "LBRACK": "'['",
    "RBRACK": "']'",
    "LQUOTE": "'⌜'",
    "RQUOTE": "'⌝'",
    "VS": "'vs'",
    "_IFF": "'↔'",
    "_AND": "'∧'",
    "_OR": "'∨'",
    "_IMP": "'→'",
}


class _TabIndenter(Indenter):
    """Lark's Indenter, with MIRI's rule: the indentation is the leading tabs (spaces after
    them are plain space, a tab after a space is an error), one more tab per block."""

    NL_type = "_NL"
    OPEN_PAREN_types = ["PLAY"]
    CLOSE_PAREN_types = ["PERIOD"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 1

    def handle_NL(self, token: Token) -> Iterator[Token]:
        if self.paren_level > 0:
            return
        yield token
        last = token.rsplit("\n", 1)[1]
        indent_str = last[: len(last) - len(last.lstrip("\t"))]
        if "\t" in last.lstrip("\t").split("--")[0]:
            at = Token.new_borrow_pos("_NL", token, token)
            at.line, at.column = token.end_line or token.line or 1, 1
            raise TokenError(at, "indent with tabs (MIRI's language reads one tab per level)")
        indent = len(indent_str)
        if indent > self.indent_level[-1]:
            if indent != self.indent_level[-1] + 1:
                at = Token.new_borrow_pos("_NL", token, token)
                at.line, at.column = token.end_line or 1, 1
                raise TokenError(at, "indented more than one level (one more tab per block)")
            self.indent_level.append(indent)
            yield Token.new_borrow_pos(self.INDENT_type, indent_str, token)
        else:
            while indent < self.indent_level[-1]:
                self.indent_level.pop()
                yield Token.new_borrow_pos(self.DEDENT_type, indent_str, token)


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


@cache
def _grammar(lexer: str = "contextual") -> Lark:
    return _open(None, lexer)


@cache
def _parser(source: str, lexer: str) -> Lark:
    return _open(GameBuilder(source), lexer)


def _open(transformer: Any, lexer: str) -> Lark:
    return open_grammar(
        "modal_combat.lark", transformer=transformer, postlex=_TabIndenter(), lexer=lexer
    )


def _parse(text: str, source: str) -> list[Any]:
    """The file's items. Lark's basic lexer (one scanner) reads nearly every file; it reserves
    the language's words everywhere, so a file using one as a name (`number top=3`) fails
    there and is read by the contextual lexer, which takes a word as a name wherever the
    grammar wants one, as MIRI's parser does; the contextual lexer compiles a scanner per
    parser state it meets, most of the parse time, so it comes second. Where both read a
    file they read it alike (the words they lex differently are never valid in each other's
    places); every error message is the contextual lexer's."""
    try:
        items = parse_text(
            _parser(source, "basic"), text, source, words=_WORDS, lexer=_grammar("basic")
        )
    except ParseError:
        items = parse_text(
            _parser(source, "contextual"), text, source, words=_WORDS, lexer=_grammar()
        )
    assert isinstance(items, list)
    return items


def parse_game(text: str, *, source: str = "<game>") -> L.GameFile:
    """Parse a file in MIRI's modal-combat language (see the module doc).

    >>> game = parse_game("bot DefectBot = ⊥\\ncombat! DefectBot vs DefectBot\\n")
    >>> [d.name for d in game.definitions], game.commands[0].kind
    (['DefectBot'], 'combat')
    """
    cleaned = strip_block_comments(text.replace("\r\n", "\n"))
    if not cleaned.endswith("\n"):
        cleaned += "\n"
    items = _parse(cleaned, source)
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
