"""`lobkit serve`: the classroom web page on this machine (see docs/web.md)."""

from __future__ import annotations

import argparse
import sys

from lobkit.cli._common import positive_int, positive_seconds


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="the classroom web page: formulas, theory files, collapse (local, offline)",
        description=(
            "Serve the classroom page on http://HOST:PORT/ (default 127.0.0.1:8000): decide "
            "formulas, check .lob files, run the collapse demo. Every request runs in a worker "
            "under --timeout and --max-chars. Nothing is opened unless --open is given."
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import socket

    import uvicorn

    from lobkit.errors import InputError
    from lobkit.web.app import Limits, create_app

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port must be between 0 and 65535 (got {args.port})")
    limits = Limits(timeout=args.timeout, max_chars=args.max_chars, workers=args.workers)
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as error:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {error.strerror}") from None
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    print(f"lobkit classroom on {url}  (Ctrl-C stops it)", flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(url)
    from lobkit.cli._faults import signals_stop_cleanly

    config = uvicorn.Config(create_app(limits), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    signals_stop_cleanly()  # Ctrl-C is how a class ends: a clean stop, exit 0
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn has shut down; it re-raises the signal it caught
        pass
    finally:
        sock.close()
    print("lobkit classroom stopped", file=sys.stderr)
    return 0
