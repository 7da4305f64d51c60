"""Under a low address-space limit the command refuses, before a native library would crash
while loading (exit 3, one line, naming the library and `ulimit -v`)."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from lobkit.cli import _headroom
from lobkit.errors import ResourceLimit


def test_the_guard_refuses_a_library_that_would_not_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "z3", raising=False)
    monkeypatch.setattr(_headroom, "address_space_left", lambda: (30, 80))
    with pytest.raises(ResourceLimit, match=r"load z3: .* 30 MB are left .* 80 MB .*ulimit -v"):
        _headroom._Guard().find_spec("z3", None)
    monkeypatch.setattr(_headroom, "address_space_left", lambda: (500, 600))
    assert _headroom._Guard().find_spec("z3", None) is None
    assert _headroom._Guard().find_spec("json", None) is None  # not a native library


def test_without_a_limit_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_headroom, "address_space_left", lambda: None)
    monkeypatch.setattr(_headroom, "_installed", [])
    assert _headroom.install_import_guard() is False


def _limited(megabytes: int) -> None:
    size = megabytes << 20
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


@pytest.mark.parametrize("argv", [["prove", "--solver", "z3", "p"], ["collapse"]])
def test_a_tiny_ulimit_is_exit_3_not_a_crash(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lobkit", *argv],
        capture_output=True,
        text=True,
        preexec_fn=lambda: _limited(70),
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("\n") == 1 and "ulimit -v" in done.stderr


def test_a_thread_that_cannot_start_is_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import lobkit.cli.parse as parse_command
    from lobkit.cli import main

    def no_thread(args: object) -> int:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(parse_command, "run", no_thread)
    assert main(["parse", "p"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot start a thread" in err
