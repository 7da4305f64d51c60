"""Colour only on terminals (NO_COLOR, FORCE_COLOR), completion scripts, one error prefix,
`demo --help` naming the demos."""

from __future__ import annotations

import io

import pytest

from lobkit.cli import _style, main
from lobkit.zoo.verdicts import LOB


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    text = "[]p -> p: not a theorem of GL\nw0 (root): -"
    assert _style.verdicts(text, io.StringIO()) == text  # a pipe: plain
    coloured = _style.verdicts(text, _Tty())
    assert "\033[31mnot a theorem of GL\033[0m" in coloured
    assert coloured.endswith("w0 (root): -")
    monkeypatch.setenv("NO_COLOR", "1")
    assert _style.verdicts(text, _Tty()) == text
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert _style.verdicts(text, _Tty()) != text
    monkeypatch.setenv("TERM", "dumb")
    assert _style.verdicts(text, _Tty()) == text


def test_force_color_colours_check_ok(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["prove", LOB.text]) == 0
    assert "\033[32mtheorem of GL\033[0m" in capsys.readouterr().out
    monkeypatch.delenv("FORCE_COLOR")
    assert main(["prove", LOB.text]) == 0
    assert "\033[" not in capsys.readouterr().out  # captured output is no terminal


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_print_completion(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--print-completion", shell])
    assert done.value.code == 0
    script = capsys.readouterr().out
    for word in ("prove", "check", "combat", "--example", "--format"):
        assert word in script


@pytest.mark.parametrize(
    "argv",
    [
        ["prove", "--logic"],
        ["prove", "p", "--logic", "S6"],
        ["nosuch"],
        ["check", "--timeout", "x", "f"],
    ],
)
def test_one_error_prefix(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("lobkit: error: ") and err.count("\n") == 1


def test_demo_help_names_the_demos(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    out = capsys.readouterr().out
    for name in ("paralysis", "procrastination", "collapse"):
        assert f"\n  {name} " in out
