"""Files lobkit writes: atomic, and with the mode an ordinary `open` gives (the user's umask)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lobkit.outputs import write_text


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_users_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "a.txt", "x")
        os.umask(0o077)
        write_text(tmp_path / "b.txt", "y")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a.txt") == 0o644  # mkstemp alone would leave 0o600
    assert _mode(tmp_path / "b.txt") == 0o600


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "c.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["c.txt"]  # no stray temporary
