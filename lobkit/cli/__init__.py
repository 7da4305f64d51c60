"""The `lobkit` command: a thin argparse layer over the public API.

Each subcommand lives in its own module of this package and exposes `register(subparsers)`,
which adds its parser and sets `handler=` to a function `(args) -> exit code`. Modules are
discovered in alphabetical order, so adding a subcommand never edits this file. When the
command line names a subcommand, only that module is imported (start-up time: `lobkit prove`
never loads numpy or the tiling checker); help without a subcommand imports them all.

Exit codes, for every command: 0 success or a positive answer, 1 a negative answer (not a
theorem, an expectation failed), 2 bad input or usage, 3 a resource limit reached.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from lobkit import __version__
from lobkit.errors import LobkitError

EXIT_OK, EXIT_NEGATIVE, EXIT_USAGE, EXIT_LIMIT = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line on stderr and exit code 2 (its own default).

    Every error of every command starts `lobkit: error:` (a subcommand's usage error names
    the subcommand after the prefix: `lobkit: error: prove: ...`).
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.split(" ", 1)[1] + ": " if " " in self.prog else ""
        self.exit(EXIT_USAGE, f"lobkit: error: {command}{message}\n")


def _subcommands(argv: Sequence[str] | None) -> list[str]:
    """The subcommand modules to register: the one `argv` starts with, else all of them."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    if argv and argv[0] in names:
        return [argv[0]]
    return names


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with `argv`, only the subcommand it names is registered (see above)."""
    parser = _Parser(
        prog="lobkit",
        description="Provability logic and the Löbian obstacle: prove, check, demonstrate.",
    )
    parser.add_argument("--version", action="version", version=f"lobkit {__version__}")
    # `lobkit --print-completion bash|zsh|tcsh`: a completion script for the whole command.
    # (shtab is imported only when asked for: it costs start-up time.)
    if not argv or argv[0].startswith("-"):
        import shtab

        shtab.add_argument_to(
            parser, ["--print-completion"], help="print a shell completion script"
        )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _subcommands(argv):
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(
            argv
        )  # inside: `--print-completion bash | head` may break the pipe
        if getattr(args, "handler", None) is None:
            parser.print_help()
            return EXIT_USAGE
        return int(args.handler(args))
    except LobkitError as error:
        print(f"lobkit: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("lobkit: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`lobkit ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
