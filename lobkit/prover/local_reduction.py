"""T and S4 decided by the tuned engine of K and K4, by the reflexive reading of the box: with
(□A)* = A* ∧ □A* (and * commuting with the connectives), a formula φ holds at a world of a
model M's reflexive closure Mʳ iff φ* holds there in M — by induction on φ, since
the successors in Mʳ are the world itself and its successors in M. So T ⊢ φ iff K ⊢ φ*, and
S4 ⊢ φ iff K4 ⊢ φ* (the reflexive closure of a transitive relation is transitive): a K (K4)
countermodel of φ* becomes, closed reflexively, a T (S4) countermodel of φ, and a K (K4)
proof of φ* is a T (S4) proof of φ — the "local reduction" CEGARBox also uses (`-l`).

Nothing here is trusted: the kernel checks the countermodel in T's (S4's) frames against φ
itself, and checks the proof against its own translation of φ
(`lobkit.kernel.reflexive.check_reflexive_proof`), which shares no code with this one.
"""

from __future__ import annotations

from dataclasses import replace

from lobkit.formula import AND, BOX, Formula, postorder, without_diamonds
from lobkit.kernel.countermodel import Countermodel

__all__ = ["reflexive_translation", "reflexive_closure"]


def reflexive_translation(formula: Formula) -> Formula:
    """φ*: every □A becomes A* ∧ □A* (diamonds read as ¬□¬ first); linear as a DAG."""
    done: dict[Formula, Formula] = {}
    for node in postorder(without_diamonds(formula)):
        args = tuple(done[a] for a in node.args)
        if node.op == BOX:
            done[node] = Formula(AND, (args[0], Formula(BOX, args, node.label)))
        else:
            done[node] = node if args == node.args else Formula(node.op, args, node.label)
    return done[without_diamonds(formula)]


def reflexive_closure(model: Countermodel) -> Countermodel:
    """The model with every world seeing itself (each relation)."""
    loops = frozenset((w, w) for w in model.worlds)
    relations = {t: pairs | loops for t, pairs in model.relations.items()} or {None: loops}
    return replace(model, relations=relations)
