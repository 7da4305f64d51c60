"""The documentation's examples are real: every console session of the README and of docs/*.md
(```console blocks: `$ lobkit …` lines and the output under them) is run here and its output
compared, and the Python snippets of those pages run as doctests.

A session's command may end in a comment `# exit code N`: then the exit code is checked too; it
may pipe into `tail -N` or `head -N`; JSON output (`--format json`) is compared as data, so a page
may show it re-indented.
Blocks showing output that depends on the machine (timings, benchmark tables), on files that are
not in the repository, or of demos that write pictures are ```text or plain ``` blocks and are
not run."""

from __future__ import annotations

import doctest
import glob
import json
import math
import re
import shlex
from pathlib import Path
from typing import NamedTuple

import pytest

from lobkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


class Session(NamedTuple):
    where: str  # page:line of the `$` line
    command: str
    expected: str


def _close(got: object, want: object) -> bool:
    """JSON equality, with floats equal to 12 significant digits: the last bit of a float can
    differ between numpy releases (0.8**2 is 0.64 in one, 0.6400000000000001 in another)."""
    if isinstance(got, float) and isinstance(want, int | float) and not isinstance(want, bool):
        return math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-300)
    if isinstance(got, dict) and isinstance(want, dict):
        return got.keys() == want.keys() and all(_close(got[k], want[k]) for k in got)
    if isinstance(got, list) and isinstance(want, list):
        return len(got) == len(want) and all(_close(g, w) for g, w in zip(got, want, strict=True))
    return got == want


def console_sessions(page: Path) -> list[Session]:
    """Every `$ lobkit ...` line of the page's ```console blocks, with the output under it."""
    text = page.read_text(encoding="utf-8")
    sessions: list[Session] = []
    for block in re.finditer(r"^```console\n(.*?)^```", text, flags=re.S | re.M):
        first = text.count("\n", 0, block.start(1)) + 1
        where, command, output = "", None, []
        for offset, line in enumerate([*block.group(1).splitlines(), "$ "]):
            if line.startswith("$ "):
                if command is not None:
                    sessions.append(Session(where, command, "\n".join(output)))
                where, command, output = f"{page.name}:{first + offset}", line[2:], []
            elif command is not None:
                output.append(line)
    return [s for s in sessions if s.command.startswith("lobkit ")]


SESSIONS = [s for page in PAGES for s in console_sessions(page)]


def test_every_page_with_lobkit_sessions_has_them_tested() -> None:
    """A `$ lobkit` line in an unlabelled ``` block would silently escape this test: sessions
    are ```console (run here) or, when their output depends on the machine, ```text."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        untested = re.findall(r"^```\n(?:(?!^```).)*?^\$ lobkit", text, re.S | re.M)
        assert not untested, f"{page.name}: a `$ lobkit` session in an unlabelled ``` block"
    assert {s.where.split(":")[0] for s in SESSIONS} >= {"README.md", "prover.md", "classics.md"}


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s.where)
def test_console_session(
    session: Session, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    words = shlex.split(session.command, comments=True)
    stages = " ".join(shlex.quote(w) for w in words).split(" '|' ")  # only an unquoted | pipes
    words, pipe = shlex.split(stages[0]), stages[1:]
    command = " ".join(words)
    assert words[0] == "lobkit", session.command
    argv: list[str] = []
    for word in words[1:]:
        argv += sorted(glob.glob(word)) if "*" in word else [word]
    code = main(argv)
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).rstrip("\n").split("\n")
    for stage in pipe:
        tool, count = shlex.split(stage)
        n = int(count.lstrip("-"))
        lines = {"tail": lines[-n:], "head": lines[:n]}[tool]
    shown, expected = "\n".join(lines), session.expected.rstrip("\n")
    if "--format json" in command and code in (0, 1):
        assert _close(json.loads(shown), json.loads(expected)), shown
    else:
        assert shown == expected
    declared = re.search(r"#\s*exit code (\d+)", session.command)
    if declared:
        assert code == int(declared.group(1)), session.command


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_snippets(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failures, _ = doctest.testfile(str(page), module_relative=False, verbose=False)
    assert failures == 0
