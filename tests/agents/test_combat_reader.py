"""The Lark-free reader of MIRI's language (`lobkit.agents.combat_reader`) reads exactly what
Lark's basic-lexer parser of `modal_combat.lark` reads and builds the very values Lark's path
builds (locations included); everything else it leaves to Lark, whose errors the user sees."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lobkit.agents import combat_lark, combat_tokens
from lobkit.agents.combat_file import parse_game, shipped_game, shipped_games, strip_block_comments
from lobkit.agents.combat_reader import read
from lobkit.errors import LobkitError, ParseError
from lobkit.syntax.frontend import parse_text

ROOT = Path(__file__).resolve().parents[2]


def shape(value: Any) -> Any:
    """`value` as nested tuples, every field of every node (locations too): the language's
    nodes compare by identity, so equality of what two readers built is checked on this."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, *((f.name, shape(getattr(value, f.name))) for f in fields))
    if isinstance(value, list | tuple):
        return (type(value).__name__, *(shape(x) for x in value))
    return (type(value).__name__, value)


def prepared(text: str) -> str:
    """The text as `parse_game` hands it to either reader."""
    cleaned = strip_block_comments(text.replace("\r\n", "\n"))
    return cleaned if cleaned.endswith("\n") else cleaned + "\n"


def lark_basic(text: str) -> Any:
    """What Lark's basic-lexer parser builds from `text` (as `prepared`), or its error."""
    try:
        return shape(
            parse_text(
                combat_lark._parser("f.ua", "basic"),
                text,
                "f.ua",
                words=combat_lark._WORDS,
                lexer=combat_lark._grammar("basic"),
            )
        )
    except LobkitError as error:
        return f"{type(error).__name__}: {error}"


def lark_full(text: str) -> Any:
    """What `combat_lark.parse_with_lark` builds (basic lexer, else contextual), or its error."""
    try:
        return shape(combat_lark.parse_with_lark(text, "f.ua"))
    except LobkitError as error:
        return f"{type(error).__name__}: {error}"


def agrees(text: str) -> bool:
    """The reader reads every text Lark's basic-lexer parser reads, and whatever it reads Lark
    reads alike (values and locations); where it declines, `parse_game` gives Lark's answer,
    error included. Returns whether the reader read it."""
    text = prepared(text)
    got = read(text, "f.ua")
    basic = lark_basic(text)
    if not isinstance(basic, str):
        assert got is not None, text
        assert shape(got) == basic
    elif got is not None:  # read as the contextual lexer reads it
        assert shape(got) == lark_full(text), text
    else:
        lark = game = ""
        try:
            combat_lark.parse_with_lark(text, "f.ua")
        except LobkitError as error:
            lark = f"{type(error).__name__}: {error}"
        try:
            parse_game(text, source="f.ua")
        except LobkitError as error:
            game = f"{type(error).__name__}: {error}"
        if lark:  # (else parse_game may still refuse the file: a name collision)
            assert game == lark
    return got is not None


# ----- the lexer is Lark's -----------------------------------------------------------------


def test_the_terminals_are_larks_basic_lexer_in_its_order() -> None:
    lexer: Any = combat_lark._grammar("basic")._build_lexer()
    scanner = lexer.scanner
    assert [(t.name, t.pattern.to_regexp()) for t in scanner.terminals] == list(
        combat_tokens.TERMINALS
    )
    (unless,) = lexer.callback.values()  # WORD's: the keywords
    keywords = {t.pattern.value: t.name for t in unless.scanner.terminals}
    assert keywords == combat_tokens.KEYWORDS
    assert lexer.ignore_types == combat_tokens.IGNORED


def lark_tokens(text: str) -> list[tuple[str, str, int, int]] | None:
    try:
        stream = combat_lark._grammar("basic").lex(text)
        found = [(t.type, str(t), t.line, t.column) for t in stream]
    except Exception:  # UnexpectedCharacters, the Indenter's TokenError or assertion
        return None
    return found


def reader_tokens(text: str) -> list[tuple[str, str, int, int]] | None:
    stream = combat_tokens.tokens(text)
    if stream is None:
        return None
    assert stream[-1].type == "$END"
    return [(t.type, str(t), t.line, t.column) for t in stream[:-1]]


PIECES = (
    "theory agent problem map bot combat compete play with frames hidden vs if else for in let "
    "return pass by number action outcome response actions outcomes Con top true ⊤ ⊥ bottom "
    "False not ¬ ~ and ∧ && & or ∨ || | → -> implies ↔ <-> iff ≠ != /= isnt is = == ∈ ∉ "
    "□ Box Provable ◇ Dia Possible ⌜ ⌝ [ ] ( ) () { } < > , . .. ... : ! + - * ^ "
    "A() Them(Me) &n &a-b $10 5and10 x-y x- -- -x"
).split() + [" ", "  ", "\n", "\t", "\n\t", "\n\t\t", "\n \t", "-- c", "\r", "not  in", "é"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_the_tokens_are_larks(text: str) -> None:
    assert reader_tokens(text) == lark_tokens(text)


@pytest.mark.parametrize("name", shipped_games())
def test_the_tokens_of_the_shipped_files_are_larks(name: str) -> None:
    text = prepared(shipped_game(name).read_text(encoding="utf-8"))
    assert reader_tokens(text) == lark_tokens(text) is not None


# ----- the values are Lark's ---------------------------------------------------------------


def test_target_is_read_without_lark_as_lark_reads_it() -> None:
    assert agrees(shipped_game("target").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", shipped_games())
def test_every_shipped_file_is_read_without_lark_as_lark_reads_it(name: str) -> None:
    assert agrees(shipped_game(name).read_text(encoding="utf-8"))


def snippets() -> list[str]:
    """Every string in the agents, web and demo tests, the examples and the lobkit sources
    that could be a file of MIRI's language (it has a line break)."""
    found: set[str] = set()
    paths = [
        *sorted((ROOT / "tests" / "agents").glob("*.py")),
        *sorted((ROOT / "tests" / "web").glob("test_*.py")),
        *sorted((ROOT / "tests" / "demos").glob("*.py")),
        *sorted((ROOT / "examples").glob("*.py")),
        ROOT / "lobkit" / "demos" / "spurious.py",
    ]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if "\n" in node.value and len(node.value) < 20_000:
                    found.add(node.value)
    return sorted(found)


def test_every_snippet_of_the_tests_and_examples_reads_as_with_lark() -> None:
    texts = snippets()
    read_by_reader = [text for text in texts if agrees(text)]
    assert len(read_by_reader) >= 10, "the snippets should include files the reader reads"


# Generated files: every construct of the grammar, with the spacing, comments and spellings
# MIRI's language allows.
# Words of the language, some of them usable as names (where the grammar takes only a name).
WORDS = ["top", "map", "in", "theory", "Con", "is", "and", "play", "not", "true", "vs", "Box"]
NAME = st.sampled_from(
    ["A", "B", "FairBot", "UDT", "x1", "$10", "5and10", "x-y", "a'b", "@p", *WORDS]
)
VALUE = st.sampled_from(["C", "D", "0", "1", "5", "$5", "$10", "&n", "&a", "&o"])
SP = st.sampled_from(["", " ", "  "])
TAB_SP = st.sampled_from([" ", "  ", " -- note "])
CALL_NAME = st.sampled_from(["Them", "Me", "A", "U", "A1", "FairBot", "UDT", "top", "map"])


@st.composite
def calls(draw: st.DrawFn) -> str:
    name = draw(CALL_NAME)
    args = draw(
        st.lists(
            st.sampled_from(["C", "5", "2", "k=1", "step=1", "level=2", "top=2", "in", "x=is"]),
            max_size=3,
        )
    )
    text = name
    if args or draw(st.booleans()):
        text += "(" + draw(st.sampled_from([", ", ","])).join(args) + ")"
    for _ in range(draw(st.integers(0, 2))):
        inside = draw(st.sampled_from(["...", "C, D", "$1, $2,", "", "x"]))
        text += f"[{inside}]"
    return text


@st.composite
def claims(draw: st.DrawFn) -> str:
    name = draw(CALL_NAME)
    versus = draw(st.sampled_from(["", "()", "(Me)", "(DefectBot)"]))
    if versus == "(DefectBot)":
        versus = f"({draw(calls())})"
    relation = draw(
        st.sampled_from(["=", "≠", "!=", "/=", " is ", " isnt ", "==", " ∈ ", " in ", " ∉ "])
    )
    if relation.strip() in ("∈", "in", "∉"):
        values = draw(st.lists(VALUE, max_size=3))
        return f"{name}{versus}{relation}{{{', '.join(values)}}}"
    return f"{name}{versus}{relation}{draw(VALUE)}"


ATOMS = st.one_of(
    claims(),
    st.sampled_from(["⊤", "⊥", "top", "true", "True", "bottom", "false", "False", "bot"]),
    st.sampled_from(["Con", "Con(1)", "Con(&n)"]),
)
BOXES = st.sampled_from(["□", "Box", "Provable", "□(1)", "[]", "[1]", "[&n]", "Box(&n)"])
DIAMONDS = st.sampled_from(["◇", "Dia", "Diamond", "Possible", "<>", "<2>", "<&k>", "◇(1)"])
NOT = st.sampled_from(["¬", "~", "not "])
BINARY = st.sampled_from(
    [" ∧ ", " and ", " && ", " & ", "/\\", " ∨ ", " or ", "||", " | ", "\\/", " → ", " -> ",
     " implies ", " ↔ ", " <-> ", " iff "]
)  # fmt: skip


def statements() -> st.SearchStrategy[str]:
    return st.recursive(
        ATOMS,
        lambda inner: st.one_of(
            st.tuples(NOT, inner).map("".join),
            st.tuples(inner, BINARY, inner).map("".join),
            st.tuples(st.just("("), SP, inner, SP, st.just(")")).map("".join),
            st.tuples(st.one_of(BOXES, DIAMONDS), inner, st.sampled_from(["⌜⌝", "[]"])).map(
                lambda t: f"{t[0]}{t[2][0]}{t[1]}{t[2][1]}"
            ),
        ),
        max_leaves=5,
    )


EXPRESSIONS = st.recursive(
    VALUE,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from([" + ", " - ", "*", " ^ ", "+"]), inner).map("".join),
        inner.map(lambda e: f"({e})"),
    ),
    max_leaves=4,
)
RANGES = st.sampled_from(
    ["actions", "outcomes", "responses", "[C, D]", "[0..3]", "[0..&n] by 2", "[1..]",
     "[&a..] by &n", "[]", "[x,]"]
)  # fmt: skip


def code(depth: int) -> st.SearchStrategy[list[str]]:
    """Lines of a block at `depth` tabs."""
    tabs = "\t" * depth
    simple = st.one_of(
        st.tuples(
            st.sampled_from(["return", "return "]), st.sampled_from(["", "C", "&a", "$5"])
        ).map(lambda t: [tabs + (t[0] + t[1] if t[1] else "return")]),
        EXPRESSIONS.map(lambda e: [f"{tabs}let &n = {e}"]),
        st.just([f"{tabs}pass"]),
    )
    if depth >= 3:
        return st.lists(simple, min_size=1, max_size=2).map(lambda ls: sum(ls, []))
    nested = st.one_of(
        simple,
        st.tuples(statements(), code(depth + 1), st.none() | code(depth + 1)).map(
            lambda t: [f"{tabs}if {t[0]}", *t[1], *([f"{tabs}else", *t[2]] if t[2] else [])]
        ),
        st.tuples(
            st.sampled_from(["action &a", "outcome &o", "response &r", "number &k"]),
            RANGES,
            code(depth + 1),
        ).map(lambda t: [f"{tabs}for {t[0]} in {t[1]}", *t[2]]),
    )
    return st.lists(nested, min_size=1, max_size=3).map(lambda ls: sum(ls, []))


PARAMS = st.sampled_from(
    ["", "()", "(number level=0, number step=0)", "(action default)", "(outcome o=$5,)",
     "(response r)", "( )", "(number k = 1)", "(number top=3)", "(action map=Con)"]
)  # fmt: skip
LISTS = st.sampled_from(["[$10, $5]", "[10, 5]", "[...]", "[C, D,]", "[]"])
CONTROLS = st.lists(st.sampled_from([" with frames", " with map", " hidden"]), max_size=2).map(
    "".join
)


@st.composite
def items(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["theory", "agent", "problem", "map", "bot", "commands"]))
    name = draw(NAME)
    if kind in ("theory", "agent", "problem"):
        lists = "".join(" " + x for x in draw(st.lists(LISTS, min_size=2, max_size=3)))
        head = f"{kind} {name}{draw(PARAMS)}{lists if kind == 'problem' else ''}"
        return [head, *draw(code(1))]
    if kind == "map":
        which = draw(st.sampled_from(["agent map", "problem map"]))
        lists = " [$a, $b] [x, y]" if which == "problem map" else ""
        entries = draw(st.lists(st.tuples(NAME, statements()), min_size=1, max_size=3))
        return [f"{which} {name}{lists}", *(f"\t{v} ↔ {s}" for v, s in entries)]
    if kind == "bot":
        return [f"bot {name} = {draw(statements())}"]
    command = draw(st.sampled_from(["combat", "compete", "play"]))
    controls = draw(CONTROLS)
    if command == "combat":
        return [f"combat{controls}! {draw(calls())} vs {draw(calls())}"]
    if command == "compete":
        return [f"compete{controls}: {draw(calls())} vs {draw(calls())}"]
    players = draw(st.lists(calls(), min_size=1, max_size=3))
    joiner = draw(st.sampled_from([", ", ",\n\t", ",\n"]))
    return [f"play{controls}: {joiner.join(players)}{draw(st.sampled_from(['', ',']))}."]


@st.composite
def files(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["", "-- a comment", "{- a block -}"])))
    for item in draw(st.lists(items(), min_size=1, max_size=4)):
        lines += item
        lines += draw(st.lists(st.sampled_from(["", "-- x", "\t-- y", "  "]), max_size=2))
    text = "\n".join(
        line + (draw(TAB_SP) if draw(st.integers(0, 9)) == 0 else "") for line in lines
    )
    return text + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_generated_files_read_as_with_lark(text: str) -> None:
    agrees(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files(), st.data())
def test_garbled_files_are_read_as_with_lark_or_left_to_it(text: str, data: st.DataObject) -> None:
    """A piece cut out, doubled or replaced: the reader reads it as Lark does, or declines."""
    for _ in range(data.draw(st.integers(1, 3))):
        if not text:
            break
        start = data.draw(st.integers(0, len(text) - 1))
        stop = start + data.draw(st.integers(1, 4))
        how = data.draw(st.sampled_from(["cut", "double", "replace"]))
        if how == "cut":
            text = text[:start] + text[stop:]
        elif how == "double":
            text = text[:stop] + text[start:stop] + text[stop:]
        else:
            text = text[:start] + data.draw(st.sampled_from(PIECES)) + text[stop:]
    agrees(text)


def test_a_generated_file_is_mostly_read_by_the_reader() -> None:
    """The generator makes files the reader reads (else the tests above check little)."""
    read_count = 0

    @settings(max_examples=60, deadline=None, database=None)
    @given(files())
    def count(text: str) -> None:
        nonlocal read_count
        read_count += agrees(text)

    count()
    assert read_count >= 30


# ----- what the reader leaves to Lark ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "theory T\n\treturn top\n",  # a word of the language as a value
        "theory play\n\treturn\n",  # `play` as a name
        "bot X = □⌜Them(Me)=C⌝ ∧\n",  # a syntax error
        "agent X\n\tif ⊤\n\t\t\treturn C\n",  # indented two levels
        "agent X\n \treturn C\n",  # a tab after a space
        "combat! A(k=1, k=2) vs B\n",  # a keyword argument twice (a rule's error)
        "agent map M\n\tC ↔ ⊤\n\tC ↔ ⊥\n",  # mapped twice
    ],
)
def test_what_the_reader_declines_lark_reads_or_refuses_with_its_message(text: str) -> None:
    assert read(prepared(text), "f.ua") is None
    agrees(text)


def test_nesting_deeper_than_pythons_recursion_limit_is_left_to_lark() -> None:
    text = "bot X = " + "¬" * 3000 + "⊤\n"
    assert read(text, "f.ua") is None
    (definition,) = parse_game(text).definitions
    assert definition.name == "X"


def test_errors_are_larks() -> None:
    with pytest.raises(ParseError) as error:
        parse_game("agent X\n\tif ⊤\n\t\treturn C\n\treturn D\ncombat! X vs\n", source="f.ua")
    assert str(error.value).startswith("f.ua:5:") and "a name" in str(error.value)


def test_play_on_a_good_file_never_imports_lark() -> None:
    code = (
        "import sys\n"
        "from lobkit.cli import main\n"
        "assert main(['play', '--example', 'target', '--no-verify']) == 0\n"
        "print(sorted(m for m in sys.modules if m == 'lark' or m.startswith('lark.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.splitlines()[-1] == "[]"
