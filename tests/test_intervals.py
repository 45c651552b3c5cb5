"""Intervals: Wilson score intervals against published values, the bootstrap of a mean."""
import math

import numpy as np
import pytest

from parley.core import intervals
from parley.core.intervals import bootstrap_mean, wilson


# Reference values: statsmodels proportion_confint(k, n, method="wilson") and Newcombe (1998), table I.
@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (1, 1, 0.2065, 1.0),
    (0, 1, 0.0, 0.7935),
    (2, 2, 0.3424, 1.0),
    (1, 2, 0.0945, 0.9055),
    (5, 10, 0.2366, 0.7634),
    (2, 10, 0.0567, 0.5098),
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (81, 263, 0.2553, 0.3662),
])
def test_wilson_matches_published_values(k, n, low, high):
    got = wilson(k, n)
    assert (float(got[0]), float(got[1])) == pytest.approx((low, high), abs=5e-5)


def test_wilson_of_nothing_is_nan_not_an_error():
    low, high = wilson(0, 0)
    assert math.isnan(low) and math.isnan(high)


def test_wilson_is_vectorised_and_narrower_at_lower_coverage():
    low, high = wilson([1, 0, 5], [1, 0, 10])
    assert low[0] == pytest.approx(0.2065, abs=5e-5) and np.isnan(low[1]) and high[2] == pytest.approx(0.7634, abs=5e-5)
    low90, high90 = wilson(5, 10, ci=0.90)
    assert 0.2366 < low90 < 0.5 < high90 < 0.7634


def test_wilson_bounds_are_exact_at_the_ends():
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


@pytest.mark.parametrize("values", [[], [0.4]])
def test_bootstrap_needs_two_values(values):
    assert all(math.isnan(v) for v in bootstrap_mean(values))


def test_bootstrap_is_the_seeded_percentile_interval():
    values = np.array([0.1, 0.5, 0.9, 0.3])
    rng = np.random.default_rng(7)
    means = values[rng.integers(0, 4, size=(300, 4))].mean(axis=1)
    assert bootstrap_mean(values, n_boot=300, seed=7) == pytest.approx(tuple(np.quantile(means, [0.025, 0.975])))
    assert bootstrap_mean([2.0, 2.0, 2.0]) == (2.0, 2.0)


@pytest.mark.parametrize("size", [3_000, 19_000])  # resamples drawn in 3 and in 35 blocks
def test_bootstrap_in_blocks_draws_what_one_draw_would(size):
    values = np.random.default_rng(3).normal(0.2, 0.5, size)
    rng = np.random.default_rng(11)
    means = values[rng.integers(0, size, size=(2000, size))].mean(axis=1)
    assert bootstrap_mean(values, seed=11) == pytest.approx(tuple(np.quantile(means, [0.025, 0.975])), abs=1e-12)


def test_many_values_give_the_normal_interval_the_bootstrap_converges_to():
    values = np.random.default_rng(5).exponential(0.3, intervals.RESAMPLED + 1)  # skewed: still normal in the mean
    low, high = bootstrap_mean(values)
    half = 1.959964 * values.std(ddof=1) / math.sqrt(len(values))
    assert (low, high) == pytest.approx((values.mean() - half, values.mean() + half), abs=1e-6)
    rng = np.random.default_rng(0)
    resampled = np.array([values[rng.integers(0, len(values), len(values))].mean() for _ in range(2000)])
    assert (low, high) == pytest.approx(tuple(np.quantile(resampled, [0.025, 0.975])), abs=5e-4)
