"""Hypothesis strategies shared by the classics tests: small random modal formulas."""

from __future__ import annotations

from hypothesis import strategies as st

from lobkit.formula import Formula, atom, bot, box, conj, diamond, disj, iff, implies, neg, top


def formulas(names: tuple[str, ...], max_leaves: int = 6) -> st.SearchStrategy[Formula]:
    """Any formula over the atoms `names` (⊤ and ⊥ included), with □ and ◇."""
    leaves = st.sampled_from([atom(n) for n in names] + [top, bot])
    return st.recursive(leaves, _extend, max_leaves=max_leaves)


def _extend(children: st.SearchStrategy[Formula]) -> st.SearchStrategy[Formula]:
    return st.one_of(
        children.map(neg),
        children.map(box),
        children.map(diamond),
        st.tuples(children, children).map(lambda ab: conj(*ab)),
        st.tuples(children, children).map(lambda ab: disj(*ab)),
        st.tuples(children, children).map(lambda ab: implies(*ab)),
        st.tuples(children, children).map(lambda ab: iff(*ab)),
    )


def boolean_over(leaves: st.SearchStrategy[Formula], max_leaves: int) -> st.SearchStrategy[Formula]:
    """Boolean combinations (no new modalities) of the given leaves."""
    return st.recursive(
        leaves,
        lambda c: st.one_of(
            c.map(neg),
            st.tuples(c, c).map(lambda ab: conj(*ab)),
            st.tuples(c, c).map(lambda ab: disj(*ab)),
            st.tuples(c, c).map(lambda ab: implies(*ab)),
            st.tuples(c, c).map(lambda ab: iff(*ab)),
        ),
        max_leaves=max_leaves,
    )


def modalized_in_p() -> st.SearchStrategy[Formula]:
    """A(p) with every p under a box: a Boolean skeleton over q, ⊤ and modal atoms □X, ◇X."""
    inner = formulas(("p", "q"), max_leaves=4)
    modal = st.one_of(inner.map(box), inner.map(diamond))
    leaves = st.one_of(st.sampled_from([atom("q"), top, bot]), modal)
    return boolean_over(leaves, max_leaves=4)


def letterless() -> st.SearchStrategy[Formula]:
    return formulas((), max_leaves=7)
