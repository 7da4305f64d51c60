"""The answers of one file cohere (issue 10): they are answers in one logic, the file's closure.

On random small specs (2–4 theories, random `extends`, `reflect` and axioms with boxes and
atoms) lobkit's own answers must obey the laws of any theory:

* never `consistent T` beside `T ⊢ X` and `T ⊢ ~X`;
* never `T ⊢ X`, `T ⊢ X -> Y` and `T ⊬ Y` (closure under modus ponens);
* `S ⊢ X` and T extends S ⇒ `T ⊢ X` (monotonicity along `extends`).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lobkit.tiling import loads
from lobkit.tiling.checker import Checker

NAMES = ("A", "B", "C", "D")


def formulas(theories: tuple[str, ...]) -> st.SearchStrategy[str]:
    leaves = st.sampled_from(["p", "q", "false"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            inner.map(lambda a: f"~({a})"),
            st.tuples(inner, inner).map(lambda ab: f"({ab[0]}) -> ({ab[1]})"),
            st.tuples(st.sampled_from(theories), inner).map(lambda ta: f"[{ta[0]}]({ta[1]})"),
        )

    return st.recursive(leaves, extend, max_leaves=3)


@st.composite
def specs(draw: st.DrawFn) -> tuple[str, tuple[str, ...], dict[str, tuple[str, ...]]]:
    count = draw(st.integers(2, 4))
    names = NAMES[:count]
    lines = []
    extends: dict[str, tuple[str, ...]] = {}
    for i, name in enumerate(names):
        ext = tuple(n for n in names[:i] if draw(st.booleans()))
        extends[name] = ext
        items = [f"reflect {n}" for n in names if n != name and draw(st.booleans())]
        items += [f"axiom {draw(formulas(names))}" for _ in range(draw(st.integers(0, 2)))]
        head = f"theory {name}" + (f" extends {', '.join(ext)}" if ext else "")
        lines.append(head + (" { " + "; ".join(items) + " }" if items else ""))
    return "\n".join(lines) + "\n", names, extends


XS = ("p", "~p", "q", "~q", "p -> q", "[A]p", "~[A]p", "false")


ISSUE = ("theory A { axiom q }\ntheory B { reflect A; axiom ~q }\n", ("A", "B"), {"A": (), "B": ()})


@settings(max_examples=40, deadline=None)
@given(specs())
@example(ISSUE)  # issue 10's example: B ⊢ q by reflection on A's axiom, so B is inconsistent
def test_answers_of_one_file_cohere(case: tuple[str, tuple[str, ...], dict]) -> None:
    text, names, extends = case
    queries = [f"consistent {t}" for t in names]
    queries += [f"prove {t} : {x}" for t in names for x in XS]
    spec = loads(text + "\n".join(queries) + "\n")
    results = Checker(spec).check().results
    consistent = {r.query.split()[1]: r.verdict == "consistent" for r in results[: len(names)]}
    proves: dict[tuple[str, str], bool] = {}
    for r, (t, x) in zip(results[len(names) :], [(t, x) for t in names for x in XS], strict=True):
        proves[t, x] = r.verdict == "proved"
    for t in names:
        for x, nx in (("p", "~p"), ("q", "~q"), ("[A]p", "~[A]p")):
            assert not (consistent[t] and proves[t, x] and proves[t, nx]), (text, t, x)
        if proves[t, "p"] and proves[t, "p -> q"]:
            assert proves[t, "q"], (text, t)
        assert consistent[t] != proves[t, "false"], (text, t)
        if not consistent[t]:
            assert all(proves[t, x] for x in XS), (text, t)
        for s in extends[t]:
            for x in XS:
                if proves[s, x]:
                    assert proves[t, x], (text, s, t, x)
