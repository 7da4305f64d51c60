"""The one door through which lobkit reads files: theory files, their includes, agent files,
formula files (`prove --file`, `convert`) and standard input.

Hostile or mistaken paths fail with one located line (exit 2), never a hang or a traceback:

* the name must be usable (no NUL byte) and the path must open — a symlink loop, a missing
  file or a permission problem is named as such;
* only regular files are read: a directory, FIFO, socket or device (`/dev/zero` behind a
  symlink, a named pipe that would block forever) is refused before a byte is read — the file
  is opened non-blocking, so even opening a FIFO cannot hang, and the check is on the opened
  descriptor (`fstat`), so a path swapped between check and read changes nothing;
* at most `limits.FILE_BYTES` bytes are read, counted while reading (a file that grows or
  lies about its size is cut off), and more is a `ResourceLimit` naming the flag (exit 3);
* the bytes must be UTF-8; a bad byte is reported with its line and column.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lobkit.errors import InputError
from lobkit.limits import FILE_BYTES

__all__ = ["Source", "read_source", "read_stream", "check_name"]

_CHUNK = 1 << 16
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class Source:
    """A file's text, its name as shown in messages, and where it really lives."""

    text: str
    shown: str
    real: Path


def check_name(name: str, shown: str | None = None, where: str | None = None) -> None:
    """Refuse a file name no file can have (a NUL byte, or empty)."""
    if "\0" in name:
        raise InputError(f"the file name {(shown or name)!r} contains a NUL byte", where)
    if not name:
        raise InputError("an empty file name", where)


def read_source(
    path: str | Path,
    *,
    shown: str | None = None,
    where: str | None = None,
    max_bytes: int | None = None,
) -> Source:
    """Read the regular file at `path` as UTF-8 text, within the byte limit.

    `shown` names the file in messages (default: the path as given); `where` is the location
    that asked for it (an include statement), prefixed to every error.
    """
    name = os.fspath(path)
    shown = shown or name
    check_name(name, shown, where)
    limit = FILE_BYTES.value(max_bytes)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(f"cannot read {shown}: {_why(error)}", where) from None
    try:
        mode = os.fstat(fd).st_mode
        for test, kind in _KINDS:
            if test(mode):
                raise InputError(f"cannot read {shown}: it is {kind}, not a regular file", where)
        if not stat.S_ISREG(mode):
            raise InputError(f"cannot read {shown}: not a regular file", where)
        os.set_blocking(fd, True)
        data = _read_bounded(lambda size: os.read(fd, size), shown, limit)
    except OSError as error:
        raise InputError(f"cannot read {shown}: {_why(error)}", where) from None
    finally:
        os.close(fd)
    text = _decode(data, shown, where)
    try:
        real = Path(os.path.realpath(name))
    except (OSError, ValueError, RuntimeError):  # pragma: no cover - it opened, so it resolves
        real = Path(name).absolute()
    return Source(text, shown, real)


def read_stream(read: Callable[[int], bytes], *, shown: str, max_bytes: int | None = None) -> str:
    """Read a byte stream (standard input: `sys.stdin.buffer.read`) as UTF-8 text, within the
    same byte limit as files; a pipe cannot be checked for being regular, only bounded."""
    limit = FILE_BYTES.value(max_bytes)
    try:
        data = _read_bounded(read, shown, limit)
    except OSError as error:
        raise InputError(f"cannot read {shown}: {_why(error)}") from None
    return _decode(data, shown, None)


def _read_bounded(read: Callable[[int], bytes], shown: str, limit: int) -> bytes:
    """At most `limit` bytes from `read`, counted while reading; one more is `ResourceLimit`."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise FILE_BYTES.exceeded(shown, limit)
    return b"".join(chunks)


def _decode(data: bytes, shown: str, where: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(_bad_byte(data, error.start, shown), where) from None


def _why(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    if error.errno == errno.ENOENT:
        return "no such file"
    return (error.strerror or str(error)).lower()


def _bad_byte(data: bytes, offset: int, shown: str) -> str:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return f"{shown}:{line}:{column}: not UTF-8 text (byte 0x{data[offset]:02x})"
