"""The short text form of a finite Kripke model, read and written: what a person types.

    w0 -> w1, w2; w1 -> w2; w1: p; w2: p q

Statements are separated by `;` or new lines (`#` starts a comment). `a -> b, c` draws arrows
of the plain box (`→` also works), `a -[PA]-> b` arrows of the indexed box `[PA]`; arrows chain
(`w0 -> w1 -> w2`) and both sides may list several worlds (every pair is drawn). `w1: p q`
makes atoms true at a world (spaces or commas between them; `w1:` alone says none), a bare
`w3` declares a world, and `root = w1` names the world that should refute a formula (default:
the first world mentioned). Worlds are named by letters, digits and `_`; atoms are lowercase
identifiers, as in formulas; theories start uppercase.

Hand-written rather than a Lark grammar: six token kinds, and each error is located by the
token that caused it (`<model>:1:9: expected a world after '->'`), with the caret line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lobkit.errors import ParseError
from lobkit.kernel.countermodel import Countermodel

__all__ = ["parse_model_text", "model_text", "is_world_name"]

Theory = str | None

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r]+|\#[^\n]*)
  | (?P<sep>[;\n])
  | (?P<arrow>->|→|-\[(?P<theory>[^\]\n]*)\]->)
  | (?P<name>[A-Za-z0-9_]+)
  | (?P<comma>,)
  | (?P<colon>:)
  | (?P<equals>=)
  | (?P<other>.)
    """,
    re.VERBOSE,
)
_WORLD = re.compile(r"[A-Za-z0-9_]+\Z")
_THEORY = re.compile(r"[A-Z][A-Za-z0-9_]*\Z")


def is_world_name(name: str) -> bool:
    """A world's name in the text form: letters, digits and `_` (the JSON form allows any
    non-empty string, but only these names can be written as text)."""
    return bool(_WORLD.match(name))


def _is_atom(name: str) -> bool:
    return (
        name[:1].islower()
        and name.isascii()
        and name.replace("_", "a").isalnum()
        and name not in ("true", "false")
    )


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int
    theory: str | None = None


class _Reader:
    """Tokens of one statement at a time, each error located at a token."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source

    def error(self, message: str, pos: int) -> ParseError:
        line = self.text.count("\n", 0, pos) + 1
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        source_line = self.text[start : end if end >= 0 else len(self.text)]
        return ParseError(
            message,
            line=line,
            column=pos - start + 1,
            source_line=source_line,
            source=self.source,
        )

    def statements(self) -> Iterator[list[_Tok]]:
        current: list[_Tok] = []
        for match in _TOKEN.finditer(self.text):
            kind = match.lastgroup
            if kind == "theory":  # the named group inside `arrow`
                kind = "arrow"
            assert kind is not None
            if kind == "space":
                continue
            if kind == "sep":
                if current:
                    yield current
                current = []
                continue
            if kind == "other":
                raise self.error(f"unexpected character {match.group()!r}", match.start())
            theory = match.group("theory") if kind == "arrow" else None
            current.append(_Tok(kind, match.group(), match.start(), theory))
        if current:
            yield current


def parse_model_text(text: str, *, source: str = "<model>") -> Countermodel:
    """The model written in the text form (see the module doc); malformed text is a
    `ParseError` located at the offending token."""
    reader = _Reader(text, source)
    worlds: dict[str, None] = {}  # in order of first mention
    relations: dict[Theory, dict[tuple[str, str], None]] = {}
    valuation: dict[str, set[str]] = {}
    root: str | None = None
    root_tok: _Tok | None = None

    def world(tok: _Tok) -> str:
        if tok.kind != "name":
            raise reader.error(f"expected a world name, not {tok.text!r}", tok.pos)
        worlds.setdefault(tok.text, None)
        return tok.text

    for toks in reader.statements():
        end = toks[-1].pos + len(toks[-1].text)
        if len(toks) >= 2 and toks[1].kind == "colon":
            w = world(toks[0])
            atoms = valuation.setdefault(w, set())
            for tok in toks[2:]:
                if tok.kind == "comma":
                    continue
                if tok.kind != "name" or not _is_atom(tok.text):
                    raise reader.error(
                        f"{tok.text!r} is not an atom (atoms are lowercase identifiers "
                        "such as p or q1, not true or false)",
                        tok.pos,
                    )
                atoms.add(tok.text)
            continue
        if toks[0].kind == "name" and toks[0].text == "root" and len(toks) > 1:
            if toks[1].kind == "equals":
                if len(toks) != 3:
                    where = toks[3].pos if len(toks) > 3 else end
                    raise reader.error("expected one world after 'root ='", where)
                root_tok = toks[2]
                root = world(toks[2])
                continue
        # A chain: groups of worlds separated by arrows.
        groups: list[list[str]] = [[]]
        arrows: list[_Tok] = []
        expect_world = True
        for tok in toks:
            if expect_world:
                if tok.kind != "name":
                    after = f" after {arrows[-1].text!r}" if arrows and not groups[-1] else ""
                    raise reader.error(f"expected a world{after}, not {tok.text!r}", tok.pos)
                groups[-1].append(world(tok))
                expect_world = False
            elif tok.kind == "comma":
                expect_world = True
            elif tok.kind == "arrow":
                if tok.theory is not None and not _THEORY.match(tok.theory.strip()):
                    raise reader.error(
                        f"{tok.theory!r} is not a theory name (an identifier starting "
                        "uppercase, as in [PA])",
                        tok.pos + 2,
                    )
                arrows.append(tok)
                groups.append([])
                expect_world = True
            elif tok.kind == "colon":
                raise reader.error("atoms go after a single world: 'w1: p q'", tok.pos)
            else:
                raise reader.error(f"expected '->', ',' or ';', not {tok.text!r}", tok.pos)
        if expect_world:
            last = toks[-1]
            raise reader.error(f"expected a world after {last.text!r}", end)
        for arrow, sources, targets in zip(arrows, groups, groups[1:], strict=False):
            theory = arrow.theory.strip() if arrow.theory is not None else None
            pairs = relations.setdefault(theory, {})
            for a in sources:
                for b in targets:
                    pairs.setdefault((a, b), None)
    if not worlds:
        raise reader.error("a model needs at least one world", len(text))
    if root is None:
        root = next(iter(worlds))
    elif root_tok is not None and root not in worlds:  # pragma: no cover - world() adds it
        raise reader.error(f"unknown world {root!r}", root_tok.pos)
    order = [root] + [w for w in worlds if w != root]
    edges = tuple((a, t, b) for t, pairs in relations.items() for a, b in pairs)
    return Countermodel(
        tuple(order),
        root,
        {t: frozenset(pairs) for t, pairs in relations.items()},
        {w: frozenset(valuation.get(w, ())) for w in order},
        edges,
    )


def model_text(model: Countermodel, *, separator: str = "\n") -> str:
    """`model` in the text form, one statement per line (`separator="; "`: one line, for a
    link). Reading it back gives the same worlds in the same order, root, relations and
    valuation. Worlds whose names the text form cannot write are an `InputError`."""
    from lobkit.errors import InputError

    for w in model.worlds:
        if not is_world_name(w):
            raise InputError(f"the world {w!r} has no text form (letters, digits and _ only)")
    order = {w: i for i, w in enumerate(model.worlds)}
    theories = sorted(model.relations, key=lambda t: "" if t is None else t)
    statements: list[str] = []
    mentioned: list[str] = []

    def mention(*names: str) -> None:
        for n in names:
            if n not in mentioned:
                mentioned.append(n)

    for w in model.worlds:
        said = False
        for t in theories:
            targets = sorted((b for a, b in model.relations[t] if a == w), key=order.__getitem__)
            if targets:
                arrow = "->" if t is None else f"-[{t}]->"
                statements.append(f"{w} {arrow} {', '.join(targets)}")
                mention(w, *targets)
                said = True
        atoms = sorted(model.valuation.get(w, ()))
        if atoms:
            statements.append(f"{w}: {' '.join(atoms)}")
            mention(w)
        elif not said and w not in mentioned:
            statements.append(w)
            mention(w)
    if mentioned != list(model.worlds):
        statements.insert(0, ", ".join(model.worlds))  # declare the order first
    return separator.join(statements)
