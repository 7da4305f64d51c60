"""`TokenError`: what a grammar rule raises about one token of the text, Lark-free, so the rules
shared by Lark's parser and the Lark-free readers (`lobkit.agents.combat_syntax`) can raise it
without importing Lark; `lobkit.syntax.frontend.parse_text` turns it into a located `ParseError`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TokenError"]


class TokenError(Exception):
    """Raised inside a Transformer: `message` is about `token`; `parse_text` adds the location.

    `token` is Lark's `Token` or a reader's: a string with `line` and `column`."""

    def __init__(self, token: Any, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message
