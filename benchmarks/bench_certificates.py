"""Certificate size and cost (`python benchmarks/bench_certificates.py`): prints a table.

For LWB families in K (and GL), both proof styles in the same run: "g3" (the cut-free sequent
tree, lobkit's certificate before the Taut rule) and "taut" (one RUP-certified step per world of
the search). Columns: proof nodes, RUP clauses, seconds for the whole `prove` (search, build,
check), for the kernel's check alone, for `json.dumps(result.to_json())`, and the JSON's size.
An instance past --timeout seconds or --max-nodes proof nodes shows its limit.

`--render` (also part of the default run): the rendering phase of `lobkit prove --format json`
on big g3 proofs in GL, in-process, best of `--repeat`: the document encoded and written to a
file. "v2": certificate format version 2 (a shared formula table, nodes naming formulas by
index), the commands' `json_text` (compact above 64 kB) with the proof's own `json_text()`
spliced in, as `lobkit prove` does; "v2 dict s": encoding `to_json()` instead, as `check`,
batch lines and the web page do. Its baseline in the same run, "v1": every formula occurrence
printed as text, `json.dumps(indent=2)`, as lobkit printed it before (kept here only as that
baseline). "k_ph_p(6)x3" is the conjunction of three copies of k_ph_p(6) on disjoint atoms: a
131,201-node proof.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from lobkit.cli._common import json_text
from lobkit.errors import ResourceLimit
from lobkit.formula import Formula, atom, atoms_of, conjunction, substitute
from lobkit.kernel import check_proof
from lobkit.kernel.proof import Proof
from lobkit.prover import prove
from lobkit.zoo.lwb_families import LWB_K_FAMILIES


def _row(family: str, n: int, logic: str, style: str, timeout: float, max_nodes: int) -> str:
    formula = LWB_K_FAMILIES[family](n)
    start = time.perf_counter()
    try:
        result = prove(
            formula, logic, timeout=timeout, max_proof_nodes=max_nodes, proof_style=style
        )
    except ResourceLimit as error:
        return f"{family:12} {n:3} {logic:3} {style:5} {'limit: ' + str(error)[:60]}"
    total = time.perf_counter() - start
    proof = result.proof
    assert proof is not None
    start = time.perf_counter()
    check_proof(proof, result.logic, formula)
    check = time.perf_counter() - start
    start = time.perf_counter()
    text = json.dumps(result.to_json())
    dump = time.perf_counter() - start
    rup = sum(len(node.certificate) for node in proof.nodes)
    return (
        f"{family:12} {n:3} {logic:3} {style:5} {proof.size:8} {rup:8} {total:8.3f} "
        f"{check:8.3f} {dump:8.3f} {len(text) / 1e6:8.2f}"
    )


def v1_json(proof: Proof) -> dict[str, Any]:
    """The baseline: certificate format version 1, every formula occurrence as its text (each
    distinct formula printed once, then repeated wherever it occurs)."""
    name = functools.cache(str)

    nodes = []
    for n in proof.nodes:
        item: dict[str, Any] = {
            "rule": n.rule,
            "left": [name(f) for f in n.left],
            "right": [name(f) for f in n.right],
            "premises": list(n.premises),
            "principal": None if n.principal is None else name(n.principal),
        }
        if n.rule == "Taut":
            item["certificate"] = [list(c) for c in n.certificate]
        nodes.append(item)
    return {"nodes": nodes, "root": proof.root}


def _copies(n: int, k: int) -> Formula:
    """k copies of k_ph_p(n) on disjoint atoms, conjoined: a g3 proof k times as large."""
    formula = LWB_K_FAMILIES["k_ph_p"](n)
    names = sorted(atoms_of(formula))
    return conjunction(substitute(formula, {a: atom(f"c{i}_{a}") for a in names}) for i in range(k))


def _timed_render(encode: Callable[[], str], repeat: int) -> tuple[float, int]:
    """Best-of-`repeat` seconds to encode the document and write it to a file; its bytes."""
    best, size = float("inf"), 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "out.json")
        for _ in range(repeat):
            gc.collect()
            start = time.perf_counter()
            text = encode() + "\n"
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            best = min(best, time.perf_counter() - start)
            size = os.path.getsize(path)
            del text
    return best, size


def render_rows(quick: bool, repeat: int, timeout: float) -> None:
    """The rendering table: version 1 (baseline) and version 2 of the same proof, same run."""
    instances = [
        ("k_ph_p(4)", LWB_K_FAMILIES["k_ph_p"](4)),
        ("k_ph_p(5)", LWB_K_FAMILIES["k_ph_p"](5)),
    ]
    if not quick:
        instances += [("k_ph_p(6)", LWB_K_FAMILIES["k_ph_p"](6)), ("k_ph_p(6)x3", _copies(6, 3))]
    print(
        f"{'GL g3 instance':14} {'nodes':>8} {'formula occ':>11} {'v1 s':>8} {'v1 MB':>8} "
        f"{'v2 s':>7} {'v2 MB':>7} {'v1/v2 s':>8} {'v1/v2 MB':>8} {'v2 dict s':>9}"
    )
    for label, formula in instances:
        try:
            result = prove(formula, "GL", timeout=timeout, proof_style="g3")
        except ResourceLimit as error:
            print(f"{label:14} {'limit: ' + str(error)[:60]}")
            continue
        proof = result.proof
        assert proof is not None
        occurrences = sum(len(n.left) + len(n.right) for n in proof.nodes)

        document = result.to_json()  # the rest of the document, the same for both

        def old(document: Any = document, proof: Proof = proof) -> str:
            return json.dumps({**document, "proof": v1_json(proof)}, indent=2, ensure_ascii=False)

        def new(document: Any = document, proof: Proof = proof) -> str:
            return json_text({**document, "proof": proof})  # the CLI's: json_text() spliced

        def new_dict(document: Any = document, proof: Proof = proof) -> str:
            return json_text({**document, "proof": proof.to_json()})  # check, batch, web

        # Interleaved, v2 first, so neither side always runs on a warmer cache.
        new_s, new_b = _timed_render(new, repeat)
        dict_s, _ = _timed_render(new_dict, repeat)
        old_s, old_b = _timed_render(old, repeat)
        print(
            f"{label:14} {proof.size:8} {occurrences:11} {old_s:8.3f} {old_b / 1e6:8.2f} "
            f"{new_s:7.3f} {new_b / 1e6:7.2f} {old_s / new_s:7.1f}x {old_b / new_b:7.1f}x "
            f"{dict_s:9.3f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--max-nodes", type=int, default=2_000_000)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--render", action="store_true", help="the rendering table only")
    parser.add_argument("--repeat", type=int, default=3, help="render: best of this many")
    args = parser.parse_args()
    if args.render:
        render_rows(args.quick, args.repeat, args.timeout)
        return
    sizes = {"k_ph_p": (2, 3, 4, 5), "k_branch_p": (2, 4, 6, 8)}
    if args.quick:
        sizes = {"k_ph_p": (2, 3, 4), "k_branch_p": (2, 4)}
    print(
        f"{'family':12} {'n':>3} {'log':3} {'style':5} {'nodes':>8} {'rup':>8} {'prove s':>8} "
        f"{'check s':>8} {'json s':>8} {'json MB':>8}"
    )
    for family, ns in sizes.items():
        for n in ns:
            for logic in ("K", "GL"):
                for style in ("g3", "taut"):
                    print(_row(family, n, logic, style, args.timeout, args.max_nodes), flush=True)
    print()
    render_rows(args.quick, args.repeat, args.timeout)


if __name__ == "__main__":
    main()
