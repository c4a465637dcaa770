"""Bootstrap intervals with model selection inside every replicate.

Reference: SparseMSE 2.0.1 ``estimatepopulation`` (Chan, Silverman & Vincent
2021, section 3.3), BCa as DiCiccio & Efron (1996).  BCa bounds against the
published values: ``test_bootstrap_reference.py``; here smaller runs check
reproducibility and plausibility only.
"""

from __future__ import annotations

import numpy as np
import pytest

import recapture as rc
from recapture._bootstrap import SelectionSpec, bca_interval


@pytest.fixture(scope="module")
def uk6(mse_dir):
    return rc.read_csv(mse_dir / "uk2013_6lists.csv")


def test_reproducible_and_worker_independent(mse_dir):
    """Per-replicate SeedSequence streams: same seed, same result for 1 or 2 workers."""
    t = rc.read_csv(mse_dir / "korea_3lists.csv")
    spec = SelectionSpec("stepwise", 0.02)
    a = rc.bootstrap(t, 268.8, spec, n_boot=40, seed=7, workers=1)
    b = rc.bootstrap(t, 268.8, spec, n_boot=40, seed=7, workers=2)
    assert np.array_equal(a.replicates, b.replicates)
    assert (a.low, a.high) == (b.low, b.high)
    c = rc.bootstrap(t, 268.8, spec, n_boot=40, seed=np.random.default_rng(7), workers=1)
    assert c.replicates.size == 40


def test_process_pool_gives_identical_replicates(mse_dir, monkeypatch):
    """Forcing the (spawned) process pool: replicates identical to the serial run."""
    import recapture._bootstrap as rb

    t = rc.read_csv(mse_dir / "lesbian_4lists.csv")
    spec = SelectionSpec("stepwise", 0.02)
    serial = rc.bootstrap(t, 5350.5, spec, n_boot=200, seed=5, workers=1)
    monkeypatch.setattr(rb, "_POOL_MIN_SECONDS", 0.0)
    pooled = rc.bootstrap(t, 5350.5, spec, n_boot=200, seed=5, workers=2)
    np.testing.assert_allclose(pooled.replicates, serial.replicates, rtol=1e-9)
    assert pooled.low == pytest.approx(serial.low, rel=1e-9)


def test_percentile_and_parametric(mse_dir):
    """Percentile and parametric variants give ordered bounds around the estimate."""
    t = rc.read_csv(mse_dir / "lesbian_4lists.csv")
    for kind in ("nonparametric", "parametric"):
        res = rc.estimate(
            t,
            "stepwise",
            n_boot=60,
            seed=3,
            bootstrap_kind=kind,
            bootstrap_interval="percentile",
            workers=1,
        )
        iv = res.intervals["bootstrap"]
        assert iv.method == "bootstrap-percentile"
        assert t.observed <= iv.low < res.estimate < iv.high


def test_bca_formula_symmetric_case():
    """With z0 = 0 and a = 0 BCa reduces to the percentile interval."""
    reps = np.arange(1.0, 1002.0)
    lo, hi, z0 = bca_interval(reps, 501.0, 0.0, 0.95)
    q = np.quantile(reps, [0.025, 0.975], method="median_unbiased")
    assert z0 == pytest.approx(0.0, abs=2e-3)
    assert lo == pytest.approx(q[0], rel=1e-2) and hi == pytest.approx(q[1], rel=1e-2)


def test_bad_arguments(uk6):
    spec = SelectionSpec()
    with pytest.raises(ValueError, match="n_boot"):
        rc.bootstrap(uk6, 1.0, spec, n_boot=1)
    with pytest.raises(ValueError, match="'jackknife'"):
        rc.bootstrap(uk6, 1.0, spec, n_boot=10, kind="jackknife")


@pytest.mark.parametrize("fname", ["uk2013_6lists.csv", "lesbian_4lists.csv", "korea_3lists.csv"])
def test_batched_stepwise_equals_sequential(mse_dir, fname):
    """The batched stepwise used for replicates is the SparseMSE algorithm of
    select_stepwise, replicate by replicate (relative 1e-6)."""
    from recapture._batchstep import stepwise_estimates
    from recapture._bootstrap import replicate_estimate

    t = rc.read_csv(mse_dir / fname)
    g = np.random.default_rng(11)
    reps = np.array([g.multinomial(t.observed, t.counts / t.observed) for _ in range(40)])
    seq = np.array([replicate_estimate(t.names, c, SelectionSpec()) for c in reps])
    bat = stepwise_estimates(t.names, reps, 0.02)
    np.testing.assert_allclose(bat, seq, rtol=1e-6)
