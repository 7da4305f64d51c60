"""Certificate size and cost (`python benchmarks/bench_certificates.py`): prints a table.

For LWB families in K (and GL), both proof styles in the same run: "g3" (the cut-free sequent
tree, lobkit's certificate before the Taut rule) and "taut" (one RUP-certified step per world of
the search). Columns: proof nodes, RUP clauses, seconds for the whole `prove` (search, build,
check), for the kernel's check alone, for `json.dumps(result.to_json())`, and the JSON's size.
An instance past --timeout seconds or --max-nodes proof nodes shows its limit.
"""

from __future__ import annotations

import argparse
import json
import time

from lobkit.errors import ResourceLimit
from lobkit.kernel import check_proof
from lobkit.prover import prove
from lobkit.zoo.lwb import LWB_K_FAMILIES


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--max-nodes", type=int, default=2_000_000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
