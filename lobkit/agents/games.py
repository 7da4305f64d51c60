"""Games of MIRI's language — `combat!`, `compete:` and `play:` — as systems of modal
equations, solved on the linear frame and certified by the GL prover.

Building the system follows machine-intelligence/provability src/Modal/Competition.hs:

* combat / compete (two modalized agents): a variable "P(Q)=a" per agent P, opponent Q and
  action a the match needs — both sides' moves, and the opponent's move against every agent
  named in `Them(X)=…`, closed under the same rule (`modalCombatMap`);
* play (a universe against modalized agents A1, A2, …): variables "U()=o" and "Ai()=a"
  (`multiCompetition`); the universe's equations need not be modalized.

Solving: the universe's unboxed references to the agents are replaced by their equations (a
cycle is an error), which leaves a modalized system with the same solutions; by the
fixed-point theorem for modalized systems (de Jongh-Sambin; Boolos, *The Logic of
Provability*, ch. 9) it has one solution, letterless, read off `lobkit.agents.frame`'s rank
traces. Each player's result is the one value whose variable is true in ℕ (MIRI: "provably
mutually exclusive and extensional"; two or none true is an error). As for combat,
`proved_in` is the least k with PA + Conᵏ ⊢ outcome, and the prover checks the solution against
the original equations, that k, and not k − 1 (`lobkit.agents.solution`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lobkit import formula as F
from lobkit.agents import language as L
from lobkit.agents.compiler import Compiled
from lobkit.agents.frame import Trace, frame_trace
from lobkit.agents.miri_printing import miri_formula
from lobkit.agents.solution import letterless_fixed_point, proved_in, verify_solution
from lobkit.agents.system import System
from lobkit.errors import InputError
from lobkit.formula import Displayable, Formula

__all__ = ["GameResult", "Variable", "combat_system", "play_system", "solve"]


@dataclass(frozen=True, order=True)
class Variable:
    """A variable of a game, ordered as MIRI's Map keys (so tables list them alike).

    Two-agent games: side 1 or 2, the agent, its opponent, the action ("P(Q)=a"). Plays:
    side 0 for the universe ("U()=o"), n for player An ("An()=a").
    """

    side: int
    agent: tuple[Any, ...]
    opponent: tuple[Any, ...]
    value: str
    shown: str = field(compare=False)

    def __str__(self) -> str:
        return self.shown


def call_key(call: L.Call) -> tuple[Any, ...]:
    """A call as MIRI orders it (Haskell's derived Ord: name, args, kwargs, actions, outcomes)."""
    return (call.name, call.args, call.kwargs, call.actions, call.outcomes)


def vs_variable(side: int, agent: L.Call, opponent: L.Call, value: str) -> Variable:
    """Competition.hs Vs1/Vs2: "agent plays value against opponent", `P(Q)=a`."""
    return Variable(
        side, call_key(agent), call_key(opponent), value, f"{agent}({opponent})={value}"
    )


def universe_variable(value: str) -> Variable:
    """Competition.hs UniversePlays: `U()=o`."""
    return Variable(0, (), (), value, f"U()={value}")


def player_variable(n: int, value: str) -> Variable:
    """Competition.hs PlayerNPlays: `An()=a`."""
    return Variable(n, (), (), value, f"A{n}()={value}")


@dataclass
class _Builder:
    """A game's equations: each as compiled, with the variable each of its claim atoms names;
    renamed x0, x1, … in the variables' order once all are known (one substitution each)."""

    mentioned: dict[Variable, None] = field(default_factory=dict)  # in first-mention order
    equations: dict[Variable, tuple[Formula, dict[str, Variable]]] = field(default_factory=dict)

    def add(
        self,
        variable: Variable,
        compiled: Compiled,
        formula: Formula,
        name: Callable[[tuple[object, ...]], Variable],
    ) -> None:
        self.mentioned.setdefault(variable, None)
        if variable not in self.equations:
            names = {atom: name(key) for atom, key in compiled.claims.items()}
            for named in names.values():
                self.mentioned.setdefault(named, None)
            self.equations[variable] = (formula, names)

    def system(self) -> tuple[System, list[Variable]]:
        missing = [v for v in self.mentioned if v not in self.equations]
        if missing:
            raise InputError(f"the game mentions {missing[0]} but nothing defines it")
        order = sorted(self.equations)
        renamed = {v: F.atom(f"x{i}") for i, v in enumerate(order)}
        equations = tuple(
            F.substitute(formula, {atom: renamed[v] for atom, v in names.items()})
            if names
            else formula
            for formula, names in (self.equations[v] for v in order)
        )
        system = System(
            tuple(f"x{i}" for i in range(len(order))), tuple(str(v) for v in order), equations
        )
        return system, order


Environment = Callable[[L.Call], Compiled]


def combat_system(
    env1: Environment, env2: Environment, call1: L.Call, call2: L.Call
) -> tuple[System, list[Variable]]:
    """Competition.hs modalCombatMap: the equations of call1 vs call2 (side 1 vs side 2)."""
    builder = _Builder()
    done: set[tuple[L.Call, L.Call]] = set()
    pending = [(call1, call2)]
    while pending:
        c1, c2 = pending.pop(0)
        if (c1, c2) in done:
            continue
        done.add((c1, c2))
        agent1, agent2 = env1(c1), env2(c2)

        def name1(key: tuple[object, ...], c1: L.Call = c1, c2: L.Call = c2) -> Variable:
            if key[0] == "me":
                return vs_variable(1, c1, c2, str(key[1]))
            opponent = key[1] if isinstance(key[1], L.Call) else c1
            return vs_variable(2, c2, opponent, str(key[2]))

        def name2(key: tuple[object, ...], c1: L.Call = c1, c2: L.Call = c2) -> Variable:
            if key[0] == "me":
                return vs_variable(2, c2, c1, str(key[1]))
            opponent = key[1] if isinstance(key[1], L.Call) else c2
            return vs_variable(1, c1, opponent, str(key[2]))

        for action, formula in agent1.formulas:
            builder.add(vs_variable(1, c1, c2, action), agent1, formula, name1)
        for action, formula in agent2.formulas:
            builder.add(vs_variable(2, c2, c1, action), agent2, formula, name2)
        pending.extend((x, c2) for x in agent1.subagents)
        pending.extend((c1, x) for x in agent2.subagents)
    return builder.system()


def play_system(universe: Compiled, players: Sequence[Compiled]) -> tuple[System, list[Variable]]:
    """Competition.hs multiCompetition: the universe's and the players' equations."""
    builder = _Builder()

    def name_u(key: tuple[object, ...]) -> Variable:
        if key[0] == "U":
            return universe_variable(str(key[1]))
        n = key[1]
        assert isinstance(n, int)
        if n > len(players):
            raise InputError(f"the universe reads A{n}(), but only {len(players)} players play")
        return player_variable(n, str(key[2]))

    for outcome, formula in universe.formulas:
        builder.add(universe_variable(outcome), universe, formula, name_u)
    for n, player in enumerate(players, start=1):

        def name_a(key: tuple[object, ...], n: int = n) -> Variable:
            return (
                player_variable(n, str(key[1])) if key[0] == "A" else universe_variable(str(key[1]))
            )

        for action, formula in player.formulas:
            builder.add(player_variable(n, action), player, formula, name_a)
    return builder.system()


@dataclass(frozen=True)
class GameResult(Displayable):
    """One game's certified answer: each player's value (and its variable), the least k with
    PA + Conᵏ ⊢ outcome, the system, its rank trace and letterless solution."""

    kind: str  # "combat", "compete", "play"
    calls: tuple[L.Call, ...]
    players: tuple[str, ...]  # "PrudentBot", "FairBot" / "U()", "A()" or "A1()", "A2()"
    values: tuple[str, ...]
    chosen: tuple[int, ...] = field(repr=False)  # the system variables that are true
    proved_in: int
    system: System = field(repr=False)
    variables: tuple[Variable, ...] = field(repr=False)
    trace: Trace = field(repr=False)
    controls: L.Controls = field(default=L.Controls(), repr=False)
    verified: bool = False
    location: str = field(default="", repr=False)

    @cached_property
    def fixed_point(self) -> tuple[Formula, ...]:
        """The letterless solution H, one sentence per variable (read off the trace)."""
        return letterless_fixed_point(self.system, self.trace)

    @property
    def outcome(self) -> Formula:
        """O: the conjunction of the chosen variables (each player's value)."""
        return F.conjunction(F.atom(self.system.atoms[i]) for i in dict.fromkeys(self.chosen))

    def frame_rows(self) -> tuple[tuple[bool, ...], ...]:
        """Ranks 0 … stable + 2 (MIRI prints two repeats of the final row after the first)."""
        return (*self.trace.rows, self.trace.rows[-1], self.trace.rows[-1])

    def frame_columns(self) -> tuple[int, ...]:
        """The variables MIRI's frames table shows: for combat! the ones saying C, else all."""
        if self.kind == "combat":
            return tuple(i for i, v in enumerate(self.variables) if v.value == "C")
        return tuple(range(len(self.variables)))

    def result_text(self) -> str:
        """MIRI's result line, e.g. `PrudentBot=C, FairBot=C` or `U()=$10, A()=10`."""
        return ", ".join(f"{p}={v}" for p, v in zip(self.players, self.values, strict=True))

    def to_json(self, *, details: bool = False) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "command": self.kind,
            "calls": [str(c) for c in self.calls],
            "result": dict(zip(self.players, self.values, strict=True)),
            "proved_in": self.proved_in,
            "verified": self.verified,
        }
        if details:
            payload["stable_from"] = self.trace.stable_from
            names = dict(zip(self.system.atoms, self.system.labels, strict=True))
            payload["map"] = [
                {
                    "variable": str(v),
                    "atom": a,
                    "equation": str(e),
                    "shown": miri_formula(e, names),
                    "fixed_point": str(h),
                }
                for v, a, e, h in zip(
                    self.variables,
                    self.system.atoms,
                    self.system.equations,
                    self.fixed_point,
                    strict=True,
                )
            ]
            columns = self.frame_columns()
            payload["frames"] = {
                "variables": [str(self.variables[i]) for i in columns],
                "ranks": [
                    "".join("1" if row[i] else "0" for i in columns) for row in self.frame_rows()
                ],
            }
        return payload


def modalized_for_evaluation(system: System, unmodalized: Sequence[int] | None = None) -> System:
    """The system with every unboxed variable replaced by its equation (recursively), so
    every equation is modalized; a cycle of unboxed references is an `InputError`.

    `unmodalized`: the equations that may have unboxed variables (a play's universe; agents
    are checked when compiled), all of them if None."""
    which = range(len(system)) if unmodalized is None else set(unmodalized)
    outer = [
        sorted({n.label for n in F.outer_nodes(e) if n.op == F.ATOM and n.label is not None})
        if i in which
        else []
        for i, e in enumerate(system.equations)
    ]
    if not any(outer):
        return system
    index = {a: i for i, a in enumerate(system.atoms)}
    done: dict[int, Formula] = {}
    active: list[int] = []

    def resolved(i: int) -> Formula:
        if i in done:
            return done[i]
        if i in active:
            chain = " -> ".join(system.labels[j] for j in [*active[active.index(i) :], i])
            raise InputError(f"these outcomes depend on each other without a box: {chain}")
        active.append(i)
        mapping: dict[str | Formula, Formula] = {a: resolved(index[a]) for a in outer[i]}
        active.pop()
        done[i] = F.substitute(system.equations[i], mapping) if mapping else system.equations[i]
        return done[i]

    equations = tuple(resolved(i) for i in range(len(system)))
    return System(system.atoms, system.labels, equations)


def solve(
    kind: str,
    calls: Sequence[L.Call],
    players: Sequence[str],
    groups: Sequence[Sequence[int]],
    system: System,
    variables: Sequence[Variable],
    *,
    controls: L.Controls | None = None,
    location: str = "",
    verify: bool = True,
    timeout: float | None = None,
) -> GameResult:
    """Evaluate `system`, pick each player's true variable among its `groups` entry, and
    (with `verify`) check the answer with the GL prover."""
    universe = [i for i, v in enumerate(variables) if v.side == 0 and kind == "play"]
    trace = frame_trace(modalized_for_evaluation(system, universe))
    values = trace.values
    chosen = []
    for player, group in zip(players, groups, strict=True):
        true = [i for i in group if values[i]]
        if len(true) != 1:
            shown = ", ".join(str(variables[i]) for i in true) or "none"
            raise InputError(
                f"{player}: not exactly one of its values holds (true: {shown}); its formulas "
                "are not mutually exclusive and exhaustive",
                location,
            )
        chosen.append(true[0])
    held = [all(bool(row[i]) for i in chosen) for row in trace.rows]
    result = GameResult(
        kind,
        tuple(calls),
        tuple(players),
        tuple(variables[i].value for i in chosen),
        tuple(chosen),
        proved_in(held),
        system,
        tuple(variables),
        trace,
        controls or L.Controls(),
        False,
        location,
    )
    if verify:
        verify_solution(
            system,
            result.fixed_point,
            result.outcome,
            result.proved_in,
            what=f"{kind} {', '.join(map(str, calls))}: {result.result_text()}",
            timeout=timeout,
        )
        object.__setattr__(result, "verified", True)
    return result
