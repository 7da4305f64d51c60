"""lobkit's own batch format: one formula per line in lobkit's syntax (ASCII or Unicode);
blank lines and `#` comments are skipped. Errors name the file's line and column.

>>> [str(e.formula) for e in read("[]p -> p\\n\\n# a comment\\n□q").entries]
['[]p -> p', '[]q']
"""

from __future__ import annotations

from lobkit.errors import InputError, ParseError
from lobkit.formats.document import Document, Entry
from lobkit.syntax import parse, to_ascii

__all__ = ["read", "write"]


def read(text: str, *, source: str = "<formulas>") -> Document:
    """Every non-blank, non-comment line as one entry, numbered by its line."""
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        try:
            formula = parse(body, source=source)
        except ParseError as error:  # re-locate: the formula's line 1 is the file's `number`
            raise ParseError(
                error.message,
                line=number,
                column=error.column,
                source_line=line,
                source=source,
            ) from None
        entries.append(Entry(formula, number, str(number)))
    return Document(tuple(entries))


def write(document: Document) -> str:
    """One formula per line (premises cannot be written here)."""
    if any(e.premises for e in document.entries):
        raise InputError("the lobkit line format has no premises; use --to tptp")
    return "".join(to_ascii(e.formula) + "\n" for e in document.entries)
