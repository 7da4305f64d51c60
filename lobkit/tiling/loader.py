"""Text → `Spec`: the entry points `load` and `loads`, parse → collect → resolve.

A .lob file goes through three typed stages: `lobkit.tiling.parse` reads text into frozen
declarations with `Location`s (`lobkit.tiling.parsed`), `lobkit.tiling.resolve` follows the
includes and checks the names, expanding families (`lobkit.tiling.families`), and returns the
`Spec`. Files are read only through `lobkit.inputs` (regular files, byte limits).

Every error carries its place: syntax errors read like the formula parser's ("expected a
formula after '->'") with the caret line; a meaning error (unknown name, `extends` cycle,
duplicate definition, an include leaving the file's folder) is raised at its `Location` and
shown here the same way, with the line of the file it is in and a caret under the spot.
"""

from __future__ import annotations

from pathlib import Path

from lobkit.errors import ParseError
from lobkit.inputs import read_source
from lobkit.limits import FILE_BYTES
from lobkit.tiling.parse import parse_file
from lobkit.tiling.parsed import LocatedError, ParsedFile
from lobkit.tiling.resolve import collect, resolve
from lobkit.tiling.spec import Spec

__all__ = ["load", "loads"]


def loads(
    text: str, *, source: str = "<input>", folder: Path | None = None, includes: bool = True
) -> Spec:
    """A `Spec` from .lob text; includes are resolved in `folder` (default: the working dir),
    or refused with `includes=False` (text from strangers: the web page's uploads)."""
    limit = FILE_BYTES.value()
    if len(text) > limit or len(text.encode("utf-8")) > limit:
        raise FILE_BYTES.exceeded(source, limit)
    base = (folder or Path.cwd()).resolve()
    return _load(parse_file(text, source), base / "<input>", base, includes, None)


def load(path: str | Path, *, shown: str | None = None) -> Spec:
    """Read the theory file at `path` (and its includes) into a checked `Spec`. `shown` is
    the name its messages and reports use instead of the path (`check --example tower`
    says `tower.lob`, not a path inside site-packages); includes still resolve from `path`.

    >>> spec = load("theories/tower.lob")  # doctest: +SKIP
    >>> spec.depth("A3")  # doctest: +SKIP
    3
    """
    path = Path(path)
    name = shown if shown is not None else str(path)
    read = read_source(path, shown=name)
    return _load(parse_file(read.text, name), read.real, read.real.parent, True, Path(name))


def _load(parsed: ParsedFile, real: Path, folder: Path, includes: bool, path: Path | None) -> Spec:
    """Collect and resolve, showing a located meaning error like a syntax error."""
    files = {parsed.source: parsed.text}
    try:
        units = collect(parsed, real, folder, includes)
        files.update((file.source, file.text) for file, _ in units)
        return resolve(units, path)
    except LocatedError as error:
        raise _shown(error, files) from None


def _shown(error: LocatedError, files: dict[str, str]) -> ParseError | LocatedError:
    """`error` with the line it points at and a caret (as it is, if that line is unknown)."""
    where = error.where
    lines = files[where.source].splitlines() if where.source in files else []
    if not 0 < where.line <= len(lines):
        return error
    return ParseError(
        error.message,
        line=where.line,
        column=where.column,
        source_line=lines[where.line - 1],
        source=where.source,
    )
