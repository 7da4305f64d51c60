"""The LWB K families (lobkit.zoo.lwb_families): small instances are K theorems with checked proofs,
sizes grow with n, and known instances keep their published shape."""

from __future__ import annotations

import pytest

from lobkit.formula import fold
from lobkit.prover import prove
from lobkit.syntax import parse
from lobkit.zoo.lwb_families import LWB_K_FAMILIES, k_lin_p, k_path_p, k_poly_p

FAMILIES = sorted(LWB_K_FAMILIES)


def tree_counts(formula):
    """(atom occurrences, modal operators) of the formula as a tree; ↔ counted twice, as in the
    naive first-order encoding TPTP uses for the original LWB instances."""

    def visit(node, args):
        if node.op == "atom":
            return (1, 0)
        if node.op in ("top", "bot"):
            return (0, 0)
        atoms = sum(a for a, _ in args)
        modal = sum(m for _, m in args)
        if node.op in ("box", "dia"):
            return (atoms + 1, modal + 1)
        if node.op == "iff":
            return (2 * atoms, 2 * modal)
        return (atoms, modal)

    return fold(formula, visit)


@pytest.mark.parametrize("name", FAMILIES)
@pytest.mark.parametrize("n", [1, 2])
def test_small_instances_are_k_theorems_with_checked_proofs(name, n):
    result = prove(LWB_K_FAMILIES[name](n), "K", timeout=60)
    assert result.valid
    assert result.proof is not None  # prove() has already run check_proof on it


@pytest.mark.parametrize("name", FAMILIES)
def test_small_instances_are_gl_theorems(name):
    result = prove(LWB_K_FAMILIES[name](1), "GL", timeout=60)
    assert result.valid and result.proof is not None


@pytest.mark.parametrize("name", FAMILIES)
def test_sizes_grow_with_n(name):
    make = LWB_K_FAMILIES[name]
    sizes = [make(n).size for n in (1, 2, 3, 4)]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1], sizes


def test_families_are_hash_consed_and_build_large_n_quickly():
    # tree sizes explode (k_t4p_p, k_poly_p) but the DAGs stay small: build n = 21 for all
    for make in LWB_K_FAMILIES.values():
        assert make(21).height > 0


def test_k_path_p_1_exact_shape():
    # the original instance (TPTP LCL646+1.001, k_path_p [BHS00]) decoded from its relational
    # encoding, in LWB's order
    expected = parse("[]p1 | []p2 | []p3 | []p5 | <>~p2 | <>~p4 | <>~p2 | <>~p6")
    assert k_path_p(1) is expected


def test_k_lin_p_1_exact_shape():
    h2 = (
        "~(([](((p1 & []p1 & p1) -> p2) | (~p1 -> ~([]p2 & p2)))"
        " & []([]((p1 & []p1 & p1) -> p2) | (~p1 -> ~([]p2 & p2)))"
        " & [](((p1 & []p1 & p1) -> p2) | [](~p1 -> ~([]p2 & p2))))"
        " -> []((p1 & []p1 & p1) -> p2) | [](~p1 -> ~([]p2 & p2)))"
    )
    lin = "[](p1 & []p1 -> p1) | [](p1 & []p1 -> p1)"
    assert k_lin_p(1) is parse(f"({lin}) | {h2}")


def test_k_poly_p_1_exact_shape():
    # a triangle (m = 3): LWB's poly(3), with f(0) = false left out as in the original file
    f1 = "<><>(p1 <-> p2) | []p3"
    f2 = f"<>(({f1}) | <><>(p2 <-> p3)) | []p4"
    f3 = f"<>(({f2}) | <><><>(p3 <-> p1)) | []p5"
    expected = parse(f"[][][][](p1 & p2 & p3 & p4) | ({f3}) | [][][][](~p2 & ~p4 & ~p6 & ~p8)")
    assert k_poly_p(1) is expected


@pytest.mark.parametrize(
    ("name", "n", "atoms"),
    [
        # "Number of atoms" of the TPTP encodings of the original instances (LCL636+1 ...
        # LCL650+1, Kaminski 2008): p-atoms plus one r1 atom per modal operator
        ("k_branch_p", 1, 69),
        ("k_dum_p", 1, 62),
        ("k_dum_p", 5, 121),
        ("k_dum_p", 20, 549),
        ("k_grz_p", 1, 107),
        ("k_lin_p", 5, 225),
        ("k_lin_p", 10, 440),
        ("k_path_p", 1, 16),
        ("k_ph_p", 5, 242),
        ("k_poly_p", 1, 43),
        ("k_t4p_p", 15, 466),
    ],
)
def test_atom_counts_match_the_original_instances(name, n, atoms):
    assert tree_counts(LWB_K_FAMILIES[name](n))[0] == atoms
