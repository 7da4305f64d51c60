"""`lobkit collapse`: simulate Gaussian model collapse and compare it with the closed forms."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lobkit.cli._common import add_format, emit_json, integer
from lobkit.collapse import DriftBreaker, GaussianChain, simulate
from lobkit.collapse.model import DEFAULT_MAX_WORK
from lobkit.errors import InputError

#: Show a progress bar only for runs at least this big (trajectories × generations).
PROGRESS_WORK = 5 * 10**7


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "collapse",
        help="simulate model collapse of a Gaussian refit on its own samples",
        description="Refit a Gaussian on N samples of itself, generation after generation, for "
        "many trajectories at once; print summaries beside the closed-form theory.",
    )
    parser.add_argument(
        "--samples",
        "-N",
        type=integer,
        default=100,
        metavar="N",
        help="samples per generation (default: 100)",
    )
    parser.add_argument(
        "--generations",
        "-G",
        type=integer,
        default=100,
        metavar="G",
        help="generations (default: 100)",
    )
    parser.add_argument(
        "--trajectories",
        "-T",
        type=integer,
        default=10_000,
        metavar="T",
        help="independent chains simulated together (default: 10000)",
    )
    parser.add_argument(
        "--real-fraction",
        type=float,
        default=0.0,
        metavar="L",
        help="fraction of each generation's samples drawn fresh from the real "
        "distribution, in [0, 1] (default: 0)",
    )
    parser.add_argument(
        "--estimator",
        choices=("mle", "unbiased"),
        default="mle",
        help="variance estimator: divide by N (mle) or N-1 (default: mle)",
    )
    parser.add_argument(
        "--accumulate",
        action="store_true",
        help="keep every generation's data and fit on all of it",
    )
    parser.add_argument(
        "--breaker",
        type=float,
        default=None,
        metavar="THRESHOLD",
        help="refuse candidate generations whose drift exceeds THRESHOLD",
    )
    parser.add_argument(
        "--breaker-metric",
        choices=("w2", "variance-loss"),
        default="w2",
        help="drift measure: W2 distance / σ0, or 1 - σ²/σ0² (default: w2)",
    )
    parser.add_argument(
        "--breaker-latch",
        action="store_true",
        help="the first refusal is final (a trip wire that stays tripped)",
    )
    parser.add_argument(
        "--collapse-threshold",
        type=float,
        default=1e-6,
        metavar="X",
        help="a trajectory has collapsed when σ² < X·σ0² (default: 1e-6)",
    )
    parser.add_argument(
        "--explicit",
        action="store_true",
        help="draw all N points each generation (slow; for checking)",
    )
    parser.add_argument("--seed", type=integer, default=0, help="random seed (default: 0)")
    parser.add_argument(
        "--plot", type=Path, default=None, metavar="FILE", help="also write a PNG picture to FILE"
    )
    parser.add_argument(
        "--max-work",
        type=integer,
        default=DEFAULT_MAX_WORK,
        metavar="W",
        help=f"refuse runs above W trajectories×generations (default: {DEFAULT_MAX_WORK:.0e})",
    )
    add_format(parser)
    parser.set_defaults(handler=run)


# Upper bounds of the size flags (documented in docs/limits.md); lower bounds are the model's.
BOUNDS = {"samples": 10**7, "generations": 10**12, "trajectories": 10**12, "max_work": 10**15}


def run(args: argparse.Namespace) -> int:
    for name, bound in BOUNDS.items():
        if getattr(args, name) > bound:
            flag = "--" + name.replace("_", "-")
            raise InputError(f"{flag} must be at most {bound:,} (got {getattr(args, name)})")
    if not 0 <= args.seed < 2**63:
        raise InputError(f"--seed must be between 0 and 2^63 - 1 (got {args.seed})")
    chain = GaussianChain(
        samples=args.samples,
        generations=args.generations,
        trajectories=args.trajectories,
        real_fraction=args.real_fraction,
        estimator=args.estimator,
        accumulate=args.accumulate,
        collapse_threshold=args.collapse_threshold,
        method="explicit" if args.explicit else "sufficient",
    )
    breaker = None
    if args.breaker is not None:
        breaker = DriftBreaker(args.breaker, metric=args.breaker_metric, latch=args.breaker_latch)
    elif args.breaker_latch or args.breaker_metric != "w2":
        raise InputError("--breaker-metric and --breaker-latch need --breaker THRESHOLD")
    if args.seed < 0:
        raise InputError(f"--seed must be non-negative (got {args.seed})")
    if args.max_work < 1:
        raise InputError(f"--max-work must be positive (got {args.max_work})")
    if args.plot is not None:
        _check_plot_path(args.plot)
    chain.check_size(args.max_work)
    progress = None
    if sys.stderr.isatty() and chain.trajectories * chain.generations >= PROGRESS_WORK:
        progress = _ProgressBar()
    result = simulate(
        chain, seed=args.seed, breaker=breaker, max_work=args.max_work, progress=progress
    )
    if progress is not None:
        progress.close()
    if args.plot is not None:
        from lobkit.collapse.plot import plot_variance  # matplotlib only when asked

        label = "synthetic only" if chain.real_fraction == 0 else f"λ = {chain.real_fraction:g}"
        plot_variance([(label, result)], args.plot)
    if args.format == "json":
        emit_json(result.to_json())
    else:
        print(result.describe())
        if args.plot is not None:
            print(f"wrote {args.plot}")
    return 0


def _check_plot_path(path: Path) -> None:
    if path.suffix.lower() != ".png":
        raise InputError(f"--plot writes PNG; give a file name ending in .png (got {path})")
    if path.is_dir():
        raise InputError(f"--plot {path} is a folder")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"--plot: folder {parent} does not exist")


class _ProgressBar:
    """The generations done, on stderr (tqdm: rate and time left), fed by `simulate`'s
    `progress(done, total)` callback."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from lobkit.cli._progress import progress_bar

            self.bar = progress_bar(total, "generation", desc="collapse")
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
