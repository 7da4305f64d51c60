"""`lobkit demo [NAME ...]`: run the demonstrations and write their pictures."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lobkit.cli._common import add_format, emit_json
from lobkit.demos import available
from lobkit.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the demos (all of them when no name is given)",
        description="Run lobkit's demonstrations on built-in examples and write their pictures.",
        add_help=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-h", "--help", action=_HelpWithDemos, help="show this help and the demos")
    parser.add_argument("names", nargs="*", metavar="NAME", help="which demos (default: all)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("lobkit-demo"),
        help="folder for the pictures (default: ./lobkit-demo)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for random processes")
    add_format(parser)
    parser.set_defaults(handler=run)


class _HelpWithDemos(argparse.Action):
    """`--help` that lists the demos with their summaries (they are imported only then)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        demos = available()
        width = max(len(name) for name in demos)
        parser.epilog = "demos:\n" + "\n".join(
            f"  {name.ljust(width)}  {module.SUMMARY}" for name, module in demos.items()
        )
        parser.print_help()
        parser.exit()


def run(args: argparse.Namespace) -> int:
    demos = available()
    names = args.names or list(demos)
    unknown = [n for n in names if n not in demos]
    if unknown:
        raise InputError(f"unknown demo {unknown[0]!r}; choose from {', '.join(demos)}")
    if args.out.exists() and not args.out.is_dir():
        raise InputError(f"--out {args.out} exists and is not a folder")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / ".lobkit-write-test").touch()
        (args.out / ".lobkit-write-test").unlink()
    except OSError as error:
        raise InputError(f"--out {args.out}: cannot write there ({error.strerror})") from None
    results = []
    total = time.perf_counter()
    for k, name in enumerate(names, 1):
        if args.format != "json" or sys.stderr.isatty():
            # progress while it works: which demo, how many are left (stderr, so a JSON
            # document on stdout stays clean)
            print(f"[{k}/{len(names)}] {name} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        result = demos[name].run(args.out, seed=args.seed)
        seconds = time.perf_counter() - start
        results.append((result, seconds))
        if args.format != "json":  # each demo's report as soon as it is done
            print(f"== demo {result.name} ({seconds:.1f} s) ==")
            print(result.text.rstrip())
            for path in result.files:
                print(f"   wrote {path}")
            print(flush=True)
    if args.format == "json":
        emit_json(
            {
                "out": str(args.out),
                "demos": [
                    {
                        "name": r.name,
                        "seconds": round(s, 3),
                        "files": [str(f) for f in r.files],
                        "data": r.data,
                    }
                    for r, s in results
                ],
            }
        )
    else:
        elapsed = time.perf_counter() - total
        print(f"{len(results)} demos in {elapsed:.1f} s; pictures in {args.out}/", flush=True)
    return 0
