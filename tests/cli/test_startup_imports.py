"""`lobkit prove FORMULA` loads only what deciding and certifying a formula needs (issue #11:
start-up is most of a small instance's time). Checked by the modules loaded, not by a clock."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Heavy libraries the command does not need for `prove` (z3 only with --solver z3), Lark (a
# well-formed formula is read by lobkit.syntax.reader), and standard modules that cost
# milliseconds each and that nothing on this path uses.
NOT_LOADED = (
    "z3",
    "numpy",
    "sympy",
    "matplotlib",
    "jsonschema",
    "starlette",
    "grandalf",
    "shtab",
    "lark",
    "importlib.resources",
    "tempfile",
    "shutil",
    "lobkit.prover.solovay",  # the logic S only
)

RUN = """
import sys
sys.argv = ["lobkit", "prove", *sys.argv[1:], "--format", "json"]
from lobkit.cli import main
code = main()
sys.stdout.flush()
sys.stderr.write(" ".join(sorted(sys.modules)))
sys.exit(code)
"""


@pytest.mark.parametrize(
    ("formula", "code"), [("[]([]p -> p) -> []p", 0), ("[][]false -> []false", 1)]
)
def test_prove_loads_nothing_it_does_not_use(formula: str, code: int) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN, formula], capture_output=True, text=True, check=False
    )
    assert done.returncode == code, done.stderr
    loaded = set(done.stderr.split())
    assert "lobkit.prover" in loaded  # the listing is real
    assert sorted(loaded & set(NOT_LOADED)) == []
