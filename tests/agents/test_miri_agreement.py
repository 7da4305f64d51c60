"""lobkit's `play` against MIRI's own program, built from its Haskell source with Debian's ghc
(`lobkit.agents.reference`): every line either program prints for agents/target.ua and for
lobkit's decisions.ua (results, Kripke frames tables, combat maps) must be the same.

Skips — loudly, naming what is missing — when ghc or MIRI's source is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lobkit.agents import reference
from lobkit.agents.combat_file import load_game, shipped_game
from lobkit.agents.playfile import Setting, iter_game
from lobkit.agents.transcript import game_text, setting_text


@pytest.fixture(scope="module")
def miri() -> Path:
    if shutil.which("ghc") is None:
        pytest.skip("MIRI AGREEMENT NOT CHECKED: ghc is not installed (apt-get install ghc)")
    source = reference.find_source()
    if source is None:
        pytest.skip(
            "MIRI AGREEMENT NOT CHECKED: no source of machine-intelligence/provability "
            "(set LOBKIT_MIRI_SOURCE to a checkout or its git directory)"
        )
    return reference.build(source)


def _lobkit(path: Path) -> str:
    game = load_game(path)
    parts = [setting_text(game.source, Setting.of(game).summary()) + "\n"]
    for result in iter_game(game):
        text = game_text(result)
        if text:
            parts.append(text + "\n")
    return "".join(parts)


@pytest.mark.parametrize("name", ["target", "decisions"])
def test_same_output_as_miri(miri: Path, name: str) -> None:
    path = shipped_game(name)
    ours = reference.normalise(_lobkit(path), f"{name}.ua")
    theirs = reference.normalise(reference.play(miri, path), f"{name}.ua")
    assert ours.splitlines() == theirs.splitlines()
    assert theirs.count("Result:") >= 8


def test_a_changed_answer_is_caught(miri: Path, tmp_path: Path) -> None:
    """The comparison can fail: Newcomb at level 1 for UDT(2, step=1) vs level 0 differ in
    MIRI's own output only in the header, the k certificate aside — so change the problem."""
    text = shipped_game("target").read_text(encoding="utf-8")
    changed = tmp_path / "changed.ua"
    changed.write_text(text.replace("if A()=5\n", "if A()=10\n"), encoding="utf-8")
    ours = reference.normalise(_lobkit(shipped_game("target")), "x.ua")
    theirs = reference.normalise(reference.play(miri, changed), "x.ua")
    assert ours != theirs


BOTS = ["CooperateBot", "DefectBot", "FairBot", "PrudentBot", "TrollBot", "UnfairBot"]


def test_round_robin_of_the_bots_as_miri(miri: Path, tmp_path: Path) -> None:
    """Every ordered pair of the built-in bots (decisions.ua's definitions, and FairBotK at
    levels 1 and 2) as `combat!`: the same outcomes as MIRI's program, line for line."""
    text = shipped_game("decisions").read_text(encoding="utf-8")
    definitions = text.split("-- Commands")[0]
    bots = [*BOTS, "FairBotK(1)", "FairBotK(2)"]
    commands = "".join(f"combat! {a} vs {b}\n" for a in bots for b in bots)
    path = tmp_path / "round_robin.ua"
    path.write_text(definitions + commands, encoding="utf-8")
    ours = reference.normalise(_lobkit(path), "round_robin.ua")
    theirs = reference.normalise(reference.play(miri, path), "round_robin.ua")
    assert ours.splitlines() == theirs.splitlines()
    assert theirs.count("Result:") == len(bots) ** 2


_OUTCOMES = ["$DC", "$CC", "$DD", "$CD"]


@st.composite
def _random_games(draw: st.DrawFn) -> str:
    """A file of random games: UDTs with random defaults, levels, steps and preference orders
    in the PD, Newcomb at a random level, and random bots (statements over boxes, diamonds and
    [n]) against the decisions.ua agents."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        a, b = (draw(st.permutations(_OUTCOMES)) for _ in range(2))
        d1, d2 = draw(st.sampled_from("CD")), draw(st.sampled_from("CD"))
        s1, s2 = draw(st.integers(0, 2)), draw(st.integers(0, 2))
        lines.append(
            f"play: PD, UDT({d1}, step={s1})[...][{', '.join(a)}], "
            f"UDT({d2}, level={draw(st.integers(0, 2))}, step={s2})[...][{', '.join(b)}]."
        )
    level = draw(st.integers(0, 3))
    lines.append(f"play: Newcomb({level}), UDT({draw(st.sampled_from('12'))}, step=1).")
    leaf = st.builds(
        lambda box, who, move: f"{box}⌜Them({who})={move}⌝",
        st.sampled_from(["□", "[1]", "[2]", "◇", "<1>"]),
        st.sampled_from(["Me", "DefectBot", "FairBot"]),
        st.sampled_from("CD"),
    )
    statement = st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda p: f"({p[0]} ∧ {p[1]})"),
            st.tuples(inner, inner).map(lambda p: f"({p[0]} ∨ {p[1]})"),
            st.tuples(inner, inner).map(lambda p: f"({p[0]} → {p[1]})"),
            inner.map(lambda p: f"¬({p})"),  # (MIRI's parser takes no ¬¬)
        ),
        max_leaves=4,
    )
    lines.append(f"bot RandomBot = {draw(statement)}")
    for opponent in draw(st.lists(st.sampled_from([*BOTS, "RandomBot"]), min_size=1, max_size=3)):
        lines.append(f"combat with frames! RandomBot vs {opponent}")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(games=_random_games())
def test_random_games_as_miri(miri: Path, games: str) -> None:
    """Random PD and Newcomb games and random bots: the same output as MIRI's program."""
    import tempfile

    text = shipped_game("decisions").read_text(encoding="utf-8").split("-- Commands")[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.ua"
        path.write_text(text + games, encoding="utf-8")
        ours = reference.normalise(_lobkit(path), "random.ua")
        theirs = reference.normalise(reference.play(miri, path), "random.ua")
    assert ours.splitlines() == theirs.splitlines()
