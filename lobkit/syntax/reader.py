"""The formula language of `formula.lark`, read without Lark: one regular expression for the
tokens and an operator-precedence loop over explicit stacks.

This is the path every well-formed formula takes (`lobkit.syntax.parse`): it needs neither Lark
nor its parse tables, so `lobkit prove FORMULA` never imports them, and it reads a token in
about a microsecond where Lark's LALR parser with its inline Transformer takes ten or more.
It accepts exactly the language of `formula.lark` and builds the same interned nodes its
Transformer builds (tests/syntax/test_reader.py compares the two on generated text). It has
no error reporting of its own: on any text it does not accept, `read` returns None and the
caller parses the text again with Lark, whose located, worded `ParseError` is the one the user
sees. So a mistake here could only ever cost time, never change a message — as long as `read`
accepts nothing Lark rejects and builds what Lark builds, which is what the tests check.

Under a `lobkit.limits.Budget` with a deadline, the deadline is looked at every `CHECK_EVERY`
tokens, exactly as Lark's token loop in `lobkit.syntax.frontend` does.
"""

from __future__ import annotations

import re

from lobkit.formula import AND, ATOM, BOX, DIA, IFF, IMP, NOT, OR, Formula, bot, top
from lobkit.limits import current_budget

__all__ = ["CHECK_EVERY", "read"]

CHECK_EVERY = 1024
"""Tokens between two looks at the deadline while parsing under a budget."""

# The terminals of formula.lark, one group each, in the order Lark's lexer tries them (the
# theory-indexed boxes before the plain ones). ATOM, TRUE and FALSE share the identifier group:
# Lark's ATOM excludes exactly the identifiers `true` and `false` (by a lookahead), which are
# its keywords. The last group catches any other character: the text is then not a formula.
# (No re.VERBOSE, no lookahead: compiling this is part of every command's start-up.)
_TOKEN = re.compile(
    r"([ \t\f\r\n]+)"  # 1 WS (ignored)
    r"|(#[^\n]*)"  # 2 COMMENT (ignored)
    r"|(\[[A-Z][A-Za-z0-9_]*\]|□_[A-Z][A-Za-z0-9_]*)"  # 3 THEORY_BOX
    r"|(<[A-Z][A-Za-z0-9_]*>|◇_[A-Z][A-Za-z0-9_]*)"  # 4 THEORY_DIA
    r"|([a-z][A-Za-z0-9_]*)"  # 5 ATOM, or the keyword true or false
    r"|(\[\]|□)"  # 6 BOX
    r"|(<>|◇)"  # 7 DIA
    r"|(<->|↔)"  # 8 IFF
    r"|(->|→)"  # 9 IMP
    r"|(⊤)"  # 10 TRUE
    r"|(⊥)"  # 11 FALSE
    r"|(~|¬)"  # 12 NOT
    r"|(&|∧)"  # 13 AND
    r"|(\||∨)"  # 14 OR
    r"|(\()"  # 15 LPAR
    r"|(\))"  # 16 RPAR
    r"|(.)",  # 17 anything else
    re.DOTALL,
)
_THEORY_BOX, _THEORY_DIA, _ATOM, _BOX, _DIA = 3, 4, 5, 6, 7
_TRUE, _FALSE, _NOT, _LPAR, _RPAR = 10, 11, 12, 15, 16

# Binary operators: token group -> (precedence, node op). Tighter binds higher; & and | group
# to the left, -> and <-> to the right (formula.lark's precedence ladder).
_BINARY = {8: (1, IFF), 9: (2, IMP), 14: (3, OR), 13: (4, AND)}
_LEFT = frozenset({3, 4})
_PREFIX = 5  # the precedence of ~, [], <>, [T], <T>: tighter than every binary operator
_OPEN = 0  # the precedence of an open parenthesis on the operator stack: never reduced


def read(text: str) -> Formula | None:
    """The formula `text` denotes, or None if it is not one (the caller asks Lark why).

    >>> str(read("□(□p → p) → □p"))
    '[]([]p -> p) -> []p'
    >>> read("p ->") is None
    True
    """
    budget = current_budget()
    deadline = budget is not None and budget.deadline is not None
    operands: list[Formula] = []
    # Pending operators: (precedence, node op, theory label); prefix ones carry _PREFIX.
    pending: list[tuple[int, str | None, str | None]] = []
    want_operand = True
    count = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        if kind is None or kind <= 2:
            continue
        if deadline and count % CHECK_EVERY == 0:
            budget.remaining()  # type: ignore[union-attr]  # raises once the deadline passed
        count += 1
        if want_operand:
            if kind == _ATOM:
                name = match.group()
                if name == "true":
                    operands.append(top)
                elif name == "false":
                    operands.append(bot)
                else:
                    operands.append(Formula(ATOM, (), name))
                want_operand = False
            elif kind == _TRUE:
                operands.append(top)
                want_operand = False
            elif kind == _FALSE:
                operands.append(bot)
                want_operand = False
            elif kind == _NOT:
                pending.append((_PREFIX, NOT, None))
            elif kind == _BOX:
                pending.append((_PREFIX, BOX, None))
            elif kind == _DIA:
                pending.append((_PREFIX, DIA, None))
            elif kind == _THEORY_BOX or kind == _THEORY_DIA:
                name = match.group()
                label = name[1:-1] if name[0] in "[<" else name[2:]
                pending.append((_PREFIX, BOX if kind == _THEORY_BOX else DIA, label))
            elif kind == _LPAR:
                pending.append((_OPEN, None, None))
            else:
                return None
            continue
        binary = _BINARY.get(kind)
        if binary is not None:
            precedence = binary[0]
            while pending:
                top_precedence = pending[-1][0]
                if top_precedence == _OPEN or top_precedence < precedence:
                    break
                if top_precedence == precedence and precedence not in _LEFT:
                    break
                _reduce(pending, operands)
            pending.append((precedence, binary[1], None))
            want_operand = True
        elif kind == _RPAR:
            while pending and pending[-1][0] != _OPEN:
                _reduce(pending, operands)
            if not pending:
                return None  # a ')' with no '('
            pending.pop()
        else:
            return None
    if want_operand:
        return None  # empty text, or it ends where a formula should start
    while pending:
        if pending[-1][0] == _OPEN:
            return None  # a '(' never closed
        _reduce(pending, operands)
    return operands[0]


def _reduce(pending: list[tuple[int, str | None, str | None]], operands: list[Formula]) -> None:
    """Apply the operator on top of `pending` to the operands on top of `operands`."""
    precedence, op, label = pending.pop()
    assert op is not None
    if precedence == _PREFIX:
        operands.append(Formula(op, (operands.pop(),), label))
    else:
        right = operands.pop()
        operands.append(Formula(op, (operands.pop(), right)))
