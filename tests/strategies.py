"""Hypothesis strategies for formulas, the one module every test draws them from
(`from strategies import ...`; pytest puts tests/ on the path through tests/conftest.py)."""

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
    """Random formulas over the given atoms (none: letterless) and box labels; ⊤ and ⊥ among
    the leaves unless `constants` is false, ◇ among the operators unless `diamonds` is."""
    leaves: list[st.SearchStrategy[Formula]] = []
    if atom_names:
        leaves.append(st.sampled_from([F.atom(a) for a in atom_names]))
    if constants or not atom_names:
        leaves.append(st.sampled_from([F.top, F.bot]))
    leaf = st.one_of(*leaves)

    def extend(children: st.SearchStrategy[Formula]) -> st.SearchStrategy[Formula]:
        label = st.sampled_from(theories)
        options = [
            children.map(F.neg),
            st.builds(lambda a, t: F.box(a, theory=t), children, label),
            *_binary(children),
        ]
        if diamonds:
            options.append(st.builds(lambda a, t: F.diamond(a, theory=t), children, label))
        return st.one_of(*options)

    return st.recursive(leaf, extend, max_leaves=max_leaves)


def _binary(children: st.SearchStrategy[Formula]) -> list[st.SearchStrategy[Formula]]:
    return [st.builds(op, children, children) for op in (F.conj, F.disj, F.implies, F.iff)]


def boolean_over(leaves: st.SearchStrategy[Formula], max_leaves: int) -> st.SearchStrategy[Formula]:
    """Boolean combinations (no new modalities) of the given leaves."""
    return st.recursive(
        leaves, lambda c: st.one_of(c.map(F.neg), *_binary(c)), max_leaves=max_leaves
    )


def modalized_in_p() -> st.SearchStrategy[Formula]:
    """A(p) with every p under a box: a Boolean skeleton over q, ⊤ and modal atoms □X, ◇X."""
    inner = formulas(("p", "q"), max_leaves=4)
    modal = st.one_of(inner.map(F.box), inner.map(F.diamond))
    leaves = st.one_of(st.sampled_from([F.atom("q"), F.top, F.bot]), modal)
    return boolean_over(leaves, max_leaves=4)


def letterless() -> st.SearchStrategy[Formula]:
    """Formulas built from ⊤ and ⊥ alone."""
    return formulas((), max_leaves=7)


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


def oracle_sized() -> st.SearchStrategy[Formula]:
    """Formulas over p and q with at most 8 leaves and modal depth ≤ 3: small enough for the
    naive oracle of tests/oracles.py in every frame."""
    return formulas(("p", "q"), max_leaves=8).filter(lambda f: f.modal_depth <= 3)
