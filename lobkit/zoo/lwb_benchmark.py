"""The whole LWB benchmark: its 54 families by name, each with the logic it is posed in.

Balsiger, Heuerding and Schwendimann, "A benchmark method for the propositional modal logics
K, KT, S4", J. Automated Reasoning 24(3), 2000: K, KT (= T) and S4 each have nine provable
families (``_p``) and their nine unprovable twins (``_n``); instance n (1 ≤ n ≤ 21 in the
protocol) of a ``_p`` family is a theorem of its logic, of an ``_n`` family a non-theorem.
"""

from __future__ import annotations

from collections.abc import Callable

from lobkit.formula import Formula
from lobkit.zoo.lwb_families import LWB_K_FAMILIES
from lobkit.zoo.lwb_k_n import LWB_K_N_FAMILIES
from lobkit.zoo.lwb_kt import LWB_KT_FAMILIES
from lobkit.zoo.lwb_s4 import LWB_S4_FAMILIES

__all__ = ["LWB_FAMILIES", "lwb_logic", "lwb_provable"]

_K_FAMILIES = {
    name: family
    for stem in sorted({name[2:-2] for name in LWB_K_FAMILIES})
    for name, family in (
        (f"k_{stem}_p", LWB_K_FAMILIES[f"k_{stem}_p"]),
        (f"k_{stem}_n", LWB_K_N_FAMILIES[f"k_{stem}_n"]),
    )
}

LWB_FAMILIES: dict[str, Callable[[int], Formula]] = {
    **_K_FAMILIES,
    **LWB_KT_FAMILIES,
    **LWB_S4_FAMILIES,
}
"""All 54 families, K then KT then S4, each stem's ``_p`` before its ``_n``."""

_LOGIC_OF_PREFIX = {"k": "K", "kt": "T", "s4": "S4"}


def lwb_logic(name: str) -> str:
    """The logic family `name` is posed in: K, T (the paper's KT) or S4."""
    return _LOGIC_OF_PREFIX[name.split("_", 1)[0]]


def lwb_provable(name: str) -> bool:
    """Whether the instances of family `name` are theorems of its logic (``_p``) or not."""
    return name.endswith("_p")
