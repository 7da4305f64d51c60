"""Proof trees as SVG/PNG: modal rules highlighted, big proofs collapsed to expandable stubs."""

from __future__ import annotations

import re

from lobkit import prove
from lobkit.render.proof_tree import layout_proof, proof_png, proof_svg
from lobkit.zoo.verdicts import LOB


def test_lob_tree_highlights_the_modal_rule() -> None:
    proof = prove(LOB.text).proof
    assert proof is not None
    svg = proof_svg(proof)
    assert svg.count('class="step modal"') == 1 and 'data-rule="GLR"' in svg
    assert svg.count('<g class="step') == len(layout_proof(proof)[0])
    assert proof_png(proof)[:4] == b"\x89PNG"


def test_big_proofs_collapse_and_expand() -> None:
    proof = prove("[](p & q) -> []p & []q & [](q & p)").proof
    assert proof is not None
    small = proof_svg(proof, max_steps=2)
    stubs = re.findall(r'class="stub" data-node="(\d+)"', small)
    assert stubs and "steps</text>" in small
    opened = proof_svg(proof, max_steps=2, expand=[int(stubs[0])])
    assert f'data-node="{stubs[0]}"' not in opened
    assert 'class="stub"' not in proof_svg(proof, max_steps=10_000)
