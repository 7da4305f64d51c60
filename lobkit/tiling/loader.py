"""Text → `Spec`: parse .lob files (grammar `lobkit/syntax/lob.lark`), follow includes, check names.

Parsing runs the statement Transformer inline in the LALR parser, merged with the formula
grammar's `FormulaBuilder`, so deep formulas never recurse. Every error carries its place:
syntax errors read like the formula parser's ("expected a formula after '->'") with the caret
line; semantic errors (unknown name, `extends` cycle, duplicate definition, an include leaving
the file's folder) are `InputError`s located at `file.lob:LINE:COL`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lark import Lark, Token, Transformer, UnexpectedInput, UnexpectedToken
from lark.visitors import merge_transformers

from lobkit.errors import InputError, ParseError
from lobkit.formula import Formula, theories_of
from lobkit.inputs import check_name, read_source
from lobkit.limits import FILE_BYTES
from lobkit.syntax.frontend import TokenError, error_at, open_grammar, run
from lobkit.syntax.parser import FormulaBuilder, syntax_error
from lobkit.tiling.spec import (
    VERDICTS,
    AgentDef,
    ChainQuery,
    ConsistentQuery,
    DepthQuery,
    Location,
    ProveQuery,
    Query,
    SoundQuery,
    Spec,
    TheoryDef,
)

__all__ = ["load", "loads"]

FRAMES = ("GL", "K4", "K")

STATEMENT_KEYWORDS = (
    "logic",
    "theory",
    "agent",
    "prove",
    "chain",
    "consistent",
    "depth",
    "sound",
    "premise",
    "include",
)
# How our terminals read in syntax errors (the formula grammar's words are added by
# `syntax_error`).
WORDS = {
    "NAME": "a name starting uppercase",
    "STRING": 'a quoted path like "common.lob"',
    "INT": "a number",
    "COLON": "':'",
    "MINUS": "'-'",
    "COMMA": "','",
    "SEMICOLON": "';'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "IMP": "'->'",
    "ATOM": "an atom",
    "ACTION": "an action name (lowercase)",
    "VERDICT_WORD": "a verdict",
    "NOT": "'~'",
    **{
        word.upper(): f"'{word}'"
        for word in "extends axiom reflect goal actions expect given".split()
    },
    # Where any statement may start, one phrase stands for all their keywords.
    **{word.upper(): "a statement" for word in STATEMENT_KEYWORDS},
}


# ---------------------------------------------------------------------------------------------
# Raw statements: what the parser saw, with tokens (positions) kept for the semantic checks.


@dataclass
class _Raw:
    kind: str
    keyword: Token
    names: list[Token] = field(default_factory=list)
    formula: Formula | None = None
    items: list[tuple[Token, object]] = field(default_factory=list)
    expect: Token | None = None
    expect_text: str | None = None


class _Builder(Transformer[Token, object]):
    """One method per statement rule; builds `_Raw` records."""

    def start(self, items: list[object]) -> list[_Raw]:
        return [i for i in items if isinstance(i, _Raw)]

    def logic_stmt(self, items: list[Token]) -> _Raw:
        return _Raw("logic", items[0], [items[1]])

    def theory_stmt(self, items: list[object]) -> _Raw:
        raw = _Raw("theory", _tok(items[0]), [_tok(items[1])])
        for item in items[2:]:
            if isinstance(item, tuple) and item[0] == "extends":
                raw.names += item[1]
            elif isinstance(item, list):
                raw.items = item
        return raw

    def extends(self, items: list[Token]) -> tuple[str, list[Token]]:
        return ("extends", [t for t in items[1:] if t.type == "NAME"])

    def theory_block(self, items: list[object]) -> list[tuple[Token, object]]:
        return [i for i in items if isinstance(i, tuple)]

    def axiom_item(self, items: list[object]) -> tuple[Token, object]:
        return (_tok(items[0]), items[1])

    def reflect_item(self, items: list[object]) -> tuple[Token, object]:
        return (_tok(items[0]), items[1])

    def agent_stmt(self, items: list[object]) -> _Raw:
        raw = _Raw("agent", _tok(items[0]), [_tok(items[1])])
        raw.items = [i for i in items[2:] if isinstance(i, tuple)]
        return raw

    def agent_theory(self, items: list[object]) -> tuple[Token, object]:
        return (_tok(items[0]), items[1])

    def agent_goal(self, items: list[object]) -> tuple[Token, object]:
        return (_tok(items[0]), items[1])

    def agent_actions(self, items: list[object]) -> tuple[Token, object]:
        return (_tok(items[0]), [t for t in items[1:] if isinstance(t, Token)])

    def prove_stmt(self, items: list[object]) -> _Raw:
        raw = _Raw("prove", _tok(items[0]))
        for item in items[1:]:
            if isinstance(item, Token) and item.type == "NAME":
                raw.names.append(item)
            elif isinstance(item, Formula):
                raw.formula = item
            elif isinstance(item, tuple):
                raw.expect, raw.expect_text = item
        return raw

    def _named(self, kind: str, items: list[object]) -> _Raw:
        raw = _Raw(kind, _tok(items[0]))
        for item in items[1:]:
            if isinstance(item, Token) and item.type == "NAME":
                raw.names.append(item)
            elif isinstance(item, tuple):
                raw.expect, raw.expect_text = item
        return raw

    def chain_stmt(self, items: list[object]) -> _Raw:
        return self._named("chain", items)

    def consistent_stmt(self, items: list[object]) -> _Raw:
        return self._named("consistent", items)

    def depth_stmt(self, items: list[object]) -> _Raw:
        return self._named("depth", items)

    def sound_stmt(self, items: list[object]) -> _Raw:
        raw = self._named("sound", [i for i in items if not isinstance(i, list)])
        raw.items = [(i[0], i[1]) for i in items if isinstance(i, list)]
        return raw

    def literal(self, items: list[Token]) -> list[object]:
        return [items[-1], len(items) == 1]  # [atom token, value]: a list, not a statement

    def premise_stmt(self, items: list[object]) -> _Raw:
        return _Raw("premise", _tok(items[0]), formula=items[1])  # type: ignore[arg-type]

    def include_stmt(self, items: list[Token]) -> _Raw:
        return _Raw("include", items[0], [items[1]])

    def expectation(self, items: list[object]) -> tuple[Token, str]:
        verdict = items[1]
        assert isinstance(verdict, tuple)
        return verdict  # (first token, text)

    def verdict(self, items: list[Token]) -> tuple[Token, str]:
        return (items[0], "".join(str(t) for t in items))


KEYWORDS = frozenset(
    "logic theory extends axiom reflect agent goal actions prove chain consistent depth "
    "include expect sound given premise".split()
)


class _Formulas(FormulaBuilder):
    """The formula builder, refusing keywords as atoms (a forgotten operand would otherwise
    swallow the next statement's keyword silently)."""

    def atom(self, items: list[Token]) -> Formula:
        if str(items[0]) in KEYWORDS:
            raise TokenError(items[0], _keyword_message(items[0]))
        return super().atom(items)


def _tok(item: object) -> Token:
    assert isinstance(item, Token), item
    return item


@cache
def _parser() -> Lark:
    return open_grammar("lob.lark", transformer=merge_transformers(_Builder(), formula=_Formulas()))


@cache
def _lexer_only() -> Lark:
    """The same grammar without a transformer, used to find the token before an error."""
    return open_grammar("lob.lark", lexer="basic")


def _keyword_message(token: Token) -> str:
    return f"'{token}' is a keyword; expected a formula here"


def _parse(text: str, source: str) -> list[_Raw]:
    def translate(error: UnexpectedInput, text: str) -> ParseError | None:
        # Lark's history is [None] when the very first token is the unexpected one.
        history = [t for t in getattr(error, "token_history", None) or [] if t is not None]
        if history and history[-1].type == "ATOM" and str(history[-1]) in KEYWORDS:
            return error_at(history[-1], _keyword_message(history[-1]), text, source)
        if isinstance(error, UnexpectedToken) and error.token.type == "$END":
            # Point just after the last token, not at the empty line after the file's end.
            return syntax_error(error, text.rstrip(), source, dict(WORDS), _lexer_only())
        return None

    result = run(_parser(), text, source, words=WORDS, lexer=_lexer_only(), translate=translate)
    assert isinstance(result, list)
    return result


# ---------------------------------------------------------------------------------------------
# Reading files and following includes


def _read(path: Path, source: str, where: str | None) -> str:
    return read_source(path, shown=source, where=where).text


@dataclass
class _Unit:
    """One parsed file: its display name, text and raw statements."""

    source: str
    text: str
    statements: list[_Raw]


class _Collector:
    """Reads the main file and its includes (each file once; include cycles are errors).

    `path` is the file's real location (for `loads`, a virtual name in the include folder) and
    `source` its display name; includes resolve against both, and must stay inside the main
    file's folder.
    """

    def __init__(self, root_folder: Path, includes: bool = True) -> None:
        self.root_folder = root_folder.resolve()
        self.includes = includes
        self.units: list[tuple[_Unit, _Raw]] = []
        self.done: set[Path] = set()

    def add(self, path: Path, source: str, text: str, stack: tuple[Path, ...]) -> None:
        unit = _Unit(source, text, _parse(text, source))
        self.done.add(path)
        for raw in unit.statements:
            if raw.kind != "include":
                self.units.append((unit, raw))
                continue
            token = raw.names[0]
            where = str(_loc(source, token))
            relative = str(token)[1:-1]
            if not self.includes:
                raise InputError(f"include {relative!r} is refused here: give one file", where)
            check_name(relative, where=where)
            real = Path(os.path.realpath(path.parent / relative))
            if Path(relative).is_absolute() or not real.is_relative_to(self.root_folder):
                raise InputError(
                    f"include {relative!r} leaves the folder of the theory file; "
                    "includes must stay inside it",
                    where,
                )
            if real in stack or real == path:
                raise InputError(f"include cycle: {relative!r} is already being read", where)
            if real in self.done:
                continue  # already read: include each file once
            shown = str(Path(source).parent / relative)
            self.add(real, shown, _read(real, shown, where), (*stack, path))


def _loc(source: str, token: Token) -> Location:
    return Location(source, token.line or 1, token.column or 1)


# ---------------------------------------------------------------------------------------------
# Semantic checks: names, cycles, duplicates, agents, expectations


_BOX_NAME = re.compile(r"(?:\[|<|□_|◇_)([A-Z][A-Za-z0-9_]*)")


def _formula_theory_error(
    formula: Formula, known: dict[str, object], unit: _Unit, after: Token, what: str
) -> None:
    """Raise for the first box `[X]` in `formula` whose theory X is not defined."""
    unknown = {t for t in theories_of(formula) if t is not None and t not in known}
    if not unknown:
        return
    start = after.start_pos or 0
    for match in _BOX_NAME.finditer(unit.text, start):
        if match.group(1) in unknown:
            line = unit.text.count("\n", 0, match.start()) + 1
            column = match.start() - (unit.text.rfind("\n", 0, match.start()) + 1) + 1
            where = Location(unit.source, line, column)
            break
    else:  # pragma: no cover - the box is always in the text after its statement keyword
        where = _loc(unit.source, after)
    name = sorted(unknown)[0]
    raise InputError(f"unknown theory {name!r} in {what}{_hint(name, known)}", str(where))


def _hint(name: str, known: dict[str, object]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _build(units: list[tuple[_Unit, _Raw]], path: Path | None) -> Spec:
    frame: str | None = None
    defined: dict[str, tuple[str, Location]] = {}
    theory_raws: list[tuple[_Unit, _Raw]] = []
    agent_raws: list[tuple[_Unit, _Raw]] = []
    query_raws: list[tuple[_Unit, _Raw]] = []
    premise_raws: list[tuple[_Unit, _Raw]] = []
    for unit, raw in units:
        if raw.kind == "logic":
            token = raw.names[0]
            if str(token) not in FRAMES:
                raise InputError(
                    f"unknown logic {str(token)!r}; choose from {', '.join(FRAMES)}",
                    str(_loc(unit.source, token)),
                )
            if frame is not None and frame != str(token):
                raise InputError(
                    f"logic {token} contradicts the earlier 'logic {frame}'",
                    str(_loc(unit.source, raw.keyword)),
                )
            frame = str(token)
        elif raw.kind in ("theory", "agent"):
            token = raw.names[0]
            here = _loc(unit.source, token)
            if str(token) in defined:
                kind, there = defined[str(token)]
                raise InputError(f"{token} is already defined as {kind} at {there}", str(here))
            defined[str(token)] = (f"a {raw.kind}", here)
            (theory_raws if raw.kind == "theory" else agent_raws).append((unit, raw))
        elif raw.kind == "premise":
            premise_raws.append((unit, raw))
        else:
            query_raws.append((unit, raw))

    theory_names: dict[str, object] = {str(r.names[0]): r for _, r in theory_raws}
    agent_names: dict[str, object] = {str(r.names[0]): r for _, r in agent_raws}

    def need(token: Token, unit: _Unit, table: dict[str, object], kind: str) -> str:
        name = str(token)
        if name not in table:
            other = "an agent" if kind == "theory" else "a theory"
            found = defined.get(name)
            extra = f"; {name} is {other}" if found else _hint(name, table)
            raise InputError(f"unknown {kind} {name!r}{extra}", str(_loc(unit.source, token)))
        return name

    theories: dict[str, TheoryDef] = {}
    for unit, raw in theory_raws:
        name = str(raw.names[0])
        extends = tuple(need(t, unit, theory_names, "theory") for t in raw.names[1:])
        for t in raw.names[1:]:
            if str(t) == name:
                raise InputError(f"theory {name} extends itself", str(_loc(unit.source, t)))
        axioms: list[Formula] = []
        reflects: list[str] = []
        for keyword, value in raw.items:
            if keyword.type == "AXIOM":
                assert isinstance(value, Formula)
                _formula_theory_error(value, theory_names, unit, keyword, "an axiom")
                axioms.append(value)
            else:
                assert isinstance(value, Token)
                reflects.append(need(value, unit, theory_names, "theory"))
        theories[name] = TheoryDef(
            name, extends, tuple(axioms), tuple(reflects), _loc(unit.source, raw.names[0])
        )
    _check_cycles(theory_raws)

    agents: dict[str, AgentDef] = {}
    for unit, raw in agent_raws:
        agents[str(raw.names[0])] = _agent(unit, raw, theory_names, need)

    queries: list[Query] = []
    for unit, raw in query_raws:
        queries.append(_query(unit, raw, theory_names, agent_names, need))
    premises: list[Formula] = []
    for unit, raw in premise_raws:
        assert raw.formula is not None
        _formula_theory_error(raw.formula, theory_names, unit, raw.keyword, "a premise")
        premises.append(raw.formula)
    return Spec(theories, agents, tuple(queries), frame or "GL", path, tuple(premises))


def _agent(unit: _Unit, raw: _Raw, theory_names: dict[str, object], need: object) -> AgentDef:
    assert callable(need)
    name = str(raw.names[0])
    seen: dict[str, Token] = {}
    theory: str | None = None
    goal: Formula | None = None
    actions: list[str] = []
    for keyword, value in raw.items:
        if keyword.type in seen:
            raise InputError(
                f"agent {name} has a second '{keyword}' (the first is at "
                f"{_loc(unit.source, seen[keyword.type])})",
                str(_loc(unit.source, keyword)),
            )
        seen[keyword.type] = keyword
        if keyword.type == "THEORY":
            assert isinstance(value, Token)
            theory = need(value, unit, theory_names, "theory")
        elif keyword.type == "GOAL":
            assert isinstance(value, Formula)
            _formula_theory_error(value, theory_names, unit, keyword, "a goal")
            goal = value
        else:
            assert isinstance(value, list)
            for token in value:
                if str(token) in actions:
                    raise InputError(
                        f"action {token} is listed twice", str(_loc(unit.source, token))
                    )
                actions.append(str(token))
    where = str(_loc(unit.source, raw.names[0]))
    for word, value in (("theory", theory), ("goal", goal), ("actions", actions or None)):
        if value is None:
            raise InputError(f"agent {name} needs '{word} …' in its braces", where)
    assert theory is not None and goal is not None
    return AgentDef(name, theory, goal, tuple(actions), _loc(unit.source, raw.names[0]))


def _query(
    unit: _Unit,
    raw: _Raw,
    theory_names: dict[str, object],
    agent_names: dict[str, object],
    need: object,
) -> Query:
    assert callable(need)
    location = _loc(unit.source, raw.keyword)
    expect = _expectation(unit, raw)
    if raw.kind == "prove":
        theory = need(raw.names[0], unit, theory_names, "theory") if raw.names else None
        assert raw.formula is not None
        _formula_theory_error(raw.formula, theory_names, unit, raw.keyword, "the formula")
        return ProveQuery(theory, raw.formula, expect, location)
    if raw.kind == "chain":
        names = tuple(need(t, unit, agent_names, "agent") for t in raw.names)
        return ChainQuery(names, expect, location)
    if raw.kind == "consistent":
        return ConsistentQuery(need(raw.names[0], unit, theory_names, "theory"), expect, location)
    if raw.kind == "sound":
        theory = need(raw.names[0], unit, theory_names, "theory")
        given: dict[str, bool] = {}
        for atom, value in raw.items:
            assert isinstance(atom, Token) and isinstance(value, bool)
            if str(atom) in given:
                raise InputError(f"atom {atom} is given twice", str(_loc(unit.source, atom)))
            given[str(atom)] = value
        return SoundQuery(theory, tuple(given.items()), expect, location)
    assert raw.kind == "depth"
    return DepthQuery(need(raw.names[0], unit, agent_names, "agent"), expect, location)


def _expectation(unit: _Unit, raw: _Raw) -> str | None:
    if raw.expect is None or raw.expect_text is None:
        return None
    text = raw.expect_text
    allowed = VERDICTS[raw.kind]
    if text in allowed or (raw.kind == "depth" and text.isdigit()):
        return str(int(text)) if text.isdigit() else text
    choices = ", ".join(allowed) + (" or a number" if raw.kind == "depth" else "")
    raise InputError(
        f"'{text}' is not a verdict of {raw.kind}; expect one of {choices}",
        str(_loc(unit.source, raw.expect)),
    )


def _check_cycles(theory_raws: list[tuple[_Unit, _Raw]]) -> None:
    """Reject cycles in `extends` (iterative DFS), located at the edge that closes the cycle."""
    edges = {str(r.names[0]): [(u, t) for t in r.names[1:]] for u, r in theory_raws}
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in edges:
        if root in state:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(edges[root])]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                state[path.pop()] = 2
                continue
            unit, token = step
            name = str(token)
            if state.get(name) == 1:
                cycle = path[path.index(name) :] + [name]
                raise InputError(
                    f"cycle in 'extends': {' -> '.join(cycle)}", str(_loc(unit.source, token))
                )
            if name not in state:
                state[name] = 1
                path.append(name)
                stack.append(iter(edges[name]))


# ---------------------------------------------------------------------------------------------
# Entry points


def loads(
    text: str, *, source: str = "<input>", folder: Path | None = None, includes: bool = True
) -> Spec:
    """A `Spec` from .lob text; includes are resolved in `folder` (default: the working dir),
    or refused with `includes=False` (text from strangers: the web page's uploads)."""
    limit = FILE_BYTES.value()
    if len(text) > limit or len(text.encode("utf-8")) > limit:
        raise FILE_BYTES.exceeded(source, limit)
    base = (folder or Path.cwd()).resolve()
    collector = _Collector(base, includes)
    collector.add(base / "<input>", source, text, ())
    return _build_shown(collector, None)


def load(path: str | Path) -> Spec:
    """Read the theory file at `path` (and its includes) into a checked `Spec`.

    >>> spec = load("theories/tower.lob")  # doctest: +SKIP
    >>> spec.depth("A3")  # doctest: +SKIP
    3
    """
    path = Path(path)
    source = str(path)
    read = read_source(path, shown=source)
    text, real = read.text, read.real
    collector = _Collector(real.parent)
    collector.add(real, source, text, ())
    return _build_shown(collector, path)


def _build_shown(collector: _Collector, path: Path | None) -> Spec:
    """`_build`, with a meaning error (unknown name, cycle, duplicate …) shown like a syntax
    error: its line from the file and a caret under the spot."""
    try:
        return _build(collector.units, path)
    except ParseError:
        raise
    except InputError as error:
        texts = {unit.source: unit.text for unit, _ in collector.units}
        where = (error.location or "").rsplit(":", 2)
        if len(where) == 3 and where[0] in texts and where[1].isdigit() and where[2].isdigit():
            line, column = int(where[1]), int(where[2])
            lines = texts[where[0]].splitlines()
            if 0 < line <= len(lines):
                raise ParseError(
                    error.message,
                    line=line,
                    column=column,
                    source_line=lines[line - 1],
                    source=where[0],
                ) from None
        raise
