"""Fixed points, letterless sentences and interpolants from Python (each answer prover-checked).

.venv/bin/python examples/fixed_points.py
"""

from __future__ import annotations

from lobkit import (
    fixed_point,
    interpolant,
    letterless_normal_form,
    parse,
    solve_fixed_points,
    standard_model_truth,
)

# The classic self-referential sentences: p <-> A(p) has the unique solution H.
for name, text in [
    ("Gödel", "~[]p"),  # "I am not provable"  ↦ consistency, ~[]false
    ("Henkin", "[]p"),  # "I am provable"      ↦ true
    ("refutable", "[]~p"),  # "I am refutable" ↦ inconsistency, []false
    ("Löb", "[]p -> q"),  # "if I am provable, q" ↦ []q -> q
]:
    result = fixed_point(parse(text), "p")
    print(f"{name:10} p <-> {text:10} p = {result.solution}")

# Two sentences referring to each other: p says "q is unprovable", q says "p is provable".
system = solve_fixed_points({"p": parse("~[]q"), "q": parse("[]p")})
for var, solution in system.solutions:
    print(f"system     {var} = {solution}")

# Letterless sentences: normal form, truth in N (box = provability in PA), GL-provability.
for text in ["<>[]false", "[]~[]false", "[]([]false -> false) -> []false"]:
    report = standard_model_truth(parse(text))
    print(
        f"{text:32} normal form {str(report.normal_form):12} "
        f"true in N: {report.true_in_standard_model!s:5} provable: {report.provable}"
    )
print(
    "normal form of [][]false -> [][][]false:",
    letterless_normal_form(parse("[][]false -> [][][]false")),
)

# Craig interpolation: A -> B in GL, I over the shared atoms only.
a, b = parse("[]([]p -> p) & [](p -> q) & []a"), parse("[](q | b) & [][]q")
print(f"interpolant of {a}  ->  {b}:", interpolant(a, b).interpolant)
