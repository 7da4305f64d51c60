"""MIRI's modal-combat language read without Lark: a recursive-descent parser with one method
per rule of `lobkit/syntax/modal_combat.lark`, over the tokens Lark's parser would get
(`lobkit.agents.combat_tokens`: its basic lexer and tab Indenter, redone).

This is the path every well-formed file takes (`lobkit.agents.combat_file.parse_game`): it
needs neither Lark (~30 ms to import) nor its parse tables (~15 ms to open), so `lobkit play`
on a good file never loads them. Each rule's method hands `GameBuilder` the very children
Lark's parser hands it (named tokens and sub-rule values; `?rules` with one child inlined), so
the values are built by one piece of code. Lark's basic lexer reserves the language's words
everywhere; where the grammar takes a name and nothing else the reader reads one as a name, as
Lark's contextual lexer does (decisions.ua's `number top=3`; see `_Parser.name`). It has no
error reporting of its own: on any text it does not accept — a syntax error, a word of the
language used as a name elsewhere, an error a rule raises — `read` returns None and the caller
parses the text with Lark, whose located, worded error is the one the user sees. So a mistake
here could only ever cost time, never change a message, as long as `read` accepts nothing Lark
rejects and builds what Lark builds: tests/agents/test_combat_reader.py checks both, and that
it reads everything Lark's basic lexer reads.

Long module: one method per rule and alias of modal_combat.lark (about thirty), in the
grammar's order, meant to be read side by side with it; split, a rule and its neighbours
would no longer be seen together.
"""

from __future__ import annotations

from typing import Any

from lobkit.agents.combat_syntax import GameBuilder
from lobkit.agents.combat_tokens import WORD, Token, retyped, tokens
from lobkit.syntax.token_error import TokenError

__all__ = ["read"]

_VALUE = ("WORD", "REF")
_CLAIM_KIND = ("ACTION", "OUTCOME", "RESPONSE")
_CLAIM_KINDS = ("ACTIONS", "OUTCOMES", "RESPONSES")


class _Declined(Exception):
    """The text is not one the reader accepts: Lark is to read it."""


def read(text: str, source: str) -> list[Any] | None:
    """The items (`Def`s and `Command`s) of `text`, a file of MIRI's language with its block
    comments blanked and ending in a line break, named `source` in locations; or None if this
    reader does not accept it (the caller asks Lark).

    >>> [type(i).__name__ for i in read("bot B = ⊥\\ncombat! B vs B\\n", "f")]
    ['Def', 'Command']
    >>> read("bot X = \\n", "f") is None
    True
    """
    stream = tokens(text)
    if stream is None:
        return None
    try:
        return _Parser(stream, GameBuilder(source)).start()
    except (_Declined, TokenError, RecursionError, IndexError):
        return None


class _Parser:
    """One method per rule of modal_combat.lark, each returning what `GameBuilder` makes of
    the children Lark would give it; `_Declined` wherever Lark's LALR parser would fail."""

    def __init__(self, stream: list[Token], builder: GameBuilder) -> None:
        self.stream = stream
        self.at = 0
        self.build = builder

    # ----- tokens -------------------------------------------------------------------------
    def peek(self) -> str:
        return self.stream[self.at].type

    def take(self, *kinds: str) -> Token:
        token = self.stream[self.at]
        if token.type not in kinds:
            raise _Declined
        self.at += 1
        return token

    def name(self) -> Token:
        """A WORD where the grammar takes a name and nothing else (a definition's, a parameter's
        or its default, a call's, an argument): there Lark's contextual lexer, offered WORD
        alone (or beside ')', '.'), reads a word of the language as a name (`number top=3`,
        `T(map=5)`), the text the basic lexer typed as a word or operator; so does the
        reader. (`play` is left to Lark: the Indenter has counted it.)"""
        token = self.stream[self.at]
        if token.type != "WORD":
            if token.type == "PLAY" or WORD.fullmatch(token) is None:
                raise _Declined
            token = retyped(token, "WORD")
        self.at += 1
        return token

    def next(self) -> Token:
        token = self.stream[self.at]
        self.at += 1
        return token

    # ----- file ---------------------------------------------------------------------------
    def start(self) -> list[Any]:
        """start: _NL? item*"""
        if self.peek() == "_NL":
            self.at += 1
        items = []
        while self.peek() != "$END":
            items.append(self.item())
        return self.build.start(items)

    def item(self) -> Any:
        kind = self.peek()
        if kind == "THEORY" or kind == "AGENT" or kind == "PROBLEM":
            return self.definition()
        if kind == "BOT":
            # bot: BOT WORD EQUALS statement _NL
            children = [self.next(), self.name(), self.take("EQUALS"), self.statement()]
            self.take("_NL")
            return self.build.bot(children)
        if kind == "COMBAT" or kind == "COMPETE":
            # combat: COMBAT controls BANG call VS call _NL (compete: COLON for BANG)
            children = [self.next(), self.controls()]
            children += [self.take("BANG" if kind == "COMBAT" else "COLON"), self.call()]
            children += [self.take("VS"), self.call()]
            self.take("_NL")
            return (self.build.combat if kind == "COMBAT" else self.build.compete)(children)
        if kind == "PLAY":
            return self.play()
        raise _Declined

    def definition(self) -> Any:
        """theory, agent, agent_map, problem, problem_map: the head (`params?`, value lists for a
        problem), then a code block, or `↔` lines after `map`."""
        head = self.next()
        children: list[Any] = [head]
        is_map = self.peek() == "MAP" and head.type != "THEORY"
        if is_map:
            children.append(self.next())
        children.append(self.name())
        if self.peek() == "LPAR" or self.peek() == "EMPTY_CALL":
            children.append(self.params())
        if head.type == "PROBLEM":
            children.append(self.values())
            children.append(self.values())
            while self.peek() == "LBRACK":
                children.append(self.values())
        self.take("_NL")
        if is_map:
            children.append(self.mapping())
            rule = self.build.agent_map if head.type == "AGENT" else self.build.problem_map
        else:
            children.append(self.code())
            rule = {
                "THEORY": self.build.theory,
                "AGENT": self.build.agent,
                "PROBLEM": self.build.problem,
            }[head.type]
        return rule(children)

    def play(self) -> Any:
        """play: PLAY controls COLON call (COMMA call)* COMMA? PERIOD _NL"""
        children = [self.next(), self.controls(), self.take("COLON"), self.call()]
        while self.peek() == "COMMA":
            children.append(self.next())
            if self.peek() == "PERIOD":
                break
            children.append(self.call())
        children.append(self.take("PERIOD"))
        self.take("_NL")
        return self.build.play(children)

    def controls(self) -> Any:
        """controls: control*   (control: WITH FRAMES | WITH MAP | HIDDEN)"""
        children = []
        while True:
            kind = self.peek()
            if kind == "WITH":
                with_ = self.next()
                word = self.take("FRAMES", "MAP")
                rule = self.build.with_frames if word.type == "FRAMES" else self.build.with_map
                children.append(rule([with_, word]))
            elif kind == "HIDDEN":
                children.append(self.build.hidden([self.next()]))
            else:
                return self.build.controls(children)

    # ----- heads, calls and value lists ---------------------------------------------------
    def params(self) -> Any:
        """params: LPAR (param (COMMA param)* COMMA?)? RPAR | EMPTY_CALL"""
        return self.build.params(self.listed(self.param))

    def listed(self, element: Any) -> list[Any]:
        """`LPAR (e (COMMA e)* COMMA?)? RPAR | EMPTY_CALL`'s children, each e by `element`."""
        if self.peek() == "EMPTY_CALL":
            return [self.next()]
        children = [self.take("LPAR")]
        if self.peek() != "RPAR":
            children.append(element())
            while self.peek() == "COMMA":
                children.append(self.next())
                if self.peek() == "RPAR":
                    break
                children.append(element())
        children.append(self.take("RPAR"))
        return children

    def param(self) -> Any:
        """param: (NUMBER | claim_kind) WORD (EQUALS WORD)?"""
        if self.peek() == "NUMBER":
            kind: Any = self.next()
        else:
            kind = self.build.claim_kind([self.take(*_CLAIM_KIND)])
        children = [kind, self.name()]
        if self.peek() == "EQUALS":
            children += [self.next(), self.name()]
        return self.build.param(children)

    def values(self) -> Any:
        """values: LBRACK (WORD (COMMA WORD)* COMMA?)? RBRACK | LBRACK ELLIPSIS RBRACK"""
        children = [self.take("LBRACK")]
        if self.peek() == "ELLIPSIS":
            children += [self.next(), self.take("RBRACK")]
            return self.build.unknown_values(children)
        if self.peek() == "WORD":
            children.append(self.next())
            while self.peek() == "COMMA":
                children.append(self.next())
                if self.peek() == "RBRACK":
                    break
                children.append(self.take("WORD"))
        children.append(self.take("RBRACK"))
        return self.build.values(children)

    def call(self) -> Any:
        """call: WORD arguments? values? values?"""
        children: list[Any] = [self.name()]
        if self.peek() == "LPAR" or self.peek() == "EMPTY_CALL":
            children.append(self.build.arguments(self.listed(self.argument)))
        if self.peek() == "LBRACK":
            children.append(self.values())
            if self.peek() == "LBRACK":
                children.append(self.values())
        return self.build.call(children)

    def argument(self) -> Any:
        """argument: WORD | WORD EQUALS WORD -> keyword_argument"""
        word = self.name()
        if self.peek() == "EQUALS":
            return self.build.keyword_argument([word, self.next(), self.name()])
        return self.build.argument([word])

    # ----- code ---------------------------------------------------------------------------
    def mapping(self) -> Any:
        """mapping: _INDENT (WORD _IFF statement _NL)+ _DEDENT"""
        self.take("_INDENT")
        children = []
        while True:
            children.append(self.take("WORD"))
            self.take("_IFF")
            children.append(self.statement())
            self.take("_NL")
            if self.peek() == "_DEDENT":
                self.at += 1
                return self.build.mapping(children)

    def code(self) -> Any:
        """code: _INDENT fragment+ _DEDENT"""
        self.take("_INDENT")
        fragments = [self.fragment()]
        while self.peek() != "_DEDENT":
            fragments.append(self.fragment())
        self.at += 1
        return self.build.code(fragments)

    def fragment(self) -> Any:
        kind = self.peek()
        head = self.next()
        if kind == "IF":
            # if_fragment: IF statement _NL code (ELSE _NL code)?
            children = [head, self.statement()]
            self.take("_NL")
            children.append(self.code())
            if self.peek() == "ELSE":
                children.append(self.next())
                self.take("_NL")
                children.append(self.code())
            return self.build.if_fragment(children)
        if kind == "FOR":
            # for_fragment: FOR claim_kind REF IN range _NL code
            # for_number: FOR NUMBER REF IN bounded_range _NL code
            number = self.peek() == "NUMBER"
            word: Any = self.next() if number else self.build.claim_kind([self.take(*_CLAIM_KIND)])
            children = [head, word, self.take("REF"), self.take("IN"), self.range(not number)]
            self.take("_NL")
            children.append(self.code())
            return (self.build.for_number if number else self.build.for_fragment)(children)
        if kind == "LET":
            # let_fragment: LET REF EQUALS expression _NL
            children = [head, self.take("REF"), self.take("EQUALS"), self.expression()]
            self.take("_NL")
            return self.build.let_fragment(children)
        if kind == "RETURN":
            # return_fragment: RETURN ref_value? _NL
            children = [head]
            if self.peek() in _VALUE:
                children.append(self.next())
            self.take("_NL")
            return self.build.return_fragment(children)
        if kind == "PASS":
            self.take("_NL")
            return self.build.pass_fragment([head])
        raise _Declined

    def range(self, whole: bool) -> Any:
        """range (`whole`: also `[a..]` and `actions`/`outcomes`/`responses`) or bounded_range:
        enum_range `[a..b] by?`, open_range `[a..] by?`, list_range `[x, y, …]`."""
        if whole and self.peek() in _CLAIM_KINDS:
            return self.build.total_range([self.build.claim_kinds([self.next()])])
        children: list[Any] = [self.take("LBRACK")]
        if self.peek() not in _VALUE:
            children.append(self.take("RBRACK"))
            return self.build.list_range(children)
        children.append(self.next())
        if self.peek() == "DOTS":
            children.append(self.next())
            if self.peek() in _VALUE:
                children.append(self.next())
                rule = self.build.enum_range
            elif whole:
                rule = self.build.open_range
            else:
                raise _Declined
            children.append(self.take("RBRACK"))
            if self.peek() == "BY":
                children.append(self.build.by([self.next(), self.take(*_VALUE)]))
            return rule(children)
        while self.peek() == "COMMA":
            children.append(self.next())
            if self.peek() == "RBRACK":
                break
            children.append(self.take(*_VALUE))
        children.append(self.take("RBRACK"))
        return self.build.list_range(children)

    # let arithmetic: + tightest, then -, *, ^, each right-associative (?rules: one child is
    # passed up as it is)
    def expression(self) -> Any:
        """expression: product (CARET expression)?"""
        left = self.product()
        if self.peek() == "CARET":
            return self.build.expression([left, self.next(), self.expression()])
        return left

    def product(self) -> Any:
        """product: difference (STAR product)?"""
        left = self.difference()
        if self.peek() == "STAR":
            return self.build.product([left, self.next(), self.product()])
        return left

    def difference(self) -> Any:
        """difference: sum (MINUS difference)?"""
        left = self.sum()
        if self.peek() == "MINUS":
            return self.build.difference([left, self.next(), self.difference()])
        return left

    def sum(self) -> Any:
        """sum: operand (PLUS sum)?"""
        left = self.operand()
        if self.peek() == "PLUS":
            return self.build.sum([left, self.next(), self.sum()])
        return left

    def operand(self) -> Any:
        """operand: ref_value | LPAR expression RPAR"""
        if self.peek() in _VALUE:
            return self.next()
        children = [self.take("LPAR"), self.expression(), self.take("RPAR")]
        return self.build.operand(children)

    # ----- statements: ¬ tightest, then ∧, ∨, →, ↔, each right-associative ---------------
    def statement(self) -> Any:
        """statement: implication (_IFF statement)?"""
        left = self.implication()
        if self.peek() == "_IFF":
            self.at += 1
            return self.build.statement([left, self.statement()])
        return left

    def implication(self) -> Any:
        """implication: disjunction (_IMP implication)?"""
        left = self.disjunction()
        if self.peek() == "_IMP":
            self.at += 1
            return self.build.implication([left, self.implication()])
        return left

    def disjunction(self) -> Any:
        """disjunction: conjunction (_OR disjunction)?"""
        left = self.conjunction()
        if self.peek() == "_OR":
            self.at += 1
            return self.build.disjunction([left, self.disjunction()])
        return left

    def conjunction(self) -> Any:
        """conjunction: negation (_AND conjunction)?"""
        left = self.negation()
        if self.peek() == "_AND":
            self.at += 1
            return self.build.conjunction([left, self.conjunction()])
        return left

    def negation(self) -> Any:
        """negation: _NOT negation -> negated | term"""
        if self.peek() == "_NOT":
            self.at += 1
            return self.build.negated([self.negation()])
        return self.term()

    def term(self) -> Any:
        kind = self.peek()
        head = self.next()
        if kind == "WORD":
            return self.claim(head)
        if kind == "LPAR":
            children = [head, self.statement(), self.take("RPAR")]
            return self.build.term(children)
        if kind == "_TOP":
            return self.build.truth([])
        if kind == "_BOTTOM":
            return self.build.falsehood([])
        if kind == "BOT":
            return self.build.falsehood([head])
        if kind == "CON":
            # CON (LPAR ref_value RPAR)? -> consistency
            children = [head]
            if self.peek() == "LPAR":
                children += [self.next(), self.take(*_VALUE), self.take("RPAR")]
            return self.build.consistency(children)
        if kind == "LBRACK" or kind == "DIA_OPEN":
            # LBRACK ref_value? RBRACK quoted -> provable; DIA_OPEN … DIA_CLOSE -> possible
            children = [head]
            if self.peek() in _VALUE:
                children.append(self.next())
            children.append(self.take("RBRACK" if kind == "LBRACK" else "DIA_CLOSE"))
            children.append(self.quoted())
            return (self.build.provable if kind == "LBRACK" else self.build.possible)(children)
        if kind == "_BOX_WORD" or kind == "_DIA_WORD":
            # _BOX_WORD (LPAR ref_value RPAR)? quoted -> provable (◇: possible)
            children = []
            if self.peek() == "LPAR":
                children += [self.next(), self.take(*_VALUE), self.take("RPAR")]
            children.append(self.quoted())
            return (self.build.provable if kind == "_BOX_WORD" else self.build.possible)(children)
        raise _Declined

    def quoted(self) -> Any:
        """quoted: LQUOTE statement RQUOTE | LBRACK statement RBRACK"""
        opening = self.take("LQUOTE", "LBRACK")
        statement = self.statement()
        closing = self.take("RQUOTE" if opening.type == "LQUOTE" else "RBRACK")
        return self.build.quoted([opening, statement, closing])

    def claim(self, name: Token) -> Any:
        """claim: WORD (EMPTY_CALL | LPAR call RPAR)? relation"""
        children: list[Any] = [name]
        if self.peek() == "EMPTY_CALL":
            children.append(self.next())
        elif self.peek() == "LPAR":
            children += [self.next(), self.call(), self.take("RPAR")]
        children.append(self.relation())
        return self.build.claim(children)

    def relation(self) -> Any:
        """relation: EQUALS ref_value | NOT_EQUALS ref_value | (_IN_SET|IN) {…} | _NOT_IN_SET {…}"""
        kind = self.peek()
        head = self.next()
        if kind == "EQUALS":
            return self.build.equals([head, self.take(*_VALUE)])
        if kind == "NOT_EQUALS":
            return self.build.not_equals([head, self.take(*_VALUE)])
        if kind not in ("_IN_SET", "IN", "_NOT_IN_SET"):
            raise _Declined
        children = [head] if kind == "IN" else []
        children.append(self.take("LBRACE"))
        if self.peek() in _VALUE:
            children.append(self.next())
            while self.peek() == "COMMA":
                children.append(self.next())
                if self.peek() == "RBRACE":
                    break
                children.append(self.take(*_VALUE))
        children.append(self.take("RBRACE"))
        return (self.build.not_member if kind == "_NOT_IN_SET" else self.build.member)(children)
