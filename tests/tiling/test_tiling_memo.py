"""The checker's memo lives outside the (immutable) spec: shared by every checker of one spec,
gone with the spec."""

from __future__ import annotations

import gc
import weakref

from lobkit.tiling import loads
from lobkit.tiling.checker import _ORACLES, Checker


def test_checkers_of_one_spec_share_answers() -> None:
    spec = loads("theory T { reflect T }\n")
    first = Checker(spec).consistent("T")
    again = spec.checker.consistent("T")
    assert first.certificate is again.certificate  # decided once
    other = loads("theory T { reflect T }\n")
    assert Checker(other).consistent("T").certificate is not first.certificate


def test_the_memo_does_not_keep_the_spec_alive() -> None:
    spec = loads("theory T\nprove T : p -> p\n")
    spec.check()
    ref = weakref.ref(spec)
    assert spec in _ORACLES  # the memo holds the spec weakly
    del spec
    gc.collect()
    assert ref() is None
