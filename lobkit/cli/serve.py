"""`lobkit serve`: the classroom web page on this machine (see docs/web.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from lobkit.cli._common import positive_int, positive_seconds, whole

CONNECTIONS = 64
"""Open connections beyond those the workers and queues can hold (a page keeps a few)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="the classroom web page: formulas, theory files, collapse (local, offline)",
        description=(
            "Serve the classroom page on http://HOST:PORT/ (default 127.0.0.1:8000): decide "
            "formulas, check .lob files, run the collapse demo. Every request runs in a worker "
            "under --timeout, --max-chars and --max-memory. Bound beyond loopback (--host "
            "0.0.0.0), the printed URL carries a token every request needs. Nothing is opened "
            "unless --open is given."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: any free)")
    parser.add_argument("--open", action="store_true", help="open the page in a web browser")
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=10.0,
        metavar="SECONDS",
        help="time limit per request (default: 10; the worker is stopped after it)",
    )
    parser.add_argument(
        "--max-chars",
        type=positive_int,
        default=200_000,
        metavar="N",
        help="size limit of a formula or theory file, in characters (default: 200000)",
    )
    parser.add_argument(
        "--workers", type=positive_int, default=2, metavar="N", help="requests run at once (2)"
    )
    parser.add_argument(
        "--queue",
        type=whole(10_000, 0),
        default=8,
        metavar="N",
        help="requests that may wait for a worker; more are answered 503 (default: 8)",
    )
    parser.add_argument(
        "--max-memory",
        type=whole(1 << 20, 0),
        default=2048,
        metavar="MB",
        help="address space of each worker in MB (RLIMIT_AS; default: 2048; 0: no limit)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another name this server may be reached by (the Host header; repeatable)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import ipaddress
    import os
    import secrets
    import socket

    import uvicorn

    from lobkit.errors import InputError
    from lobkit.web.app import Limits, create_app
    from lobkit.web.guard import LOOPBACK_NAMES, Access, host_name

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port must be between 0 and 65535 (got {args.port})")
    if args.max_memory and args.max_memory < 512:
        raise InputError(
            f"--max-memory must be 0 (no limit) or at least 512 MB: a worker "
            f"holds the prover, z3 and matplotlib (got {args.max_memory})"
        )
    # Each OpenBLAS thread reserves 64 MB of address space: one thread under --max-memory.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    limits = Limits(
        timeout=args.timeout,
        max_chars=args.max_chars,
        workers=args.workers,
        queue=args.queue,
        memory_mb=args.max_memory,
    )
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except (OSError, OverflowError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    host, port = sock.getsockname()[:2]
    loopback = ipaddress.ip_address(host).is_loopback
    hosts = set(LOOPBACK_NAMES) | {host_name(args.host), host}
    if not loopback:
        name = socket.gethostname().lower()
        hosts |= {name, name + ".local"}
    access = Access(
        hosts=frozenset(hosts),
        token=None if loopback else secrets.token_urlsafe(24),
        port=port,
        extra=frozenset(host_name(h) for h in args.allow_host),
    )
    shown = f"[{host}]" if ":" in host else host
    if not loopback and ipaddress.ip_address(host).is_unspecified:
        shown = socket.gethostname()
    page = getattr(args, "page", "")  # `lobkit exercises FILE` serves the editor
    url = f"http://{shown}:{port}/{page}" + (f"?token={access.token}" if access.token else "")
    print(f"lobkit classroom on {url}  (Ctrl-C stops it)", flush=True)
    address = _outward_address() if ipaddress.ip_address(host).is_unspecified else None
    if address is not None:
        shown = f"[{address}]" if ":" in address else address
        print(f"  also http://{shown}:{port}/?token={access.token}", flush=True)
    if not loopback:
        print(
            f"lobkit: warning: listening on {host} beyond this machine: anyone who can reach "
            f"port {port} and has the URL above (its token) can run proofs here, using this "
            "machine's CPU and memory within the limits; share it only with your class",
            file=sys.stderr,
            flush=True,
        )
    if args.open:
        import webbrowser

        webbrowser.open(url)
    application = create_app(limits, access)
    workers = application.state.workers
    application.state.exercise_set = getattr(args, "exercise_set", None)  # lobkit exercises

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            workers.stop()  # first: stop every worker; their clients are answered 503
            super().handle_exit(sig, frame)

    config = uvicorn.Config(
        application,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=3,
        # open connections at once (idle ones included): more are answered 503 by uvicorn
        limit_concurrency=CONNECTIONS + 2 * (args.workers + args.queue),
        timeout_keep_alive=5,
    )
    server = Server(config)
    from lobkit.cli._faults import signals_stop_cleanly

    signals_stop_cleanly()  # Ctrl-C is how a class ends: a clean stop, exit 0
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn has shut down; it re-raises the signal it caught
        pass
    finally:
        workers.stop()
        sock.close()
    print("lobkit classroom stopped", file=sys.stderr)
    return 0


def _outward_address() -> str | None:
    """This machine's address on its default route, for a URL students can type (a UDP
    socket's `connect` picks the route and sends nothing)."""
    import socket

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never answered, nothing is sent
        address: str = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("0.") else address
