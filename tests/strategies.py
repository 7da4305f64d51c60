"""Hypothesis strategies for formulas, shared by the test modules (`from strategies import ...`)."""

from __future__ import annotations

from hypothesis import strategies as st

from lobkit import formula as F
from lobkit.formula import Formula


def formulas(
    atom_names: tuple[str, ...] = ("p", "q", "r"),
    theories: tuple[str | None, ...] = (None,),
    max_leaves: int = 12,
    constants: bool = True,
    diamonds: bool = True,
) -> st.SearchStrategy[Formula]:
    """Random formulas over the given atoms and box labels."""
    leaves: list[st.SearchStrategy[Formula]] = [st.sampled_from([F.atom(a) for a in atom_names])]
    if constants:
        leaves.append(st.sampled_from([F.top, F.bot]))
    leaf = st.one_of(*leaves)

    def extend(children: st.SearchStrategy[Formula]) -> st.SearchStrategy[Formula]:
        label = st.sampled_from(theories)
        options = [
            children.map(F.neg),
            st.builds(lambda a, t: F.box(a, theory=t), children, label),
            st.builds(F.conj, children, children),
            st.builds(F.disj, children, children),
            st.builds(F.implies, children, children),
            st.builds(F.iff, children, children),
        ]
        if diamonds:
            options.append(st.builds(lambda a, t: F.diamond(a, theory=t), children, label))
        return st.one_of(*options)

    return st.recursive(leaf, extend, max_leaves=max_leaves)


@st.composite
def deep_chains(draw: st.DrawFn, max_depth: int = 400) -> Formula:
    """Long runs of unary operators around a small core: `st.recursive` alone stays shallow."""
    core = draw(formulas(max_leaves=3))
    ops = draw(st.lists(st.sampled_from(["box", "dia", "not", "tbox"]), max_size=max_depth))
    for op in ops:
        if op == "box":
            core = F.box(core)
        elif op == "dia":
            core = F.diamond(core)
        elif op == "tbox":
            core = F.box(core, theory="T1")
        else:
            core = F.neg(core)
    return core
