"""Peer provers for `bench_prover.py --peers`: how to hand each one a formula and read its verdict.

The peers are other people's programs, built by the user (never shipped with lobkit); each is
named on the command line (`--peer godellob=/path/to/binary`) or by an environment variable
(`LOBKIT_PEER_GODELLOB=/path/to/binary`), and skipped when absent. Every run is a whole process
with the formula on stdin or in a file, timed from outside, exactly like `lobkit prove`:

* ``cegarbox`` — Goré, Kikkert et al.'s CEGARBox (C++, K; `sarwagya-p/CEGARBoxCPP`, built
  with MiniSat): `main -f FILE -a` prints ``Valid``/``Invalid``.
* ``godellob`` — Luka Mikec's godellob-prover (C++, GL tableau; `luka-mikec/godellob-prover`):
  an interactive loop reading prefix formulas with one-character atoms (``B`` box, ``~ & + > =``,
  ``#`` falsum); ``setl 0`` selects GL, and it refutes ``~A``: ``|-> X`` (closed) means valid.
  Its `main.cpp` runs a formula-generation experiment before the loop; build it with that call
  disabled (``if (0) auto_prover(...)``), or every run pays for the experiment.
* ``piponi`` — Dan Piponi's Haskell `provability` (GL tableau; `dpiponi/provability`), a library:
  driven by a ten-line `Main.hs` reading prefix words (the `refgl` format) and printing
  ``valid``/``invalid`` for `valid (parse line)`.
* ``refgl`` — `benchmarks/refgl.py`, a memoised G3GL search in plain Python (always available).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lobkit.formula import AND, ATOM, BOT, BOX, DIA, IFF, IMP, NOT, OR, TOP, Formula, fold

__all__ = ["Peer", "PEERS", "find_peers", "prefix_words"]

_WORDS = {AND: "and", OR: "or", IMP: "imp", IFF: "iff", NOT: "not", BOX: "box", DIA: "dia"}


def prefix_words(formula: Formula) -> str:
    """The formula in prefix words (``imp box p p``), the refgl/piponi input."""

    def visit(node: Formula, args: tuple[str, ...]) -> str:
        if node.op == ATOM:
            return str(node.label)
        if node.op == TOP:
            return "top"
        if node.op == BOT:
            return "bot"
        return " ".join((_WORDS[node.op], *args))

    return fold(formula, visit)


_INFIX = {AND: "&", OR: "|", IMP: "=>", IFF: "<=>"}


def cegarbox_text(formula: Formula) -> str:
    """CEGARBox's syntax: ``[]``, ``<>``, ``~``, ``& | => <=>``, ``$true``/``$false``."""

    def visit(node: Formula, args: tuple[str, ...]) -> str:
        op = node.op
        if op == ATOM:
            return str(node.label)
        if op == TOP:
            return "$true"
        if op == BOT:
            return "$false"
        if op == NOT:
            return f"~{args[0]}"
        if op == BOX:
            return f"[]{args[0]}"
        if op == DIA:
            return f"<>{args[0]}"
        return f"({args[0]} {_INFIX[op]} {args[1]})"

    return fold(formula, visit)


# godellob reads one byte per atom: every byte but whitespace and its operators.
_GL_OPS = set(b"#B~>&+= \t\r\n\x0b\x0c")
_GL_ATOMS = [c for c in range(33, 256) if c not in _GL_OPS and c != 127]


def godellob_bytes(formula: Formula) -> bytes | None:
    """The negation of `formula` in godellob's prefix syntax, or None (too many atoms)."""
    names: dict[str, int] = {}

    def visit(node: Formula, args: tuple[bytes, ...]) -> bytes:
        op = node.op
        if op == ATOM:
            if node.label not in names:
                if len(names) == len(_GL_ATOMS):
                    raise OverflowError
                names[str(node.label)] = _GL_ATOMS[len(names)]
            return bytes((names[str(node.label)],))
        if op == TOP:
            return b"~#"
        if op == BOT:
            return b"#"
        if op == NOT:
            return b"~" + args[0]
        if op == BOX:
            return b"B" + args[0]
        if op == DIA:
            return b"~B~" + args[0]
        return {AND: b"&", OR: b"+", IMP: b">", IFF: b"="}[op] + args[0] + args[1]

    try:
        return b"~" + fold(formula, visit)
    except OverflowError:
        return None


@dataclass(frozen=True)
class Peer:
    """A peer prover: its logics and how to run it on one formula."""

    name: str
    logics: tuple[str, ...]
    run: Callable[[str, Formula, str, float], bool | None]  # (path, formula, logic, cap)

    def time(self, path: str, formula: Formula, logic: str, cap: float) -> tuple[float, bool]:
        """(wall seconds, verdict); raises TimeoutError past `cap`, ValueError on no verdict."""
        start = time.perf_counter()
        verdict = self.run(path, formula, logic, cap)
        seconds = time.perf_counter() - start
        if verdict is None:
            raise ValueError(f"{self.name}: no verdict")
        if seconds > cap:
            raise TimeoutError
        return seconds, verdict


def _process(argv: list[str], data: bytes, cap: float) -> str:
    try:
        done = subprocess.run(argv, input=data, capture_output=True, timeout=cap)
    except subprocess.TimeoutExpired:
        raise TimeoutError from None
    return done.stdout.decode("latin-1")


def _run_cegarbox(path: str, formula: Formula, logic: str, cap: float) -> bool | None:
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write(cegarbox_text(formula) + "\n")
        f.flush()
        out = _process([path, "-f", f.name, "-a"], b"", cap)
    if "Invalid" in out:
        return False
    return True if "Valid" in out else None


def _run_godellob(path: str, formula: Formula, logic: str, cap: float) -> bool | None:
    text = godellob_bytes(formula)
    if text is None:
        return None
    out = _process([path], b"setl 0\nhide\n" + text + b"\n", cap)
    if "|-> X" in out:
        return True
    return False if "|-> O" in out else None


def _words_verdict(out: str) -> bool | None:
    line = out.strip().splitlines()[-1:] or [""]
    return {"valid": True, "invalid": False}.get(line[0].strip())


def _run_piponi(path: str, formula: Formula, logic: str, cap: float) -> bool | None:
    return _words_verdict(_process([path], (prefix_words(formula) + "\n").encode(), cap))


REFGL = str(Path(__file__).resolve().parent / "refgl.py")


def _run_refgl(path: str, formula: Formula, logic: str, cap: float) -> bool | None:
    argv = [sys.executable, path]
    return _words_verdict(_process(argv, (prefix_words(formula) + "\n").encode(), cap))


PEERS = {
    "cegarbox": Peer("cegarbox", ("K",), _run_cegarbox),
    "godellob": Peer("godellob", ("GL",), _run_godellob),
    "piponi": Peer("piponi", ("GL",), _run_piponi),
    "refgl": Peer("refgl", ("GL",), _run_refgl),
}


def find_peers(given: list[str]) -> dict[str, str]:
    """Peer name -> executable, from `NAME=PATH` arguments and `LOBKIT_PEER_NAME` variables;
    refgl is always there. Unknown names are an error; missing executables are skipped."""
    paths = {"refgl": REFGL}
    for name in PEERS:
        env = os.environ.get(f"LOBKIT_PEER_{name.upper()}")
        if env:
            paths[name] = env
    for item in given:
        name, _, path = item.partition("=")
        if name not in PEERS or not path:
            raise SystemExit(f"--peer wants NAME=PATH with NAME in {', '.join(PEERS)}: {item!r}")
        paths[name] = path
    found = {}
    for name, path in paths.items():
        if os.path.exists(path):
            found[name] = path
        else:
            print(f"(peer {name} skipped: {path} not found)")
    return found
