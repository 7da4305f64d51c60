"""The reading "a theory is PA plus exactly what it declares" (issue 25): cases derived by hand
from the arithmetic, each with the theorem its answer cites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from lobkit.cli import main
from lobkit.formula import atom, bot, box, implies
from lobkit.syntax import parse
from lobkit.tiling import loads
from lobkit.tiling.checker import Checker, Limits
from lobkit.tiling.reading import reading
from lobkit.tiling.refine import box_instances

IMPLICIT = """
theory Base
theory Mid { axiom m }
theory Top { axiom [Mid](build -> safe) -> (build -> safe) }
agent ABase { theory Base; goal safe; actions build }
agent ATop  { theory Top;  goal safe; actions build }
"""


def test_pa_is_part_of_every_theory_so_top_trusts_base() -> None:
    # Base = PA ⊆ Mid provably in PA, so Top ⊢ Pr_Base(X) → Pr_Mid(X) → X: licensed.
    spec = loads(IMPLICIT)
    link = spec.licenses("ATop", "ABase")
    assert link.verdict == "licensed" and link.exact
    for cert in link.certificates():
        cert.verify()
    # …and the inclusion is PA's: Base proves [Base]X → [Mid]X for every X
    assert spec.prove("Base", "[Base]x -> [Mid]x").verdict == "proved"
    # but not the converse (Mid's axiom m is not a theorem of PA): exact by Solovay
    converse = spec.prove("Base", "[Mid]x -> [Base]x")
    assert converse.verdict == "unprovable" and "Solovay 1976" in (converse.citation or "")


def test_the_formalised_deduction_theorem() -> None:
    # PA ⊢ Pr_{B+s}(q) → Pr_B(s → q) (and back): S is B + s.
    spec = loads("theory B\ntheory S extends B { axiom s }\n")
    forth = spec.prove("B", "[S]q -> [B](s -> q)")
    back = spec.prove("B", "[B](s -> q) -> [S]q")
    assert forth.verdict == back.verdict == "proved" and forth.exact and back.exact
    # two theories declaring the same are the same theory
    twins = loads("theory A { axiom a }\ntheory A2 { axiom a }\n")
    assert twins.prove(None, "[A]p <-> [A2]p").verdict == "proved"


def test_a_self_referential_axiom_is_its_fixed_point() -> None:
    # Eager = PA + e with e ↔ (Pr_{PA+e}(done) → done) ↔ (□(e → done) → done); by Löb's
    # theorem Eager ⊢ done (de Jongh–Sambin: the fixed point is ⊤ → … the theory proves done).
    spec = loads("theory Eager { axiom [Eager]done -> done }\n")
    result = spec.prove("Eager", "done")
    assert result.verdict == "proved" and result.exact
    # and PA alone does not prove done (exact: one box, Solovay)
    spec = loads("theory Eager { axiom [Eager]done -> done }\ntheory P\n")
    assert spec.prove("P", "done").verdict == "unprovable"


def test_reflection_inherits_along_provable_inclusions() -> None:
    # T reflects S, S ⊆ S2 provably (S2 extends S): RFN(S2) ⊢ RFN(S), so U (reflecting S2)
    # includes T's reflection part, and U proves what T proves.
    spec = loads(
        "theory S { axiom a }\ntheory S2 extends S { axiom b }\n"
        "theory T { reflect S }\ntheory U { reflect S2 }\n"
    )
    read = reading(spec)
    assert read.label("T") in read.inclusions[read.label("U")]
    assert spec.prove("U", "[S]p -> p").verdict == "proved"
    assert spec.prove("T", "a").verdict == "proved"  # [S]a is a true Σ1 fact, then reflection
    assert spec.prove("U", "a & b").verdict == "proved"


def test_kappa_reaches_the_base_theory() -> None:
    import lobkit

    spec = lobkit.load_example("kappa")
    link = spec.licenses("A_0", "A_4")
    assert link.verdict == "licensed" and link.exact
    assert spec.licenses("A_3", "A_4").verdict == "no-reflection"
    assert spec.licenses("A_4", "A_1").verdict == "blocked-lob"  # K_4 = PA ⊆ K_1: Löb


# The three reduced cases of the fuzzer: a relative negative must never contradict
# what the file's closure proves.
MONOTONE = """
theory T0 { axiom q; reflect T2 }
theory T1 { reflect T0 }
theory T2 extends T1 { reflect T3 }
theory T3 extends T1 { axiom ~[T1]false }
prove T1 : q
prove T2 : q
"""

INCONSISTENT = """
theory A { reflect B }
theory B { reflect A }
consistent A
prove A : p
prove A : ~[B]p
"""

REFLECTED = """
theory T0 { axiom q }
theory T1 { axiom [T0]q }
theory T2 { reflect T1 }
theory T3 { reflect T0; axiom [T2]p -> p }
prove T3 : [T0]q
prove T3 : q
consistent T3
"""


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        (MONOTONE, ["proved", "proved"]),  # T2 ⊇ T1 ⊢ q
        (INCONSISTENT, ["inconsistent", "proved", "proved"]),  # a reflection cycle: Gödel II
        (REFLECTED, ["proved", "proved", "consistent"]),  # T3 ⊢ [T0]q and reflects T0
    ],
)
def test_the_fuzzers_reduced_cases_cohere(text: str, verdicts: list[str]) -> None:
    report = loads(text).check()
    assert [r.verdict for r in report.results] == verdicts
    for result in report.results:
        for cert in result.certificates():
            cert.verify()


def test_the_answer_does_not_depend_on_unrelated_queries() -> None:
    whole = loads(INCONSISTENT).check()
    alone = loads(INCONSISTENT.replace("consistent A\n", "")).check()
    assert [r.verdict for r in whole.results[1:]] == [r.verdict for r in alone.results]


def test_past_its_limits_the_refinement_says_undecided_never_unprovable() -> None:
    """With limits too small to converge, a question whose answer needs refinement is
    `undecided`, says what was tried and how to raise the limit; with the default limits it
    is decided."""
    text = "theory T0\ntheory T1 extends T0 { reflect T0 }\ntheory T2 extends T1 { reflect T1 }\n"
    text += "theory U { axiom [U]false; reflect T2 }\n"  # unsound: no sound reading
    spec = loads(text)
    tight = Checker(spec, limits=Limits(worlds=1, rounds=1))
    result = tight.consistent("U")
    assert result.verdict == "undecided" and not result.exact
    assert "--refine-worlds" in result.explanation and "1 round" in result.explanation
    assert result.to_json()["certificate"]["kind"] == "undecided"
    assert Checker(spec).consistent("U").verdict == "consistent"


# From the fuzz (benchmarks/fuzz_tiling.py): refining `Tb ⊢ [Tb]q` grows countermodels of
# thousands of worlds, 1–3 s per prover call; a query took 16–22 s on a loaded machine.
SLOW_REFINEMENT = """
theory Ta { reflect Tc }
theory Tb { reflect Ta; axiom [Td]((p) -> ((p) -> (false))) }
theory Tc
theory Td extends Tb { reflect Ta }
prove Tb : [Tb](q)
"""


def test_a_querys_refinement_stops_at_its_time_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Limits.seconds` bounds one query's refinement (issue 25: no query above 10 s by
    default): past it the answer is `undecided`, says so and how to raise it, and is not
    memoised (a later question with time of its own may decide it)."""
    spec = loads(SLOW_REFINEMENT)
    quick = Checker(spec, limits=Limits(seconds=0.001))
    (result,) = quick.check().results
    assert result.verdict == "undecided" and not result.exact
    assert "time limit (0.001 s" in result.explanation
    assert "--refine-seconds" in result.explanation
    assert box(box(atom("q"), theory="Tb"), theory="Tb") not in quick.oracle.proofs
    path = tmp_path / "slow.lob"
    path.write_text(SLOW_REFINEMENT)
    assert main(["check", "--refine-seconds", "0.001", "--format", "json", str(path)]) == 0
    assert '"verdict": "undecided"' in capsys.readouterr().out
    assert Limits().seconds == 8.0


def test_an_undecided_goal_is_settled_by_what_the_closure_proves() -> None:
    """T2 ⊢ q needs two reflection steps (T2 ⊢ [T1]q by Σ1-completeness over T1 ⊢ q, which
    needs T1 ⊢ [T0]q and T0's axiom). One round is too few — undecided — unless a proof the
    oracle already has settles it (reflection + Σ1-completeness)."""
    text = "theory T0 { axiom q }\ntheory T1 { reflect T0 }\ntheory T2 { reflect T1 }\n"
    few = Limits(worlds=1000, rounds=3)
    alone = Checker(loads(text), limits=few)
    assert alone.prove("T2", "q").verdict == "undecided"
    spec = loads(text)
    helped = Checker(spec, limits=few)
    assert helped.prove("T1", "q").verdict == "proved"  # T1 ⊢ q first…
    settled = helped.prove("T2", "q")  # …then T2 ⊢ [T1]q (Σ1) and [T1]q -> q (reflection)
    assert settled.verdict == "proved" and settled.exact
    assert settled.certificate is not None
    settled.certificate.verify()
    assert Checker(loads(text)).prove("T2", "q").verdict == "proved"  # default limits


def test_narrow_refines_with_the_goals_own_theories_first() -> None:
    """`refine.narrow` keeps the violated instances [T](…) of the theories the goal boxes, when
    they are some but not all (issue 11): a tower's link gets one premise, not n/2."""
    from lobkit.tiling.refine import narrow

    mine = box(implies(box(atom("x")), atom("x")), theory="T1")
    other = box(implies(box(atom("x")), atom("x")), theory="T2")
    goal = box(atom("y"), theory="T1")
    assert narrow([mine, other], goal) == [mine]
    assert narrow([mine], goal) == []  # all of them: nothing narrower to try
    assert narrow([other], goal) == []


def test_upward_trust_with_a_stronger_goal_is_exactly_blocked() -> None:
    """T3 ⊢ [T4](b → s ∧ f) → (b → s)? Its instance f := ⊤ is T3 ⊢ [T4]X → X with T3 ⊆ T4,
    which by Löb needs T3 ⊢ X = b → s, false under a sound reading. So: unprovable, exact."""
    text = "theory T0\n" + "".join(
        f"theory T{k} extends T{k - 1} {{ reflect T{k - 1} }}\n" for k in range(1, 5)
    )
    spec = loads(text)
    lob = spec.prove("T3", "[T4](b -> s) -> (b -> s)")
    assert lob.verdict == "unprovable" and "Löb's theorem" in (lob.citation or "")
    result = spec.prove("T3", "[T4](b -> s & f) -> (b -> s)")
    assert result.verdict == "unprovable" and "substitution instance" in (result.citation or "")
    assert spec.prove("T4", "[T3](b -> s & f) -> (b -> s)").verdict == "proved"


def test_a_crowded_tower_is_decided_exactly(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    """Issue 25's shape: a five-level tower, agents with other goals and actions around it, a
    self-reflecting theory beside it — every answer exact, none undecided."""
    bench = load_benchmark("bench_tiling")
    report = loads(bench.crowded_tower()).check()
    verdicts = {r.query: r.verdict for r in report.results}
    assert verdicts["depth B4"] == "4" and verdicts["depth C4"] == "2"
    assert all(r.exact for r in report.results), [r.query for r in report.results if not r.exact]


def test_the_crowded_tower_beside_an_interacting_family_is_decided_exactly(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    """Issue 25's "whatever else the file declares": the family of 8 shares the tower's goal
    and actions, and T1 = PA + Rfn(PA) proves every α_k (by hand, as for
    `TOWER_BESIDE_FAMILY` below: K_7 = PA, so T1 ⊢ [PA]X → X gives α_6, and [K_k]X =
    [PA](α_k → X) with α_k gives α_{k-1}, down to α_0). So depth B4 = 4 + 6 = 10 (`expect
    10` in the file), exact — it was `undecided` at the 8 s limit (697 s without it)."""
    bench = load_benchmark("bench_tiling")
    report = loads(bench.crowded_with_family()).check()
    assert report.ok, [(r.query, r.verdict) for r in report.failures]
    verdicts = {r.query: r.verdict for r in report.results}
    assert verdicts["depth B4"] == "10" and verdicts["depth C4"] == "2"
    assert verdicts["depth E"] == "0"
    assert all(r.exact for r in report.results), [r.query for r in report.results if not r.exact]


def test_a_substitution_must_leave_the_theories_alone() -> None:
    """pressed := ⊥ in the query alone is not an instance when an axiom mentions pressed: T2
    proves wait2 -> pressed (press3 -> pressed; wait3 -> [T1](wait3 -> pressed) and T2
    reflects T1), and no rule may call it unprovable."""
    spec = loads(
        "theory T0 { axiom press4 -> pressed }\n"
        "theory T1 extends T0 { reflect T0; axiom press3 -> pressed; "
        "axiom wait3 -> press4 | wait4; axiom wait4 -> [T0](wait4 -> pressed) }\n"
        "theory T2 extends T1 { reflect T1; axiom press2 -> pressed; "
        "axiom wait2 -> press3 | wait3; axiom wait3 -> [T1](wait3 -> pressed) }\n"
    )
    assert spec.prove("T2", "wait2 -> pressed").verdict == "proved"
    assert spec.prove("T1", "wait3 -> pressed").verdict == "proved"
    refuted = spec.prove("T0", "wait4 -> pressed")
    assert refuted.verdict == "unprovable" and refuted.exact


# T1 = PA + Rfn(PA) beside a reflection-free guarded family K_0, K_1, K_2 = PA.
FAMILY_UNDER_REFLECTION = """
theory T0
theory T1 extends T0 { reflect T0 }
theory K[k] for k in 0..2 {
  axiom g[k] -> ([K[k+1]](build -> safe) -> (build -> safe))  if k < 2
}
premise g_0
prove T1 : [K[0]](build -> safe) -> (build -> safe)
prove T0 : [K[0]](build -> safe) -> (build -> safe)
consistent T1
"""


def test_reflection_over_pa_trusts_a_whole_reflection_free_family() -> None:
    """By hand, X = build -> safe: K_2 = PA, so T1 ⊢ [K_2]X → X (Rfn(PA)); K_1 = PA + α_1
    with α_1 ↔ (g_1 → ([K_2]X → X)), so T1 ⊢ α_1, and [K_1]X = [PA](α_1 → X) gives
    α_1 → X, so X; likewise K_0 (its guard g_0 a premise, which is PA-provable). PA alone
    does not (one box, Solovay). With the premise g_0 in the file, T1's consistency is still
    exact: g_0 = 0=0 is a sound reading (a box-free premise true under the valuation is
    PA-provable, as the file's logic has it)."""
    results = loads(FAMILY_UNDER_REFLECTION).check().results
    assert [(r.verdict, r.exact) for r in results] == [
        ("proved", True),
        ("unprovable", True),
        ("consistent", True),
    ]
    assert "sound reading" in (results[2].citation or "")


def test_settling_does_not_ask_for_an_inconsistency_being_decided() -> None:
    """From the fuzz: deciding T ⊢ ⊥ asks a sound reading for a fact T ⊢ ψ; that fact,
    undecided, was settled by asking T ⊢ ⊥ again — `InternalError: [Tc]false waits on
    itself`. Settling now skips T ⊢ ⊥ while it is being decided."""
    spec = loads("theory T0 { axiom q }\ntheory T { reflect T0 }\n")
    oracle = spec.checker.oracle
    inconsistent = box(bot, theory="T")
    oracle._deciding.add(inconsistent)
    try:
        settled = oracle._settle(box(atom("q"), theory="T"), oracle.closure(), None)
    finally:
        oracle._deciding.discard(inconsistent)
    assert settled is None or settled.valid


# Issue 25's "whatever else the file declares": a reflection tower beside a guarded family.
TOWER_BESIDE_FAMILY = """
theory T0
theory T1 extends T0 { reflect T0 }
theory T2 extends T1 { reflect T1 }
theory Self { reflect Self }
agent B0 { theory T0; goal safe; actions build, halt }
agent B1 { theory T1; goal safe; actions build, halt }
agent B2 { theory T2; goal safe; actions build, halt }
agent S1 { theory Self; goal safe; actions build, halt }
agent C2 { theory T2; goal fast; actions build, halt }
agent E  { theory T2; goal safe & fast; actions build, halt }
theory K[k] for k in 0..4 {
  axiom g[k] -> ([K[k+1]](build -> safe) -> (build -> safe))  if k < 4
  axiom g[k] -> ([K[k+1]](halt -> safe) -> (halt -> safe))    if k < 4
}
agent A[k] for k in 0..4 { theory K[k]; goal safe; actions build, halt }
premise g_0
premise g_1
premise g_2
depth B2
depth E
chain B1 -> A[0]
chain A[0] -> B1
chain A[1] -> B0
chain A[3] -> B0
prove K[0] : [T1](build -> safe) -> (build -> safe)
"""


def test_a_tower_beside_a_family_trusts_the_whole_family_exactly() -> None:
    """By hand (a, with X_a = a -> safe): K_4 = PA and K_k = PA + α_k, α_k the conjunction
    over a of g_k → ([K_{k+1}]X_a → X_a). T1 = PA + Rfn(PA): [K_k]X = [PA](α_k → X) and
    Rfn(PA) gives α_k → X, so T1 ⊢ [K_k]X → X once T1 ⊢ α_k — true for α_3 (T1 ⊢ [PA]X → X,
    whatever g_3) and by induction down to α_0. So B1 (and B2 ⊇ T1) license every A_k;
    A_k → A_{k+1} iff the guard g_k is a premise (k ≤ 2; one box, Solovay), and A_k → B0
    likewise (T0 = PA ⊆ K_{k+1}). Back up: K_k ⊆ T1 provably (T1 ⊢ α_k), so K_k ⊢ [T1]X → X
    only if K_k ⊢ X (Löb), which it does not (Solovay): A_k licenses no B_j (j ≥ 1), no S1
    (Self ⊢ ⊥ ⊇ K_k), no E. Longest chain: B2 → B1 → A_0 → A_1 → A_2 → A_3, 5 links.
    E (goal safe & fast; `fast` in no axiom, premise or other goal) licenses nobody."""
    results = loads(TOWER_BESIDE_FAMILY).check().results
    assert [(r.query, r.verdict, r.exact) for r in results] == [
        ("depth B2", "5", True),
        ("depth E", "0", True),
        ("chain B1 -> A_0", "licensed", True),
        ("chain A_0 -> B1", "blocked", True),
        ("chain A_1 -> B0", "licensed", True),
        ("chain A_3 -> B0", "blocked", True),
        ("prove K_0 : [T1](build -> safe) -> build -> safe", "unprovable", True),
    ]
    # B2 → B1 → A_0 → A_1 → A_2, then A_3 or B0 (both 5 links)
    chain = [link.child for link in results[0].links if link.licensed]
    assert chain[:4] == ["B1", "A_0", "A_1", "A_2"] and len(chain) == 5
    # the Löbian answer rests on the inclusion K_0 ⊆ T1 the checker proved itself
    for r in (results[3], results[6]):
        assert "Löb's theorem" in (r.citation or "") and "proves K_0's axioms" in (r.citation or "")
    for link in results[0].links:
        for cert in link.certificates():
            cert.verify()


def test_lob_by_a_proved_inclusion_needs_the_proof() -> None:
    """M = PA + m: T1 does not prove m (Solovay: PA + Rfn(PA) ⊢ m fails for an atom), so
    M ⊆ T1 is not known and Löb's theorem is not cited for M ⊢ [T1]X → X."""
    spec = loads(TOWER_BESIDE_FAMILY + "theory M { axiom m }\n")
    assert spec.prove("T1", "m").verdict == "unprovable"
    answer = spec.prove("M", "[T1](build -> safe) -> (build -> safe)")
    assert answer.verdict != "proved"
    assert "Löb" not in (answer.citation or "")


def test_the_first_round_holds_the_instances_the_goals_boxes_ask_for() -> None:
    """T1 ⊢ [K_0]X → X (X = build -> safe) needs Rfn(PA) for exactly the bodies of the PA
    boxes in the goal and the definitions of α_0, α_1 (the hand proof above): the first
    round has them, so one round and one-world limits decide it."""
    spec = loads(FAMILY_UNDER_REFLECTION)
    read = reading(spec)
    goal = read.translate(box(parse("[K_0](build -> safe) -> (build -> safe)"), theory="T1"))
    found = box_instances(read, (goal, *read.premises_for((goal,))))
    x = implies(atom("build"), atom("safe"))
    bodies = [x, implies(atom("α_K_0"), x), implies(atom("α_K_1"), x)]
    assert set(found) == {box(implies(box(y), y), theory="T1") for y in bodies}
    quick = Checker(spec, limits=Limits(worlds=1, rounds=1, seconds=None))
    answer = quick.prove("T1", "[K_0](build -> safe) -> (build -> safe)")
    assert answer.verdict == "proved" and answer.exact


def test_one_box_goals_reuse_countermodels_in_a_reflecting_file() -> None:
    """A goal about reflection-free theories only is PA's one box even where other theories
    reflect: nothing is refined, so kept countermodels (kernel-checked) may refute it."""
    spec = loads(TOWER_BESIDE_FAMILY)
    spec.check()
    assert spec.checker.oracle.countermodels.hits > 0


def test_kept_countermodels_serve_exact_negatives_of_reflecting_goals() -> None:
    """K_k ⊬ [T1](a -> safe) -> (a -> safe) is exact by Löb's theorem whatever the
    countermodel: one kept from K_0's goal (its premises include K_1's) serves K_1's, and
    every certificate still passes the kernel."""
    spec = loads(TOWER_BESIDE_FAMILY)
    for k in range(3):
        link = spec.licenses(f"A_{k}", "B1")
        assert link.verdict == "no-reflection" and "Löb" in (link.citation or "")
        for cert in link.certificates():
            cert.verify()
    assert spec.checker.oracle.reflecting.hits > 0


def _longest(links: dict[tuple[str, str], bool], start: str) -> int | None:
    """The longest licensed chain from `start` by brute force over every link (None: a
    licensed cycle is reachable)."""
    names = sorted({a for a, _ in links})

    def walk(node: str, path: tuple[str, ...]) -> int | None:
        lengths = []
        for nxt in names:
            if links[node, nxt]:
                if nxt in path:
                    return None
                below = walk(nxt, (*path, nxt))
                if below is None:
                    return None
                lengths.append(below + 1)
        return max(lengths, default=0)

    return walk(start, (start,))


def test_depth_skips_links_that_cannot_lengthen_the_chain() -> None:
    """B2's links to the family agents cannot beat B2 → B1 (B1's chain is longer than any
    family agent's), so they are not decided; every depth still equals the longest chain
    over all links, decided one by one."""
    spec = loads(TOWER_BESIDE_FAMILY)
    checker = spec.checker
    result = checker.depth("B2")
    assert result.depth == 5 and result.citation is not None
    consulted = {(link.parent, link.child) for link in result.consulted}
    assert ("B2", "B1") in consulted
    assert not any((("B2", f"A_{k}") in consulted) for k in range(5))
    names = list(spec.agents)
    links = {(a, b): checker.licenses(a, b).licensed for a in names for b in names}
    for name in names:
        assert checker.depth(name).depth == _longest(links, name), name


def test_a_sound_reading_with_many_atoms_makes_the_premises_true(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    """K_0 (the guarded family of 8: eleven atoms, too many to enumerate) does not prove
    [X3]p -> safe: realise the premises g_0..g_5 by 0=0 (they must be true, and are then
    PA-provable), p by 0=0 and safe by 0=1 (the query's one-polarity atoms, made to falsify
    it), everything else by 0=1 (build and halt false make every axiom of K_0 true). K_0 is
    then sound and the query false ([X3]0=0 is true). Neither constant valuation works (all
    0=1 falsifies the premises; all 0=0 needs Con(K_1), which no realisation-free fact gives)."""
    bench = load_benchmark("bench_tiling")
    spec = loads(
        bench.crowded_with_family()
        + "theory X1 { axiom [X2]p -> p }\n"
        + "theory X2 extends X1 { reflect X1; axiom [X1](q -> p) }\n"
        + "theory X3 { reflect X2; axiom ~[X3]false }\n"
    )
    answer = spec.prove("K_0", "[X3]p -> safe")
    assert answer.verdict == "unprovable" and "sound reading" in (answer.citation or "")
    assert "g_0=0=0" in (answer.citation or "") and "safe=0=1" in (answer.citation or "")
