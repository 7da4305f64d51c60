"""Lark's syntax errors in words: what was expected ("a formula", "')'"), after which token,
found what — the `ParseError` every lobkit grammar raises (`lobkit.syntax.frontend.parse_text`).

The formula grammar's terminals are named here once (`TERMINAL_WORDS`); grammars that import
it (theory files, agent files, the file formats) add their own words.
"""

from __future__ import annotations

from lark import Lark, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from lobkit.errors import ParseError

__all__ = ["TERMINAL_WORDS", "FORMULA_START", "syntax_error"]

# How each terminal reads in an error message.
TERMINAL_WORDS = {
    "ATOM": "an atom",
    "TRUE": "'true'",
    "FALSE": "'false'",
    "NOT": "'~'",
    "AND": "'&'",
    "OR": "'|'",
    "IMP": "'->'",
    "IFF": "'<->'",
    "BOX": "'[]'",
    "DIA": "'<>'",
    "THEORY_BOX": "a theory box like '[T]'",
    "THEORY_DIA": "a theory diamond like '<T>'",
    "LPAR": "'('",
    "RPAR": "')'",
    "$END": "the end of the input",
}
# Terminals that can start a formula: when the parser expects any of them it wants a formula.
FORMULA_START = frozenset(
    {"ATOM", "TRUE", "FALSE", "NOT", "BOX", "DIA", "THEORY_BOX", "THEORY_DIA", "LPAR"}
)


def syntax_error(
    error: UnexpectedInput,
    text: str,
    source: str,
    words: dict[str, str] | None,
    lark: Lark,
) -> ParseError:
    """Translate a Lark error into a `ParseError` whose message is written for people.

    `words` extends `TERMINAL_WORDS` (for grammars that import the formula grammar: theory
    and agent files); `lark` lexes the text before the error, for its "after …" part.
    """
    table = {**TERMINAL_WORDS, **(words or {})}
    lines = text.splitlines() or [""]
    if isinstance(error, UnexpectedToken):
        token = error.token
        at_end = token.type == "$END"
        # `accepts` (from the interactive parser) is exact; LALR's `expected` may over-report.
        expected = set(getattr(error, "accepts", None) or error.expected)
        wanted = _words(expected, table)
        end = len(text) if at_end else (error.pos_in_stream or 0)
        previous = _previous_token(lark, text, end)
        found = "the end of the input" if at_end else repr(str(token))
        message = f"expected {wanted}" + (f" after {previous!r}" if previous else "")
        message += f", found {found}"
        if at_end:
            line = len(lines)
            column = len(lines[-1]) + 1
            if text.endswith("\n"):
                line, column = line + 1, 1
                lines.append("")
        else:
            line, column = token.line or 1, token.column or 1
    elif isinstance(error, UnexpectedCharacters):
        line, column = error.line, error.column
        position = error.pos_in_stream or 0
        char = text[position] if position < len(text) else ""
        message = f"unexpected character {char!r}"
        if char.isupper():
            message += " (atoms start lowercase; theory names appear in boxes like [T]p)"
        elif char in "[<" and text[position + 1 : position + 2].islower():
            message += " (a theory name in a box starts uppercase: [T]p, <T>p)"
        elif error.allowed:
            message += f"; expected {_words(set(error.allowed), table)}"
    else:  # pragma: no cover - other Lark errors carry the same position fields
        line, column = getattr(error, "line", 1), getattr(error, "column", 1)
        message = "syntax error"
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    return ParseError(message, line=line, column=column, source_line=source_line, source=source)


def _words(expected: set[str], table: dict[str, str]) -> str:
    """Words for expected terminal names: 'a formula', "')'", "'&' or ')'"."""
    # Grammars importing this one see our terminals namespaced, as `formula__ATOM`.
    names = {name.rsplit("__", 1)[-1] for name in expected}
    words = []
    if names & FORMULA_START:
        words.append("a formula")
        names -= FORMULA_START
    words += sorted({table.get(n, n.lower().replace("_", " ")) for n in names})
    if not words:
        return "something else"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _previous_token(lark: Lark, text: str, position: int) -> str | None:
    """The text of the last token that ends before `position` (for 'after ...' messages)."""
    head = text[:position].rstrip()
    if not head:
        return None
    try:
        tokens = list(lark.lex(head))
    except UnexpectedInput:
        return None
    return str(tokens[-1]) if tokens else None
