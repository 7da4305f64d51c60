"""`--dask ADDRESS` / `--scheduler-file FILE`: run a command's work on a Dask cluster (the
optional extra `lobkit[cluster]`), the same answers in the same order as on this machine."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import Any

from lobkit.errors import InputError

__all__ = ["add_cluster_options", "cluster_client"]

CONNECT_SECONDS = 20


def add_cluster_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
        "needs lobkit[cluster] here and on the workers",
    )
    group.add_argument(
        "--scheduler-file",
        metavar="FILE",
        default=None,
        help="run on the Dask cluster that wrote FILE (dask scheduler --scheduler-file, "
        "dask-jobqueue)",
    )


@contextlib.contextmanager
def cluster_client(args: argparse.Namespace) -> Iterator[Any]:
    """A connected `distributed.Client` for `--dask`/`--scheduler-file` (closed after), or
    None without them. Bad addresses and unreachable schedulers are one-line errors."""
    address, scheduler_file = getattr(args, "dask", None), getattr(args, "scheduler_file", None)
    if address is None and scheduler_file is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--dask needs Dask's distributed: pip install 'lobkit[cluster]'") from None
    flag = f"--dask {address}" if address is not None else f"--scheduler-file {scheduler_file}"
    try:
        if address is not None:
            client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        else:
            client = Client(
                scheduler_file=scheduler_file, timeout=CONNECT_SECONDS, set_as_default=False
            )
    except (OSError, ValueError, TypeError) as error:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise InputError(f"{flag}: cannot reach the Dask scheduler: {first}") from None
    try:
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.close(timeout=5)
