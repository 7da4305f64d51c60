"""Closed forms for the refit chains, to print beside every simulation.

Gaussian chain, replacement, no real data (Cochran: SS/σ_g² ~ χ²_{N−1}, independent of the mean):
    σ²_{g+1} = σ²_g · χ²_{N−1}/d   with d = N (mle) or N − 1 (unbiased), so
    E[σ²_g] = σ₀²((N−1)/d)^g  and  E[log σ²_g] = log σ₀² + g·(ψ((N−1)/2) + log 2 − log d),
a linear downward drift (Jensen) even for `unbiased`, whose mean stays σ₀² while σ_g → 0 a.s.

With real data and/or accumulation the pair (E[s²_g], E[(μ_g − μ₀)²]) obeys an exact linear
recursion (see `expected_variance`). Bernoulli (Wright–Fisher) chain p_{k+1} = Bin(N, p_k)/N:
E[p_k] = p₀ and E[p_k(1 − p_k)] = p₀(1 − p₀)(1 − 1/N)^k.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from lobkit.collapse.model import GaussianChain

FloatArray = NDArray[np.float64]


def digamma(x: float) -> float:
    """ψ(x) for x > 0: recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the asymptotics."""
    if x <= 0:
        raise ValueError("digamma needs x > 0")
    shift = 0.0
    while x < 10:
        shift -= 1 / x
        x += 1
    f = 1 / (x * x)
    series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))))
    return shift + math.log(x) - 0.5 / x - series


def trigamma(x: float) -> float:
    """ψ'(x) for x > 0: recurrence ψ'(x) = ψ'(x+1) + 1/x², then the asymptotic series."""
    if x <= 0:
        raise ValueError("trigamma needs x > 0")
    shift = 0.0
    while x < 10:
        shift += 1 / (x * x)
        x += 1
    f = 1 / (x * x)
    series = (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)))
    return shift + 1 / x + f / 2 + series


def expected_variance(chain: GaussianChain) -> FloatArray:
    """E[σ²_g] for g = 0..G: the closed form, or the exact linear recursion with real data.

    One step, with m real and n = N − m synthetic samples, fit (μ_g, s²_g), C samples already
    kept (C = 0 under replacement) and D_g = E[(μ_g − μ₀)²]: the batch's sum of squares splits
    into SS_real + SS_synth + (mn/N)(x̄_r − x̄_s)², so with A = mσ₀² + n·E[s²_g]
        E[SS_batch]   = ((N−1)/N)·A + (mn/N)·D_g
        E[between]    = (CN/(C+N))·(A/N² + (m/N)²·D_g)        (Chan's pooled update)
        D_{g+1}       = ((C+n)²·D_g + A)/(C+N)²
    and E[s²_{g+1}] = E[SS_{g+1}]/(C + N − ddof).
    """
    if chain.real_count == 0 and not chain.accumulate:
        ratio = (chain.samples - 1) / (chain.samples - chain.ddof)
        return chain.variance0 * ratio ** np.arange(chain.generations + 1, dtype=np.float64)
    return variance_recursion(chain)


def variance_recursion(chain: GaussianChain) -> FloatArray:
    """The recursion of `expected_variance`, always stepped (no closed-form shortcut)."""
    n_gen, var0 = chain.generations, chain.variance0
    big_n, ddof = chain.samples, chain.ddof
    m, n = chain.real_count, chain.synthetic_count
    out = np.empty(n_gen + 1)
    out[0] = var0
    kept, ss, dev2 = 0, 0.0, 0.0  # C (always 0 under replacement), E[SS], D
    for g in range(n_gen):
        a = m * var0 + n * out[g]
        batch_ss = (big_n - 1) / big_n * a + m * n / big_n * dev2
        between = kept * big_n / (kept + big_n) * (a / big_n**2 + (m / big_n) ** 2 * dev2)
        dev2 = ((kept + n) ** 2 * dev2 + a) / (kept + big_n) ** 2
        if chain.accumulate:
            ss, kept = ss + batch_ss + between, kept + big_n
            out[g + 1] = ss / (kept - ddof)
        else:
            out[g + 1] = batch_ss / (big_n - ddof)
    return out


def expected_log_variance(chain: GaussianChain) -> FloatArray | None:
    """E[log σ²_g] = log σ₀² + g·(ψ((N−1)/2) + log 2 − log d); None unless plain replacement."""
    if chain.real_count or chain.accumulate:
        return None
    return math.log(chain.variance0) + log_drift(chain) * np.arange(chain.generations + 1.0)


def log_drift(chain: GaussianChain) -> float:
    """Per-generation drift of E[log σ²]: E[log χ²_k] − log d = ψ(k/2) + log 2 − log d < 0."""
    k = chain.samples - 1
    return digamma(k / 2) + math.log(2) - math.log(chain.samples - chain.ddof)


def log_variance_spread(chain: GaussianChain) -> float:
    """Per-generation variance of log σ²: Var[log χ²_k] = ψ'(k/2)."""
    return trigamma((chain.samples - 1) / 2)


def variance_second_moment(chain: GaussianChain) -> FloatArray:
    """E[σ⁴_g] = σ₀⁴·(k(k+2)/d²)^g under plain replacement (E[(χ²_k)²] = k(k+2))."""
    k, d = chain.samples - 1, chain.samples - chain.ddof
    return chain.variance0**2 * (k * (k + 2) / d**2) ** np.arange(chain.generations + 1.0)


def bernoulli_mean(p0: float, generations: int) -> FloatArray:
    """E[p_k] = p₀: the refit frequency is a martingale."""
    return np.full(generations + 1, float(p0))


def bernoulli_heterozygosity(p0: float | FloatArray, samples: int, generations: int) -> FloatArray:
    """E[p_k(1 − p_k)] = p₀(1 − p₀)(1 − 1/N)^k, shape (generations + 1, *shape of p0)."""
    p = np.asarray(p0, dtype=np.float64)
    decay = (1 - 1 / samples) ** np.arange(generations + 1.0)
    return decay.reshape((-1,) + (1,) * p.ndim) * (p * (1 - p))
