"""The one Lark front end every lobkit grammar goes through: open a grammar shipped as package
data, run it, and turn every failure into a located `ParseError`.

Three languages share it — formulas (`formula.lark`), theory files (`lob.lark`) and agent files
(`agents.lark`) — so opening the grammar, translating Lark's errors and unwrapping what a
Transformer raised live here once. Transformers run inline in the LALR parser (no parse tree,
no recursion over depth); an error a Transformer method wants to report at a token is raised as
`TokenError`, which `parse_text` turns into a `ParseError` with the token's line, column and caret.
Inline callbacks raise directly, tree Transformers wrap in `VisitError`: both are unwrapped.

Parsing is linear but not free (about 10 µs a token: a 1 MB theory file takes seconds), so it
runs under the current `lobkit.limits.Budget` when one is set (`lobkit.limits.within`, as the
command line does for `--timeout`): the tokens are then fed to the LALR parser one by one
through Lark's interactive parser, and the deadline is checked every `CHECK_EVERY` tokens.
Without a budget, Lark's own loop runs unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lark import Lark, Token, Transformer, UnexpectedInput, UnexpectedToken
from lark.exceptions import VisitError
from lark.visitors import merge_transformers

from lobkit.errors import LobkitError, ParseError
from lobkit.limits import Budget, current_budget
from lobkit.syntax.messages import syntax_error
from lobkit.syntax.reader import CHECK_EVERY
from lobkit.syntax.token_error import TokenError

__all__ = [
    "TokenError",
    "open_grammar",
    "parse_text",
    "error_at",
    "merge_builders",
    "unexpected_token",
    "CHECK_EVERY",
]


def open_grammar(
    name: str,
    *,
    transformer: Any = None,
    start: str | list[str] = "start",
    lexer: str = "contextual",
    postlex: Any = None,
) -> Lark:
    """The LALR parser of `lobkit/syntax/<name>`, with `transformer` run inline if given.

    Callers cache the result in memory. Across processes, Lark's own cache keeps the built
    LALR tables in the user's cache directory (building them is most of a command's start-up:
    about 0.1 s; loading them, a few ms); Lark checks the grammar's hash on load, so a stale
    file is rebuilt, and an unwritable directory only means no cache.
    """
    options: dict[str, Any] = {"parser": "lalr", "lexer": lexer, "start": start}
    if transformer is not None:
        options["transformer"] = transformer
        options["maybe_placeholders"] = False
    if postlex is not None:  # e.g. an Indenter (modal_combat.lark)
        options["postlex"] = postlex
    cache = _cache_file(name, {k: v for k, v in options.items() if k != "postlex"})
    if cache is not None:
        options["cache"] = cache
    return Lark.open_from_package("lobkit", name, ("syntax",), **options)


def _cache_file(name: str, options: Mapping[str, Any]) -> str | None:
    """A private per-user file for the built parser of `name` with `options`, or None."""
    import hashlib
    import os

    if os.environ.get("LOBKIT_NO_PARSER_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "lobkit")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    key = repr(sorted((k, v) for k, v in options.items() if k != "transformer"))
    digest = hashlib.sha256(f"{name}{key}".encode()).hexdigest()[:16]
    return os.path.join(folder, f"{name}-{digest}.lark-cache")


def error_at(token: Token, message: str, text: str, source: str) -> ParseError:
    """A `ParseError` at `token` of `text` (its line and a caret under its column)."""
    line, column = token.line or 1, token.column or 1
    lines = text.splitlines() or [""]
    return ParseError(
        message,
        line=line,
        column=column,
        source_line=lines[line - 1] if 0 < line <= len(lines) else "",
        source=source,
    )


def parse_text(
    lark: Lark,
    text: str,
    source: str,
    *,
    start: str | None = None,
    words: Mapping[str, str] | None = None,
    lexer: Lark | None = None,
    translate: Any = None,
) -> object:
    """Parse `text` (named `source` in messages) with `lark`; every failure is a `LobkitError`.

    `words` name the grammar's own terminals in syntax errors and `lexer` is a transformer-free
    copy of the grammar used to find the token before an error. `translate(error, text)` may
    return a better `ParseError` for a Lark error (or None to use the generic message).
    """
    budget = current_budget()
    try:
        if budget is None or budget.deadline is None:
            return lark.parse(text, start=start)
        return _parse_within(lark, text, start, budget)
    except UnexpectedInput as error:
        better = translate(error, text) if translate is not None else None
        if better is not None:
            raise better from None
        raise syntax_error(error, text, source, dict(words or {}), lexer or lark) from None
    except TokenError as error:
        raise error_at(error.token, error.message, text, source) from None
    except VisitError as error:  # a tree Transformer wraps what its methods raise
        inner = error.orig_exc
        if isinstance(inner, TokenError):
            raise error_at(inner.token, inner.message, text, source) from None
        if isinstance(inner, LobkitError):
            raise inner from None
        raise


def _parse_within(lark: Lark, text: str, start: str | None, budget: Budget) -> object:
    """`lark.parse(text, start=start)`, token by token, raising `ResourceLimit` once `budget`
    is spent. The loop is Lark's own (`parse_from_state`); like it, a syntax error carries the
    interactive parser, so `error.accepts` (what the parser would take) stays exact."""
    parser = lark.parse_interactive(text, start=start)
    state = parser.parser_state
    token = None
    try:
        lex: Any = parser.lexer_thread.lex  # (untyped in Lark)
        for count, token in enumerate(lex(state)):
            if count % CHECK_EVERY == 0:
                budget.remaining()  # raises once the deadline has passed
            state.feed_token(token)
        end = Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1)
        return state.feed_token(end, True)
    except UnexpectedInput as error:
        error.interactive_parser = parser
        raise


# Lark's functions below are untyped; lobkit's grammars call them through these two, typed.


def merge_builders(base: Transformer[Any, Any], **imported: Transformer[Any, Any]) -> Any:
    """Lark's `merge_transformers`: `base` with each imported grammar's Transformer under its
    namespace (`formula=FormulaBuilder()` for the grammars that import `formula.lark`)."""
    merge: Any = merge_transformers
    return merge(base, **imported)


def unexpected_token(token: Token, expected: set[str], history: Any) -> UnexpectedToken:
    """Lark's `UnexpectedToken(token, expected, token_history=history)`."""
    make: Any = UnexpectedToken
    error: UnexpectedToken = make(token, expected, token_history=history)
    return error
