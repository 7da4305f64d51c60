"""Countermodels reused across a file's goals (`lobkit.tiling.pool`, issue 25's speed): a
model of the logic refutes every goal false at one of its worlds; what it hands out is the
generated submodel, re-checked by the kernel."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from lobkit.formula import atom, bot, box, implies
from lobkit.kernel import Logic
from lobkit.kernel.countermodel_checker import countermodel_problems
from lobkit.prover import prove
from lobkit.tiling import loads
from lobkit.tiling.pool import CountermodelPool

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_tiling.py"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_tiling", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_kept_model_refutes_a_goal_false_below_its_root() -> None:
    p, q = atom("p"), atom("q")
    logic = Logic("GL", {}, (implies(q, box(p)),))
    # [][]p fails at the root of a three-world chain w0 → w1 → w2 (p false throughout);
    # [][]p → []⊥ holds at w0 and w2 but fails at w1, so the pool must cut the submodel
    # generated there
    first = prove(box(box(p)), logic)
    assert not first.valid and first.countermodel is not None
    pool = CountermodelPool()
    pool.add(first)
    goal = implies(box(box(p)), box(bot))
    found = pool.refute(goal, logic)
    assert found is not None and not found.valid and found.countermodel is not None
    model = found.countermodel
    assert model.root == "w0" and len(model.worlds) < len(first.countermodel.worlds)
    assert countermodel_problems(model, logic, goal) == []
    assert pool.hits == 1
    # a goal true everywhere in the kept model, or asked in a logic with a premise the model
    # was not built for, goes to the prover
    assert pool.refute(implies(box(p), box(box(p))), logic) is None
    assert pool.refute(box(p), logic.with_premises((p,))) is None


def test_a_familys_depth_reuses_countermodels() -> None:
    spec = loads(_bench().guarded_family(12))
    (result,) = spec.check().results
    assert result.verdict == "10" and result.exact
    oracle = spec.checker.oracle
    # most negative goals (one per blocked link: its first refuted action) are cut from a
    # handful of models, each one kernel-checked
    negative = sum(1 for answer in oracle._answers.values() if not answer.valid)
    assert oracle.countermodels.hits > 0.9 * negative > 60
    for link in result.links:
        for cert in link.certificates():
            cert.verify()
