"""Reports of `lobkit check`: text for people, JSON for programs (shape in docs/tiling.md).

Text: one line per statement (`file:line  query  → verdict  [ok | FAILED, expected …]`), then
its explanation, the reflection instances it used and its certificates, indented. `brief`
keeps only the verdict lines and explanations.
"""

from __future__ import annotations

import textwrap
from typing import Any

from lobkit.tiling.results import LinkResult, QueryResult, Report

__all__ = ["render_text", "to_json"]


def _mark(result: QueryResult) -> str:
    if result.ok is None:
        return ""
    if result.ok:
        return "  ok"
    if result.matches:
        return f"  FAILED (expected an exact {result.expected}: --strict)"
    return f"  FAILED (expected {result.expected})"


def qualifier(result: QueryResult) -> str:
    """` (exact)`, or what a relative answer is relative to, in plain words."""
    if result.verdict == "undecided":
        return " (the refinement stopped at its limits)"
    if not result.relative:
        return " (exact)"
    if result.closure is not None:
        return (
            f" (relative to the file's closure of {result.closure_size} reflection instances; "
            "the full schema may prove more)"
        )
    return (
        f" (relative to the {len(result.instances)} reflection instances listed; "
        "the full schema may prove more)"
    )


def _indent(text: str, spaces: int) -> str:
    return textwrap.indent(text, " " * spaces)


def _link_text(link: LinkResult, brief: bool) -> list[str]:
    exact = " (exact)" if link.exact else " (relative)"
    lines = [f"link {link.parent} -> {link.child}: {link.verdict}{exact}"]
    if link.verdict != "licensed":
        lines.append(_indent(link.explanation, 2))
    lines += [_indent(step, 2) for step in link.derivation]
    if brief:
        return lines
    for cert in link.certificates():
        lines.append(_indent(cert.render_text(), 2))
    return lines


def render_result(result: QueryResult, *, brief: bool = False) -> str:
    """One statement's answer as text."""
    where = f"{result.location.source}:{result.location.line}" if result.location else "-"
    lines = [f"{where}  {result.query}  -> {result.verdict}{qualifier(result)}{_mark(result)}"]
    body: list[str] = []
    if result.explanation and (brief or result.statement != "chain"):
        body.append(result.explanation)  # a chain's links explain themselves below
    if brief:
        return "\n".join(lines + [_indent(b, 4) for b in body])
    if result.citation is not None:
        body.append(f"exact: {result.citation}")
    if result.instances:
        body.append(f"reflection instances ({len(result.instances)}):")
        body += [f"  {i}" for i in result.instances]
    if result.certificate is not None and not result.links:
        body.append(result.certificate.render_text())
    for link in result.links:
        body += _link_text(link, brief)
    return "\n".join(lines + [_indent(b, 4) for b in body])


def render_text(report: Report, *, brief: bool = False) -> str:
    """The whole file's answers, then a summary line."""
    spec = report.spec
    name = str(spec.path) if spec.path is not None else "<input>"
    parts = [render_result(r, brief=brief) for r in report.results]
    expected = [r for r in report.results if r.ok is not None]
    held = sum(1 for r in expected if r.ok)
    summary = (
        f"{name} ({spec.frame}): {len(report.results)} "
        f"{'query' if len(report.results) == 1 else 'queries'}, "
        f"{held}/{len(expected)} expectations hold"
    )
    if report.failures:
        failed = ", ".join(
            f"line {r.location.line}" if r.location else r.query for r in report.failures
        )
        summary += f"; FAILED: {failed}"
    return "\n".join([*parts, summary]) + "\n"


def to_json(report: Report) -> dict[str, Any]:
    """`{"file", "logic", "ok", "results": [...]}` (each result as in docs/tiling.md)."""
    spec = report.spec
    return {
        "file": str(spec.path) if spec.path is not None else "<input>",
        "logic": spec.frame,
        "ok": report.ok,
        "results": [r.to_json() for r in report.results],
    }
