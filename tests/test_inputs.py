"""The input layer (`lobkit.inputs`): one test per hostile file of issue 13, through the API
and the CLI (exit 2, one located line; the byte limit exit 3 naming its flag)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lobkit.agents.loader import load_agents
from lobkit.cli import main
from lobkit.errors import InputError, ResourceLimit
from lobkit.inputs import read_source
from lobkit.tiling.loader import load


def _error(argv: list[str], capsys: pytest.CaptureFixture[str], code: int = 2) -> str:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("lobkit: error:") and "Traceback" not in err
    return err


def test_a_device_behind_a_symlink_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "zero.lob").symlink_to("/dev/zero")
    with pytest.raises(InputError, match="character device, not a regular file"):
        load(tmp_path / "zero.lob")


def test_a_fifo_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.lob"
    os.mkfifo(fifo)
    assert "named pipe (FIFO)" in _error(["check", str(fifo)], capsys)
    assert "named pipe" in _error(["combat", "--agents", str(fifo)], capsys)
    (tmp_path / "main.lob").write_text('include "pipe.lob"\n')
    assert "main.lob:1:9: cannot read" in _error(["check", str(tmp_path / "main.lob")], capsys)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="it is a directory"):
        load_agents(tmp_path)


def test_symlink_loops_top_level_and_included(tmp_path: Path) -> None:
    (tmp_path / "a.lob").symlink_to("b.lob")
    (tmp_path / "b.lob").symlink_to("a.lob")
    with pytest.raises(InputError, match="symlink loop"):
        load(tmp_path / "a.lob")
    (tmp_path / "main.lob").write_text('include "a.lob"\n')
    with pytest.raises(InputError, match=r"main.lob:1:9: cannot read .*symlink loop"):
        load(tmp_path / "main.lob")


def test_an_include_name_with_a_nul_byte(tmp_path: Path) -> None:
    (tmp_path / "main.lob").write_bytes(b'include "a\x00b.lob"\n')
    with pytest.raises(InputError, match="contains a NUL byte"):
        load(tmp_path / "main.lob")


def test_bad_utf8_names_the_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bad.agents").write_bytes(b"agent A = []them\nagent B = \xff\n")
    with pytest.raises(InputError, match=r"bad.agents:2:11: not UTF-8 text \(byte 0xff\)"):
        load_agents(tmp_path / "bad.agents")


def test_the_byte_limit_counts_while_reading_and_can_be_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.lob"
    path.write_text("#" * 5000 + "\n")
    with pytest.raises(ResourceLimit, match="--max-file-bytes N or LOBKIT_MAX_FILE_BYTES"):
        read_source(path, max_bytes=4096)
    monkeypatch.setenv("LOBKIT_MAX_FILE_BYTES", "4096")
    assert "--max-file-bytes" in _error(["check", str(path)], capsys, code=3)
    assert main(["check", str(path), "--max-file-bytes", "10000"]) == 0
    monkeypatch.setenv("LOBKIT_MAX_FILE_BYTES", "١٠")
    assert "ASCII digits" in _error(["check", str(path)], capsys)


def test_formula_files_go_through_the_same_door(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`prove --file` and `convert` read formula files as theory files are read: a FIFO or a
    device is refused (it used to hang or read without end), bad bytes are located, and
    standard input is bounded by the same byte limit."""
    import io

    fifo = tmp_path / "formulas.txt"
    os.mkfifo(fifo)
    assert "named pipe (FIFO)" in _error(["prove", "--file", str(fifo)], capsys)
    assert "named pipe (FIFO)" in _error(["convert", str(fifo), str(tmp_path / "o.p")], capsys)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    assert "character device" in _error(["prove", "--file", str(zero)], capsys)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"p -> p\n[]q\xff\n")
    message = _error(["prove", "--file", str(bad)], capsys)
    assert "bad.txt:2:4: not UTF-8 text (byte 0xff)" in message
    monkeypatch.setattr("sys.stdin", io.StringIO("p" * 2_000))
    message = _error(["prove", "--file", "-", "--max-file-bytes", "1000"], capsys, code=3)
    assert "<stdin> exceeds the limit of 1,000 bytes" in message
    assert "--max-file-bytes" in message
