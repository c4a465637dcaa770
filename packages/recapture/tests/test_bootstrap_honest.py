"""Bootstrap replicates without a finite estimate are kept and reported, a
bound that reaches them is unbounded, and the adaptive mode adds replicates
until the bounds' Monte Carlo error is small (issue 14, item 2)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import recapture as rc
from recapture._bootstrap import bound_mc_error, quantiles_with_inf

# Three lists with thin overlaps: in many resamples a list loses its only
# overlap and no model has an MLE, so the replicate estimate is infinite.
THIN = rc.CaptureTable.from_counts([(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (0, 1, 1)], [30, 25, 20, 1, 1])


def test_quantiles_of_replicates_with_infinite_values():
    reps = np.array([1.0, 2.0, 3.0, 4.0, math.inf, math.inf])
    lo, hi = quantiles_with_inf(reps, np.array([0.1, 0.9]))
    assert lo == pytest.approx(np.quantile([1, 2, 3, 4, 1e300, 1e300], 0.1, method="median_unbiased"))
    assert math.isinf(hi)
    assert math.isinf(bound_mc_error(reps, 0.9))


def test_bound_mc_error_matches_the_order_statistic_spread():
    """For uniform replicates the p-quantile's standard error is about
    sqrt(p (1 - p) / B) (the density is 1): 0.0049 for p = 0.025, B = 1000."""
    reps = np.random.default_rng(1).random(1000)
    assert bound_mc_error(reps, 0.025) == pytest.approx(math.sqrt(0.025 * 0.975 / 1000), rel=0.35)


def test_infinite_replicates_are_kept_and_reported():
    res = rc.estimate(THIN, "main", n_boot=200, bootstrap_interval="percentile", seed=4, workers=1)
    boot = res.intervals["bootstrap"]
    n_inf = int(np.count_nonzero(~np.isfinite(res.replicates)))
    assert n_inf > 0 and res.replicates.size == 200
    assert boot.n_infinite == n_inf and boot.replicates == 200
    assert any(f"{n_inf} of 200 bootstrap replicates had no finite estimate" in w for w in res.warnings)
    # the bound is the quantile of all replicates, infinite ones included
    finite_only = np.quantile(res.replicates[np.isfinite(res.replicates)], 0.975)
    if n_inf > 0.025 * 200 + 1:
        assert boot.unbounded_high and math.isinf(boot.high)
        assert any("no upper bound" in w for w in res.warnings)
        assert boot.to_dict()["high"] == "inf" and boot.to_dict()["unbounded_high"]
    else:  # pragma: no cover - depends on the seed
        assert boot.high >= finite_only


def test_adaptive_bootstrap_reaches_its_tolerance():
    table = rc.CaptureTable.from_counts(
        [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1)],
        [41, 5, 5, 6, 54, 12, 3],
    )
    fixed = rc.estimate(table, "main", n_boot=100, bootstrap_interval="percentile", seed=2, workers=1)
    adaptive = rc.estimate(
        table,
        "main",
        n_boot=100,
        bootstrap_interval="percentile",
        seed=2,
        workers=1,
        boot_mc_tol=0.002,
        max_boot=3200,
    )
    a = adaptive.intervals["bootstrap"]
    # the first 100 replicates are the fixed run's
    np.testing.assert_array_equal(adaptive.replicates[:100], fixed.replicates)
    assert a.replicates > 100 and a.replicates <= 3200
    if a.replicates < 3200:
        assert a.mc_error_low <= 0.002 * a.low and a.mc_error_high <= 0.002 * a.high
    f = fixed.intervals["bootstrap"]
    assert a.mc_error_high < f.mc_error_high


def test_fewer_than_two_finite_replicates_is_an_error():
    # two lists that never overlap: every replicate is infinite
    nothing = rc.CaptureTable.from_counts([(1, 0), (0, 1)], [5, 5])
    with pytest.raises(ValueError, match="do not bound the population size"):
        rc.bootstrap(nothing, 100.0, rc.SelectionSpec(method="fixed"), n_boot=20, seed=1, workers=1)
