"""The Gaussian refit chain's parameters, validated once so every later stage can trust them.

A chain starts at the reference N(mean0, variance0). Generation g+1 is the Gaussian fitted to N
samples: round(real_fraction·N) fresh draws from the reference and the rest from generation g
(or, with `accumulate`, to every sample drawn so far).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from lobkit.errors import InputError, ResourceLimit

Estimator = Literal["mle", "unbiased"]
Method = Literal["sufficient", "explicit"]

#: Default cap on trajectories × generations (10⁶ × 1000 fits; raise it with `max_work=`).
DEFAULT_MAX_WORK = 2 * 10**9
#: A generation's fixed cost (summaries, quantiles, Python), in trajectory-steps: about 0.2 ms.
GENERATION_OVERHEAD = 10_000
#: Full per-trajectory arrays are kept automatically only below this many values.
KEEP_AUTOMATIC = 2 * 10**6
#: ... and never above this many (8 bytes each), whatever is asked.
KEEP_LIMIT = 10**8


@dataclass(frozen=True)
class GaussianChain:
    """One Gaussian model-collapse experiment (the parameters, not the randomness)."""

    samples: int = 100
    generations: int = 100
    trajectories: int = 1000
    real_fraction: float = 0.0
    estimator: Estimator = "mle"
    accumulate: bool = False
    mean0: float = 0.0
    variance0: float = 1.0
    #: "collapsed" means variance < collapse_threshold · variance0.
    collapse_threshold: float = 1e-6
    #: "sufficient": exact draws of (mean, sum of squares); "explicit": draw every point.
    method: Method = "sufficient"

    def __post_init__(self) -> None:
        _check_int("samples", self.samples, minimum=2)
        _check_int("generations", self.generations, minimum=0)
        _check_int("trajectories", self.trajectories, minimum=1)
        if not (isinstance(self.real_fraction, (int, float)) and 0 <= self.real_fraction <= 1):
            raise InputError(f"--real-fraction must be in [0, 1] (got {self.real_fraction})")
        if self.estimator not in ("mle", "unbiased"):
            raise InputError(f"--estimator must be mle or unbiased (got {self.estimator!r})")
        if self.method not in ("sufficient", "explicit"):
            raise InputError(f"method must be sufficient or explicit (got {self.method!r})")
        if not math.isfinite(self.mean0):
            raise InputError(f"mean0 must be finite (got {self.mean0})")
        if not (math.isfinite(self.variance0) and self.variance0 > 0):
            raise InputError(f"variance0 must be positive and finite (got {self.variance0})")
        if not (math.isfinite(self.collapse_threshold) and self.collapse_threshold > 0):
            raise InputError(
                f"--collapse-threshold must be positive (got {self.collapse_threshold})"
            )

    @property
    def real_count(self) -> int:
        """m = round(λN) fresh reference samples per generation (Python's round: ties to even)."""
        return round(self.real_fraction * self.samples)

    @property
    def synthetic_count(self) -> int:
        """n = N − m samples drawn from the current fit."""
        return self.samples - self.real_count

    @property
    def ddof(self) -> int:
        """The estimator divides the sum of squares by (count − ddof): 0 for mle, 1 unbiased."""
        return 0 if self.estimator == "mle" else 1

    def check_size(self, max_work: int = DEFAULT_MAX_WORK) -> None:
        """Refuse runs that would take hours by accident (ResourceLimit, exit 3)."""
        steps = self.trajectories * max(self.generations, 1)
        # Many generations of few trajectories cost their fixed per-generation work too.
        work = steps + GENERATION_OVERHEAD * max(self.generations, 1)
        if work > max_work:
            raise ResourceLimit(
                f"trajectories × generations = {steps:,} (plus {GENERATION_OVERHEAD:,} per "
                f"generation) exceeds the cap {max_work:,} (raise it with --max-work)"
            )
        if self.method == "explicit":
            points = steps * self.samples
            limit = max_work // 10  # one drawn point costs about ten sufficient-stat fits
            if points > limit:
                raise ResourceLimit(
                    f"explicit sampling would draw {points:,} points, above the cap {limit:,} "
                    "(use sufficient statistics, or raise --max-work)"
                )


def _check_int(name: str, value: object, *, minimum: int) -> None:
    flag = "--" + name.replace("_", "-")
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{flag} must be an integer (got {value!r})")
    if value < minimum:
        raise InputError(f"{flag} must be at least {minimum} (got {value})")
