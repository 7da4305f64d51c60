"""The proof certificate's JSON (version 2, docs/prover.md): a shared formula table, each
formula once, nodes naming formulas by index; it validates against the shipped schemas, reads
back with `Proof.from_json` to the same proof, and the kernel re-checks what was read."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from strategies import formulas

from lobkit.cli import main
from lobkit.cli._common import emit_json
from lobkit.errors import InputError, ProofError
from lobkit.formula import Formula, atom, box, neg, postorder
from lobkit.kernel import Logic, check_proof
from lobkit.kernel.proof import JSON_VERSION, Proof
from lobkit.prover import prove
from lobkit.schemas import schema
from lobkit.syntax import parse
from lobkit.syntax.printers import from_dag
from lobkit.zoo.lwb_families import LWB_K_FAMILIES
from lobkit.zoo.verdicts import LOB

jsonschema = pytest.importorskip("jsonschema")

# (formula, logic, proof style, premises, extends): every rule family, indexed boxes, Taut.
CASES: list[tuple[str, str, str, tuple[str, ...], dict[str, set[str]]]] = [
    (LOB.text, "GL", "taut", (), {}),
    (LOB.text, "GL", "g3", (), {}),
    ("[](p -> q) -> []p -> []q", "K", "g3", (), {}),
    ("[]p -> [][]p", "K4", "g3", (), {}),
    ("[T0]p -> [T1]p", "GL", "g3", (), {"T1": {"T0"}}),
    ("[]p -> p", "GL", "g3", ("p",), {}),
    ("(p <-> q) | ~(p <-> q) | true | ~false", "K", "g3", (), {}),
]


def _proof(text: str, frame: str, style: str, premises: tuple[str, ...], extends: Any) -> Proof:
    logic = Logic(frame, extends, tuple(parse(p) for p in premises))
    result = prove(parse(text), logic, proof_style=style)
    assert result.proof is not None
    return result.proof


def _all_formulas(proof: Proof) -> set[Formula]:
    out: set[Formula] = set()
    for node in proof.nodes:
        for f in (*node.left, *node.right, *([node.principal] if node.principal else [])):
            out.update(postorder(f))
    return out


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]} {c[1]} {c[2]}" for c in CASES])
def test_round_trip_and_the_kernel_rechecks_what_was_read(case: Any) -> None:
    proof = _proof(*case)
    data = json.loads(json.dumps(proof.to_json()))  # through text, as a file would
    assert data["version"] == JSON_VERSION == 2
    back = Proof.from_json(data, proof.logic)
    assert back.nodes == proof.nodes and back.root == proof.root
    check_proof(back, proof.logic, parse(case[0]))


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]} {c[1]} {c[2]}" for c in CASES])
def test_the_table_holds_each_formula_and_sub_formula_once(case: Any) -> None:
    proof = _proof(*case)
    data = proof.to_json()
    table = data["formulas"]
    keys = [(e["op"], e.get("label"), *e["args"]) for e in table]
    assert len(set(keys)) == len(keys)  # no formula twice
    for k, entry in enumerate(table):
        assert all(0 <= i < k for i in entry["args"])  # sub-formulas come first
    built = [from_dag({"nodes": table, "root": k}) for k in range(len(table))]
    assert set(built) == _all_formulas(proof)  # and nothing else
    for item, node in zip(data["nodes"], proof.nodes, strict=True):
        assert [built[i] for i in item["left"]] == list(node.left)
        assert [built[i] for i in item["right"]] == list(node.right)


def test_json_validates_against_the_schemas() -> None:
    definition = schema("prove")["$defs"]["proof"]
    validator = jsonschema.Draft202012Validator(definition)
    for case in CASES:
        errors = list(validator.iter_errors(_proof(*case).to_json()))
        assert not errors, errors[0].message
    # The definition is the same in every schema that embeds a proof.
    for name in ("prove-line", "check", "combat", "fixpoint"):
        assert schema(name)["$defs"]["proof"] == definition
    assert not validator.is_valid({"nodes": [], "root": 0})  # version 1 is not version 2


def test_a_g3_proof_with_thousands_of_nodes_shares_its_formulas() -> None:
    formula = LWB_K_FAMILIES["k_ph_p"](3)
    result = prove(formula, "K", proof_style="g3")
    assert result.proof is not None and result.proof.size > 100
    data = result.proof.to_json()
    occurrences = sum(len(n["left"]) + len(n["right"]) for n in data["nodes"])
    assert len(data["formulas"]) == len(_all_formulas(result.proof)) < occurrences / 10
    back = Proof.from_json(json.loads(json.dumps(data)), "K")
    check_proof(back, Logic.named("K"), formula)


def test_a_deeply_nested_formula_prints_flat_and_reads_back() -> None:
    deep = atom("p")
    for _ in range(10_000):
        deep = neg(box(deep))
    result = prove(deep >> deep, "K")
    assert result.proof is not None
    text = json.dumps(result.proof.to_json())  # the table is flat: no encoder recursion
    back = Proof.from_json(json.loads(text), "K")
    check_proof(back, Logic.named("K"), deep >> deep)


@settings(max_examples=60, deadline=None)
@given(formulas(theories=(None, "T0")))
def test_round_trip_on_random_theorems(formula: Formula) -> None:
    result = prove(formula, "GL")
    if result.proof is None:
        return
    back = Proof.from_json(json.loads(json.dumps(result.proof.to_json())), "GL")
    assert back.nodes == result.proof.nodes
    check_proof(back, Logic.named("GL"), formula)


def test_the_cli_document_reads_back() -> None:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["prove", "[T0]p -> [T1]p", "--extends", "T1:T0", "--format", "json"]) == 0
    doc = json.loads(out.getvalue())
    logic = Logic(doc["logic"], doc.get("extends", {}), ())
    check_proof(Proof.from_json(doc["proof"], logic), logic, parse(doc["formula"]))


def _valid() -> dict[str, Any]:
    return _proof(LOB.text, "GL", "g3", (), {}).to_json()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d.update(version=1),
        lambda d: d.pop("version"),
        lambda d: d["formulas"][0].update(args=[0]),  # refers to itself
        lambda d: d["formulas"][1].update(args=[-1]),  # negative: never wraps around
        lambda d: d["formulas"][0].update(op="nand"),
        lambda d: d["formulas"][0].pop("label"),  # an atom without a name
        lambda d: d["formulas"][0].update(label=7),
        lambda d: d["formulas"].append({"op": "top", "args": [], "label": "x"}),
        lambda d: d["formulas"].append({"op": ["box"], "args": [0]}),
        lambda d: d["nodes"][0].update(left=[10_000]),
        lambda d: d["nodes"][0].update(left=[True]),
        lambda d: d["nodes"][-1].update(premises=[len(d["nodes"]) - 1]),  # not earlier
        lambda d: d["nodes"][0].update(principal="p"),
        lambda d: d["nodes"][0].pop("rule"),
        lambda d: d.update(root=len(d["nodes"])),
        lambda d: d.update(formulas=None),
    ],
)
def test_a_malformed_document_is_an_input_error(tamper: Any) -> None:
    data = _valid()
    tamper(data)
    with pytest.raises(InputError, match="proof JSON"):
        Proof.from_json(data, "GL")


def test_a_well_formed_but_wrong_proof_is_the_kernels_to_reject() -> None:
    data = _valid()
    node = next(n for n in data["nodes"] if n["rule"] == "Ax")
    node["left"] = [i for i in range(len(data["formulas"])) if i not in node["right"]][:1]
    with pytest.raises(ProofError):
        check_proof(Proof.from_json(data, "GL"), Logic.named("GL"), parse(LOB.text))


def test_emit_json_indents_small_documents_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    document = {"proof": _valid()}
    emit_json(document)
    small = capsys.readouterr().out
    assert small.startswith("{\n  ") and json.loads(small) == document
    monkeypatch.setattr("lobkit.cli._common.PRETTY_JSON_BYTES", 100)
    emit_json(document)
    large = capsys.readouterr().out
    assert large.count("\n") == 1 and json.loads(large) == document


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]} {c[1]} {c[2]}" for c in CASES])
def test_json_text_is_the_compact_encoding_of_to_json(case: Any) -> None:
    proof = _proof(*case)
    assert proof.json_text() == json.dumps(
        proof.to_json(), ensure_ascii=False, separators=(",", ":")
    )


def test_the_cli_splices_a_big_proof_as_the_same_document(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    formula = LWB_K_FAMILIES["k_ph_p"](3)
    argv = ["prove", str(formula), "--logic", "K", "--proof-style", "g3", "--format", "json"]
    assert main(argv) == 0
    pretty = capsys.readouterr().out
    monkeypatch.setattr("lobkit.cli._common.PRETTY_JSON_BYTES", 100)
    assert main(argv) == 0
    compact = capsys.readouterr().out
    assert compact.count("\n") == 1 and pretty.count("\n") > 100
    one, two = json.loads(pretty), json.loads(compact)
    jsonschema.validate(two, schema("prove"))
    assert one.pop("seconds") >= 0 and two.pop("seconds") >= 0
    assert one == two
    check_proof(Proof.from_json(two["proof"], "K"), Logic.named("K"), formula)


def test_a_string_that_looks_like_a_splice_mark_is_left_alone() -> None:
    from lobkit.cli._common import json_text

    proof = _proof(LOB.text, "GL", "g3", (), {})
    payload = {"a": "\x000:0\x00", "proof": proof, "b": ["\x000\x00"]}
    big = json_text({**payload, "pad": "x" * 70_000})
    small = json_text(payload)
    for text in (big, small):
        data = json.loads(text)
        assert data["a"] == "\x000:0\x00" and data["b"] == ["\x000\x00"]
        assert data["proof"] == proof.to_json()
