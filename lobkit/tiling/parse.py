"""Text → `ParsedFile`: the .lob grammar (`lobkit/syntax/lob.lark`) and its Transformer.

The Transformer runs inline in the LALR parser, merged with the formula grammar's builder, so
deep formulas never recurse and no parse tree is built or walked. It produces the frozen
declarations of `lobkit.tiling.parsed`, each with the `Location`s of its parts. Syntax errors
read like the formula parser's ("expected a formula after '->'") with the caret line; a
keyword where an atom should be is refused at the keyword. Nothing here knows which names
exist: that is `lobkit.tiling.resolve`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from lark import Lark, Token, Transformer, UnexpectedInput, UnexpectedToken

from lobkit.errors import ParseError
from lobkit.formula import ATOM, BOX, DIA
from lobkit.syntax.frontend import (
    TokenError,
    error_at,
    merge_builders,
    open_grammar,
    parse_text,
    unexpected_token,
)
from lobkit.syntax.messages import FORMULA_START, syntax_error
from lobkit.tiling import parsed as P
from lobkit.tiling.templates import (
    SOURCE,
    Placed,
    TemplateBuilder,
    keyword_message,
    located,
    placeholder,
    template,
    token,
)
from lobkit.tiling.theory_file import Location

__all__ = ["parse_file", "KEYWORDS"]

STATEMENT_KEYWORDS = "logic theory agent prove chain consistent depth sound premise include".split()
KEYWORDS = frozenset(
    [
        *STATEMENT_KEYWORDS,
        *"extends axiom reflect goal actions expect given for in if and".split(),
    ]
)
# How our terminals read in syntax errors (the formula grammar's words are added by
# `syntax_error`).
WORDS = {
    "NAME": "a name starting uppercase",
    "STRING": 'a quoted path like "common.lob"',
    "INT": "a number",
    "VAR": "an index variable",
    "COLON": "':'",
    "MINUS": "'-'",
    "PLUS": "'+'",
    "STAR": "'*'",
    "COMMA": "','",
    "SEMICOLON": "';'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LSQB": "'['",
    "PAREN": "'('",
    "RSQB": "']'",
    "LT": "'<'",
    "GT": "'>'",
    "LE": "'<='",
    "GE": "'>='",
    "EQ": "'=='",
    "NE": "'!='",
    "DOTDOT": "'..'",
    "IMP": "'->'",
    "NOT": "'~'",
    "ATOM": "an atom",
    "ACTION": "an action name (lowercase)",
    "VERDICT_WORD": "a verdict",
    "AND_WORD": "'and'",
    **{
        word.upper(): f"'{word}'"
        for word in "extends axiom reflect goal actions expect given for in if".split()
    },
    # Where any statement may start, one phrase stands for all their keywords.
    **{word.upper(): "a statement" for word in STATEMENT_KEYWORDS},
}

# --- statements ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    name: str
    location: Location
    family: P.Family | None


T = TypeVar("T")


def _all(items: list[object], kind: type[T]) -> tuple[T, ...]:
    """The items of type `kind` (a rule's children of one sort, in order)."""
    return tuple(i for i in items if isinstance(i, kind))


def _maybe(items: list[object], kind: type[T]) -> T | None:
    """The first item of type `kind`, if any (an optional part of a rule)."""
    return next((i for i in items if isinstance(i, kind)), None)


def _the(items: list[object], kind: type[T]) -> T:
    """The first item of type `kind` (the grammar guarantees one)."""
    found = _maybe(items, kind)
    assert found is not None, (kind, items)
    return found


MAX_DIGITS = 100
"""The longest number a theory file may write (a range bound, an index): far past the bounds
`lobkit.tiling.families` checks with their own messages (10⁹), and far below Python's limit
on converting digits (4,300), which a bound of 5,000 digits reached as a traceback."""


def _natural(number: Token) -> int:
    """A range bound or index number of at most `MAX_DIGITS` digits (a one-line error past)."""
    text = str(number)
    if len(text) > MAX_DIGITS:
        raise TokenError(
            number,
            f"the number {text[:12]}… ({len(text):,} digits) is too large (at most 1,000,000,000)",
        )
    return int(text)


def _index(item: object) -> P.Index:
    assert isinstance(item, P.Number | P.Variable | P.Arithmetic), item
    return item


class _Builder(Transformer[Token, object]):
    """One method per statement rule of lob.lark; builds the declarations of `parsed`."""

    def start(self, items: list[P.Statement]) -> tuple[P.Statement, ...]:
        return tuple(items)

    def logic_stmt(self, items: list[Token]) -> P.LogicDecl:
        return P.LogicDecl(str(items[1]), located(items[1]), located(items[0]))

    # theories and agents

    def head(self, items: list[Token]) -> _Head:
        name = items[0]
        if len(items) == 1:
            return _Head(str(name), located(name), None)
        variable, bound, low, high = items[2], items[5], items[7], items[9]
        if str(variable) != str(bound):
            raise TokenError(
                bound,
                f"the family {name}[{variable}] ranges over '{variable}', "
                f"not '{bound}': write 'for {variable} in …'",
            )
        first, last = _natural(low), _natural(high)
        if first > last:
            raise TokenError(low, f"the range {low}..{high} is empty (write low..high)")
        family = P.Family(str(variable), first, last, located(low))
        return _Head(str(name), located(name), family)

    def theory_stmt(self, items: list[object]) -> P.TheoryDecl:
        head = _the(items, _Head)
        body = tuple(item for part in _all(items, list) for item in part)
        return P.TheoryDecl(head.name, head.location, head.family, body)

    def extends(self, items: list[object]) -> list[P.Extends]:
        keyword = located(token(items[0]))
        return [P.Extends(ref, keyword) for ref in _all(items, P.Ref)]

    def theory_block(self, items: list[object]) -> list[object]:
        return [i for i in items if not isinstance(i, Token)]

    def axiom_item(self, items: list[object]) -> P.Axiom:
        where = located(token(items[0]))
        return P.Axiom(template(items[1]), where, _maybe(items, P.Guard))

    def reflect_item(self, items: list[object]) -> P.Reflect:
        where = located(token(items[0]))
        return P.Reflect(_the(items, P.Ref), where, _maybe(items, P.Guard))

    def extends_item(self, items: list[object]) -> P.Extends:
        where = located(token(items[0]))
        return P.Extends(_the(items, P.Ref), where, _maybe(items, P.Guard))

    def guard(self, items: list[object]) -> P.Guard:
        return P.Guard(_all(items, P.Comparison), located(token(items[0])))

    def comparison(self, items: list[object]) -> P.Comparison:
        left, op, right = items
        return P.Comparison(str(op), _index(left), _index(right))

    def agent_stmt(self, items: list[object]) -> P.AgentDecl:
        head = _the(items, _Head)
        kinds = P.AgentTheory | P.AgentGoal | P.AgentActions
        body = tuple(item for item in items if isinstance(item, kinds))
        return P.AgentDecl(head.name, head.location, head.family, body)

    def agent_theory(self, items: list[object]) -> P.AgentTheory:
        return P.AgentTheory(_the(items, P.Ref), located(token(items[0])))

    def agent_goal(self, items: list[object]) -> P.AgentGoal:
        return P.AgentGoal(template(items[1]), located(token(items[0])))

    def agent_actions(self, items: list[object]) -> P.AgentActions:
        return P.AgentActions(_all(items, P.Ref), located(token(items[0])))

    def action(self, items: list[object]) -> P.Ref:
        return self.ref(items)

    # queries and the rest

    def prove_stmt(self, items: list[object]) -> P.ProveDecl:
        theory = _maybe(items, P.Ref)
        formula = template(_the(items, Placed))
        expect = _maybe(items, P.Expectation)
        return P.ProveDecl(theory, formula, expect, located(token(items[0])))

    def chain_stmt(self, items: list[object]) -> P.ChainDecl:
        expect = _maybe(items, P.Expectation)
        return P.ChainDecl(_all(items, P.Ref), expect, located(token(items[0])))

    def consistent_stmt(self, items: list[object]) -> P.ConsistentDecl:
        expect = _maybe(items, P.Expectation)
        return P.ConsistentDecl(_the(items, P.Ref), expect, located(token(items[0])))

    def depth_stmt(self, items: list[object]) -> P.DepthDecl:
        expect = _maybe(items, P.Expectation)
        return P.DepthDecl(_the(items, P.Ref), expect, located(token(items[0])))

    def sound_stmt(self, items: list[object]) -> P.SoundDecl:
        given = _all(items, P.Literal)
        expect = _maybe(items, P.Expectation)
        return P.SoundDecl(_the(items, P.Ref), given, expect, located(token(items[0])))

    def literal(self, items: list[object]) -> P.Literal:
        negated = isinstance(items[0], Token) and items[0].type == "NOT"
        return P.Literal(self.ref(items[1:] if negated else items), not negated)

    def premise_stmt(self, items: list[object]) -> P.PremiseDecl:
        return P.PremiseDecl(template(items[1]), located(token(items[0])))

    def include_stmt(self, items: list[Token]) -> P.IncludeDecl:
        return P.IncludeDecl(str(items[1])[1:-1], located(items[1]))

    def expectation(self, items: list[object]) -> P.Expectation:
        return _the(items, P.Expectation)

    def verdict(self, items: list[Token]) -> P.Expectation:
        return P.Expectation("".join(str(t) for t in items), located(items[0]))

    # names and index arithmetic

    def ref(self, items: list[object]) -> P.Ref:
        name = token(items[0])
        index = _index(items[2]) if len(items) > 2 else None
        return P.Ref(str(name), index, located(name))

    def index_number(self, items: list[Token]) -> P.Number:
        return P.Number(_natural(items[0]))

    def index_variable(self, items: list[Token]) -> P.Variable:
        return P.Variable(str(items[0]), located(items[0]))

    def index_add(self, items: list[object]) -> P.Arithmetic:
        return P.Arithmetic("+", _index(items[0]), _index(items[2]))

    def index_sub(self, items: list[object]) -> P.Arithmetic:
        return P.Arithmetic("-", _index(items[0]), _index(items[2]))

    def index_mul(self, items: list[object]) -> P.Arithmetic:
        return P.Arithmetic("*", _index(items[0]), _index(items[2]))

    def index_operand(self, items: list[object]) -> P.Index:
        return _index(items[1])  # `( index )`

    def indexed_atom(self, items: list[object]) -> Placed:
        name = token(items[0])
        if str(name) in KEYWORDS:
            raise TokenError(name, keyword_message(name))
        return placeholder(ATOM, self.ref(items))

    def indexed_box(self, items: list[object]) -> Placed:
        return self._indexed_modal(BOX, items)

    def indexed_diamond(self, items: list[object]) -> Placed:
        return self._indexed_modal(DIA, items)

    def _indexed_modal(self, op: str, items: list[object]) -> Placed:
        named = self.ref(items[1:5])  # located at the opening bracket, as `[T]` is
        body = items[6]
        assert isinstance(body, Placed)
        return placeholder(op, P.Ref(named.name, named.index, located(token(items[0]))), body)


# --- the parser ------------------------------------------------------------------------------


@cache
def _parser() -> Lark:
    builder = merge_builders(_Builder(), formula=TemplateBuilder(KEYWORDS))
    return open_grammar("lob.lark", transformer=builder)


@cache
def _lexer_only() -> Lark:
    """The same grammar without a transformer, used to find the token before an error."""
    return open_grammar("lob.lark", lexer="basic")


def _translate(error: UnexpectedInput, text: str, source: str) -> ParseError | None:
    # Lark's history is [None] when the very first token is the unexpected one.
    history = [t for t in getattr(error, "token_history", None) or [] if t is not None]
    if history and history[-1].type == "ATOM" and str(history[-1]) in KEYWORDS:
        return error_at(history[-1], keyword_message(history[-1]), text, source)
    if isinstance(error, UnexpectedToken):
        # `[` and `<` also start a formula here (`[T[k]]p`, `<T[k]>p`): say "a formula" once.
        wanted = set(error.accepts or error.expected or ())
        starts = {n.rsplit("__", 1)[-1] for n in wanted} & FORMULA_START
        if starts == {"LPAR"}:  # only an index expression's parenthesis
            wanted = {"PAREN" if n.endswith("LPAR") else n for n in wanted}
        elif starts:
            wanted -= {"LSQB", "LT"}
        error = unexpected_token(error.token, wanted, error.token_history)
    at_end = isinstance(error, UnexpectedToken) and error.token.type == "$END"
    # Point just after the last token, not at the empty line after the file's end.
    better = syntax_error(error, text.rstrip() if at_end else text, source, WORDS, _lexer_only())
    accepts = {
        name.rsplit("__", 1)[-1]
        for name in getattr(error, "accepts", None) or getattr(error, "expected", None) or ()
    }
    if isinstance(error, UnexpectedToken) and accepts and accepts <= {"NOT", "ATOM"}:
        # After `given` or a literal's comma only a literal fits, not any formula.
        message = better.message.replace("a formula", "a literal (an atom or ~atom)", 1)
        return ParseError(
            message,
            line=better.line,
            column=better.column,
            source_line=better.source_line,
            source=source,
        )
    return better


def parse_file(text: str, source: str) -> P.ParsedFile:
    """Parse the .lob `text` (named `source` in messages and Locations)."""
    reset = SOURCE.set(source)
    try:
        result = parse_text(
            _parser(),
            text,
            source,
            words=WORDS,
            lexer=_lexer_only(),
            translate=lambda error, text: _translate(error, text, source),
        )
    finally:
        SOURCE.reset(reset)
    assert isinstance(result, tuple)
    return P.ParsedFile(source, text, result)
