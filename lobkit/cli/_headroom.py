"""Address space before the native libraries load: under a low `ulimit -v`, refuse cleanly.

A Python `MemoryError` is caught and reported (`lobkit.cli`), but the native libraries lobkit
loads fail outside Python when the address space runs out while they start: z3's shared
library cannot be mapped (a `Z3Exception` at import), its allocator or thread-local storage
fails (a segmentation fault, or "cannot allocate memory for thread-local data: ABORT"), pysat's
MiniSat throws an uncaught C++ `OutOfMemoryException` (abort), OpenBLAS cannot start its thread
pool (it prints a page of advice and exits); `pysolvers` is python-sat's C extension, which
lobkit imports directly. None of that can be caught once it happens, so the command line
checks first: when the address space is limited (`RLIMIT_AS`, what `ulimit -v` sets), an
import hook looks at what is left — the limit minus the process's
current size, `VmSize` in /proc/self/status — before each of those libraries is imported, and
if it is less than the library needs (`NEEDS_MB`, measured on Linux x86-64 with some margin,
see `benchmarks/stress_faults.py`) the import raises `ResourceLimit`: exit 3, one line, naming
the library and the limit. Under a limit, OpenBLAS is also asked for one thread
(`OPENBLAS_NUM_THREADS=1`, unless the user set it): each extra thread reserves a malloc arena
of 64 MB of address space, the first thing a low limit breaks.

Without a limit (the usual case) nothing is installed. Running out later, mid-solve, inside
native code is not covered: that is a plain out-of-memory death (see docs/limits.md).
"""

from __future__ import annotations

import os
import resource
import sys
from collections.abc import Sequence
from types import ModuleType

from lobkit.errors import ResourceLimit

__all__ = ["NEEDS_MB", "address_space_left", "install_import_guard"]

NEEDS_MB = {"z3": 100, "pysolvers": 20, "pysat": 20, "numpy": 80, "matplotlib": 100}
"""Megabytes of address space to leave free for importing and using each native library:
its own mapping (z3 about 50, numpy about 85 single-threaded, matplotlib about 170 with numpy),
plus room to work."""


def address_space_left() -> tuple[int, int] | None:
    """(megabytes left, the limit in megabytes) under `RLIMIT_AS`, or None when unlimited or
    when the process's size cannot be read."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    used = int(line.split()[1]) * 1024
                    break
            else:
                return None
    except (OSError, ValueError):
        return None
    return (soft - used) // (1 << 20), soft // (1 << 20)


class _Guard:
    """Checks `address_space_left` before the first import of a library in `NEEDS_MB`; finds
    nothing itself (the normal finders then import the library). A meta path finder by its
    `find_spec` alone (no `importlib.abc` base: see `lobkit.cli._faults._QuietZ3`)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        need = NEEDS_MB.get(fullname)
        if need is None or fullname in sys.modules:
            return None
        room = address_space_left()
        if room is not None and room[0] < need:
            left, limit = room
            raise ResourceLimit(
                f"not enough address space to load {fullname}: it needs about {need} MB, "
                f"{max(left, 0)} MB are left under the limit of {limit} MB "
                "(raise it with ulimit -v)"
            )
        return None


_installed: list[_Guard] = []


def install_import_guard() -> bool:
    """Install the hook (and the one-thread OpenBLAS setting) when the address space is
    limited; True if it was installed."""
    if _installed or address_space_left() is None:
        return bool(_installed)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    guard = _Guard()
    sys.meta_path.insert(0, guard)
    _installed.append(guard)
    return True
