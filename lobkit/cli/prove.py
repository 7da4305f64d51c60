"""`lobkit prove FORMULA`: decide a formula in GL, K4 or K (or Solovay's S); print a proof or a
countermodel.

`--logic S` decides truth in the standard model by Solovay's reduction to GL
(`lobkit.prover.solovay`): the certificate shown is GL's, on the reduced formula. `--extends
T1:T0` (repeatable) adds the theory inclusion [T0]φ → [T1]φ to the logic.

With several formulas, `--file FILE` (or `-` for stdin, in any format of `lobkit.formats`) it
proves in batch: one answer line per formula (JSON lines for a file), a summary line, `-j N`
worker processes (see `lobkit/cli/_batch.py`).
"""

from __future__ import annotations

import argparse

from lobkit.cli._batch import add_batch_options, run_batch
from lobkit.cli._common import add_format, add_timeout, emit_json, positive_int
from lobkit.cli._style import verdicts
from lobkit.errors import InputError
from lobkit.sat import DEFAULT_SOLVER, SOLVERS

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
    parser.add_argument(
        "formula", metavar="FORMULA", nargs="*", help="e.g. '[]([]p -> p) -> []p' (several: batch)"
    )
    parser.add_argument(
        "--logic",
        default=None,
        type=logic_name,
        metavar="LOGIC",
        help=(
            "GL (default, or the logic a TPTP file names), K4, K, D, T (KT), B, K5, KD45, S4, "
            "S5, Grz; S: truth in the standard model (Solovay 1976), certified by GL on the "
            "reduced formula; all: every logic, weakest first, and the weakest that proves it"
        ),
    )
    parser.add_argument(
        "--extends",
        action="append",
        default=[],
        type=theory_inclusion,
        metavar="T1:T0",
        help="theory T1 extends T0, so [T0]φ → [T1]φ; repeatable",
    )
    parser.add_argument(
        "--premise",
        action="append",
        default=[],
        metavar="FORMULA",
        help="a global premise (true in every world); repeatable",
    )
    parser.add_argument(
        "--solver",
        default=DEFAULT_SOLVER,
        choices=SOLVERS,
        help=f"the SAT engine of the search (default: {DEFAULT_SOLVER}, the fastest measured)",
    )
    add_format(parser, ("text", "json", "latex", "dot", "svg", "png", "tikz"))
    add_timeout(parser)
    parser.add_argument(
        "--max-proof-nodes", type=positive_int, default=None, metavar="N", help="proof size limit"
    )
    parser.add_argument(
        "--proof-style",
        default="taut",
        choices=("taut", "g3"),
        help=(
            "taut (default): each world of the search closed by one RUP-certified propositional "
            "step, proofs that grow with the search; g3: the cut-free sequent tree"
        ),
    )
    add_batch_options(parser)
    parser.set_defaults(handler=run, format=None)  # None: text, or JSON lines for --file


def logic_name(text: str) -> str:
    """argparse type for `--logic`: a logic's name as `lobkit.kernel.FRAMES` spells it (any
    case, aliases such as KT), "S" or "all"."""
    from lobkit.kernel.logic import canonical_logic

    if text.strip().upper() in ("S", "ALL"):
        return "S" if text.strip().upper() == "S" else "all"
    try:
        return canonical_logic(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(f"{error} (or S, all)") from None


def theory_inclusion(text: str) -> tuple[str, str]:
    """argparse type for `--extends T1:T0`: the pair (T1, T0) of theory names."""
    sub, colon, sup = text.partition(":")
    if not colon or not sub or not sup:
        raise argparse.ArgumentTypeError(
            f"expected SUB:SUPER, two theory names such as T1:T0 (T1 extends T0), not {text!r}"
        )
    for name in (sub, sup):
        if not (name[:1].isupper() and name.isascii() and name.replace("_", "a").isalnum()):
            raise argparse.ArgumentTypeError(
                f"not a theory name: {name!r} in {text!r} (an identifier starting uppercase)"
            )
    return sub, sup


def inclusions(pairs: list[tuple[str, str]]) -> dict[str | None, frozenset[str | None]]:
    """`--extends` pairs as `Logic.extends`: each theory to the theories it extends."""
    out: dict[str | None, set[str | None]] = {}
    for sub, sup in pairs:
        out.setdefault(sub, set()).add(sup)
    return {k: frozenset(v) for k, v in out.items()}


def run(args: argparse.Namespace) -> int:
    from lobkit.kernel import Logic
    from lobkit.limits import Budget, within
    from lobkit.prover import prove
    from lobkit.syntax import parse

    if args.logic == "S" and args.extends:
        raise InputError("--extends names theories; the logic S has one box (use GL, K4 or K)")
    if args.logic == "all" and (args.extends or args.premise):
        raise InputError("--logic all decides the formula alone (no --extends, no --premise)")
    batch_only = args.output or args.resume or args.dask or args.scheduler_file  # flags
    if args.file is not None or len(args.formula) != 1 or batch_only:
        if args.logic == "all" or args.extends:
            flag = "--logic all" if args.logic == "all" else "--extends"
            raise InputError(f"{flag} decides one formula at a time (no batch, no --file)")
        return run_batch(args)
    args.formula = args.formula[0]
    args.logic = args.logic or "GL"
    args.format = args.format or "text"

    budget = Budget.for_command(args.timeout)  # one deadline from start-up (docs/limits.md)
    with within(budget):
        formula = parse(args.formula, source="<formula>")
        premises = [parse(p, source="<premise>") for p in args.premise]
    options: dict[str, object] = {"proof_style": args.proof_style}
    if args.max_proof_nodes is not None:
        options["max_proof_nodes"] = args.max_proof_nodes
    if args.logic == "all":
        return _every_logic(formula, budget, args.format)
    logic: Logic | str = args.logic
    if args.extends:
        logic = Logic(args.logic, inclusions(args.extends))
    with budget.spending():  # a timeout names --timeout's seconds, not what was left
        result = prove(
            formula,
            logic,
            premises=premises,
            timeout=budget.remaining(),
            solver=args.solver,
            **options,  # type: ignore[arg-type]
        )
    code = EXIT_THEOREM if result.valid else EXIT_NOT_THEOREM
    if args.format == "json":
        emit_json(_document(result))
    elif args.format in ("latex", "tikz", "dot", "svg", "png"):
        _picture(result, args.format)
    else:
        print(verdicts(result.render_text()))
    return code


def _every_logic(formula: object, budget: object, fmt: str) -> int:
    """`--logic all`: the table from the weakest logic up (exit 0 when some logic proves it,
    1 when none does)."""
    from lobkit.formula import Formula
    from lobkit.limits import Budget
    from lobkit.prover.every_logic import prove_everywhere

    assert isinstance(formula, Formula) and isinstance(budget, Budget)
    if fmt not in ("text", "json"):
        raise InputError("--logic all prints text or json")
    with budget.spending():
        table = prove_everywhere(formula, timeout=budget.remaining())
    if fmt == "json":
        emit_json(table.to_json())
    else:
        print(verdicts(table.render_text()))
    return EXIT_THEOREM if table.weakest else EXIT_NOT_THEOREM


def _document(result: object) -> dict[str, object]:
    """`result.to_json()` with the `Proof` itself as `"proof"`: `emit_json` splices in its
    `json_text()`, the same JSON written without a dict per node (docs/prover.md)."""
    import dataclasses

    from lobkit.prover import ProofResult

    assert isinstance(result, ProofResult)
    if result.proof is None:
        return result.to_json()
    document = dataclasses.replace(result, proof=None).to_json()
    document["proof"] = result.proof  # the key keeps its documented place
    return document


def _picture(result: object, fmt: str) -> None:
    """A proof (bussproofs, DOT, SVG or PNG tree) or an explained countermodel (TikZ, DOT,
    SVG, PNG): PNG bytes go to stdout as they are."""
    import sys

    from lobkit.kernel.reflexive import ReflexiveProof
    from lobkit.prover import ProofResult
    from lobkit.render import proof_tree

    assert isinstance(result, ProofResult)
    model, proof = result.countermodel, result.proof
    if isinstance(proof, ReflexiveProof) and fmt != "latex":  # T, S4: the K (K4) proof of φ*
        proof = proof.proof
    if fmt == "png":
        data = model.to_png() if model is not None else proof_tree.proof_png(proof)  # type: ignore[arg-type]
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if model is not None:
        text = {
            "latex": model.to_tikz,
            "tikz": model.to_tikz,
            "dot": model.to_dot,
            "svg": model.to_svg,
        }[fmt]()
    elif fmt in ("latex", "tikz"):
        text = proof.to_latex()  # type: ignore[union-attr]
    elif fmt == "svg":
        text = proof_tree.proof_svg(proof)  # type: ignore[arg-type]
    else:
        text = _proof_dot(proof)
    print(text)


def _proof_dot(proof: object) -> str:
    """The proof DAG as Graphviz DOT (conclusion at the bottom)."""
    from lobkit.kernel.proof import Proof
    from lobkit.render.proof_text import sequent_text

    assert isinstance(proof, Proof)
    lines = ["digraph proof {", "  rankdir=BT;", "  node [shape=plaintext];"]
    for i, node in enumerate(proof.nodes):
        label = f"{sequent_text(node)}  [{node.rule}]".replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'  n{i} [label="{label}"];')
        for j in node.premises:
            lines.append(f"  n{j} -> n{i};")
    lines.append("}")
    return "\n".join(lines)
