"""`lobkit combat A B`: play two modal agents; `lobkit combat --table`: the built-ins' round robin.

Agents are built-ins (CooperateBot, DefectBot, FairBot, FairBot_k, PrudentBot, TrollBot,
UnfairBot; MIRI's DB, CB, FB, PB, TB) or defined in agent files given with `--agents FILE`.
Every answer is verified by the GL prover unless `--no-verify` is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from lobkit.agents.agent import ModalAgent
from lobkit.agents.builtins import BUILTINS, builtin
from lobkit.agents.combat import CombatResult, combat, round_robin
from lobkit.agents.loader import Match, load_agents
from lobkit.cli._common import add_format, add_limit, add_timeout, emit_json
from lobkit.cli._style import verdicts
from lobkit.cli._tournament import add_tournament_options, run_table, wants_workers
from lobkit.errors import InputError
from lobkit.limits import FILE_BYTES
from lobkit.theories import agent_file_names, agents_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "combat",
        help="play modal agents in the Prisoner's Dilemma (moves and the PA+Con^k proving it)",
        description=(
            "Play two modal agents against each other (LaVictoire et al. 2014): each side's "
            "move (C or D) and the least k such that PA + Con^k(PA) proves the outcome, "
            "verified by the GL prover. With --table: the round robin of the built-ins."
        ),
    )
    parser.add_argument("left", metavar="A", nargs="?", help="first agent")
    parser.add_argument("right", metavar="B", nargs="?", help="second agent")
    parser.add_argument(
        "--agents",
        metavar="FILE",
        action="append",
        default=[],
        help="agent file defining more agents (repeatable); alone, plays the file's matches",
    )
    parser.add_argument(
        "--example",
        metavar="NAME",
        action="append",
        default=[],
        help="an agent file shipped with lobkit, by name (repeatable): "
        + ", ".join(agent_file_names()),
    )
    parser.add_argument("--table", action="store_true", help="round robin of the built-ins")
    parser.add_argument(
        "--no-verify", action="store_true", help="skip the prover's check (large systems)"
    )
    parser.add_argument(
        "--details", action="store_true", help="also print the equations, fixed points, ranks"
    )
    add_format(parser)
    add_limit(parser, FILE_BYTES)
    add_timeout(parser, " for the whole command (reading agents, playing, verifying)")
    add_tournament_options(parser)  # --table on workers or a cluster, resumable
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Play, under `--timeout` from the command's start (`lobkit.deadline`: agent files,
    fixed points and the prover's checks alike); print once everything is decided."""
    from lobkit.deadline import hard_deadline
    from lobkit.limits import Budget

    budget = Budget.for_command(args.timeout)
    whole = f"time limit of {args.timeout or 0:g} s reached (raise it with --timeout)"
    with hard_deadline(budget.remaining(), whole):
        outcome = _play(args)
    return outcome()


def _play(args: argparse.Namespace) -> Callable[[], int]:
    """Decide everything asked; the returned function prints it (outside the deadline)."""
    verify = not args.no_verify
    known: dict[str, ModalAgent] = {}
    matches: list[Match] = []
    files = [*args.agents, *(agents_path(name) for name in args.example)]
    for path in files:
        if str(path).endswith(".ua"):
            raise InputError(f"{path} is in MIRI's modal-combat language: run it with lobkit play")
        loaded = load_agents(path, known={**BUILTINS, **known})
        known.update(loaded.agents)
        matches.extend(loaded.matches)
    if args.table:
        if args.left or args.right:
            raise InputError("--table takes no agents")
        agents = list(BUILTINS.values()) + [a for n, a in known.items() if n not in BUILTINS]
        if wants_workers(args):  # the tournament's own workers, outside the deadline
            return lambda: run_table([a.name for a in agents], files, args)
        table = round_robin(agents, verify=verify)
        return lambda: _table(agents, table, args.format, verify)
    if args.left is None or args.right is None:
        if args.left is None and matches:
            pairs = [(m.left, m.right) for m in matches]
        else:
            raise InputError("give two agents (lobkit combat A B) or --table")
    else:
        pairs = [(args.left, args.right)]
    results = [combat(_agent(a, known), _agent(b, known), verify=verify) for a, b in pairs]
    return lambda: _print_all(results, args)


def _print_all(results: list[CombatResult], args: argparse.Namespace) -> int:
    if args.format == "json":
        payloads = [r.to_json(details=args.details) for r in results]
        emit_json(payloads[0] if len(payloads) == 1 else payloads)
    else:
        for result in results:
            _print_result(result, args.details)
    return 0


def _agent(name: str, known: dict[str, ModalAgent]) -> ModalAgent:
    return known[name] if name in known else builtin(name)


def _print_result(result: CombatResult, details: bool) -> None:
    a, b = result.names()
    k = result.proved_in
    theory = "PA" if k == 0 else ("PA + Con(PA)" if k == 1 else f"PA + Con^{k}(PA)")
    print(f"{a} vs {b}")
    print(verdicts(f"  {a}: {result.letters[0]}\n  {b}: {result.letters[1]}"))
    print(f"  proved in: {theory} (k = {k})" + ("" if result.verified else " [not verified]"))
    if details:
        print("  equations:")
        for label, equation, h in zip(
            result.system.labels, result.system.equations, result.fixed_point, strict=True
        ):
            print(f"    {label} <-> {equation}")
            print(f"      = {h}")
        print(f"  stable from rank {result.trace.stable_from}")


def _table(
    agents: list[ModalAgent], results: dict[tuple[str, str], CombatResult], fmt: str, verify: bool
) -> int:
    names = [a.name for a in agents]
    if fmt == "json":
        emit_json(
            {
                "agents": names,
                "verified": verify,
                "table": {
                    a: {
                        b: {
                            "moves": "".join(results[(a, b)].letters),
                            "proved_in": results[(a, b)].proved_in,
                        }
                        for b in names
                    }
                    for a in names
                },
            }
        )
        return 0
    width = max(len(n) for n in names)
    cell = max(8, *(len(n) for n in names))
    print("row vs column: row's move, column's move, and k such that PA+Con^k proves it")
    print(" " * width + " " + " ".join(n.rjust(cell) for n in names))
    for a in names:
        cells = []
        for b in names:
            r = results[(a, b)]
            cells.append(f"{''.join(r.letters)} {r.proved_in}".rjust(cell))
        print(a.ljust(width) + " " + " ".join(cells))
    print("verified by the GL prover" if verify else "not verified (--no-verify)")
    return 0
