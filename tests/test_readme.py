"""The README's examples are real: its console sessions and the Python snippets of the README
and docs/ are run here."""

from __future__ import annotations

import doctest
import glob
import re
import shlex
from pathlib import Path

import pytest

from lobkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def console_sessions() -> list[tuple[str, str]]:
    """(command, expected output) for every `$ lobkit ...` line of the ```console blocks."""
    sessions: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(), flags=re.S):
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    sessions.append((command, "\n".join(output)))
                command, output = line[2:], []
            elif command is not None:
                output.append(line)
        if command is not None:
            sessions.append((command, "\n".join(output)))
    return [(c, o) for c, o in sessions if c.startswith("lobkit ")]


@pytest.mark.parametrize(("command", "expected"), console_sessions())
def test_console_session(
    command: str, expected: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    argv = []
    for word in shlex.split(command)[1:]:
        argv += sorted(glob.glob(word)) if "*" in word else [word]
    main(argv)
    captured = capsys.readouterr()
    assert (captured.out + captured.err).rstrip("\n") == expected


DOCS_WITH_SNIPPETS = [README, *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", DOCS_WITH_SNIPPETS, ids=lambda p: p.name)
def test_python_snippets(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failures, _ = doctest.testfile(str(page), module_relative=False, verbose=False)
    assert failures == 0
