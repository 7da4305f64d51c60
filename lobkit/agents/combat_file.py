"""Read files in MIRI's modal-combat language (`.ua`, as agents/target.ua) into
`lobkit.agents.language` values.

The grammar is `lobkit/syntax/modal_combat.lark`; blocks are tab-indented, so Lark's Indenter
turns line breaks into _INDENT/_DEDENT tokens (tabs only, one level at a time, as Code.hs's
`eatIndent` demands). A `play:` command may span lines (MIRI's `powerComma`): from `play` to
its final `.` line breaks are plain space. Nested `{- … -}` comments are blanked out first,
keeping line numbers. Every error is a located `ParseError` / `InputError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer
from lark.indenter import Indenter

from lobkit.agents import language as L
from lobkit.errors import InputError, ParseError
from lobkit.inputs import read_source
from lobkit.syntax.frontend import TokenError, open_grammar, run

__all__ = ["parse_game", "load_game", "strip_block_comments"]

_WORDS = {
    "WORD": "a name or value",
    "REF": "a variable like '&n'",
    "_NL": "a line break",
    "_INDENT": "an indented block (one more tab)",
    "_DEDENT": "the end of the block",
    "EQUALS": "'='",
    "BANG": "'!'",
    "COLON": "':'",
    "COMMA": "','",
    "PERIOD": "'.'",
    "LPAR": "'('",
    "RPAR": "')'",
    "LBRACK": "'['",
    "RBRACK": "']'",
    "LQUOTE": "'⌜'",
    "RQUOTE": "'⌝'",
    "VS": "'vs'",
    "_IFF": "'↔'",
    "_AND": "'∧'",
    "_OR": "'∨'",
    "_IMP": "'→'",
}


class _TabIndenter(Indenter):
    """Lark's Indenter, with MIRI's rule: the indentation is the leading tabs (spaces after
    them are plain space, a tab after a space is an error), one more tab per block."""

    NL_type = "_NL"
    OPEN_PAREN_types = ["PLAY"]
    CLOSE_PAREN_types = ["PERIOD"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 1

    def handle_NL(self, token: Token) -> Iterator[Token]:
        if self.paren_level > 0:
            return
        yield token
        last = token.rsplit("\n", 1)[1]
        indent_str = last[: len(last) - len(last.lstrip("\t"))]
        if "\t" in last.lstrip("\t").split("--")[0]:
            at = Token.new_borrow_pos("_NL", token, token)
            at.line, at.column = token.end_line or token.line or 1, 1
            raise TokenError(at, "indent with tabs (MIRI's language reads one tab per level)")
        indent = len(indent_str)
        if indent > self.indent_level[-1]:
            if indent != self.indent_level[-1] + 1:
                at = Token.new_borrow_pos("_NL", token, token)
                at.line, at.column = token.end_line or 1, 1
                raise TokenError(at, "indented more than one level (one more tab per block)")
            self.indent_level.append(indent)
            yield Token.new_borrow_pos(self.INDENT_type, indent_str, token)
        else:
            while indent < self.indent_level[-1]:
                self.indent_level.pop()
                yield Token.new_borrow_pos(self.DEDENT_type, indent_str, token)


def strip_block_comments(text: str) -> str:
    """`text` with nested `{- … -}` comments replaced by spaces (line breaks kept)."""
    if "{-" not in text:
        return text
    out = list(text)
    depth = 0
    i = 0
    n = len(text)
    while i < n:
        pair = text[i : i + 2]
        if pair == "{-":
            depth += 1
            out[i] = out[i + 1] = " "
            i += 2
            continue
        if depth and pair == "-}":
            depth -= 1
            out[i] = out[i + 1] = " "
            i += 2
            continue
        if depth and text[i] != "\n":
            out[i] = " "
        i += 1
    return "".join(out)


def _where(source: str, token: Token) -> str:
    return f"{source}:{token.line}:{token.column}"


def _words(items: list[Any], kind: str = "WORD") -> list[Token]:
    return [t for t in items if isinstance(t, Token) and t.type == kind]


def _value(item: Any) -> L.RefValue:
    if isinstance(item, L.Ref):
        return item
    assert isinstance(item, Token)
    if item.type == "REF":
        return L.Ref(str(item)[1:])
    return str(item)


def _is_value(item: Any) -> bool:
    return isinstance(item, L.Ref) or (isinstance(item, Token) and item.type in ("WORD", "REF"))


class _Builder(Transformer[Token, Any]):
    """Grammar rules to `language` values (run inline in the LALR parser)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def at(self, token: Token) -> str:
        return _where(self.source, token)

    # ----- file ---------------------------------------------------------------------------
    def start(self, items: list[Any]) -> list[Any]:
        return items

    def _def(self, kind: str, items: list[Any], body: Any) -> L.Def:
        name = _words(items)[0]
        params = next(
            (i for i in items if isinstance(i, tuple) and i and isinstance(i[0], L.Param)), ()
        )
        return L.Def(kind, str(name), params, body, self.at(name))

    def theory(self, items: list[Any]) -> L.Def:
        return self._def("theory", items, items[-1])

    def agent(self, items: list[Any]) -> L.Def:
        return self._def("agent", items, items[-1])

    def agent_map(self, items: list[Any]) -> L.Def:
        return self._def("agent", items, items[-1])

    def _problem(self, items: list[Any]) -> L.Def:
        definition = self._def("problem", items, items[-1])
        lists = [i for i in items if isinstance(i, list)]
        return L.Def(
            "problem",
            definition.name,
            definition.params,
            definition.code,
            definition.location,
            tuple(lists[0]),
            tuple(tuple(x) for x in lists[1:]),
        )

    problem = _problem
    problem_map = _problem

    def bot(self, items: list[Any]) -> L.Def:
        # Combat.hs pOldschoolBot: C ↔ φ, D ↔ ¬φ.
        name = _words(items)[0]
        statement = items[-1]
        entries = (("C", statement), ("D", L.Not(statement)))
        return L.Def("agent", str(name), (), L.ActionMap(entries), self.at(name))

    # ----- commands -----------------------------------------------------------------------
    def _command(self, kind: str, items: list[Any]) -> L.Command:
        head = items[0]
        controls = next(i for i in items if isinstance(i, L.Controls))
        calls = tuple(i for i in items if isinstance(i, L.Call))
        return L.Command(kind, controls, calls, self.at(head))

    def combat(self, items: list[Any]) -> L.Command:
        return self._command("combat", items)

    def compete(self, items: list[Any]) -> L.Command:
        return self._command("compete", items)

    def play(self, items: list[Any]) -> L.Command:
        return self._command("play", items)

    def controls(self, items: list[str]) -> L.Controls:
        return L.Controls("frames" in items, "map" in items, "hidden" in items)

    def with_frames(self, items: list[Any]) -> str:
        return "frames"

    def with_map(self, items: list[Any]) -> str:
        return "map"

    def hidden(self, items: list[Any]) -> str:
        return "hidden"

    # ----- heads, calls and value lists ---------------------------------------------------
    def params(self, items: list[Any]) -> tuple[L.Param, ...]:
        return tuple(i for i in items if isinstance(i, L.Param))

    def param(self, items: list[Any]) -> L.Param:
        kind = items[0]
        kind_text = str(kind) if isinstance(kind, Token) else kind
        words = _words(items)
        name = words[0]
        default = str(words[1]) if len(words) > 1 else None
        return L.Param(str(name), kind_text, default, self.at(name))

    def claim_kind(self, items: list[Token]) -> str:
        return str(items[0])

    def claim_kinds(self, items: list[Token]) -> str:
        return str(items[0])

    def values(self, items: list[Any]) -> list[str]:
        return [str(t) for t in _words(items)]

    def unknown_values(self, items: list[Any]) -> list[str]:
        return []

    def call(self, items: list[Any]) -> L.Call:
        name = items[0]
        assert isinstance(name, Token)
        arguments = next((i for i in items if isinstance(i, tuple)), ((), ()))
        lists = [i for i in items if isinstance(i, list)]
        actions = tuple(lists[0]) if lists else ()
        outcomes = tuple(lists[1]) if len(lists) > 1 else ()
        args, kwargs = arguments
        seen: set[str] = set()
        for key, _ in kwargs:
            if key in seen:
                raise TokenError(name, f"{name}: keyword argument {key} given twice")
            seen.add(key)
        return L.Call(str(name), args, tuple(sorted(kwargs)), actions, outcomes, self.at(name))

    def arguments(self, items: list[Any]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        args = tuple(i for i in items if type(i) is str)  # (tokens are str too)
        kwargs = tuple(i for i in items if isinstance(i, tuple))
        return args, kwargs

    def argument(self, items: list[Token]) -> str:
        return str(items[0])  # a plain str, not a Token

    def keyword_argument(self, items: list[Token]) -> tuple[str, str]:
        words = _words(items)
        return (str(words[0]), str(words[1]))

    # ----- code ---------------------------------------------------------------------------
    def mapping(self, items: list[Any]) -> L.ActionMap:
        entries: list[tuple[str, L.Statement]] = []
        pending: Token | None = None
        for item in items:
            if isinstance(item, Token) and item.type == "WORD" and pending is None:
                pending = item
            elif pending is not None and not isinstance(item, Token):
                if any(v == str(pending) for v, _ in entries):
                    raise TokenError(pending, f"{pending} is mapped twice")
                entries.append((str(pending), item))
                pending = None
        return L.ActionMap(tuple(entries))

    def code(self, items: list[Any]) -> L.Code:
        return L.Code(tuple(i for i in items if not isinstance(i, Token)))

    def if_fragment(self, items: list[Any]) -> L.If:
        head = items[0]
        blocks = [i for i in items if isinstance(i, L.Code)]
        otherwise = blocks[1].fragments if len(blocks) > 1 else None
        return L.If(items[1], blocks[0].fragments, otherwise, self.at(head))

    def for_fragment(self, items: list[Any]) -> L.For:
        head = items[0]
        word = items[1]
        name = _words(items, "REF")[0]
        rng = next(i for i in items if isinstance(i, L.Range))
        body = next(i for i in items if isinstance(i, L.Code)).fragments
        return L.For(word, str(name)[1:], rng, body, self.at(head))

    def for_number(self, items: list[Any]) -> L.ForNumber:
        head = items[0]
        name = _words(items, "REF")[0]
        rng = next(i for i in items if isinstance(i, L.Range))
        body = next(i for i in items if isinstance(i, L.Code)).fragments
        return L.ForNumber(str(name)[1:], rng, body, self.at(head))

    def let_fragment(self, items: list[Any]) -> L.Let:
        head = items[0]
        name = _words(items, "REF")[0]
        expression = items[-1]
        if not isinstance(expression, L.Expression):
            expression = L.Expression("", (_value(expression),), self.at(name))
        return L.Let(str(name)[1:], expression, self.at(head))

    def return_fragment(self, items: list[Any]) -> L.Return:
        head = items[0]
        values = [i for i in items[1:] if _is_value(i)]
        return L.Return(_value(values[0]) if values else None, self.at(head))

    def pass_fragment(self, items: list[Any]) -> L.Pass:
        return L.Pass(self.at(items[0]))

    # ranges
    def _range_values(self, items: list[Any]) -> list[L.RefValue]:
        return [_value(i) for i in items if _is_value(i)]

    def enum_range(self, items: list[Any]) -> L.Range:
        values = self._range_values(items)
        step = next((i for i in items if isinstance(i, tuple)), (None,))[0]
        return L.Range("enum", (values[0], values[1], step), self.at(items[0]))

    def open_range(self, items: list[Any]) -> L.Range:
        values = self._range_values(items)
        step = next((i for i in items if isinstance(i, tuple)), (None,))[0]
        return L.Range("enum", (values[0], None, step), self.at(items[0]))

    def list_range(self, items: list[Any]) -> L.Range:
        return L.Range("list", tuple(self._range_values(items)), self.at(items[0]))

    def total_range(self, items: list[Any]) -> L.Range:
        return L.Range("total", (), "")

    def by(self, items: list[Any]) -> tuple[L.RefValue]:
        return (_value(items[1]),)

    # let arithmetic
    def _binary(self, op: str, items: list[Any]) -> L.Expression:
        left, right = items[0], items[-1]
        operands = tuple(x if isinstance(x, L.Expression) else _value(x) for x in (left, right))
        token = items[1]
        return L.Expression(op, operands, self.at(token))

    def expression(self, items: list[Any]) -> L.Expression:
        return self._binary("^", items)

    def product(self, items: list[Any]) -> L.Expression:
        return self._binary("*", items)

    def difference(self, items: list[Any]) -> L.Expression:
        return self._binary("-", items)

    def sum(self, items: list[Any]) -> L.Expression:
        return self._binary("+", items)

    def operand(self, items: list[Any]) -> Any:
        return items[1]  # ( expression )

    # ----- statements ---------------------------------------------------------------------
    def statement(self, items: list[Any]) -> L.Statement:
        return L.Binary("iff", items[0], items[-1])

    def implication(self, items: list[Any]) -> L.Statement:
        return L.Binary("implies", items[0], items[-1])

    def disjunction(self, items: list[Any]) -> L.Statement:
        return L.Binary("or", items[0], items[-1])

    def conjunction(self, items: list[Any]) -> L.Statement:
        return L.Binary("and", items[0], items[-1])

    def negated(self, items: list[Any]) -> L.Statement:
        return L.Not(items[-1])

    def term(self, items: list[Any]) -> L.Statement:
        return items[1]  # ( statement )

    def quoted(self, items: list[Any]) -> L.Statement:
        return items[1]

    def truth(self, items: list[Any]) -> L.Statement:
        return L.Truth(True)

    def falsehood(self, items: list[Any]) -> L.Statement:
        return L.Truth(False)

    def _level(self, items: list[Any]) -> L.RefValue:
        values = [i for i in items[:-1] if _is_value(i)]
        return _value(values[0]) if values else "0"

    def _first_location(self, items: list[Any]) -> str:
        token = next((i for i in items if isinstance(i, Token)), None)
        return self.at(token) if token is not None else self.source

    def consistency(self, items: list[Any]) -> L.Statement:
        values = [i for i in items if _is_value(i)]
        level = _value(values[0]) if values else "0"
        return L.Consistency(level, self.at(items[0]))

    def provable(self, items: list[Any]) -> L.Statement:
        return L.Provable(self._level(items), items[-1], self._first_location(items))

    def possible(self, items: list[Any]) -> L.Statement:
        return L.Possible(self._level(items), items[-1], self._first_location(items))

    def claim(self, items: list[Any]) -> L.Statement:
        name = items[0]
        versus = next((i for i in items if isinstance(i, L.Call)), None)
        relation, values = items[-1]
        return L.ClaimTest(L.Claim(str(name), versus, relation, values, self.at(name)))

    def equals(self, items: list[Any]) -> tuple[str, tuple[L.RefValue, ...]]:
        return ("=", (_value(items[-1]),))

    def not_equals(self, items: list[Any]) -> tuple[str, tuple[L.RefValue, ...]]:
        return ("≠", (_value(items[-1]),))

    def member(self, items: list[Any]) -> tuple[str, tuple[L.RefValue, ...]]:
        return ("∈", tuple(_value(i) for i in items if _is_value(i)))

    def not_member(self, items: list[Any]) -> tuple[str, tuple[L.RefValue, ...]]:
        return ("∉", tuple(_value(i) for i in items if _is_value(i)))


@cache
def _grammar(lexer: str = "contextual") -> Lark:
    return _open(None, lexer)


@cache
def _parser(source: str, lexer: str) -> Lark:
    return _open(_Builder(source), lexer)


def _open(transformer: Any, lexer: str) -> Lark:
    return open_grammar(
        "modal_combat.lark", transformer=transformer, postlex=_TabIndenter(), lexer=lexer
    )


def _parse(text: str, source: str) -> list[Any]:
    """The file's items. Lark's basic lexer (one scanner) reads nearly every file; it reserves
    the language's words everywhere, so a file using one as a name (`number top=3`) fails
    there and is read by the contextual lexer, which takes a word as a name wherever the
    grammar wants one, as MIRI's parser does; the contextual lexer compiles a scanner per
    parser state it meets, most of the parse time, so it comes second. Where both read a
    file they read it alike (the words they lex differently are never valid in each other's
    places); every error message is the contextual lexer's."""
    try:
        items = run(_parser(source, "basic"), text, source, words=_WORDS, lexer=_grammar("basic"))
    except ParseError:
        items = run(_parser(source, "contextual"), text, source, words=_WORDS, lexer=_grammar())
    assert isinstance(items, list)
    return items


def parse_game(text: str, *, source: str = "<game>") -> L.GameFile:
    """Parse a file in MIRI's modal-combat language (see the module doc).

    >>> game = parse_game("bot DefectBot = ⊥\\ncombat! DefectBot vs DefectBot\\n")
    >>> [d.name for d in game.definitions], game.commands[0].kind
    (['DefectBot'], 'combat')
    """
    cleaned = strip_block_comments(text.replace("\r\n", "\n"))
    if not cleaned.endswith("\n"):
        cleaned += "\n"
    items = _parse(cleaned, source)
    definitions = tuple(i for i in items if isinstance(i, L.Def))
    commands = tuple(i for i in items if isinstance(i, L.Command))
    seen: dict[tuple[str, str], L.Def] = {}
    for d in definitions:
        key = ("theory" if d.kind == "theory" else d.kind, d.name)
        if key in seen:
            # Combat.hs NameCollision.
            raise InputError(f"name collision: {d.kind} {d.name} is already defined", d.location)
        seen[key] = d
    return L.GameFile(source, definitions, commands)


def load_game(path: str | Path) -> L.GameFile:
    """Read and parse a file in MIRI's language from disk."""
    source = read_source(path)
    return parse_game(source.text, source=source.shown)


_SHIPPED = Path(__file__).resolve().parent.parent / "theories" / "agents"


def shipped_games() -> list[str]:
    """The files in MIRI's language shipped with lobkit (`lobkit/theories/agents/*.ua`)."""
    return sorted(p.stem for p in _SHIPPED.glob("*.ua"))


def shipped_game(name: str) -> Path:
    """The path of the shipped file `name` (`"target"` is MIRI's agents/target.ua)."""
    stem = name[:-3] if name.endswith(".ua") else name
    if stem not in shipped_games():
        raise InputError(f"no shipped game file {name!r}; choose from {', '.join(shipped_games())}")
    return _SHIPPED / f"{stem}.ua"
