"""`prove_many(executor=client)` and `prove --dask ADDRESS` on a real Dask `LocalCluster` of 2
worker processes (the `lobkit[cluster]` extra), including a worker killed mid-run."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lobkit.batch import prove_many
from lobkit.cli import main
from lobkit.zoo.own_families import boxchain_invalid, boxed_php

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


FORMULAS = [boxed_php(4), boxchain_invalid(3), "[]([]p -> p) -> []p", "[]p -> p"] * 8


def _without_seconds(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row.pop("seconds")
    return rows


def test_the_same_answers_on_a_local_cluster(cluster: Any) -> None:
    here = _without_seconds([r.to_json() for r in prove_many(FORMULAS)])
    with distributed.Client(cluster) as client:
        batch = prove_many(FORMULAS, executor=client)
        there = _without_seconds([r.to_json() for r in batch])
    assert there == here  # order and certificates: chunks do not depend on who answers
    assert batch.workers == 2 and batch.where == "a Dask cluster (2 worker threads)"


def test_a_worker_killed_mid_run_loses_no_answer(cluster: Any) -> None:
    formulas = [boxed_php(5), boxchain_invalid(3)] * 12
    with distributed.Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        batch = prove_many(formulas, executor=client)
        first = next(batch)
        os.kill(pids[0], signal.SIGKILL)  # its nanny starts another; Dask reschedules
        answers = [first, *batch]
        deadline = time.monotonic() + 30
        while len(client.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # leave the cluster whole for the next test
    assert [a.index for a in answers] == list(range(24))
    assert [a.valid for a in answers] == [True, False] * 12


def test_prove_dask_address(
    cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.txt"
    path.write_text("[]([]p -> p) -> []p\n[]p -> p\n")
    assert main(["prove", "--file", str(path), "--dask", cluster.scheduler_address]) == 1
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["line"], r["valid"]) for r in rows] == [(1, True), (2, False)]
    assert "on a Dask cluster (2 worker threads)" in captured.err


def test_an_unreachable_scheduler_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lobkit.cli._cluster.CONNECT_SECONDS", 1)
    code = main(["prove", "p", "q", "--dask", "tcp://127.0.0.1:9", "--brief"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler" in err and "Traceback" not in err
