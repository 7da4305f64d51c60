"""Opening a format's grammar (package data next to this module) and running it through the
shared front end, so a format's syntax errors read like lobkit's own: `file:line:col: expected
…`, the line, a caret, exit 2."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

from lark import Lark

from lobkit.syntax.frontend import parse_text

__all__ = ["grammar", "parse_with"]

T = TypeVar("T")


@cache
def grammar(name: str, start: tuple[str, ...], transformer: Any = None) -> Lark:
    """The LALR parser of `lobkit/formats/<name>`; the builder, if given, runs inline."""
    options: dict[str, Any] = {"parser": "lalr", "lexer": "contextual", "start": list(start)}
    if transformer is not None:
        options["transformer"] = transformer
        options["maybe_placeholders"] = False
    return Lark.open_from_package("lobkit", name, ("formats",), **options)


def parse_with(
    name: str,
    start: tuple[str, ...],
    builder: Any,
    text: str,
    source: str,
    which: str,
    words: Mapping[str, str],
    expect: type[T],
) -> T:
    """Parse `text` from rule `which` of grammar `name` with `builder` run inline; the
    builder's result for that rule is an `expect`."""
    result = parse_text(
        grammar(name, start, builder),
        text,
        source,
        start=which,
        words=words,
        lexer=grammar(name, start),
    )
    assert isinstance(result, expect), result
    return result
