"""The Lark side of MIRI's modal-combat language: the LALR parsers over
`lobkit/syntax/modal_combat.lark` with `lobkit.agents.combat_syntax.GameBuilder` run inline,
the tab Indenter, and the words Lark's errors use.

The grammar is the language's specification. `lobkit.agents.combat_file.parse_game` reads a
well-formed file without Lark (`lobkit.agents.combat_reader`); this module is imported when
the reader declines a file: to read what it does not (a word of the language used as a name
where the reader does not take one), and for every error, whose located, worded message is
Lark's.

Blocks are tab-indented, so Lark's Indenter turns line breaks into _INDENT/_DEDENT tokens (tabs
only, one level at a time, as Code.hs's `eatIndent` demands). A `play:` command may span lines
(MIRI's `powerComma`): from `play` to its final `.` line breaks are plain space.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.indenter import Indenter

from lobkit.agents.combat_syntax import GameBuilder
from lobkit.errors import ParseError
from lobkit.syntax.frontend import TokenError, open_grammar, parse_text

__all__ = ["parse_with_lark"]

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


class _LarkBuilder(GameBuilder, Transformer[Token, Any]):
    """`GameBuilder` as Lark's inline Transformer."""


@cache
def _grammar(lexer: str = "contextual") -> Lark:
    return _open(None, lexer)


@cache
def _parser(source: str, lexer: str) -> Lark:
    return _open(_LarkBuilder(source), lexer)


def _open(transformer: Any, lexer: str) -> Lark:
    return open_grammar(
        "modal_combat.lark", transformer=transformer, postlex=_TabIndenter(), lexer=lexer
    )


def parse_with_lark(text: str, source: str) -> list[Any]:
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
