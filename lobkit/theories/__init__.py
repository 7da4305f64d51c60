"""The theory files (`*.lob`) and agent files (`agents/*.agents`) shipped inside the package.

They are package data, so an installed lobkit (a wheel, no clone) still has them. Reach them by
name: `lobkit check --example tower`, `lobkit combat --example miri_base`, or from Python
`lobkit.load_example("tower")`. A name is the file's stem; a name never falls back to (or is
shadowed by) a file in the working directory — local files are given as paths, examples by
`--example`, so one spelling always means one file.

>>> "tower" in theory_names() and "miri_base" in agent_file_names()
True
>>> load_example("tower").depth("A3")
3
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lobkit.errors import InputError

if TYPE_CHECKING:
    from lobkit.tiling.spec import Spec

__all__ = ["theory_names", "agent_file_names", "theory_path", "agents_path", "load_example"]

# A regular (unzipped) package: its data files are plain files next to this module.
_HERE = Path(__file__).resolve().parent


def theory_names() -> list[str]:
    """The shipped theory files, by name (sorted)."""
    return sorted(p.stem for p in _HERE.glob("*.lob"))


def agent_file_names() -> list[str]:
    """The shipped agent files, by name (sorted)."""
    return sorted(p.stem for p in (_HERE / "agents").glob("*.agents"))


def _resolve(name: str, folder: Path, suffix: str, names: list[str], what: str) -> Path:
    stem = name[: -len(suffix)] if name.endswith(suffix) else name
    if stem not in names:
        raise InputError(f"no shipped {what} {name!r}; choose from {', '.join(names)}")
    return folder / f"{stem}{suffix}"


def theory_path(name: str) -> Path:
    """The path of the shipped theory file `name` (`"tower"` or `"tower.lob"`)."""
    return _resolve(name, _HERE, ".lob", theory_names(), "theory file")


def agents_path(name: str) -> Path:
    """The path of the shipped agent file `name` (`"miri_base"` or `"miri_base.agents"`)."""
    return _resolve(name, _HERE / "agents", ".agents", agent_file_names(), "agent file")


def load_example(name: str) -> Spec:
    """The shipped theory file `name`, loaded (as `lobkit.load` would load it from disk)."""
    from lobkit.tiling.loader import load

    return load(theory_path(name))
