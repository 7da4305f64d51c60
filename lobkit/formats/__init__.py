"""Formats modal provers exchange, read and written: LWB, InToHyLo, TPTP (modal
propositional), and lobkit's own one-formula-per-line format.

Every reader gives a `Document` (entries with lines, names, premises, maybe a logic) and
reports syntax errors like lobkit's own parser (`file:line:col`, the line, a caret); every
writer takes one and raises `InputError` for what the format cannot say (a theory box in LWB,
two problems in one TPTP file). `read` picks the format from `format`, else from the file
name's extension, else from the text itself (`detect`).

>>> doc = read("begin\\n1: box p0 -> p0\\nend\\n")
>>> print(write(doc, "intohylo"), end="")
begin
[r1]p0 -> p0
end
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lobkit.errors import InputError
from lobkit.formats import intohylo, lines, lwb, tptp
from lobkit.formats.document import Document, Entry

__all__ = ["FORMATS", "Document", "Entry", "read", "write", "detect", "read_path"]


@dataclass(frozen=True)
class Format:
    """A format's name, file extensions, reader and writer."""

    name: str
    extensions: tuple[str, ...]
    reader: Callable[..., Document]
    writer: Callable[[Document], str]
    summary: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("lobkit", (".txt", ".formulas"), lines.read, lines.write, "one formula per line"),
        Format("lwb", (".lwb",), lwb.read, lwb.write, "LWB benchmark file: begin / 1: … / end"),
        Format(
            "intohylo", (".intohylo",), intohylo.read, intohylo.write, "InToHyLo: begin f ; … end"
        ),
        Format("tptp", (".p", ".tptp"), tptp.read, tptp.write, "TPTP modal problem (tff)"),
    )
}


def detect(text: str, path: str | Path | None = None) -> str:
    """The format of `text`: by `path`'s extension if it has a known one, else by content
    (`begin` then `1:` is LWB, `begin` otherwise InToHyLo, `tff(`/`qmf(`/… TPTP, else lines)."""
    if path is not None:
        suffix = Path(path).suffix.lower()
        for fmt in FORMATS.values():
            if suffix in fmt.extensions and suffix != ".txt":
                return fmt.name
    body = "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith(("%", "#"))
    ).lstrip()
    if body.startswith("begin"):
        rest = body[len("begin") :].lstrip()
        head = rest.split(":", 1)[0].strip()
        return "lwb" if head.isdigit() else "intohylo"
    for lang in ("tff", "thf", "fof", "qmf", "tcf", "ntf", "include"):
        if body.startswith(lang) and body[len(lang) :].lstrip().startswith("("):
            return "tptp"
    return "lobkit"


def _format(name: str) -> Format:
    if name not in FORMATS:
        raise InputError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
    return FORMATS[name]


def read(
    text: str, format: str | None = None, *, source: str = "<input>", path: str | None = None
) -> Document:
    """Read `text` in `format` (default: `detect`ed)."""
    name = format or detect(text, path)
    return _format(name).reader(text, source=source)


def read_path(path: str | Path, format: str | None = None) -> Document:
    """Read the file at `path` (`-`: standard input)."""
    import sys

    from lobkit.inputs import read_source, read_stream

    if str(path) == "-":
        buffer = getattr(sys.stdin, "buffer", None)  # a text-only stdin (a test's StringIO)
        reader = buffer.read if buffer is not None else (lambda n: sys.stdin.read(n).encode())
        return read(read_stream(reader, shown="<stdin>"), format, source="<stdin>")
    source = read_source(path)  # regular files only, within --max-file-bytes
    return read(source.text, format, source=source.shown, path=str(path))


def write(document: Document, format: str) -> str:
    """`document` as text in `format`."""
    return _format(format).writer(document)
