"""Malformed .lob files: every error names the exact line:column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lobkit.errors import InputError, ParseError
from lobkit.tiling import load, loads
from lobkit.tiling.families import MAX_MEMBERS

CASES = [
    # (text, line:column, words in the message)
    ("prove T1 : [T0]p ->", "1:20", "expected a formula after '->'"),
    ("theory A { axiom p -> }", "1:23", "expected a formula after '->', found '}'"),
    ("chain A -> ", "1:11", "expected a name starting uppercase after '->'"),
    ("theory t", "1:8", "expected a name starting uppercase after 'theory'"),
    ("theory T\nprove T : p & expect proved", "2:15", "'expect' is a keyword"),
    ("theory T\nprove T : p expect", "2:19", "expected a number or a verdict after 'expect'"),
    ("theory T\nprove T : p expect proved\nprove p & q expect provedx", "3:20", "not a verdict"),
    ("theory T\nagent A { theory T; goal p; actions }", "2:37", "expected an action name"),
    ("theory T\nprove T : p $", "2:13", "unexpected character '$'"),
    # semantic errors
    ("theory T1 extends T0", "1:19", "unknown theory 'T0'"),
    ("theory T\nprove [Foo]p", "2:7", "unknown theory 'Foo'"),
    ("theory T\nprove T : [T]p -> <Tx>q", "2:19", "unknown theory 'Tx'"),
    ("theory T\nchain A -> B", "2:7", "unknown agent 'A'"),
    ("theory T\nconsistent U", "2:12", "unknown theory 'U'"),
    ("theory T\nagent A { theory T; goal p; actions a }\nconsistent A", "3:12", "A is a"),
    ("theory T extends U\ntheory U extends T", "2:18", "cycle in 'extends': T -> U -> T"),
    ("theory T extends T", "1:18", "extends itself"),
    ("theory T\ntheory T", "2:8", "already defined as a theory at"),
    ("theory T\nagent T { theory T; goal p; actions a }", "2:7", "already defined"),
    ("theory T\nagent A { theory T; goal p; theory T; actions a }", "2:29", "second 'theory'"),
    ("theory T\nagent A { theory T; actions a }", "2:7", "needs 'goal"),
    ("theory T\nprove p expect licensed", "2:16", "not a verdict of prove"),
    ("logic S6", "1:7", "unknown logic 'S6'"),
    # one-box logics: a theory or premise is refused where it is written
    ("logic Grz\ntheory T { axiom p }", "2:8", "theory T: theories and premises need a logic"),
    ("logic S4\nprove p\npremise []p", "3:1", "premise: theories and premises need a logic"),
    ('include "../outside.lob"', "1:9", "leaves the folder"),
    ('include "/etc/passwd"', "1:9", "leaves the folder"),
    ('include "missing.lob"', "1:9", "cannot read"),
    # families (tests/tiling/test_tiling_families.py has the rest of their story)
    # (text, line:column, words)
    ("theory T[k] for k in 0..3 { extends T[k-1] }", "1:37", "is -1 (in family T[k] with k = 0)"),
    ("theory T[k] for k in 0..3 { extends U[k] if k > 1 }", "1:37", "unknown theory 'U_2'"),
    ("theory T[k] for k in 0..3 { axiom [T[k+1]]p }", "1:35", "unknown theory 'T_4' in an axiom"),
    ("theory T[k] for k in 0..3 { axiom wait[j] }", "1:40", "unknown index variable 'j'"),
    ("theory T\nprove [T[k]]p", "2:10", "unknown index variable 'k' outside a family"),
    ("theory T[k] for j in 0..3", "1:17", "ranges over 'k', not 'j'"),
    ("theory T[k] for k in 5..3", "1:22", "the range 5..3 is empty"),
    ("theory T[k] for k in 0..3\ntheory T_2", "2:8", "T_2 is already defined as a theory"),
    (
        "theory T[k] for k in 0..3 { extends T[k+1] if k < 3; extends T[0] if k == 3 }",
        "1:62",
        "cycle in 'extends': T_0 -> T_1 -> T_2 -> T_3 -> T_0 (in family T[k] with k = 3)",
    ),
    ("theory T[k] for k in 0..1 { extends T[k] }", "1:37", "theory T_0 extends itself"),
    (
        "agent A[k] for k in 0..2 { theory T[k]; goal p; actions a }\ntheory T[k] for k in 0..1",
        "1:35",
        "unknown theory 'T_2' (did you mean 'T_1'?) (in family A[k] with k = 2)",
    ),
    (
        "theory T\nagent A[k] for k in 0..1 { theory T; goal p; actions a[k], a[k*1] }",
        "2:60",
        "action a_0 is listed twice (in family A[k] with k = 0)",
    ),
    ("theory T[k] for k in 0..3 { axiom p if }", "1:40", "expected '(', a number or an index"),
    ("theory T\nconsistent T[1000000000000]", "2:12", "past 1,000,000,000"),
    ("theory T\nconsistent T[100000*100000]", "2:12", "indexes are at most"),
    ("theory T\nsound T given", "2:14", "expected a literal (an atom or ~atom) after 'given'"),
    ("theory T\nprove T : [T]p & if", "2:18", "'if' is a keyword"),
    (
        f"theory T[k] for k in 0..{MAX_MEMBERS}",
        "1:22",
        f"has {MAX_MEMBERS + 1:,} members; at most {MAX_MEMBERS:,}",
    ),
    (
        f"theory T[k] for k in 1..{MAX_MEMBERS}\nagent A[k] for k in 0..1 {{ theory T_1 }}",
        "2:21",
        f"past {MAX_MEMBERS:,} in all",
    ),
]


@pytest.mark.parametrize(("text", "where", "words"), CASES)
def test_error_location(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = tmp_path / "bad.lob"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(words)) as info:
        load(path)
    assert info.value.location == f"{path}:{where}", str(info.value)
    assert words in str(info.value)
    if words != "cannot read":  # what the file says is shown with its line and a caret
        assert isinstance(info.value, ParseError) and str(info.value).rstrip().endswith("^")


def test_syntax_errors_show_the_caret(tmp_path: Path) -> None:
    path = tmp_path / "bad.lob"
    path.write_text("theory T\nprove T : [T]p ->\n", encoding="utf-8")
    with pytest.raises(ParseError, match=re.escape("prove T : [T]p ->")) as info:
        load(path)
    text = str(info.value)
    assert "prove T : [T]p ->" in text and text.rstrip().endswith("^")


def test_include_cycle_and_include_once(tmp_path: Path) -> None:
    (tmp_path / "a.lob").write_text('include "b.lob"\ntheory A\n', encoding="utf-8")
    (tmp_path / "b.lob").write_text('include "a.lob"\n', encoding="utf-8")
    with pytest.raises(InputError, match="include cycle") as info:
        load(tmp_path / "a.lob")
    assert info.value.location == f"{tmp_path / 'b.lob'}:1:9"
    (tmp_path / "c.lob").write_text('include "d.lob"\ninclude "d.lob"\nconsistent D\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "d.lob").write_text('theory D\ninclude "sub/e.lob"\n')
    (tmp_path / "sub" / "e.lob").write_text('include "../d2.lob"\n')
    (tmp_path / "d2.lob").write_text("theory D2 extends D\n")
    spec = load(tmp_path / "c.lob")  # d.lob once; sub/../d2.lob stays inside the folder
    assert set(spec.theories) == {"D", "D2"}


def test_file_size_limit(tmp_path: Path) -> None:
    from lobkit.errors import ResourceLimit
    from lobkit.limits import FILE_BYTES

    path = tmp_path / "big.lob"
    path.write_text("# " + "x" * FILE_BYTES.default + "\n")
    with pytest.raises(ResourceLimit, match="--max-file-bytes N or LOBKIT_MAX_FILE_BYTES"):
        load(path)


def test_loads_and_deep_formulas() -> None:
    deep = "[T]" * 2000 + "p"
    spec = loads(f"theory T\nprove T : {deep} -> {deep}\n")
    assert spec.queries[0].formula.modal_depth == 2000  # type: ignore[union-attr]
