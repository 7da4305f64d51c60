"""MIRI's own program, built from its Haskell source, to check lobkit's answers against.

machine-intelligence/provability (src/Modal/*.hs) builds with Debian's `ghc` and the libraries
it bundles (base, containers, mtl, parsec, text, transformers, bytestring); only its
`ModalCombat.hs` front end needs `optparse-applicative`, which the three-line Main below
replaces: it calls `Modal.Combat.playFile True FILE` (UTF-8 input) for each file.

The source is found at `$LOBKIT_MIRI_SOURCE` (a checkout, or a bare git directory whose HEAD
is read with `git archive`); the built program is cached under lobkit's cache directory, keyed
by the source's hash, so it is built once (about a minute). Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["find_source", "build", "play", "MAIN", "normalise"]

MAIN = """import Modal.Combat (playFile)
import System.Environment (getArgs)
main = getArgs >>= mapM_ (playFile True)
"""

_DEFAULT_SOURCES = ("/work/.mirror/machine-intelligence+provability/repo/.git",)


def find_source() -> Path | None:
    """MIRI's source (a folder with src/Modal/Combat.hs, or a git directory), if present."""
    candidates = [os.environ.get("LOBKIT_MIRI_SOURCE", ""), *_DEFAULT_SOURCES]
    for candidate in candidates:
        if not candidate:
            continue
        path = Path(candidate)
        if (path / "src" / "Modal" / "Combat.hs").is_file():
            return path
        if (path / "HEAD").is_file() and shutil.which("git"):
            return path
    return None


def _export(source: Path, into: Path) -> None:
    if (source / "src" / "Modal" / "Combat.hs").is_file():
        shutil.copytree(source / "src", into / "src")
        return
    archive = subprocess.run(
        ["git", f"--git-dir={source}", "archive", "HEAD", "src"],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True, timeout=120)


def _cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lobkit"


def build(source: Path, *, timeout: float = 900.0) -> Path:
    """The built program (built now if the cache lacks it). Raises `RuntimeError` with the
    compiler's message when ghc is missing or the build fails."""
    ghc = shutil.which("ghc")
    if ghc is None:
        raise RuntimeError("ghc is not installed (Debian: apt-get install ghc)")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        _export(source, work)
        digest = hashlib.sha256(MAIN.encode())
        for hs in sorted((work / "src").rglob("*.hs")):
            digest.update(hs.read_bytes())
        target = _cache() / f"miri-combat-{digest.hexdigest()[:16]}"
        if target.is_file():
            return target
        (work / "Main.hs").write_text(MAIN)
        done = subprocess.run(
            [
                ghc,
                "-O",
                "-isrc",
                "-XOverloadedStrings",
                "-outputdir",
                "out",
                "-o",
                "miri",
                "Main.hs",
            ],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError("building MIRI's program failed:\n" + done.stdout + done.stderr)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(work / "miri", target.with_suffix(".tmp"))
        os.replace(target.with_suffix(".tmp"), target)
        return target


def play(program: Path, path: Path, *, timeout: float = 120.0) -> str:
    """What MIRI's program prints for the file at `path`."""
    done = subprocess.run(
        [str(program), str(path)], capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"MIRI's program failed on {path}: {done.stderr.strip()}")
    return done.stdout


def normalise(text: str, shown: str) -> str:
    """`text` (either program's output) with the file's name replaced by `shown` and lobkit's
    certificate lines dropped, for a line-by-line comparison."""
    lines = []
    for line in text.splitlines():
        if line.startswith(("  Certified:", "  Unverified:")):
            continue
        if line.endswith(".ua:") and not line.startswith(" "):
            line = f"{shown}:"
        lines.append(line)
    return "\n".join(lines) + "\n"
