"""A failed link is `blocked-lob` only where Löb's theorem is what blocks it."""

from __future__ import annotations

import pytest

from lobkit.tiling import loads

AGENTS = """
theory Tr {{ axiom build -> fast }}
agent P {{ theory Tr; goal {parent_goal}; actions build }}
agent Q {{ theory Tr; goal {child_goal}; actions build }}
"""


@pytest.mark.parametrize(
    ("logic", "parent_goal", "child_goal", "verdict"),
    [
        ("GL", "safe", "safe", "blocked-lob"),  # one theory, one goal: the Löbian obstacle
        ("GL", "safe", "fast", "no-reflection"),  # Tr already proves build -> fast
        ("K4", "safe", "safe", "no-reflection"),  # no Löb's theorem in K4
        ("K", "safe", "safe", "no-reflection"),
    ],
)
def test_classification(logic: str, parent_goal: str, child_goal: str, verdict: str) -> None:
    text = f"logic {logic}\n" + AGENTS.format(parent_goal=parent_goal, child_goal=child_goal)
    link = loads(text).licenses("P", "Q")
    assert link.verdict == verdict
    assert link.certificate is not None
    link.certificate.verify()
