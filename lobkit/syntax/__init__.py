"""Concrete syntax: the Lark grammar, the parser and the printers (ASCII, Unicode, LaTeX)."""

from lobkit.syntax.parser import as_formula, parse
from lobkit.syntax.printers import to_ascii, to_latex, to_unicode

__all__ = ["as_formula", "parse", "to_ascii", "to_unicode", "to_latex"]
