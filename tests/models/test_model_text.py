"""The text form of models: reading, writing, round trips, located errors, size limits."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lobkit.errors import InputError, ParseError, ResourceLimit
from lobkit.kernel import Countermodel
from lobkit.models import load_model, model_text, read_model


def test_the_issue_example_reads_as_drawn() -> None:
    m = read_model("w0 -> w1, w2; w1 -> w2; w1: p; w2: p q")
    assert m.worlds == ("w0", "w1", "w2") and m.root == "w0"
    assert m.relation == {("w0", "w1"), ("w0", "w2"), ("w1", "w2")}
    assert m.valuation == {"w0": frozenset(), "w1": {"p"}, "w2": {"p", "q"}}


def test_chains_indexed_arrows_root_comments_and_unicode_arrows() -> None:
    m = read_model("a -[PA]-> b -> c, d  # a chain\nroot = c\nc: p, q\ne\nd → a")
    assert m.root == "c" and m.worlds == ("c", "a", "b", "d", "e")
    assert m.relations["PA"] == {("a", "b")}
    assert m.relations[None] == {("b", "c"), ("b", "d"), ("d", "a")}
    assert m.valuation["c"] == {"p", "q"}


def test_printing_is_one_statement_per_world_and_reads_back() -> None:
    m = read_model("w0 -> w1, w2; w1 -> w2; w1: p; w2: p q")
    assert model_text(m, separator="; ") == "w0 -> w1, w2; w1 -> w2; w1: p; w2: p q"
    assert read_model(model_text(m)) == m


def test_a_model_whose_order_differs_declares_its_worlds_first() -> None:
    m = Countermodel.from_json({"worlds": ["w0", "w1", "w2"], "relations": {"": [["w0", "w2"]]}})
    text = model_text(m, separator="; ")
    assert text.startswith("w0, w1, w2;")
    assert read_model(text) == m


@st.composite
def models(draw: st.DrawFn) -> Countermodel:
    n = draw(st.integers(1, 6))
    worlds = [f"w{i}" for i in range(n)]
    theories = draw(st.lists(st.sampled_from(["", "PA", "ZF"]), min_size=1, unique=True))
    relations = {
        t: draw(st.lists(st.tuples(st.sampled_from(worlds), st.sampled_from(worlds)), max_size=8))
        for t in theories
    }
    valuation = {
        w: draw(st.lists(st.sampled_from(["p", "q", "r1"]), unique=True, max_size=3))
        for w in worlds
    }
    root = draw(st.sampled_from(worlds))
    data = {
        "worlds": worlds,
        "root": root,
        "relations": {t: [list(p) for p in ps] for t, ps in relations.items() if ps},
        "valuation": valuation,
    }
    return Countermodel.from_json(data)


@given(models())
@settings(max_examples=200, deadline=None)
def test_text_round_trip(model: Countermodel) -> None:
    back = read_model(model_text(model))
    assert back.worlds == model.worlds and back.root == model.root
    assert {t: p for t, p in back.relations.items() if p} == {
        t: p for t, p in model.relations.items() if p
    }
    assert back.valuation == model.valuation
    assert read_model(model_text(model, separator="; ")) == back


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("w0 -> ", "<model>:1:6", "expected a world after '->'"),
        ("w0 -> w1; w1: P", "<model>:1:15", "'P' is not an atom"),
        ("w0 -> w1\nw1: true", "<model>:2:5", "'true' is not an atom"),
        ("w0 -[pa]-> w1", "<model>:1:6", "'pa' is not a theory name"),
        ("w0 w1", "<model>:1:4", "expected '->', ',' or ';'"),
        ("w0 -> w1 ?", "<model>:1:10", "unexpected character '?'"),
        ("w0 -> , w1", "<model>:1:7", "expected a world after '->'"),
        ("# nothing", "<model>:1:10", "a model needs at least one world"),
        ("root = ", "<model>:1:7", "expected one world after 'root ='"),
    ],
)
def test_malformed_text_is_located(text: str, where: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        read_model(text)
    assert str(caught.value).startswith(f"{where}: ")
    assert message in caught.value.message
    assert caught.value.context().endswith("^")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"worlds": ["a"], "relations": {"": [["a", "b"]]}}', 'relations[""][0]: unknown world'),
        ('{"worlds": ["a"], "valuation": {"a": ["P"]}}', "valuation['a']"),
        ('{"worlds": []}', "`worlds` must be a non-empty list"),
        ('{"worlds": ["a"], ', "not JSON"),
    ],
)
def test_malformed_json_is_located(data: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_model(data)
    assert str(caught.value).startswith("<model>")
    assert message in str(caught.value)


def test_size_limits_are_enforced_and_settable() -> None:
    chain = "; ".join(f"w{i} -> w{i + 1}" for i in range(30))
    assert len(read_model(chain).worlds) == 31
    with pytest.raises(ResourceLimit, match="31 worlds exceeds the limit of 30 worlds"):
        read_model(chain, max_worlds=30)
    with pytest.raises(ResourceLimit, match="--max-model-pairs"):
        read_model(chain, max_pairs=29)


def test_load_model_reads_files_inline_text_and_names_missing_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "m.json"
    m = read_model("w0 -> w1; w1: p")
    path.write_text(json.dumps(m.to_json()))
    assert load_model(str(path)) == m
    (tmp_path / "m.txt").write_text("w0 -> w1\nw1: p\n")
    assert load_model(str(tmp_path / "m.txt")) == m
    assert load_model("w0 -> w1; w1: p") == m
    with pytest.raises(InputError, match="cannot read missing.json"):
        load_model("missing.json")


def test_a_countermodel_read_from_json_can_be_plotted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`scale` (issue 22) plots a batch answer's countermodel: from its JSON, without the
    formula that the prover would have attached."""
    from lobkit.prover import prove

    found = prove("[]([]p -> p) -> []p", "K4").countermodel
    assert found is not None
    again = Countermodel.from_json(json.dumps(found.to_json()))
    figure = again.plot(tmp_path / "k4.png")
    assert (tmp_path / "k4.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    labels = " ".join(t.get_text() for ax in figure.axes for t in ax.texts)
    assert all(w in labels for w in again.worlds)
    assert "<svg" in again.to_svg()
