"""`lobkit.enumeration` and `lobkit enumerate`: formulas up to a size modulo atom renaming and
commuted ∧ ∨ ↔, classified by the logics that prove them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.cli import main
from lobkit.enumeration import _renamed, classify, formulas, ordered, parse_logics
from lobkit.errors import InputError
from lobkit.formula import Formula, postorder
from lobkit.separations import Summary

LOB_LIKE = [  # godellob-prover's L and N (and their "normal" variants), derived by hand in GL
    "[]([]p -> p) -> []p",
    "[]([]p -> false) -> []p",
    "[]([]p -> false) -> []false",
    "[]([]false -> false) -> []p",
    "[]([]false -> false) -> []false",
]


def _all_raw(atoms: int, size: int, ops: list[str]) -> set[Formula]:
    """Every formula, by brute force over the symmetric closure of the list (the renamings
    and commutations of each listed formula)."""
    names = "pq"[:atoms]
    out: set[Formula] = set()
    for f in formulas(atoms=atoms, max_size=size, connectives=ops):
        for perm in itertools.permutations(names):
            g = _renamed(f, dict(zip(names, perm, strict=True)))
            out |= _commutations(g)
    return out


def _brute_force(size: int) -> set[Formula]:
    """Every formula of at most `size` symbols over p, q, false with ~ & -> <-> and boxes."""
    from lobkit.formula import atom, bot, box, conj, iff, implies, neg

    by_size: list[list[Formula]] = [[], [atom("p"), atom("q"), bot]]
    for n in range(2, size + 1):
        made = [g(a) for a in by_size[n - 1] for g in (box, neg)]
        for k in range(1, n - 1):
            for a in by_size[k]:
                for b in by_size[n - 1 - k]:
                    made += [conj(a, b), implies(a, b), iff(a, b)]
        by_size.append(made)
    return {f for group in by_size for f in group}


def _commutations(f: Formula) -> set[Formula]:
    from lobkit.formula import rebuild

    if not f.args:
        return {f}
    options = [_commutations(a) for a in f.args]
    found = set()
    for args in itertools.product(*options):
        found.add(rebuild(f, args))
        if f.op in ("and", "or", "iff"):
            found.add(rebuild(f, args[::-1]))
    return found


def test_one_formula_per_class_and_every_class_there() -> None:
    listed = list(formulas(atoms=2, max_size=5, connectives=["~", "&", "->", "<->"]))
    assert len(listed) == len(set(listed))
    keys = set()
    for f in listed:  # no two listed formulas are renamings or commutations of each other
        variants = {ordered(_renamed(f, {"p": a, "q": b})) for a, b in (("p", "q"), ("q", "p"))}
        assert not (variants & keys)
        keys |= variants
    # every formula of size <= 5 over p, q, false is a variant of a listed one, and only those
    assert _all_raw(2, 5, ["~", "&", "->", "<->"]) == _brute_force(5)
    sizes = [f.size for f in listed]
    assert sizes == sorted(sizes)  # smallest first


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 2), st.integers(1, 4))
def test_bounds_hold(atoms: int, run: int) -> None:
    for f in formulas(atoms=atoms, max_size=6, max_binary=1, max_box_run=run):
        binary = sum(1 for n in postorder(f) if len(n.args) == 2)
        assert binary <= 1 and "[]" * (run + 1) not in str(f)


def test_godellob_separators_smallest_first() -> None:
    space = formulas(atoms=1, max_size=8, connectives=["->"], max_binary=2, max_box_run=1)
    summary = Summary(("GL", "K4"))
    for row in classify(space, ["GL", "K4"], jobs=1):
        summary.add(row)
    assert summary.separating == {("GL", "K4"): LOB_LIKE}
    assert summary.total == 452 and summary.theorems == {"GL": 174, "K4": 169}
    assert "theorems of GL but not of K4: 5, in 4 groups" in summary.render_text()
    # godellob-prover's grouping: []([]false -> false) -> []false is Löb's instance p := false
    groups = summary.to_json()["separating"][0]["groups"]
    assert groups[0] == {"formula": LOB_LIKE[0], "instances": [LOB_LIKE[4]]}
    assert [g["instances"] for g in groups[1:]] == [[], [], []]


def test_substitution_instances() -> None:
    from lobkit.separations import instance_of
    from lobkit.syntax import parse

    lob = parse("[]([]p -> p) -> []p")
    assert instance_of(lob, parse("[]([][]q -> []q) -> [][]q"))
    assert instance_of(parse("p <-> q"), parse("[]r <-> (r & s)"))
    assert instance_of(parse("p & []q"), parse("[]false & r"))  # up to commuting &
    assert not instance_of(lob, parse("[]([]q -> q) -> []p"))  # p to two formulas
    assert not instance_of(parse("p -> false"), parse("p -> true"))


def test_logics_and_bad_options() -> None:
    assert parse_logics("gl, K4,GL") == ("GL", "K4")
    assert parse_logics(["S"]) == ("S",)
    with pytest.raises(InputError, match="unknown logic"):
        parse_logics("GL,S6")
    with pytest.raises(InputError, match="unknown connective"):
        list(formulas(connectives=["xor"]))


def test_enumerate_command_resumes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, summary = tmp_path / "e.jsonl", tmp_path / "s.json"
    argv = ["enumerate", "--atoms", "1", "--max-size", "4", "--logic", "GL,S", "-j", "2"]
    assert main([*argv, "--output", str(out), "--summary", str(summary)]) == 0
    whole = out.read_text()
    rows = [json.loads(line) for line in whole.splitlines()]
    assert rows[0] == {"formula": "p", "size": 1, "theorem_of": {"GL": False, "S": False}}
    assert {"formula": "[]p -> p", "size": 4, "theorem_of": {"GL": False, "S": True}} in rows
    report = json.loads(summary.read_text())
    assert report["separating"][0]["proved_by"] == "S" and report["formulas"] == len(rows)
    cut = "".join(whole.splitlines(keepends=True)[:5]) + '{"formula": "[]'
    out.write_text(cut)  # an interrupted run: 5 lines and half of one
    assert main([*argv, "--output", str(out), "--resume"]) == 0
    assert out.read_text() == whole
    assert "theorems of S but not of GL" in capsys.readouterr().err
    assert main([*argv[:-4], "--logic", "GL", "--output", str(out), "--resume"]) == 2
    assert "decided in GL,S, not GL" in capsys.readouterr().err


def test_enumerate_limits_and_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["enumerate", "--max-size", "9", "--max-formulas", "10000"]) == 3
    err = capsys.readouterr().err.strip()
    assert "more than 10,000 formulas (--max-formulas)" in err and "\n" not in err
    assert main(["enumerate", "--atoms", "9"]) == 2
    assert main(["enumerate", "--connectives", "xor"]) == 2
    assert main(["enumerate", "--logic", "GL,S6"]) == 2
    assert main(["enumerate", "--resume"]) == 2
    assert "Traceback" not in capsys.readouterr().err
