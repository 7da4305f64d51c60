"""Agent files: parse `.agents` text (lobkit's notation and MIRI's formula-level definitions)
into `ModalAgent`s and the matches the file asks for.

The grammar is `lobkit/syntax/agents.lark`, which imports the formula grammar; the formula
Transformer runs inline in the LALR parser, so deep formulas never recurse. MIRI's notations
(`machine-intelligence/provability`: `raw DB = ⊥`, `bot NAME = …`, `def NAME if … return C end
return D`, claims `⌜Them(Me)=C⌝`, `[1]`, and the old ModalCombat.hs variables `a`/`b`) are read
as the same formulas: `Them(Me)=C` is `them`, `Them(DB)=D` is `¬them(DB)`, `Me(Them)=C` is `me`.
Helper names are resolved to agents afterwards, by `lobkit.agents.resolve`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer

from lobkit import formula as F
from lobkit.agents.agent import ME, THEM, ModalAgent, helper_atom, numeral_box, numeral_diamond
from lobkit.agents.builtins import BUILTINS, MAX_K
from lobkit.agents.programs import (
    CLAIM_MARK,
    VAR_PREFIX,
    For,
    If,
    Let,
    Param,
    Program,
    Return,
    compile_program,
)
from lobkit.agents.resolve import Definition, Resolver
from lobkit.errors import InputError
from lobkit.formula import Formula
from lobkit.inputs import read_source
from lobkit.limits import parse_count
from lobkit.syntax.frontend import TokenError, merge_builders, open_grammar, parse_text
from lobkit.syntax.lalr import FormulaBuilder

__all__ = ["AgentFile", "Match", "parse_agents", "load_agents", "define_agent"]

_WORDS = {
    "AGENT": "'agent'",
    "RAW": "'raw'",
    "BOT": "'bot'",
    "DEF": "'def'",
    "IF": "'if'",
    "THEN": "'then'",
    "RETURN": "'return'",
    "END": "'end'",
    "PLAY": "'play'",
    "DESCRIBE": "'describe'",
    "COMBAT": "'combat'",
    "VS": "'vs'",
    "EQUALS": "'='",
    "MOVE": "a move C or D",
    "AGENT_NAME": "an agent name",
    "NUM_BOX": "a numeral box like '[1]'",
    "NUM_DIA": "a numeral diamond like '<1>'",
    "LQUOTE": "'⌜'",
    "RQUOTE": "'⌝'",
    "ALT_AND": "'&&'",
    "ALT_OR": "'||'",
    "MIRI_TRUE": "'T'",
    "MIRI_FALSE": "'F'",
    "LET": "'let'",
    "FOR": "'for'",
    "IN": "'in'",
    "ELSE": "'else'",
    "PASS": "'pass'",
    "PARAM_TYPE": "'number' or 'action'",
    "VARIABLE": "a variable like '&n'",
    "VAR_BOX": "a box like '[&n]'",
    "INT": "a number",
}


@dataclass(frozen=True)
class Match:
    """A match requested by the file (`play A vs B`, `describe A vs B`, `combat A vs B`)."""

    kind: str
    left: str
    right: str
    location: str
    arguments: tuple[tuple[int | str, ...], tuple[int | str, ...]] = ((), ())  # MFB(2)


@dataclass(frozen=True)
class AgentFile:
    """The agents a file defines (in order) and the matches it requests."""

    agents: dict[str, ModalAgent] = field(default_factory=dict)
    matches: tuple[Match, ...] = ()


class _AgentBuilder(Transformer[Token, object]):
    """Agent-level rules and the formula extensions (numeral boxes, claims, quotes)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def _where(self, token: Token) -> str:
        return f"{self.source}:{token.line}:{token.column}"

    # formula extensions
    def primary(self, items: list[object]) -> Formula:
        return _formula(items[1])

    def numeral_box(self, items: list[object]) -> Formula:
        return numeral_box(_formula(items[1]), _numeral(items[0]))

    def numeral_diamond(self, items: list[object]) -> Formula:
        return numeral_diamond(_formula(items[1]), _numeral(items[0]))

    def quoted(self, items: list[object]) -> Formula:
        return _formula(items[1])

    def miri_top(self, items: list[object]) -> Formula:
        return F.top

    def miri_bot(self, items: list[object]) -> Formula:
        return F.bot

    def them_vs(self, items: list[Token]) -> Formula:
        head, name = items[0], items[2]
        if str(head) not in ("them", "b"):
            raise InputError(
                f"only the opponent can be run on other agents: use them({name})",
                self._where(head),
            )
        return F.atom(helper_atom(str(name)))

    def claim(self, items: list[Token]) -> Formula:
        # Name ( [Arg] ) = Move, as in MIRI's ⌜Them(Me)=C⌝, ⌜Them(DB)=D⌝, ⌜Me(Them)=C⌝.
        result = F.atom(self._claim_variable(items))
        return result if str(items[-1]) == "C" else F.neg(result)

    def _claim_variable(self, items: list[Token]) -> str:
        head = str(items[0])
        arg = str(items[2]) if len(items) == 6 else None
        if head == "Them":
            variable = THEM if arg in (None, "Me") else helper_atom(arg)
        elif head == "Me":
            if arg not in (None, "Them"):
                raise InputError(
                    "cannot reason about what 'Me' would do against another agent",
                    self._where(items[0]),
                )
            variable = ME
        else:
            raise InputError(
                f"a claim is about 'Them' or 'Me', not {head!r}", self._where(items[0])
            )
        return variable

    # agent-level rules
    def agent_def(self, items: list[object]) -> Definition:
        name = items[1]
        assert isinstance(name, Token)
        return Definition(str(name), _formula(items[-1]), self._where(name))

    # MIRI programs (lobkit/agents/programs.py compiles them)
    def variable_box(self, items: list[object]) -> Formula:
        label = VAR_PREFIX + str(items[0])[2:-1]
        return F.box(_formula(items[1]), theory=label)

    def variable_diamond(self, items: list[object]) -> Formula:
        label = VAR_PREFIX + str(items[0])[2:-1]
        return F.diamond(_formula(items[1]), theory=label)

    def variable_claim(self, items: list[Token]) -> Formula:
        # Them(Me)=&a: resolved per loop iteration, when &a is C or D.
        variable = self._claim_variable(items)
        return F.atom(f"{variable}{CLAIM_MARK}{str(items[-1])[1:]}")

    def params(self, items: list[object]) -> list[Param]:
        return [i for i in items if isinstance(i, Param)]

    def param(self, items: list[object]) -> Param:
        kind, name = items[0], items[1]
        assert isinstance(kind, Token) and isinstance(name, Token)
        default = _value(items[3]) if len(items) > 3 else None
        return Param(str(kind), str(name), default, self._where(name))

    def if_statement(self, items: list[object]) -> If:
        head = items[0]
        assert isinstance(head, Token)
        body = [i for i in items[2:] if not (isinstance(i, Token) and i.type in ("THEN", "END"))]
        split = next(
            (n for n, i in enumerate(body) if isinstance(i, Token) and i.type == "ELSE"), None
        )
        then = body if split is None else body[:split]
        otherwise = [] if split is None else body[split + 1 :]
        return If(_formula(items[1]), tuple(then), tuple(otherwise), self._where(head))

    def let_statement(self, items: list[object]) -> Let:
        head, variable, terms = items[0], items[1], items[3]
        assert isinstance(head, Token) and isinstance(terms, tuple)
        return Let(str(variable)[1:], terms, self._where(head))

    def expression(self, items: list[Token]) -> tuple[tuple[int, object], ...]:
        terms, sign = [], 1
        for token in items:
            if token.type in ("PLUS", "MINUS"):
                sign = 1 if token.type == "PLUS" else -1
            else:
                terms.append((sign, _value(token)))
        return tuple(terms)

    def for_statement(self, items: list[object]) -> For:
        head, kind, variable, values = items[0], items[1], items[2], items[4]
        assert isinstance(head, Token)
        body = tuple(i for i in items[5:] if not isinstance(i, Token))
        assert values is None or isinstance(values, tuple)
        return For(str(kind), str(variable)[1:], values, body, self._where(head))

    def range(self, items: list[Token]) -> tuple[object, ...] | None:
        if any(t.type in ("ELLIPSIS", "ACTIONS") for t in items):
            return None
        return tuple(_value(t) for t in items if t.type not in ("LBRACK", "RBRACK", "COMMA"))

    def return_statement(self, items: list[Token]) -> Return:
        value = _value(items[1]) if len(items) > 1 else None
        return Return(value, self._where(items[0]))

    def pass_statement(self, items: list[Token]) -> None:
        return None

    def program_def(self, items: list[object]) -> Program:
        name = items[1]
        assert isinstance(name, Token)
        params = next((i for i in items if isinstance(i, list)), [])
        body = tuple(i for i in items[2:] if isinstance(i, (If, Let, For, Return)))
        return Program(str(name), tuple(params), body, self._where(name))

    def call(self, items: list[Token]) -> tuple[str, tuple[int | str, ...]]:
        args = tuple(_value(t) for t in items[1:] if t.type in ("INT", "MOVE"))
        return str(items[0]), args

    def command(self, items: list[object]) -> Match:
        kind = items[0]
        assert isinstance(kind, Token)
        calls = [i for i in items if isinstance(i, tuple)]
        left, right = _call_name(*calls[0]), _call_name(*calls[1])
        where = self._where(kind)
        return Match(str(kind), left, right, where, (calls[0][1], calls[1][1]))

    def start(self, items: list[object]) -> list[object]:
        return items


def _numeral(token: object) -> int:
    """k of `[k]` / `<k>`: ASCII digits, at most `MAX_K` (located error otherwise)."""
    assert isinstance(token, Token)
    digits = str(token)[1:-1]
    try:
        return parse_count(digits, "the k of [k]", MAX_K, minimum=0)
    except InputError as error:
        raise TokenError(token, error.message) from None


def _formula(item: object) -> Formula:
    assert isinstance(item, Formula), item
    return item


def _value(token: object) -> int | str:
    """A program value: a number, a move C or D, or a variable's name (without `&`)."""
    text = str(token)
    if text.isdigit():  # ASCII digits, at most MAX_K: numbers index agents and [k] boxes
        try:
            return parse_count(text, "a number in an agent program", MAX_K, minimum=0)
        except InputError as error:
            if isinstance(token, Token):
                raise TokenError(token, error.message) from None
            raise
    return text[1:] if text[0] in "&#" else text


def _call_name(name: str, args: tuple[int | str, ...]) -> str:
    """The agent a call names: `MFB(2)` is `MFB_2` (as the built-in FairBot_2), `UDT(D, 1)`
    is `UDT_D_1`; a call without arguments is the bare name."""
    return "_".join([name, *map(str, args)])


@cache
def _grammar() -> Lark:
    """The grammar without a transformer: for the lexer of error messages."""
    return _open(None)


@cache
def _parser(source: str) -> Lark:
    """The grammar with the transformer (run inline: no tree, no recursion over depth)."""
    return _open(merge_builders(_AgentBuilder(source), formula=FormulaBuilder()))


def _open(transformer: Any) -> Lark:
    return open_grammar("agents.lark", transformer=transformer, start=["start", "formula"])


def _parse(text: str, source: str, start: str) -> object:
    return parse_text(_parser(source), text, source, start=start, words=_WORDS, lexer=_grammar())


def parse_agents(
    text: str, *, source: str = "<agents>", known: Mapping[str, ModalAgent] | None = None
) -> AgentFile:
    """Parse an agent file. Helpers may name agents of the file (any order) or `known` ones
    (default: the built-ins, also under MIRI's short names DB, CB, FB, PB, TB, UB).

    >>> f = parse_agents("agent Fair = []them\\nplay Fair vs DefectBot")
    >>> str(f.agents["Fair"]), f.matches[0].right
    ('Fair = []them', 'DefectBot')
    """
    items = _parse(text, source, "start")
    assert isinstance(items, list)
    definitions: dict[str, Definition] = {}
    matches: list[Match] = []
    programs: dict[str, Program] = {}
    for item in items:
        if isinstance(item, Match):
            matches.append(item)
        elif isinstance(item, Program):
            if item.name in programs or item.name in definitions:
                raise InputError(f"agent {item.name} is defined twice", item.location)
            programs[item.name] = item
            if all(p.default is not None for p in item.params):
                definitions[item.name] = Definition(item.name, compile_program(item), item.location)
        else:
            assert isinstance(item, Definition)
            if item.name in definitions:
                raise InputError(f"agent {item.name} is defined twice", item.location)
            if item.name in programs:
                raise InputError(f"agent {item.name} is defined twice", item.location)
            definitions[item.name] = item
    for match in matches:  # calls with arguments: MFB(2) is MFB compiled with 2, as MFB_2
        for call, args in zip((match.left, match.right), match.arguments, strict=True):
            name = call.rsplit("_", len(args))[0] if args else call
            if call not in definitions and name in programs:  # (no defaults: an error)
                formula = compile_program(programs[name], args)
                definitions[call] = Definition(call, formula, match.location)
    resolver = Resolver(definitions, BUILTINS if known is None else known)
    agents = {name: resolver.agent(name) for name in definitions}
    for match in matches:
        for name in (match.left, match.right):
            resolver.lookup(name, match.location)
    return AgentFile(agents, tuple(matches))


def load_agents(path: str | Path, *, known: Mapping[str, ModalAgent] | None = None) -> AgentFile:
    """Read and parse an agent file from disk."""
    source = read_source(path)
    return parse_agents(source.text, source=source.shown, known=known)


def define_agent(
    name: str, text: str, agents: Mapping[str, ModalAgent] | None = None
) -> ModalAgent:
    """One agent from a formula in agent notation: `define_agent("FB", "[]them")`.

    Helpers (`them(X)`) resolve in `agents`, then among the built-ins.
    """
    body = _formula(_parse(text, f"<{name}>", "formula"))
    definition = Definition(name, body, f"<{name}>")
    known = {**BUILTINS, **(agents or {})}
    return Resolver({name: definition}, known).agent(name)
