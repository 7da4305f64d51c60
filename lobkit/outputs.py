"""Writing files so that nothing is ever half-written: a temporary file beside the target,
renamed over it only once complete (`os.replace` is atomic on POSIX and Windows).

A reader never sees half a file; a failure, a full disk or a signal leaves the old file (or no
file) and no stray temporary. An unwritable folder is an `InputError` naming it (exit 2).
The file gets the mode an ordinary `open` would give it — the user's umask (`mkstemp` alone
leaves `rw-------`, so pictures could not be shared or served), or the mode of the file it
replaces.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lobkit.errors import InputError

__all__ = ["atomic_write", "write_text", "save_figure", "make_folder"]


_UMASK_LOCK = threading.Lock()


def _new_file_mode(target: Path) -> int:
    """The mode `open(target, "w")` would leave: the replaced file's, else 0o666 & ~umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    with _UMASK_LOCK:  # os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def _cannot(target: Path, error: OSError) -> InputError:
    return InputError(f"cannot write {target}: {(error.strerror or str(error)).lower()}")


def make_folder(folder: Path) -> None:
    """`mkdir -p folder`, with a one-line `InputError` when that is not allowed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot(folder, error) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write into {folder}: permission denied")


@contextlib.contextmanager
def atomic_write(target: str | Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A file handle whose content replaces `target` when the block ends without error."""
    target = Path(target)
    folder = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _cannot(target, error) from None
    try:
        handle: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8")
        with handle:
            yield handle
        os.chmod(temp, _new_file_mode(target))
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _cannot(target, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_text(target: str | Path, text: str) -> None:
    """`Path.write_text`, atomically."""
    with atomic_write(target) as handle:
        handle.write(text)


def save_figure(figure: Any, target: str | Path, **options: Any) -> None:
    """`figure.savefig(target)`, atomically (the format comes from the file's suffix)."""
    target = Path(target)
    with atomic_write(target, binary=True) as handle:
        figure.savefig(handle, format=target.suffix.lstrip(".") or "png", **options)
