"""`lobkit.prover` imports its parts on first use (PEP 562): every public name resolves, and
importing the package — or its letterless certificates alone — loads no search engine."""

from __future__ import annotations

import json
import subprocess
import sys

import lobkit.prover


def loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def test_every_public_name_resolves_to_its_module() -> None:
    for name in lobkit.prover.__all__:
        value = getattr(lobkit.prover, name)
        assert value is getattr(sys.modules[value.__module__], name)
    assert set(lobkit.prover.__all__) <= set(dir(lobkit.prover))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        lobkit.prover.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("no AttributeError")


def test_importing_the_package_or_the_letterless_part_loads_no_search() -> None:
    search = {"lobkit.prover.search", "lobkit.prover.pipeline", "lobkit.sat", "lobkit.prover.cube"}
    assert not loaded_after("import lobkit.prover") & search
    assert not loaded_after("import lobkit.prover.letterless_certificates") & search
    assert search <= loaded_after("from lobkit.prover import prove")
