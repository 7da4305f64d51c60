"""Text → `Formula`: `parse` and `as_formula`, the entry points every part of lobkit uses.

A well-formed formula is read by `lobkit.syntax.reader` (a regular expression and an
operator-precedence loop: no Lark, so the command line never imports it for a formula); any
other text is parsed again by the LALR parser over `formula.lark` (`lobkit.syntax.lalr`),
whose `ParseError` says in words what was expected and where. Nested 10,000 deep, a formula
parses without recursion either way.

`FormulaBuilder`, which other grammars reuse, lives in `lobkit.syntax.lalr`; the words of
syntax errors in `lobkit.syntax.messages`.
"""

from __future__ import annotations

from lobkit.errors import InputError
from lobkit.formula import Formula
from lobkit.syntax.reader import read


def parse(text: str, *, source: str = "<input>") -> Formula:
    """Parse one formula (ASCII or Unicode syntax) into an interned `Formula`.

    Raises `ParseError` with line, column, the offending line and what was expected.

    >>> str(parse("□(□p → p) → □p"))
    '[]([]p -> p) -> []p'
    """
    formula = read(text)
    if formula is not None:
        return formula
    from lobkit.syntax.lalr import parse_with_lark

    return parse_with_lark(text, source)


def as_formula(value: object, what: str = "formula") -> Formula:
    """A `Formula` as it is, a string parsed; anything else is an `InputError`.

    Lets every public function take `"[]p -> p"` as readily as a built formula.
    """
    if isinstance(value, Formula):
        return value
    if isinstance(value, str):
        return parse(value, source=f"<{what}>")
    raise InputError(f"{what} must be a Formula or a string, not {type(value).__name__}")


def as_formulas(values: object, what: str = "premise") -> list[Formula]:
    """A list of formulas from a list (or other iterable) of formulas and strings; one formula
    or string alone is a list of one. Anything else (`premises=5`) is an `InputError`."""
    if isinstance(values, (Formula, str)):
        return [as_formula(values, what)]
    try:
        items = list(values)  # type: ignore[call-overload]
    except TypeError:
        raise InputError(
            f"{what}s must be a list of formulas or strings, not {type(values).__name__}"
        ) from None
    return [as_formula(item, what) for item in items]
