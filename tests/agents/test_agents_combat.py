"""Modal combat: the paper's results, PrudentBot's safety, proved_in, prover verification."""

from __future__ import annotations

import pytest

from lobkit.agents import (
    BUILTINS,
    CooperateBot,
    DefectBot,
    FairBot,
    ModalAgent,
    PrudentBot,
    TrollBot,
    UnfairBot,
    VerificationFailed,
    build_system,
    combat,
    fair_bot_k,
    frame_trace,
    round_robin,
    verify_result,
)
from lobkit.agents.solution import proved_in
from lobkit.agents.system import System
from lobkit.errors import InputError
from lobkit.formula import atom, bot, box, conj, neg, top
from lobkit.kernel.linear import normal_form as rank_formula
from lobkit.prover import prove

# LaVictoire et al. 2014: the results the issue asks to reproduce, with the k computed here.
MUST = [
    (FairBot, FairBot, "CC", 0),  # Löb: PA proves mutual cooperation
    (FairBot, CooperateBot, "CC", 0),
    (FairBot, DefectBot, "DD", 1),
    (PrudentBot, PrudentBot, "CC", 0),
    (PrudentBot, FairBot, "CC", 0),
    (PrudentBot, CooperateBot, "DC", 2),
]


@pytest.mark.parametrize(("left", "right", "moves", "k"), MUST)
def test_must_reproduce(left: ModalAgent, right: ModalAgent, moves: str, k: int) -> None:
    result = combat(left, right)
    assert "".join(result.letters) == moves
    assert result.proved_in == k
    assert result.verified


@pytest.mark.parametrize("opponent", list(BUILTINS.values()), ids=list(BUILTINS))
def test_prudent_bot_is_never_exploited(opponent: ModalAgent) -> None:
    result = combat(PrudentBot, opponent)
    assert result.letters != ("C", "D")
    assert combat(opponent, PrudentBot).letters != ("D", "C")


def test_round_robin_matches_single_games_and_is_deterministic() -> None:
    agents = list(BUILTINS.values())
    table = round_robin(agents, verify=False)
    again = round_robin(agents, verify=False)
    for (a, b), result in table.items():
        assert again[(a, b)].letters == result.letters
        single = combat(BUILTINS[a], BUILTINS[b], verify=False)
        assert (single.letters, single.proved_in) == (result.letters, result.proved_in)
    assert table[("TrollBot", "FairBot")].letters == ("D", "D")
    assert table[("UnfairBot", "DefectBot")].letters == ("C", "D")
    assert table[("FairBot", "UnfairBot")].letters == ("D", "D")


def test_whole_round_robin_verifies() -> None:
    table = round_robin(list(BUILTINS.values()))
    assert all(r.verified for r in table.values())


def test_fair_bot_k_and_prudent_bot() -> None:
    # PrudentBot's [1] cannot see FairBot_1 defect against DefectBot: it needs Con^2.
    assert combat(PrudentBot, fair_bot_k(1)).letters == ("D", "D")
    assert combat(fair_bot_k(3), fair_bot_k(5)).letters == ("C", "C")
    assert combat(fair_bot_k(2), DefectBot).proved_in == 3


def test_system_of_prudent_bot_has_helper_matches() -> None:
    system, i, j = build_system(PrudentBot, FairBot)
    assert system.labels == (
        "PrudentBot(FairBot)",
        "FairBot(PrudentBot)",
        "FairBot(DefectBot)",
        "DefectBot(FairBot)",
    )
    assert (i, j) == (0, 1)


def test_trace_and_stability() -> None:
    x0, x1 = atom("x0"), atom("x1")
    # x0 ↔ □x1, x1 ↔ □□⊥ ∧ □x0 ... a chain whose last change is at rank 3
    system = System(("x0", "x1"), ("x0", "x1"), (box(x1), conj(box(bot, 2), box(x0))))
    trace = frame_trace(system)
    assert trace.column(1) == (True, True, False, False)[: len(trace.rows)]
    assert trace.values == (False, False)
    assert trace.stable_from == 3


def test_unmodalized_equation_is_rejected() -> None:
    x0 = atom("x0")
    with pytest.raises(InputError, match="not modalized"):
        frame_trace(System(("x0",), ("x0",), (neg(x0),)))
    with pytest.raises(InputError, match="not fully modalized"):
        ModalAgent("Bad", atom("them"))


def test_proved_in_and_rank_formulas() -> None:
    assert proved_in([False, True, False, True]) == 3
    assert proved_in([True]) == 0
    with pytest.raises(ValueError, match="no theory PA . Con.k proves it"):
        proved_in([True, False])
    assert rank_formula([True]) is top
    assert rank_formula([False]) is bot
    assert rank_formula([True, False]) is box(bot, 1)
    assert rank_formula([False, True]) is neg(box(bot, 1))
    formula = rank_formula([True, False, True, True, False])
    # true exactly at ranks 0, 2, 3: each checked by the prover against the linear frame
    for n, expected in enumerate([True, False, True, True, False, False]):
        at_rank = conj(box(bot, n + 1), neg(box(bot, n)))  # "this world has rank n"
        claim = at_rank >> (formula if expected else neg(formula))
        assert prove(claim, "GL").valid


def test_verification_catches_a_wrong_answer() -> None:
    result = combat(PrudentBot, CooperateBot)
    object.__setattr__(result, "proved_in", 1)  # claim PA+Con(PA) suffices: it does not
    with pytest.raises(VerificationFailed, match="GL does not prove"):
        verify_result(result)
    object.__setattr__(result, "proved_in", 3)  # not the least k
    with pytest.raises(VerificationFailed, match=r"already PA\+Con\^2 proves the outcome"):
        verify_result(result)
    wrong = combat(UnfairBot, TrollBot, verify=False)
    object.__setattr__(wrong, "fixed_point", tuple(top for _ in wrong.fixed_point))
    with pytest.raises(VerificationFailed, match="fixed point does not solve the equation of"):
        verify_result(wrong)


def test_json_payload() -> None:
    payload = combat(PrudentBot, CooperateBot).to_json()
    assert payload == {"moves": {"PrudentBot": "D", "CooperateBot": "C"}, "proved_in": 2}
    details = combat(TrollBot, FairBot).to_json(details=True)
    assert details["verified"] is True and len(details["system"]) >= 2


def test_large_cyclic_system_is_fast() -> None:
    import time

    n = 3000
    xs = [atom(f"x{i}") for i in range(n)]
    eqs = tuple(conj(neg(box(xs[(i + 1) % n], 2)), box(neg(xs[(i + 3) % n]))) for i in range(n))
    system = System(tuple(f"x{i}" for i in range(n)), tuple(f"x{i}" for i in range(n)), eqs)
    start = time.perf_counter()
    frame_trace(system)
    assert time.perf_counter() - start < 1.0
