"""`lobkit prove FORMULA`: decide a formula in GL, K4 or K; print a proof or a countermodel."""

from __future__ import annotations

import argparse

from lobkit.cli._common import add_format, add_timeout, emit_json, positive_int

EXIT_THEOREM, EXIT_NOT_THEOREM = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "prove",
        help="decide a modal formula (GL, K4 or K): a checked proof or a checked countermodel",
        description=(
            "Decide FORMULA in GL (default), K4 or K. Exit 0 with a checked proof if it is a "
            "theorem, 1 with a checked countermodel if not, 2 on bad input, 3 on a limit."
        ),
    )
    parser.add_argument("formula", metavar="FORMULA", help="e.g. '[]([]p -> p) -> []p'")
    parser.add_argument(
        "--logic", default="GL", type=str.upper, choices=("GL", "K4", "K"), help="default: GL"
    )
    parser.add_argument(
        "--premise",
        action="append",
        default=[],
        metavar="FORMULA",
        help="a global premise (true in every world); repeatable",
    )
    add_format(parser, ("text", "json", "latex", "dot"))
    add_timeout(parser)
    parser.add_argument(
        "--max-proof-nodes", type=positive_int, default=None, metavar="N", help="proof size limit"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lobkit.prover import prove
    from lobkit.syntax import parse

    formula = parse(args.formula, source="<formula>")
    premises = [parse(p, source="<premise>") for p in args.premise]
    options = {}
    if args.max_proof_nodes is not None:
        options["max_proof_nodes"] = args.max_proof_nodes
    result = prove(formula, args.logic, premises=premises, timeout=args.timeout, **options)
    code = EXIT_THEOREM if result.valid else EXIT_NOT_THEOREM
    if args.format == "json":
        emit_json(result.to_json())
    elif args.format == "latex":
        if result.proof is not None:
            print(result.proof.to_latex())
        else:
            print(f"% {formula} is not a theorem of {args.logic}; a countermodel:")
            assert result.countermodel is not None
            for line in result.countermodel.render_text().splitlines():
                print(f"% {line}")
    elif args.format == "dot":
        if result.countermodel is not None:
            print(result.countermodel.to_dot())
        else:
            assert result.proof is not None
            print(_proof_dot(result.proof))
    else:
        print(result.render_text())
    return code


def _proof_dot(proof: object) -> str:
    """The proof DAG as Graphviz DOT (conclusion at the bottom)."""
    from lobkit.kernel.proof import Proof
    from lobkit.prover.render import sequent_text

    assert isinstance(proof, Proof)
    lines = ["digraph proof {", "  rankdir=BT;", "  node [shape=plaintext];"]
    for i, node in enumerate(proof.nodes):
        label = f"{sequent_text(node)}  [{node.rule}]".replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'  n{i} [label="{label}"];')
        for j in node.premises:
            lines.append(f"  n{j} -> n{i};")
    lines.append("}")
    return "\n".join(lines)
