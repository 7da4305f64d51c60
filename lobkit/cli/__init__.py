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
import contextlib
import importlib
import os
import sys
import time
from collections.abc import Sequence

from lobkit import __version__
from lobkit.cli._encoding import ensure_printable
from lobkit.cli._faults import (
    exit_code_for_signal,
    install_signal_watcher,
    message_for_signal,
    received_signal,
    silence_stdout,
)
from lobkit.cli._headroom import install_import_guard
from lobkit.errors import LobkitError
from lobkit.limits import LIMITS, command_started

EXIT_OK, EXIT_NEGATIVE, EXIT_USAGE, EXIT_LIMIT = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line on stderr and exit code 2 (its own default).

    Every error of every command starts `lobkit: error:` (a subcommand's usage error names
    the subcommand after the prefix: `lobkit: error: prove: ...`).
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.split(" ", 1)[1] + ": " if " " in self.prog else ""
        self.exit(EXIT_USAGE, f"lobkit: error: {command}{message}\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every add_argument; given no width, each one imports
        # shutil (and with it zlib, bz2 and lzma) for the terminal size: found here instead.
        return self.formatter_class(prog=self.prog, width=_columns() - 2)  # type: ignore[call-arg]


def _columns() -> int:
    """The terminal's width in columns, as `shutil.get_terminal_size` finds it: $COLUMNS,
    else the terminal of stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _subcommands(argv: Sequence[str] | None) -> list[str]:
    """The subcommand modules to register: the one `argv` starts with, else all of them."""
    # The usual case, one named subcommand, is a file check (pkgutil's listing imports
    # `inspect` and walks the folder).
    if argv and argv[0].isidentifier() and not argv[0].startswith("_"):
        if os.path.isfile(os.path.join(__path__[0], argv[0] + ".py")):
            return [argv[0]]
    import pkgutil

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
    """Run one command; the exit code (see the module doc). Never raises, never a traceback.

    With `argv` None (the real command line) SIGINT and SIGTERM are routed through the watcher
    of `lobkit.cli._faults` first, so even a long z3 call ends promptly with exit 130 / 143.
    """
    command_started()  # a one-shot command's --timeout counts from here (lobkit.limits)
    ensure_printable()  # stdout that cannot print □ gets the ASCII notation (cli/_encoding.py)
    if argv is None:
        install_signal_watcher()
        install_import_guard()  # under `ulimit -v`: refuse before a native library crashes
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        message, code = _outcome(argv)
    except KeyboardInterrupt:  # arrived between the command and its report
        message, code = "", 0
    signum = received_signal()
    if signum is not None:  # whatever the command made of the interrupted solver, it was a signal
        with contextlib.suppress(KeyboardInterrupt):
            time.sleep(0.01)  # the watcher's pending KeyboardInterrupt lands here, not later
        message, code = message_for_signal(signum), exit_code_for_signal(signum)
    if message:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
    return code


def _outcome(argv: Sequence[str]) -> tuple[str, int]:
    """(the one-line message for stderr, or "", the exit code) of running the command."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
        return "", code
    except LobkitError as error:
        return f"lobkit: error: {error}", error.exit_code
    except KeyboardInterrupt:
        return message_for_signal(received_signal()), exit_code_for_signal(received_signal())
    except BrokenPipeError:
        # The reader went away (`lobkit ... | head`): stop quietly, as Unix tools do.
        silence_stdout()
        return "", EXIT_OK
    except MemoryError:
        return (
            "lobkit: error: out of memory (give a smaller input or a lower --max-… limit, "
            "or raise the memory limit)",
            EXIT_LIMIT,
        )
    except RecursionError:
        return "lobkit: error: input nested too deeply for this operation", EXIT_LIMIT
    except RuntimeError as error:
        if "can't start new thread" not in str(error):
            raise
        # A worker pool under a low `ulimit -v` or process limit: each thread reserves stack
        # and arena address space.
        return (
            "lobkit: error: cannot start a thread (raise the address-space limit, ulimit -v, "
            "or the process limit, ulimit -u)",
            EXIT_LIMIT,
        )
    except OSError as error:  # writing the output failed: a full disk, a vanished folder
        silence_stdout()
        where = f" {error.filename}" if error.filename else " the output"
        reason = (error.strerror or str(error)).lower()
        return f"lobkit: error: cannot write{where}: {reason}", EXIT_USAGE


def _run(argv: Sequence[str]) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)  # inside: `--print-completion bash | head` may break the pipe
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return EXIT_USAGE
    with contextlib.ExitStack() as stack:
        for limit in LIMITS:  # `--max-file-bytes N` and friends, for this command only
            stack.enter_context(limit.using(getattr(args, limit.dest, None)))
        return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
