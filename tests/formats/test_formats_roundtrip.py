"""Each format reads back what it writes (parse ∘ print = id on generated formulas), reads the
public benchmark syntax, and the LWB k_*_p instances lobkit generates survive a file trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import formulas

from lobkit.formats import Document, detect, intohylo, lines, lwb, read, tptp, write
from lobkit.zoo.lwb_families import LWB_K_FAMILIES

ATOMS = ("p0", "p1", "q", "x_2")


@settings(max_examples=150, deadline=None)
@given(formulas(atom_names=ATOMS, max_leaves=16))
def test_lwb_formula_roundtrip(f: object) -> None:
    assert lwb.read_formula(lwb.write_formula(f)) is f  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(formulas(atom_names=ATOMS, theories=(None, "R2", "PA", "T0"), max_leaves=16))
def test_intohylo_formula_roundtrip(f: object) -> None:
    assert intohylo.read_formula(intohylo.write_formula(f)) is f  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(
    formulas(atom_names=ATOMS, theories=(None, "A", "PA"), max_leaves=12),
    st.lists(formulas(atom_names=ATOMS, max_leaves=5), max_size=3),
)
def test_tptp_problem_roundtrip(goal: object, premises: list[object]) -> None:
    from lobkit.formats import Entry

    doc = Document((Entry(goal, 1, "goal", tuple(premises)),), "GL")  # type: ignore[arg-type]
    back = tptp.read(tptp.write(doc))
    assert back.logic == "GL"
    assert back.entries[0].formula is goal
    assert back.entries[0].premises == tuple(premises)


@settings(max_examples=60, deadline=None)
@given(st.lists(formulas(atom_names=ATOMS, theories=(None, "R2")), min_size=1, max_size=5))
def test_file_roundtrip_every_format(fs: list[object]) -> None:
    doc = Document.of(fs)  # type: ignore[arg-type]
    for name in ("lobkit", "intohylo"):
        text = write(doc, name)
        assert detect(text) == name
        assert read(text, name).formulas == fs
    plain = [f for f in fs if "R2" not in str(f)]
    if plain:
        text = write(Document.of(plain), "lwb")  # type: ignore[arg-type]
        assert detect(text) == "lwb"
        assert lwb.read(text).formulas == plain


@pytest.mark.parametrize("family", sorted(LWB_K_FAMILIES))
def test_lwb_families_written_and_read_back_agree(family: str) -> None:
    make = LWB_K_FAMILIES[family]
    instances = [make(n) for n in range(1, 6)]
    text = lwb.write(Document.of(instances))
    assert text.startswith("begin\n1: ") and text.endswith("\nend\n")
    back = lwb.read(text, source=f"{family}.lwb")
    assert back.formulas == instances
    assert [e.name for e in back.entries] == ["1", "2", "3", "4", "5"]
    assert [e.line for e in back.entries] == [2, 3, 4, 5, 6]
    # and through the other formats
    assert intohylo.read(intohylo.write(back)).formulas == instances
    assert lines.read(lines.write(back)).formulas == instances


def test_benchmark_syntax_samples() -> None:
    # LWB: keywords as operators, `v` for or, numbered entries over several lines
    doc = read("begin\n1: ~(p0 & box p1)\n   v dia ~p2\n2: true <-> ~false\nend\n")
    assert [str(f) for f in doc.formulas] == ["~(p0 & []p1) | <>~p2", "true <-> ~false"]
    # InToHyLo: `-` negation, [r1] and <r2>, `;` separators
    doc = read("begin\n(-p1 | [r1] p2) ;\n<r2> -p3\nend\n")
    assert [str(f) for f in doc.formulas] == ["~p1 | []p2", "<R2>~p3"]
    # TPTP NTF with the logic line, and QMLTP's qmf syntax
    doc = read(
        "tff(spec, logic, $modal == [$constants == $rigid, $quantification == $cumulative,\n"
        "    $modalities == $modal_system_K4]).\n"
        "tff(p, type, p: $o).\n"
        "tff(a1, axiom, {$necessary} @ (p)).\n"
        "tff(c, conjecture, ({$box} @ ({$box} @ (p)) & <.> $true) <= $false).\n"
    )
    assert doc.logic == "K4"
    (entry,) = doc.entries
    assert str(entry.formula) == "false -> [][]p & <>true" and entry.line == 5
    assert [str(p) for p in entry.premises] == ["[]p"]
    doc = read("qmf(con, conjecture, (#box: (p => q) => (#box: p => #box: q))).")
    assert str(doc.formulas[0]) == "[](p -> q) -> []p -> []q"


def test_writers_refuse_what_the_format_cannot_say() -> None:
    from lobkit import parse
    from lobkit.errors import InputError

    with pytest.raises(InputError, match=r"LWB has one box; \[PA\]"):
        lwb.write_formula(parse("[PA]p"))
    with pytest.raises(InputError, match="'v' is an LWB keyword"):
        lwb.write_formula(parse("v -> p"))
    with pytest.raises(InputError, match="no InToHyLo relation name"):
        intohylo.write_formula(parse("[Pa]p"))
    with pytest.raises(InputError, match="one problem"):
        tptp.write(Document.of([parse("p"), parse("q")]))


def test_long_and_deep_formulas_are_written() -> None:
    from lobkit import formula as F

    p = F.atom("p")
    chain = F.conjunction([p] * 64000)
    assert tptp.write_formula(chain) == " & ".join(["p"] * 64000)
    deep = p
    for _ in range(20000):
        deep = F.neg(deep)
    assert tptp.write_formula(deep) == "~ (" * 20000 + "p" + ")" * 20000
