"""Compute the intervals that go with small numbers: Wilson for shares, percentile bootstrap for means.

A share of "1 of 1" is not 100 % with certainty, and the mean of three
statements is not a population mean. These two functions give the range the
data support; :mod:`parley.summaries` puts them beside every count.
"""
from __future__ import annotations

from statistics import NormalDist

import numpy as np

__all__ = ["wilson", "bootstrap_mean"]


def wilson(k, n, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Return the Wilson score interval of the share ``k / n``.

    Parameters
    ----------
    k, n : int or array-like of int
        Successes and trials (e.g. conditional statements and statements).
    ci : float
        Coverage of the interval (0.95: a 95% interval).

    Returns
    -------
    tuple of numpy.ndarray
        ``(low, high)``, of the same shape as ``k`` and ``n``; NaN where
        ``n`` is 0 (no share to bound). Unlike the normal approximation, the
        Wilson interval stays inside [0, 1] and is not zero-width at 0 of n or
        n of n: 1 of 1 gives about (0.207, 1.0) at 95%.

    Notes
    -----
    Wilson (1927), "Probable inference, the law of succession, and
    statistical inference", *JASA* 22:209-212; the same values as
    ``statsmodels.stats.proportion.proportion_confint(k, n, method="wilson")``.
    """
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    z = NormalDist().inv_cdf(1 - (1 - ci) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    # At 0 of n and n of n the bound is exactly 0 or 1; rounding leaves 1e-17.
    low, high = np.where(k == 0, 0.0, low), np.where(k == n, 1.0, high)
    empty = n == 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def bootstrap_mean(values, *, n_boot: int = 2000, ci: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Return the percentile-bootstrap interval of the mean of ``values``.

    Parameters
    ----------
    values : array-like of float
        The observations (NaN already removed).
    n_boot : int
        Resamples.
    ci : float
        Coverage (0.95 gives the 2.5th and 97.5th percentiles of the resampled means).
    seed : int
        Seed of the numpy Generator, so the same data give the same interval.

    Returns
    -------
    tuple of float
        ``(low, high)``; NaNs with fewer than 2 values (nothing to resample).

    Notes
    -----
    The resamples are drawn a block at a time (the same draws as all at
    once), so memory stays a few MB however many values there are. Above
    :data:`RESAMPLED` values the normal interval ``mean ± z·s/√n`` is given
    instead: the bootstrap's cost grows with values × resamples, and at that
    size its interval is the normal one to the third decimal.
    """
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return np.nan, np.nan
    if len(values) > RESAMPLED:
        half = NormalDist().inv_cdf(1 - (1 - ci) / 2) * values.std(ddof=1) / np.sqrt(len(values))
        return float(values.mean() - half), float(values.mean() + half)
    rng = np.random.default_rng(seed)
    block = max(1, _BLOCK // len(values))
    means = np.concatenate([values[rng.integers(0, len(values), size=(min(block, n_boot - done), len(values)))]
                            .mean(axis=1) for done in range(0, n_boot, block)])
    low, high = np.quantile(means, [(1 - ci) / 2, 1 - (1 - ci) / 2])
    return float(low), float(high)


#: Above this many values, :func:`bootstrap_mean` gives the normal interval.
RESAMPLED = 20_000
_BLOCK = 1 << 20  # draws per block of resamples: 8 MB of indices
