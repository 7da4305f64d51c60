"""MIRI's modal-combat language: reading (`combat_file`), compiling (`compiler`), playing
(`playfile`) and printing (`report`), with answers derived by hand where they are doubtful."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit import formula as F
from lobkit.agents import combat, define_agent
from lobkit.agents import language as L
from lobkit.agents.combat_file import load_game, parse_game, shipped_game, strip_block_comments
from lobkit.agents.folding import simplify
from lobkit.agents.games import modalized_for_evaluation
from lobkit.agents.playfile import Setting, play_game, run_command
from lobkit.agents.solution import verify_solution
from lobkit.agents.system import System
from lobkit.agents.transcript import frames_table, game_text, miri_formula
from lobkit.errors import InputError, LobkitError, ParseError, VerificationFailed

UDT = (
    "theory UDT(action default, number level=0, number step=0)\n"
    "\tlet &n = &level\n"
    "\tfor outcome &o in outcomes\n"
    "\t\tfor action &a in actions\n"
    "\t\t\tif [&n]⌜A()=&a → U()=&o⌝\n"
    "\t\t\t\treturn &a\n"
    "\t\t\tlet &n = &n + &step\n"
    "\treturn &default\n"
)
FIVE_AND_TEN = "problem FiveAndTen [$10, $5, $0] [10, 5]\n\tif A()=5\n\t\treturn $5\n\treturn $10\n"
FAIR = "agent FairBot\n\tif □⌜Them(Me)=C⌝\n\t\treturn C\n\treturn D\n"


def results(text: str) -> list[tuple[str, int]]:
    return [(r.result_text(), r.proved_in) for r in play_game(parse_game(text))]


def test_target_loads_unchanged_and_plays_as_miri() -> None:
    game = load_game(shipped_game("target"))
    assert [d.name for d in game.definitions] == [
        "UDT", "FiveAndTen", "Newcomb", "5and10", "PD",
        "CooperateBot", "DefectBot", "FairBot", "PrudentBot",
    ]  # fmt: skip
    played = [(r.result_text(), r.proved_in, r.verified) for r in play_game(game)]
    # MIRI's program prints the same results (tests/agents/test_miri_agreement.py); k and the
    # verification are lobkit's certificate.
    assert played == [
        ("PrudentBot=C, FairBot=C", 0, True),
        ("PrudentBot=C, FairBot=C", 0, True),
        ("U()=$10, A()=10", 0, True),
        ("U()=$1000, A()=2", 6, True),
        ("U()=$1000, A()=2", 16, True),
        ("U()=$10, A()=10", 1, True),
        ("U()=$10, A()=10", 1, True),
        ("U()=$CC, A1()=C, A2()=C", 2, True),
    ]


def test_spurious_proof_and_chicken_rule() -> None:
    """By hand: Naive takes 5 iff □P, P = (A=5 → U=$5) ∧ (A=10 → U=$0). ⊢ □P → P (□P makes
    it take 5, so A=10 is false and U=$5), so by Löb ⊢ P and ⊢ □P: $5, proved in PA. With
    the chicken rule (take a when ⊢ A≠a), P would be ⊢ A≠10, so it takes 10: at rank 0 every
    box holds (□¬A=5: take 5), at rank 1 □¬A=10 holds (take 10), from rank 2 on nothing is
    proved and it takes 10 — true from rank 1: PA + Con(PA)."""
    naive = (
        "theory Naive\n\tif □⌜(A()=5 → U()=$5) ∧ (A()=10 → U()=$0)⌝\n\t\treturn 5\n\treturn 10\n"
    )
    chicken = (
        "theory Chicken\n\tfor action &a in actions\n\t\tif □⌜¬A()=&a⌝\n\t\t\treturn &a\n"
        "\tif □⌜(A()=5 → U()=$5) ∧ (A()=10 → U()=$0)⌝\n\t\treturn 5\n\treturn 10\n"
    )
    text = UDT + FIVE_AND_TEN + naive + chicken
    text += "play: FiveAndTen, Naive.\nplay: FiveAndTen, Chicken.\nplay: FiveAndTen, UDT(5).\n"
    assert results(text) == [("U()=$5, A()=5", 0), ("U()=$10, A()=10", 1), ("U()=$10, A()=10", 0)]


def test_the_syntax_nodes_are_immutable() -> None:
    """Every node a file is read into refuses to change, as a frozen dataclass does."""
    import dataclasses

    game = load_game(shipped_game("decisions"))
    stack: list[object] = [game]
    kinds = set()
    while stack:
        node = stack.pop()
        if isinstance(node, tuple | list):
            stack.extend(node)
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            kinds.add(type(node).__name__)
            name = dataclasses.fields(node)[0].name
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(node, name, None)
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(node, "added", 1)  # noqa: B010  (an attribute no node has)
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(node, name)
            stack.extend(getattr(node, f.name) for f in dataclasses.fields(node))
    assert len(kinds) >= 18  # nearly every kind of node: definitions, code, statements


def test_commands_share_compiled_definitions() -> None:
    """A definition called alike under one configuration is compiled once per file."""
    game = parse_game(UDT + FIVE_AND_TEN + "play: FiveAndTen, UDT(5).\n" * 2)
    setting = Setting.of(game)
    first = run_command(setting, game.commands[0], verify=False)
    compiled = dict(setting.compiled)
    second = run_command(setting, game.commands[1], verify=False)
    assert len(compiled) == 2 and setting.compiled == compiled  # the universe and UDT(5)
    assert first.result_text() == second.result_text() == "U()=$10, A()=10"


def test_consistency_means_consistency() -> None:
    """Con(1) is ¬□⊥ (MIRI compiles it to □⊥, its negation): true in ℕ, and PA + Con(PA)
    proves it while PA does not (Gödel's second theorem), so k = 1."""
    text = "bot ConBot = Con(1)\nbot DefectBot = ⊥\ncombat! ConBot vs DefectBot\n"
    assert results(text) == [("ConBot=C, DefectBot=D", 1)]


def test_statement_syntax_variants() -> None:
    text = (
        "bot A = [][Them(Me)=C] and ~Provable(1)[Them(Me) ∈ {D}] | ◇⌜Them(Me)≠C⌝ -> top\n"
        "bot B = Box⌜Them(Me) is C⌝ ∧ <1>⌜Them(Me) not in {D}⌝ ∨ Dia(2)⌜⊤⌝ ∧ false\n"
        "bot Z = bot ∨ bottom ∨ False ∨ ¬(top ∧ True)\n"
        "combat! A vs B\n"
    )
    game = parse_game(text)
    a = game.definitions[0].code
    assert isinstance(a, L.ActionMap)
    assert results(text)[0][0] in ("A=C, B=C", "A=C, B=D", "A=D, B=C", "A=D, B=D")
    z = game.definitions[2].code
    assert isinstance(z, L.ActionMap)
    assert results(text + "combat! Z vs A\n")[1][0].startswith("Z=D")  # Z is ⊥: defects


def test_let_arithmetic_binds_as_miri() -> None:
    """Code.hs's operator table puts + tightest, then -, *, ^ (all right-associative):
    2 * 1 + 2 is 2 * (1 + 2) = 6, and 5 - 2 - 1 is 5 - (2 - 1) = 4."""
    text = (
        "agent K\n\tlet &n = 2 * 1 + 2\n\tlet &m = 5 - 2 - 1\n"
        "\tif [&n]⌜Them(Me)=C⌝ and [&m]⌜Them(Me)=C⌝\n\t\treturn C\n\treturn D\n"
        "combat with map! K vs K\n"
    )
    (result,) = play_game(parse_game(text))
    names = dict(zip(result.system.atoms, result.system.labels, strict=True))
    shown = miri_formula(result.system.equations[0], names)
    assert "□□□□□□⊥" in shown and "□□□□⊥" in shown and "□□□□□□□⊥" not in shown


def test_number_ranges_exclude_their_stop() -> None:
    """Code.hs: [0..3] is 0, 1, 2 (takeWhile (/= stop))."""
    text = (
        "agent L\n\tfor number &k in [0..3]\n\t\tif [&k]⌜Them(Me)=D⌝\n\t\t\treturn D\n\treturn C\n"
        "combat with map! L vs L\n"
    )
    (result,) = play_game(parse_game(text))
    shown = " ".join(miri_formula(e, {}) for e in result.system.equations)
    assert "□□⊥" in shown and "□□□⊥" not in shown


def test_frames_table_and_map_as_miri_prints_them() -> None:
    (result,) = play_game(
        parse_game(FAIR + "bot DefectBot = ⊥\ncombat with frames! FairBot vs DefectBot\n")
    )
    table = frames_table(result)
    assert table[0].split() == ["│", "FairBot(DefectBot)=C", "DefectBot(FairBot)=C"]
    assert [row.split()[2:] for row in table[1:]] == [
        ["⊤", "⊥"],
        ["⊥", "⊥"],
        ["⊥", "⊥"],
        ["⊥", "⊥"],
    ]
    text = game_text(result)
    assert (
        "  Result: FairBot=D, DefectBot=D" in text and "Certified: proved in PA + Con(PA)" in text
    )


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (FAIR.replace("\treturn D", "  return D"), ":4:", "found 'return'"),
        (FAIR.replace("\treturn D", "  \treturn D"), ":4:", "indent with tabs"),
        (FAIR.replace("\t\treturn C", "\t\t\treturn C"), ":3:", "more than one level"),
        ("agent X\n\tif □⌜Them(Me)=C⌝\n\t\treturn C\n\treturn D\ncombat! X vs\n", ":5:", "a name"),
        ("bot X = □⌜Them(Me)=C⌝ ∧\n", ":1:", ""),
        ("play: P, Q\n", ":", "'.'"),
    ],
)
def test_syntax_errors_are_located(text: str, where: str, words: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_game(text, source="f.ua")
    assert where in str(error.value) and words in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (FAIR + "combat! FairBot vs Nobody\n", "unknown agent: Nobody"),
        (UDT + FIVE_AND_TEN + "play: FiveAndTen, UDT.\n", "argument default not given"),
        (UDT + FIVE_AND_TEN + "play: FiveAndTen, UDT(7).\n", "expected one of {10, 5}, got 7"),
        (UDT + FIVE_AND_TEN + "play: FiveAndTen, UDT(5, 1, 2, 3).\n", "too many arguments"),
        (UDT + FIVE_AND_TEN + "play: FiveAndTen, UDT(5, lvl=1).\n", "unknown keyword arguments"),
        (UDT + FIVE_AND_TEN + "play: FiveAndTen, UDT(5)[10, 7].\n", "expected one of {10, 7}"),
        (FAIR + "combat! FairBot[C, X] vs FairBot\n", "enumeration mismatch"),
        (
            FIVE_AND_TEN
            + "theory T\n\tif A()=5\n\t\treturn 5\n\treturn 10\nplay: FiveAndTen, T.\n",
            "unmodalized",
        ),
        ("bot X = □⌜Foo(Me)=C⌝\ncombat! X vs X\n", "claim must be about 'Me' or 'Them'"),
        ("bot X = □⌜Them(Me)=Q⌝\ncombat! X vs X\n", "outcome enumeration {C, D} excludes {Q}"),
        (FAIR + FAIR, "name collision: agent FairBot"),
        (
            "agent X\n\tif [&k]⌜Them(Me)=C⌝\n\t\treturn C\n\treturn D\ncombat! X vs X\n",
            "unknown variable &k",
        ),
        (
            "problem map P [$a, $b] [x]\n\t$a ↔ A()=x\n\t$b ↔ A()=x\n"
            "theory T\n\treturn x\nplay: P, T.\n",
            "not exactly one",
        ),
    ],
)
def test_semantic_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)) as error:
        play_game(parse_game(text, source="f.ua"))
    assert error.value.location is None or error.value.location.startswith("f.ua")


def test_block_comments_nest_and_keep_lines() -> None:
    text = "{- a {- b -} c\n -}bot X = ⊤\n"
    assert strip_block_comments(text).count("\n") == 2
    assert parse_game(text).definitions[0].location.endswith(":2:8")


def test_unboxed_universe_cycle_is_an_error() -> None:
    system = System(("x0", "x1"), ("U()=a", "A1()=b"), (F.atom("x1"), F.atom("x0")))
    with pytest.raises(InputError, match="without a box"):
        modalized_for_evaluation(system)


def test_a_wrong_certificate_is_refused() -> None:
    (result,) = play_game(parse_game(UDT + FIVE_AND_TEN + "play: FiveAndTen, UDT(5).\n"))
    with pytest.raises(VerificationFailed):
        verify_solution(
            result.system, result.fixed_point, result.outcome, result.proved_in + 1, what="x"
        )
    wrong = tuple(F.neg(h) for h in result.fixed_point)
    with pytest.raises(VerificationFailed):
        verify_solution(result.system, wrong, result.outcome, result.proved_in, what="x")


# ----- properties -------------------------------------------------------------------------

_LEAVES = st.sampled_from(["⌜Them(Me)=C⌝", "⌜Them(DefectBot)=C⌝", "⌜Them(Me)=D⌝", "⌜⊤⌝"])


def _statements() -> st.SearchStrategy[tuple[str, str]]:
    """(MIRI statement, lobkit agent formula) pairs for the same modal agent."""
    leaf = st.tuples(st.sampled_from(["□", "[1]", "◇"]), _LEAVES).map(_translate)
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(
                lambda p: (f"({p[0][0]} ∧ {p[1][0]})", f"({p[0][1]} & {p[1][1]})")
            ),
            st.tuples(inner, inner).map(
                lambda p: (f"({p[0][0]} ∨ {p[1][0]})", f"({p[0][1]} | {p[1][1]})")
            ),
            inner.map(lambda p: (f"¬{p[0]}", f"~{p[1]}")),
        ),
        max_leaves=4,
    )


def _translate(pair: tuple[str, str]) -> tuple[str, str]:
    box, quoted = pair
    inner = {
        "⌜Them(Me)=C⌝": "them",
        "⌜Them(DefectBot)=C⌝": "them(DefectBot)",
        "⌜Them(Me)=D⌝": "~them",
        "⌜⊤⌝": "T",
    }[quoted]
    lob = {"□": f"[]({inner})", "[1]": f"[1]({inner})", "◇": f"<>({inner})"}[box]
    return f"{box}{quoted}", lob


@settings(max_examples=25, deadline=None)
@given(_statements(), st.sampled_from(["FairBot", "PrudentBot", "DefectBot", "CooperateBot"]))
def test_bots_play_as_lobkit_combat(statement: tuple[str, str], opponent: str) -> None:
    """A `bot` of MIRI's language and the same formula as a lobkit agent get the same moves
    and the same k against the built-ins (two independent constructions of the system)."""
    miri, ours = statement
    text = (
        f"bot X = {miri}\nbot DefectBot = ⊥\nbot CooperateBot = ⊤\n"
        + FAIR
        + "agent PrudentBot\n\tif [1]⌜Them(DefectBot)=D⌝ and □⌜Them(Me)=C⌝\n"
        + "\t\treturn C\n\treturn D\n"
        + f"combat! X vs {opponent}\n"
    )
    (result,) = play_game(parse_game(text), verify=False)
    expected = combat(define_agent("X", ours), opponent, verify=False)
    assert result.values == expected.letters and result.proved_in == expected.proved_in


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.sampled_from([F.top, F.bot, F.atom("p"), F.atom("q")]),
        lambda inner: st.one_of(
            inner.map(F.neg),
            inner.map(F.box),
            inner.map(lambda f: F.diamond(f)),
            st.tuples(inner, inner).map(lambda t: F.conj(*t)),
            st.tuples(inner, inner).map(lambda t: F.disj(*t)),
            st.tuples(inner, inner).map(lambda t: F.implies(*t)),
            st.tuples(inner, inner).map(lambda t: F.iff(*t)),
        ),
        max_leaves=8,
    )
)
def test_simplify_keeps_the_meaning(formula: F.Formula) -> None:
    """Formulas.hs `simplify` only folds constants: GL ⊢ simplify(φ) ↔ φ."""
    from lobkit.prover import prove

    assert prove(simplify(formula).iff(formula), "GL").valid


def test_bad_input_never_tracebacks() -> None:
    for text in ["play", "theory", "problem P\n", "\t\tbot", "bot X = [&n]⌜⊤⌝\ncombat! X vs X\n"]:
        with pytest.raises(LobkitError):
            play_game(parse_game(text))


def test_cli_play_and_combat_hint(capsys: pytest.CaptureFixture[str]) -> None:
    from lobkit.cli import main

    path = str(shipped_game("target"))
    assert main(["play", path, "--no-verify", "--frames"]) == 0
    out = capsys.readouterr().out
    assert out.count("Kripke frames:") == 8 and "Certified:" not in out
    assert "Unverified: the linear frame gives PA + Con^16(PA) (k = 16)" in out
    assert main(["combat", "--agents", path]) == 2
    assert "run it with lobkit play" in capsys.readouterr().err
    assert main(["play"]) == 2
    assert main(["play", "--example", "nothing"]) == 2


def test_words_of_the_language_as_names() -> None:
    """MIRI's parser takes `top`, `map`, `in`… as names where a name is expected; lobkit's
    fast lexer reserves them, so such a file is read again by the contextual lexer. By hand:
    PA proves A()=5 → U() ∈ {$5} (the universe pays $5 for 5), so T takes 5 (k = 0)."""
    text = (
        "theory T(number top=1, action map=5)\n\tif [&top]⌜A()=&map → U() in {$5}⌝\n"
        "\t\treturn &map\n\treturn\n" + FIVE_AND_TEN + "play: FiveAndTen, T.\n"
    )
    assert results(text) == [("U()=$5, A()=5", 0)]


def test_jupyter_table_of_outcomes() -> None:
    from lobkit.agents.playfile import play_file

    played = play_file(shipped_game("target"))
    table = played._repr_html_()
    assert table.count("<tr>") == 1 + 8 and "U()=$1000, A()=2" in table
    assert "PA + Con<sup>16</sup> (k = 16), verified" in table
    assert played.to_json()["games"][0]["result"] == {"PrudentBot": "C", "FairBot": "C"}
    assert "PrudentBot=C, FairBot=C" in played.results[0]._repr_html_()


def test_cli_timeout_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    from lobkit.cli import main

    assert main(["play", "--example", "decisions", "--timeout", "0.01"]) == 3
    assert "time limit of 0.01 s" in capsys.readouterr().err


def test_tournament_of_the_files_agents() -> None:
    from lobkit.agents.playfile import tournament

    table = tournament(load_game(shipped_game("target")), verify=False)
    assert len(table) == 16
    assert table[("PrudentBot", "CooperateBot")].values == ("D", "C")
    assert table[("PrudentBot", "CooperateBot")].proved_in == 2  # as lobkit combat's table
    assert table[("FairBot", "FairBot")].values == ("C", "C")
    with pytest.raises(InputError, match="unknown agent: Nobody"):
        tournament(load_game(shipped_game("target")), ["FairBot", "Nobody"])


def test_deep_nesting_is_a_located_error() -> None:
    text = "bot X = " + "¬" * 5000 + "⊤\ncombat! X vs X\n"
    with pytest.raises(InputError, match="nested too deeply") as error:
        play_game(parse_game(text, source="deep.ua"))
    assert str(error.value).startswith("deep.ua:1:5")
