"""Faults around a command, handled the same way for all of them: signals, a broken or full
stdout, memory exhaustion (files are written atomically by `lobkit.outputs`).

Signals. Python runs its signal handlers only between bytecodes of the main thread, so Ctrl-C
while z3 is inside one long `check` call would wait for that call (or surface inside a ctypes
callback as `ArgumentError: KeyboardInterrupt`), and z3's own Ctrl-C handler would turn it into
"z3 gave up (canceled)", exit 3. The command line therefore (1) tells z3 to leave SIGINT alone
(`ctrl_c=false`), (2) installs handlers for SIGINT and SIGTERM that raise `KeyboardInterrupt`,
and (3) gives Python's C-level handler a wake-up pipe (`signal.set_wakeup_fd`) read by a watcher
thread, which learns of the signal the instant it arrives, even while the main thread is deep in
C code. The watcher calls `lobkit.prover.interrupt()` (every live engine's solver: `Z3_interrupt` is
thread-safe, the running call returns at once), interrupts z3's main context and runs every hook
registered with `on_interrupt`; the main thread then reaches
its handler and `main` reports one line with exit 130 (SIGINT) or 143 (SIGTERM). If the main
thread is still running `GRACE` seconds later — stuck in C code nothing can interrupt — the
watcher writes the same line and leaves with `os._exit`. A signal ends lobkit within about a
second and a half, whatever it was doing.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

__all__ = [
    "GRACE",
    "install_signal_watcher",
    "on_interrupt",
    "received_signal",
    "exit_code_for_signal",
    "message_for_signal",
    "silence_stdout",
    "signals_stop_cleanly",
]

GRACE = 1.5
"""Seconds between a signal and the hard exit, if the main thread has not stopped by then."""

_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_received: list[int] = []
_hooks: list[Callable[[], None]] = []


def on_interrupt(hook: Callable[[], None]) -> None:
    """Call `hook` (from the watcher thread) when a signal arrives: for solvers to stop."""
    _hooks.append(hook)


def received_signal() -> int | None:
    """The signal that stopped the command, if one did."""
    return _received[0] if _received else None


def exit_code_for_signal(signum: int | None) -> int:
    """128 + the signal number, as shells report a death by signal (130 for SIGINT)."""
    return 128 + (signum or signal.SIGINT)


def _message(signum: int) -> str:
    return "lobkit: error: interrupted" if signum == signal.SIGINT else "lobkit: error: terminated"


def _interrupt_solvers() -> None:
    search = sys.modules.get("lobkit.prover.search")
    if search is not None:  # every live prover engine: its solver's running call returns
        with contextlib.suppress(Exception):
            search.interrupt()
    z3 = sys.modules.get("z3")
    if z3 is not None:
        with contextlib.suppress(Exception):
            z3.main_ctx().interrupt()
    for hook in list(_hooks):
        with contextlib.suppress(Exception):
            hook()


def _handler(signum: int, frame: object) -> None:
    if signum not in _received:
        _received.append(signum)
    raise KeyboardInterrupt


def _watch(read_fd: int) -> None:
    while True:
        try:
            data = os.read(read_fd, 1)
        except InterruptedError:  # pragma: no cover - PEP 475 retries, but be safe
            continue
        if not data:
            return
        if data[0] in _SIGNALS:
            break
    signum = data[0]
    if signum not in _received:
        _received.append(signum)
    _interrupt_solvers()
    time.sleep(GRACE)
    with contextlib.suppress(OSError):
        os.write(2, (_message(signum) + "\n").encode())
    os._exit(exit_code_for_signal(signum))


class _QuietZ3:
    """Imports z3 as usual, then sets ``ctrl_c=false`` before anything can call it.

    z3 is imported lazily (only `--solver z3` and a few classics load it), after the watcher
    is installed; with its default ``ctrl_c=true`` every `check` call installs z3's own SIGINT
    handler, which swallows Ctrl-C as "canceled" (reported as "the z3 solver gave up", exit 3)
    instead of letting the watcher see it.

    A meta path finder is any object with `find_spec`; deriving from
    `importlib.abc.MetaPathFinder` would import `importlib.resources` and with it tempfile,
    shutil, random and the compression modules (milliseconds of every command's start-up)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "z3":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            with contextlib.suppress(Exception):
                module.set_param("ctrl_c", False)

        loader.exec_module = exec_module  # this spec's own loader only: resources still work
        return spec


def install_signal_watcher() -> bool:
    """Install the handlers, the wake-up pipe and the watcher thread (see the module doc).

    Returns False where that is impossible (not the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return False
    z3 = sys.modules.get("z3")
    if z3 is not None:
        with contextlib.suppress(Exception):
            z3.set_param("ctrl_c", False)
    else:
        sys.meta_path.insert(0, _QuietZ3())
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    for signum in _SIGNALS:
        signal.signal(signum, _handler)
    signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    threading.Thread(target=_watch, args=(read_fd,), name="lobkit-signals", daemon=True).start()
    return True


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def signals_stop_cleanly() -> None:
    """For a command whose normal end is Ctrl-C (`lobkit serve`): take the watcher away, so
    SIGINT and SIGTERM raise `KeyboardInterrupt` (the command catches it and stops cleanly,
    exit 0) instead of being reported as an interruption (exit 130) or forced by `os._exit`.
    Main thread only; a server framework may install its own handlers meanwhile."""
    if threading.current_thread() is not threading.main_thread():
        return
    old = signal.set_wakeup_fd(-1)
    if old >= 0:
        with contextlib.suppress(OSError):
            os.close(old)  # the watcher reads end-of-file and leaves
    for signum in _SIGNALS:
        signal.signal(signum, _stop)


def message_for_signal(signum: int | None) -> str:
    return _message(signum or signal.SIGINT)


def silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the interpreter's last flush of whatever stdout
    still buffers cannot fail (after a broken pipe or a full disk)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
