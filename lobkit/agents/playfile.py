"""Run the commands of a file in MIRI's language (`combat!`, `compete:`, `play:`), each as a
certified `GameResult` — machine-intelligence/provability src/Modal/Combat.hs
`executeAction`, with the same choice of action and outcome lists for every definition.

>>> from lobkit.agents.combat_file import parse_game
>>> game = parse_game("bot DB = ⊥\\nagent FB\\n\\tif □⌜Them(Me)=C⌝\\n\\t\\treturn C\\n"
...                   "\\treturn D\\ncombat! FB vs DB\\n")
>>> [r.result_text() for r in play_game(game)]
['FB=D, DB=D']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lobkit.agents import language as L
from lobkit.agents.claims import mentioned
from lobkit.agents.compiler import Compiled, Config, compile_def
from lobkit.agents.games import GameResult, call_key, combat_system, play_system, solve
from lobkit.errors import InputError
from lobkit.formula import Displayable

__all__ = [
    "Setting",
    "Played",
    "play_file",
    "play_game",
    "run_command",
    "tournament",
    "PD_ACTIONS",
]

PD_ACTIONS = ("C", "D")
"""The Prisoner's Dilemma's actions, for `combat!` (Combat.hs `cdTable`)."""


@dataclass
class Setting:
    """Combat.hs Setting: the file's agents, theories and problems by name, and each
    definition compiled once per call and configuration (commands share them)."""

    source: str
    agents: dict[str, L.Def] = field(default_factory=dict)
    theories: dict[str, L.Def] = field(default_factory=dict)
    problems: dict[str, L.Def] = field(default_factory=dict)
    compiled: dict[tuple[L.Def, L.Call, Config], Compiled] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, game: L.GameFile) -> Setting:
        setting = cls(game.source)
        for d in game.definitions:
            table = {"agent": setting.agents, "theory": setting.theories}.get(
                d.kind, setting.problems
            )
            table[d.name] = d
        return setting

    def lookup(self, kind: str, call: L.Call) -> L.Def:
        table = {"agent": self.agents, "theory": self.theories, "problem": self.problems}[kind]
        if call.name not in table:
            raise InputError(f"unknown {kind}: {call.name}", call.location)
        return table[call.name]

    def compile(self, definition: L.Def, call: L.Call, config: Config) -> Compiled:
        """`compile_def(definition, call, config)`, remembered: a pure function of the three
        (a call's location only places its errors, and an error is not remembered)."""
        key = (definition, call, config)
        found = self.compiled.get(key)
        if found is None:
            found = self.compiled[key] = compile_def(definition, call, config)
        return found

    def summary(self) -> list[tuple[str, list[str]]]:
        """Combat.hs's `Setting:` block: each kind's names, sorted."""
        return [
            ("Agents", sorted(self.agents)),
            ("Theories", sorted(self.theories)),
            ("Problems", sorted(self.problems)),
        ]


def _effective(kind: str, definition: L.Def, call: L.Call) -> tuple[list[str], list[str]]:
    """Def.hs effectiveAOs: the call's lists where given, else what the code mentions."""
    actions, outcomes = mentioned(kind, definition.code)
    return (list(call.actions) or actions, list(call.outcomes) or outcomes)


def _nub(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


class _Environment:
    """Compiles agent calls under one configuration, each call once."""

    def __init__(self, setting: Setting, config: Config) -> None:
        self.setting = setting
        self.config = config
        self.done: dict[L.Call, Compiled] = {}

    def __call__(self, call: L.Call) -> Compiled:
        if call not in self.done:
            definition = self.setting.lookup("agent", call)
            self.done[call] = self.setting.compile(definition, call, self.config)
        return self.done[call]


def run_command(
    setting: Setting,
    command: L.Command,
    *,
    verify: bool = True,
    timeout: float | None = None,
) -> GameResult:
    """One command's certified result."""
    calls = command.calls
    where = command.location
    if command.kind in ("combat", "compete"):
        call1, call2 = calls
        if command.kind == "combat":
            config = Config("agent", PD_ACTIONS, PD_ACTIONS)
            env1 = env2 = _Environment(setting, config)
        else:
            def1, def2 = setting.lookup("agent", call1), setting.lookup("agent", call2)
            as1, os1 = _effective("agent", def1, call1)
            as2, os2 = _effective("agent", def2, call2)
            env1 = _Environment(setting, Config("agent", _nub(as1), _nub(as2 + os1)))
            env2 = _Environment(setting, Config("agent", _nub(as2), _nub(as1 + os2)))
        system, variables = combat_system(env1, env2, call1, call2)
        groups = [
            [
                i
                for i, v in enumerate(variables)
                if (v.side, v.agent, v.opponent) == (side, call_key(a), call_key(b))
            ]
            for side, a, b in ((1, call1, call2), (2, call2, call1))
        ]
        players = (str(call1), str(call2))
    else:
        problem_call, player_calls = calls[0], calls[1:]
        problem = setting.lookup("problem", problem_call)
        theories = [setting.lookup("theory", c) for c in player_calls]
        p_actions, p_outcomes = _effective("problem", problem, problem_call)
        lists = problem.action_lists
        universe_config = Config(
            "problem",
            _nub(problem.outcomes or p_actions),
            _nub([a for x in lists for a in x] if any(lists) else p_outcomes),
            check_modalized=False,
        )
        universe = setting.compile(problem, problem_call, universe_config)
        if len(lists) != 1 and len(lists) != len(player_calls):
            raise InputError(
                f"{problem.name} lists actions for {len(lists)} players, "
                f"but {len(player_calls)} play",
                where,
            )
        players_compiled = []
        for i, (theory, call) in enumerate(zip(theories, player_calls, strict=True)):
            own = lists[0] if len(lists) == 1 else lists[i]
            t_actions, t_outcomes = _effective("theory", theory, call)
            config = Config("theory", _nub(t_actions or own), _nub(t_outcomes or problem.outcomes))
            players_compiled.append(setting.compile(theory, call, config))
        system, variables = play_system(universe, players_compiled)
        groups = [[i for i, v in enumerate(variables) if v.side == n] for n in range(len(calls))]
        single = len(player_calls) == 1
        players = ("U()", *(("A()",) if single else (f"A{n}()" for n in range(1, len(calls)))))
    return solve(
        command.kind,
        calls,
        players,
        groups,
        system,
        variables,
        controls=command.controls,
        location=where,
        verify=verify,
        timeout=timeout,
    )


@dataclass(frozen=True)
class Played(Displayable):
    """A file's games, played: its name and each command's certified result (in Jupyter, a
    table of outcome per game)."""

    source: str
    results: tuple[GameResult, ...]

    def to_json(self, *, details: bool = False) -> dict[str, object]:
        return {"file": self.source, "games": [r.to_json(details=details) for r in self.results]}


def play_file(path: str | Path, *, verify: bool = True, timeout: float | None = None) -> Played:
    """Read a file in MIRI's language and play its commands: `play_file("target.ua")`."""
    from lobkit.agents.combat_file import load_game

    game = load_game(path)
    return Played(game.source, tuple(iter_game(game, verify=verify, timeout=timeout)))


def play_game(
    game: L.GameFile, *, verify: bool = True, timeout: float | None = None
) -> list[GameResult]:
    """Every command of `game`, in order."""
    return list(iter_game(game, verify=verify, timeout=timeout))


def iter_game(
    game: L.GameFile, *, verify: bool = True, timeout: float | None = None
) -> Iterator[GameResult]:
    """The results of `game`'s commands one at a time (printing can start before the end)."""
    from lobkit.limits import remaining

    setting = Setting.of(game)
    for command in game.commands:  # `timeout` per game, within the current budget if any
        yield run_command(setting, command, verify=verify, timeout=remaining(timeout))


def tournament(
    game: L.GameFile,
    names: Sequence[str] | None = None,
    *,
    verify: bool = True,
    timeout: float | None = None,
) -> dict[tuple[str, str], GameResult]:
    """Every ordered pair of the file's agents (or of `names`, in order), self-matches
    included, played as `combat! A vs B` — one function over a list of agents, for round
    robins of MIRI's agents as `lobkit.agents.combat.round_robin` is for lobkit's."""
    setting = Setting.of(game)
    chosen = list(setting.agents) if names is None else list(names)
    calls = [L.Call(name, location=game.source) for name in chosen]
    for call in calls:
        setting.lookup("agent", call)
    return {
        (a.name, b.name): run_command(
            setting,
            L.Command("combat", L.Controls(), (a, b), game.source),
            verify=verify,
            timeout=timeout,
        )
        for a in calls
        for b in calls
    }
