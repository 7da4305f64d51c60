"""`lobkit demo`: each demo reported as it finishes, with progress and the total time."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def test_demo_reports_each_demo_as_it_finishes(tmp_path: Path) -> None:
    """Issue 24: nothing was printed until every demo had finished. Run as a real process
    (pipes, not a terminal): the progress goes to stderr, each report to stdout at once."""
    process = subprocess.Popen(
        [sys.executable, "-m", "lobkit", "demo", "collapse", "paralysis", "--out", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # collapse's report arrives before paralysis has run
    assert first.startswith("== demo collapse (") and first.rstrip().endswith(" s) ==")
    assert not (tmp_path / "paralysis.png").exists()
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert err.splitlines() == ["[1/2] collapse …", "[2/2] paralysis …"]
    assert "== demo paralysis (" in out
    assert out.rstrip().splitlines()[-1].startswith("2 demos in ")
    for picture in ("collapse.png", "paralysis.png"):  # shareable: the umask, not rw-------
        mode = stat.S_IMODE((tmp_path / picture).stat().st_mode)
        assert mode & 0o044 == 0o044 & ~_umask(), oct(mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
