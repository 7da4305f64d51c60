"""The shared Lark front end: every grammar's failures are located `ParseError`s (issues 9, 13)."""

from __future__ import annotations

import pytest

from lobkit.agents.loader import parse_agents
from lobkit.errors import ParseError
from lobkit.syntax.parser import parse
from lobkit.tiling.loader import loads


@pytest.mark.parametrize(
    ("text", "keyword", "column"),
    [
        ("prove T : axiom", "axiom", 11),
        ("prove ~theory", "theory", 8),
        ("prove [T]depth", "depth", 10),
        ("theory T\nprove T : p & include", "include", 15),
    ],
)
def test_a_keyword_where_a_formula_ends_is_a_located_error(
    text: str, keyword: str, column: int
) -> None:
    with pytest.raises(ParseError, match=f"'{keyword}' is a keyword") as caught:
        loads(text, source="k.lob")
    assert caught.value.column == column
    assert caught.value.location is not None and caught.value.location.startswith("k.lob:")


def test_every_front_end_reports_syntax_errors_the_same_way() -> None:
    for run in (
        lambda: parse("[](p ->", source="f"),
        lambda: loads("prove [](p ->", source="f"),
        lambda: parse_agents("agent A = [](them ->", source="f"),
    ):
        with pytest.raises(ParseError, match="expected a formula.* after .->., found the end"):
            run()
