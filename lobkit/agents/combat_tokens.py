"""The tokens of MIRI's modal-combat language as Lark's parser gets them for
`lobkit/syntax/modal_combat.lark`, without Lark: its basic lexer (the grammar's terminals in
the order it tries them, one regular expression) and the tab Indenter of
`lobkit.agents.combat_lark` (_NL, _INDENT, _DEDENT; line breaks inside `play … .` are space).

`lobkit.agents.combat_reader` parses them. tests/agents/test_combat_reader.py checks that
`TERMINALS` and `KEYWORDS` are Lark's basic lexer's, in its order, and that `tokens` gives the
stream `Lark.lex` gives, positions included, or None exactly where Lark's lexing fails.
"""

from __future__ import annotations

import re

from lobkit.limits import current_budget
from lobkit.syntax.reader import CHECK_EVERY

__all__ = ["TERMINALS", "KEYWORDS", "IGNORED", "WORD", "Token", "retyped", "tokens"]

_NAME_END = r"(?![\w$@'-])"
TERMINALS = (
    ("_NOT_IN_SET", "∉|not +in" + _NAME_END),
    ("_DIA_WORD", "◇|(Possible|Diamond|Dia)" + _NAME_END),
    ("_BOX_WORD", "□|(Provable|Box)" + _NAME_END),
    ("_IMP", "→|->|implies" + _NAME_END),
    ("_BOTTOM", "⊥|(bottom|false|False)" + _NAME_END),
    ("_TOP", "⊤|(top|true|True)" + _NAME_END),
    ("NOT_EQUALS", r"≠|!=|\/=|isnt" + _NAME_END),
    ("_AND", r"∧|\/\\|&&|&(?![\w'])|and" + _NAME_END),
    ("_IFF", "↔|<->|iff" + _NAME_END),
    ("_NOT", "¬|~|not" + _NAME_END),
    ("_OR", r"∨|\\\/|\|\||\||or" + _NAME_END),
    ("EQUALS", "==|=|is" + _NAME_END),
    ("WORD", r"[\w$@'](?:[\w$@']|-(?=[\w$@']))*"),
    ("REF", r"&[\w'](?:[\w']|-(?=[\w']))*"),
    ("_NL", "(\r?\n[\t ]*(--[^\n]*)?)+"),
    ("LINE_COMMENT", "--[^\n]*"),
    ("SPACES", " +"),
    ("ELLIPSIS", r"\.\.\."),
    ("DOTS", r"\.\."),
    ("EMPTY_CALL", r"\(\)"),
    ("BANG", "!"),
    ("CARET", r"\^"),
    ("COLON", ":"),
    ("COMMA", ","),
    ("DIA_CLOSE", ">"),
    ("DIA_OPEN", "<"),
    ("LBRACE", r"\{"),
    ("LBRACK", r"\["),
    ("LPAR", r"\("),
    ("LQUOTE", "⌜"),
    ("MINUS", r"\-"),
    ("PERIOD", r"\."),
    ("PLUS", r"\+"),
    ("RBRACE", r"\}"),
    ("RBRACK", r"\]"),
    ("RPAR", r"\)"),
    ("RQUOTE", "⌝"),
    ("STAR", r"\*"),
    ("_IN_SET", "∈"),
)
"""Lark's basic lexer for modal_combat.lark: its terminals in the order it tries them (priority,
then width); the first that matches wins. A WORD that is one of `KEYWORDS` is that keyword."""

_TOKEN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in TERMINALS))
IGNORED = frozenset({"SPACES", "LINE_COMMENT"})
WORD = re.compile(dict(TERMINALS)["WORD"])

# The grammar's plain-string terminals, all of them WORDs: Lark's basic lexer retypes a WORD
# equal to one of them (its "unless" callback), so they are reserved everywhere.
KEYWORDS = {
    word: word.upper()
    for word in (
        "theory agent problem map bot combat compete play with frames hidden vs if else for in "
        "let return pass by number action outcome response actions outcomes responses"
    ).split()
}
KEYWORDS["Con"] = "CON"


class Token(str):
    """A token as Lark's: its text, with `type`, `line` and `column` (1-based)."""

    type: str
    line: int
    column: int


def _token(kind: str, text: str, line: int, column: int) -> Token:
    token = Token(text)
    token.type, token.line, token.column = kind, line, column
    return token


def retyped(token: Token, kind: str) -> Token:
    """`token` as a token of type `kind` (its text and place kept)."""
    return _token(kind, token, token.line, token.column)


def tokens(text: str) -> list[Token] | None:
    """The tokens Lark's parser gets from `text`: its basic lexer's, ignored ones dropped,
    through `lobkit.agents.combat_lark._TabIndenter` (which see), then `$END`; None where
    either would fail."""
    budget = current_budget()
    deadline = budget is not None and budget.deadline is not None
    out: list[Token] = []
    levels = 0  # the indentation: tabs, one more per block
    paren_level = 0  # inside `play … .`, line breaks are plain space
    line, line_start = 1, 0
    last_at = 1, 1
    position, end = 0, len(text)
    match = _TOKEN.match
    while position < end:
        found = match(text, position)
        if found is None:
            return None  # Lark: UnexpectedCharacters
        kind = found.lastgroup
        assert kind is not None
        value = found.group()
        if deadline and len(out) % CHECK_EVERY == 0:
            budget.remaining()  # type: ignore[union-attr]  # raises once the deadline passed
        if kind == "_NL":  # `_TabIndenter.handle_NL`
            at_line, at_column = last_at = line, position - line_start + 1
            line += value.count("\n")
            line_start = position + value.rindex("\n") + 1
            position = found.end()
            if paren_level:
                continue
            out.append(_token("_NL", value, at_line, at_column))
            last = value[value.rindex("\n") + 1 :]
            indent_str = last[: len(last) - len(last.lstrip("\t"))]
            if "\t" in last.lstrip("\t").split("--")[0]:
                return None  # a tab after a space: `_TabIndenter`'s error
            indent = len(indent_str)
            if indent > levels:
                if indent != levels + 1:
                    return None  # more than one level: `_TabIndenter`'s error
                levels = indent
                out.append(_token("_INDENT", indent_str, at_line, at_column))
            else:
                while indent < levels:
                    levels -= 1
                    out.append(_token("_DEDENT", indent_str, at_line, at_column))
            continue
        column = position - line_start + 1
        position = found.end()
        if kind in IGNORED:
            continue
        last_at = line, column
        if kind == "WORD":
            kind = KEYWORDS.get(value, "WORD")
            if kind == "PLAY":
                paren_level += 1
        elif kind == "PERIOD":
            paren_level -= 1
            if paren_level < 0:
                return None
        out.append(_token(kind, value, line, column))
    out.extend(_token("_DEDENT", "", *last_at) for _ in range(levels))  # (at the last token)
    out.append(_token("$END", "", *last_at))
    return out
