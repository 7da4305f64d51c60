"""The error hierarchy: one root, and internal errors (bugs) with their own exit code."""

from __future__ import annotations

import pytest

import lobkit.prover.pipeline
from lobkit.cli import main
from lobkit.errors import (
    InternalError,
    LobkitError,
    NotATheorem,
    ProofError,
    VerificationFailed,
)


def test_every_error_derives_from_the_root() -> None:
    for cls in (ProofError, NotATheorem, VerificationFailed, InternalError):
        assert issubclass(cls, LobkitError)
    assert InternalError.exit_code == 70


def test_an_internal_error_asks_for_a_bug_report() -> None:
    assert "please report it" in str(InternalError("x failed its check"))


def test_a_certificate_failing_its_check_exits_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_checker(*args: object, **kwargs: object) -> None:
        raise ProofError("node 0 (Ax): planted")

    monkeypatch.setattr(lobkit.prover.pipeline, "check_proof", broken_checker)
    assert main(["prove", "p -> p"]) == 70
    err = capsys.readouterr().err
    assert "internal error: the proof failed its check: node 0 (Ax): planted" in err
    assert "bug" in err and "Traceback" not in err
