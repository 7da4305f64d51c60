"""Renderings of proofs: an indented text tree (`str(proof)`) and LaTeX (bussproofs).

Proofs are DAGs; the text tree prints a shared sub-proof once and refers to it by number
afterwards, and the LaTeX output typesets each shared sub-proof as its own numbered tree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from lobkit.display import renders
from lobkit.formula import Formula
from lobkit.syntax.printers import to_latex, to_unicode

if TYPE_CHECKING:
    from lobkit.kernel.labelled import LabelledProof
    from lobkit.kernel.proof import Proof, ProofNode
    from lobkit.kernel.reflexive import ReflexiveProof
    from lobkit.prover.pipeline import ProofResult

__all__ = ["proof_text", "proof_latex", "sequent_text", "reflexive_heading"]

_LATEX_RULE = {
    "Ax": r"\mathrm{Ax}",
    "L-bot": r"L\bot",
    "R-top": r"R\top",
    "L-not": r"L\neg",
    "R-not": r"R\neg",
    "L-and": r"L\land",
    "R-and": r"R\land",
    "L-or": r"L\lor",
    "R-or": r"R\lor",
    "L-imp": r"L{\to}",
    "R-imp": r"R{\to}",
    "L-iff": r"L{\leftrightarrow}",
    "R-iff": r"R{\leftrightarrow}",
    "W": r"\mathrm{W}",
    "Premise": r"\mathrm{Prem}",
    "GLR": r"\mathrm{GLR}",
    "K4R": r"\mathrm{K4R}",
    "KR": r"\mathrm{KR}",
    "Taut": r"\mathrm{Taut}",
}


def _cached(show: Callable[[Formula], str]) -> Callable[[Formula], str]:
    """`show` printing each distinct formula once (formulas are shared between the sequents of
    a proof, so rendering stays linear in the output rather than in occurrences × size)."""
    memo: dict[Formula, str] = {}

    def cached(formula: Formula) -> str:
        text = memo.get(formula)
        if text is None:
            text = memo[formula] = show(formula)
        return text

    return cached


def sequent_text(node: ProofNode, show: Callable[[Formula], str] = to_unicode) -> str:
    left = ", ".join(map(show, node.left))
    right = ", ".join(map(show, node.right))
    return f"{left} ⇒ {right}".strip()


def _rule_text(node: ProofNode) -> str:
    if node.rule in ("GLR", "K4R", "KR") and node.principal is not None:
        theory = node.principal.label
        return node.rule if theory is None else f"{node.rule}[{theory}]"
    return node.rule


def _shared(proof: Proof) -> set[int]:
    uses: dict[int, int] = {}
    for node in proof.nodes:
        for j in node.premises:
            uses[j] = uses.get(j, 0) + 1
    return {j for j, n in uses.items() if n > 1 and proof.nodes[j].premises}


@renders("lobkit.kernel.proof.Proof", "text")
def proof_text(proof: Proof) -> str:
    """The proof as an indented tree, conclusion first; premises indented below."""
    shared = _shared(proof)
    show = _cached(to_unicode)
    names: dict[int, str] = {}
    lines: list[str] = []
    stack: list[tuple[int, int]] = [(proof.root, 0)]
    while stack:
        i, depth = stack.pop()
        node = proof.nodes[i]
        pad = "  " * depth
        if i in names:
            lines.append(f"{pad}{sequent_text(node, show)}   (as proved at {names[i]})")
            continue
        label = ""
        if i in shared:
            names[i] = f"({len(names) + 1})"
            label = f" {names[i]}"
        lines.append(f"{pad}{sequent_text(node, show)}   [{_rule_text(node)}]{label}")
        for j in reversed(node.premises):
            stack.append((j, depth + 1))
    return "\n".join(lines)


def _latex_sequent(node: ProofNode, show: Callable[[Formula], str] = to_latex) -> str:
    left = ", ".join(map(show, node.left))
    right = ", ".join(map(show, node.right))
    return f"${left} \\Rightarrow {right}$"


@renders("lobkit.kernel.proof.Proof", "latex")
def proof_latex(proof: Proof) -> str:
    """bussproofs source: one `prooftree` per shared sub-proof (numbered), then the proof."""
    # bussproofs draws at most three premises well: the premises of a wider step (a Taut node
    # citing many lemmas) become numbered trees of their own, cited in the step's label.
    wide = {i for i, n in enumerate(proof.nodes) if len(n.premises) > 3}
    shared = _shared(proof) | {j for i in wide for j in proof.nodes[i].premises}
    show = _cached(to_latex)
    order: list[int] = []  # shared sub-proofs, dependencies first
    seen: set[int] = set()
    stack: list[tuple[int, bool]] = [(proof.root, False)]
    while stack:
        i, done = stack.pop()
        if done:
            if i in shared or i == proof.root:
                order.append(i)
            continue
        if i in seen:
            continue
        seen.add(i)
        stack.append((i, True))
        for j in proof.nodes[i].premises:
            stack.append((j, False))
    number = {i: k + 1 for k, i in enumerate(x for x in order if x != proof.root)}
    blocks: list[str] = []
    for top in order:
        out: list[str] = []
        # Post-order emission: premises first, then the inference line.
        work: list[tuple[int, bool]] = [(top, False)]
        while work:
            i, done = work.pop()
            node = proof.nodes[i]
            if i != top and i in number:
                out.append(f"\\AxiomC{{$\\vdots$ ({number[i]})}}")
                out.append(f"\\UnaryInfC{{{_latex_sequent(node, show)}}}")
                continue
            if not done:
                work.append((i, True))
                if i not in wide:
                    for j in reversed(node.premises):
                        work.append((j, False))
                continue
            rule = _LATEX_RULE.get(node.rule, node.rule)
            if node.rule in ("GLR", "K4R", "KR") and node.principal is not None:
                if node.principal.label is not None:
                    rule += f"_{{\\mathsf{{{node.principal.label}}}}}"
            n = len(node.premises)
            if i in wide:
                cited = ", ".join(f"({number[j]})" for j in node.premises)
                rule += rf"\ \text{{from {cited}}}"
                n = 0
            if n == 0:
                out.append("\\AxiomC{}")
            out.append(f"\\RightLabel{{\\scriptsize ${rule}$}}")
            if n == 0:
                out.append(f"\\UnaryInfC{{{_latex_sequent(node, show)}}}")
            else:
                out.append(
                    f"\\{['', 'Unary', 'Binary', 'Trinary'][n]}InfC{{{_latex_sequent(node, show)}}}"
                )
        title = f"% ({number[top]})\n" if top in number else ""
        blocks.append(title + "\\begin{prooftree}\n" + "\n".join(out) + "\n\\end{prooftree}")
    return "\n".join(blocks)


@renders("lobkit.prover.pipeline.ProofResult", "text")
def proof_result_text(result: ProofResult) -> str:
    """`print(prove(f))`: the answer as the CLI prints it — the headline, then the proof or
    the countermodel (a `TruthResult` adds its reduction: its own `render_text`)."""
    return result.render_text()


def reflexive_heading(proof: ReflexiveProof, show: Callable[[Formula], str] = to_unicode) -> str:
    """What a T (S4) proof is: a K (K4) proof of the reflexive translation, named."""
    return (
        f"a {proof.base} proof of φ* = {show(proof.translation)}, the reflexive translation "
        f"((□A)* = A* ∧ □A*): {proof.base} ⊢ φ* iff {proof.logic} ⊢ φ"
    )


@renders("lobkit.kernel.reflexive.ReflexiveProof", "text")
def reflexive_proof_text(proof: ReflexiveProof) -> str:
    """The heading, then the K (K4) proof as its indented tree."""
    return f"{reflexive_heading(proof)}\n{proof_text(proof.proof)}"


@renders("lobkit.kernel.reflexive.ReflexiveProof", "latex")
def reflexive_proof_latex(proof: ReflexiveProof) -> str:
    """The heading as a LaTeX comment, then the K (K4) proof's bussproofs source."""
    return f"% {reflexive_heading(proof, to_latex)}\n{proof_latex(proof.proof)}"


@renders("lobkit.kernel.labelled.LabelledProof", "text")
def labelled_proof_text(proof: LabelledProof) -> str:
    """A labelled proof as an indented tree: the root's sequent, then each rule with its
    principal formula and what its premise adds (the calculus is cumulative, so a premise is
    its conclusion plus that), as a tableau reads. Weakening steps (`W`, which only drop what
    the rules above do not use) are not shown."""
    show = _cached(to_unicode)

    def item(lf: tuple[str, Formula]) -> str:
        return f"{lf[0]}:{show(lf[1])}"

    root = proof.nodes[proof.root]
    head = " ⇒ ".join(
        (", ".join(map(item, sorted(root.left, key=str))), ", ".join(map(item, root.right)))
    )
    lines = [head.strip()]
    stack: list[tuple[int, int]] = [(proof.root, 1)]
    while stack:
        i, depth = stack.pop()
        node = proof.nodes[i]
        while node.rule == "W":  # weakening only drops what the rules above do not use
            i = node.premises[0]
            node = proof.nodes[i]
        what = f"[{node.rule}]"
        if node.principal is not None:
            what += " " + item(node.principal)
        if node.rule in ("Ref", "Sym", "Trans", "Eucl", "Ser") or node.rule.startswith(
            ("L-box", "R-box")
        ):
            what += " (" + ", ".join(node.worlds) + ")"
        if len(node.premises) == 1 and node.rule != "W":
            prem = proof.nodes[node.premises[0]]
            adds = [f"{a}R{b}" for a, b in sorted(prem.relation - node.relation)]
            adds += [f"{item(lf)} ⇒" for lf in sorted(prem.left - node.left, key=str)]
            adds += [f"⇒ {item(lf)}" for lf in sorted(prem.right - node.right, key=str)]
            if adds:
                what += "  adds " + "; ".join(adds)
        lines.append("  " * depth + what)
        branching = len(node.premises) > 1
        for j in reversed(node.premises):
            stack.append((j, depth + 1 if branching else depth))
    return "\n".join(lines)
