"""`lobkit collapse` and `lobkit demo collapse`: output, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lobkit.cli import main
from lobkit.demos import collapse as demo


def test_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["collapse", "-N", "10", "-G", "5", "-T", "1000", "--format", "json"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert list(doc) == [
        "generations",
        "mean_variance",
        "theory_mean_variance",
        "median_variance",
        "quantiles",
        "collapsed_fraction",
        "breaker",
    ]
    assert doc["generations"] == list(range(6))
    assert doc["theory_mean_variance"][1] == pytest.approx(0.9)
    assert set(doc["quantiles"]) == {"0.05", "0.95"} and len(doc["quantiles"]["0.05"]) == 6
    assert doc["breaker"] is None and 0 <= doc["collapsed_fraction"] <= 1


def test_breaker_real_data_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "collapse",
        "-N",
        "10",
        "-G",
        "20",
        "-T",
        "500",
        "--real-fraction",
        "0.1",
        "--accumulate",
        "--breaker",
        "0.3",
        "--format",
        "json",
        "--seed",
        "3",
    ]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["theory_mean_variance"] is None and doc["breaker"]["metric"] == "w2"
    assert main(["collapse", "-N", "10", "-G", "20", "-T", "500", "--estimator", "unbiased"]) == 0
    out = capsys.readouterr().out
    assert "theory" in out and "collapsed" in out


def test_same_seed_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["collapse", "-N", "5", "-G", "10", "-T", "300", "--seed", "4", "--format", "json"]
    main(argv)
    first = capsys.readouterr().out
    main(argv)
    assert capsys.readouterr().out == first


@pytest.mark.parametrize(
    "argv",
    [
        ["--samples", "1"],
        ["--real-fraction", "1.2"],
        ["--real-fraction", "-0.5"],
        ["--trajectories", "-4"],
        ["--generations", "-1"],
        ["--breaker", "-0.1"],
        ["--breaker-latch"],
        ["--seed", "-1"],
        ["--plot", "out.txt"],
        ["--plot", "/nonexistent-folder/x.png"],
    ],
)
def test_bad_parameters_exit_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["collapse", "-G", "2", "-T", "10", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("lobkit: error: ") and captured.err.count("\n") == 1


def test_limits_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collapse", "-T", "1000000", "-G", "100000"]) == 3
    assert "--max-work" in capsys.readouterr().err
    assert main(["collapse", "-T", "1000", "-G", "1000", "--max-work", "10"]) == 3


def test_plot_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "c.png"
    assert main(["collapse", "-N", "10", "-G", "10", "-T", "200", "--plot", str(target)]) == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(target) in capsys.readouterr().out


def test_demo_writes_a_png(tmp_path: Path) -> None:
    result = demo.run(tmp_path, seed=0)
    assert result.name == "collapse" and len(result.files) == 2
    png, summary = result.files
    assert png.parent == tmp_path and summary.parent == tmp_path
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert json.loads(summary.read_text()) == result.data
    assert "10% real" in result.text
    synthetic, mixed = result.data["synthetic_only"], result.data["real_fraction_0.1"]
    assert mixed["final_median_variance"] > 100 * synthetic["final_median_variance"]


def test_demo_is_listed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["demo", "collapse", "--out", str(tmp_path), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["demos"][0]["name"] == "collapse"
