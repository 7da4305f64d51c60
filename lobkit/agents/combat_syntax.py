"""The rules of `lobkit/syntax/modal_combat.lark` turned into `lobkit.agents.language` values,
one method per rule or alias, each given the rule's children as Lark passes them (its tokens,
named terminals only, and its sub-rules' values). Both readers of the language build through
it: Lark's LALR parser runs it inline as its Transformer (`lobkit.agents.combat_lark`), and the
Lark-free reader (`lobkit.agents.combat_reader`) calls the same methods with the same
children, so the values are built in one place. It imports no Lark: a token is any `str`
subclass with `type`, `line` and `column` (Lark's `Token`, or the reader's); a plain `str` is
a rule's value. Its errors are `TokenError`s, located by `lobkit.syntax.frontend`.
"""

from __future__ import annotations

from typing import Any

from lobkit.agents import language as L
from lobkit.syntax.token_error import TokenError

__all__ = ["GameBuilder", "is_token"]


def is_token(item: Any) -> bool:
    """A token of the text (a `str` subclass with `type`, `line`, `column`), not a value."""
    return isinstance(item, str) and type(item) is not str


def _where(source: str, token: Any) -> str:
    return f"{source}:{token.line}:{token.column}"


def _words(items: list[Any], kind: str = "WORD") -> list[Any]:
    return [t for t in items if is_token(t) and t.type == kind]


def _value(item: Any) -> L.RefValue:
    if isinstance(item, L.Ref):
        return item
    assert is_token(item)
    if item.type == "REF":
        return L.Ref(str(item)[1:])
    return str(item)


def _is_value(item: Any) -> bool:
    return isinstance(item, L.Ref) or (is_token(item) and item.type in ("WORD", "REF"))


class GameBuilder:
    """Grammar rules to `language` values (run inline in Lark's LALR parser, or called by the
    Lark-free reader)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def at(self, token: Any) -> str:
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
        kind_text = str(kind)
        words = _words(items)
        name = words[0]
        default = str(words[1]) if len(words) > 1 else None
        return L.Param(str(name), kind_text, default, self.at(name))

    def claim_kind(self, items: list[Any]) -> str:
        return str(items[0])

    def claim_kinds(self, items: list[Any]) -> str:
        return str(items[0])

    def values(self, items: list[Any]) -> list[str]:
        return [str(t) for t in _words(items)]

    def unknown_values(self, items: list[Any]) -> list[str]:
        return []

    def call(self, items: list[Any]) -> L.Call:
        name = items[0]
        assert is_token(name)
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
        args = tuple(i for i in items if type(i) is str)  # (tokens are str subclasses)
        kwargs = tuple(i for i in items if isinstance(i, tuple))
        return args, kwargs

    def argument(self, items: list[Any]) -> str:
        return str(items[0])  # a plain str, not a Token

    def keyword_argument(self, items: list[Any]) -> tuple[str, str]:
        words = _words(items)
        return (str(words[0]), str(words[1]))

    # ----- code ---------------------------------------------------------------------------
    def mapping(self, items: list[Any]) -> L.ActionMap:
        entries: list[tuple[str, L.Statement]] = []
        pending: Any = None
        for item in items:
            if is_token(item) and item.type == "WORD" and pending is None:
                pending = item
            elif pending is not None and not is_token(item):
                if any(v == str(pending) for v, _ in entries):
                    raise TokenError(pending, f"{pending} is mapped twice")
                entries.append((str(pending), item))
                pending = None
        return L.ActionMap(tuple(entries))

    def code(self, items: list[Any]) -> L.Code:
        return L.Code(tuple(i for i in items if not is_token(i)))

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
        token = next((i for i in items if is_token(i)), None)
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
