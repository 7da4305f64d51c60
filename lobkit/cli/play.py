"""`lobkit play FILE.ua`: run a file in MIRI's modal-combat language (`combat!`, `compete:`,
`play:`), printing what MIRI's program prints plus each game's certificate.

Every result is the unique fixed point of the game's modal system, with the least k such
that PA + Con^k(PA) proves it, verified by the GL prover unless `--no-verify` is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lobkit.cli._common import add_format, add_limit, add_timeout, emit_json
from lobkit.errors import InputError
from lobkit.limits import FILE_BYTES, Budget, within

if TYPE_CHECKING:
    from lobkit.agents.games import GameResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "play",
        help="run a file in MIRI's modal-combat language (decision problems, modal UDT)",
        description=(
            "Run the combat!, compete: and play: commands of files in MIRI's modal-combat "
            "language (machine-intelligence/provability, e.g. agents/target.ua): each result "
            "certified as the unique fixed point, with the least k such that PA + Con^k(PA) "
            "proves it, verified by the GL prover."
        ),
    )
    parser.add_argument("files", metavar="FILE", nargs="*", help="files in MIRI's language")
    parser.add_argument(
        "--example",
        metavar="NAME",
        action="append",
        default=[],
        help="a file shipped with lobkit, by name (repeatable): target (MIRI's), decisions",
    )
    parser.add_argument(
        "--frames", action="store_true", help="print every game's Kripke frames table"
    )
    parser.add_argument("--map", action="store_true", help="print every game's combat map")
    parser.add_argument(
        "--no-verify", action="store_true", help="skip the prover's check (large systems)"
    )
    parser.add_argument(
        "--details", action="store_true", help="with --format json: map, frames, fixed points"
    )
    add_format(parser)
    add_timeout(parser)
    add_limit(parser, FILE_BYTES)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.agents.combat_file import load_game, shipped_game
    from lobkit.agents.playfile import Setting, iter_game
    from lobkit.agents.transcript import game_text, setting_text

    paths = [*args.files, *(shipped_game(name) for name in args.example)]
    if not paths:
        raise InputError("give a file in MIRI's language (lobkit play FILE.ua) or --example")
    budget = Budget.for_command(args.timeout)  # one deadline: reading, playing, verifying
    with within(budget):
        games = [load_game(path) for path in paths]  # every file parsed before anything runs
    verify = not args.no_verify
    payload = []
    for game in games:
        results = _within(budget, iter_game(game, verify=verify))
        if args.format == "json":
            payload.append(
                {
                    "file": game.source,
                    "games": [r.to_json(details=args.details) for r in results],
                }
            )
            continue
        print(setting_text(game.source, Setting.of(game).summary()))
        for result in results:
            text = game_text(result, frames=args.frames, show_map=args.map)
            if text:
                print(text)
    if args.format == "json":
        emit_json(payload[0] if len(payload) == 1 else payload)
    return 0


def _within(budget: Budget, results: Iterator[GameResult]) -> Iterator[GameResult]:
    """`results`, each game played and verified under `budget` (ResourceLimit once spent)."""
    while True:
        with within(budget), budget.spending():
            result = next(results, None)
        if result is None:
            return
        yield result
