"""Latent-class capture-recapture against R's LCMCR.

Reference: LCMCR 0.4.14 (Manrique-Vallier 2016) under R 4.2.2, ``lcmCR(...,
K = 10, a_alpha = 0.25, b_alpha = 0.25)`` with burn-in 100,000, 10,000 draws
kept at thinning 100, five seeds; ``shared/testdata/mse/bayes_expected.json``
gives each summary's average and standard deviation across the seeds.

A posterior summary is random: ours is compared with the average of the five
R runs within ``4 * sqrt(sd_R**2 * (1 + 1/5) + mc**2) + 1``, where ``sd_R`` is
the spread of one R run, ``sd_R**2 / 5`` the variance of their average,
``mc`` our own Monte Carlo error (spread across our chains) and 1 the integer
rounding of N.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import recapture as rc
from conftest import MSE_DIR


def _cases() -> list[dict]:
    path = MSE_DIR / "bayes_expected.json"
    if not path.exists():
        return []
    return [r for r in json.loads(path.read_text())["results"] if r["method"] == "LCMCR"]


CASES = _cases()
# the UK tables mix slowly (R: effective sample size 2,100-3,100 in 1.1M
# iterations) and need long runs; HIV and lesbian take ~10 s each
SLOW = {"uk2013_5lists.csv", "uk2013_6lists.csv", "hiv_4lists.csv", "lesbian_4lists.csv"}
FAST_SETTINGS = dict(chains=8, burnin=10_000, samples=8_000, thinning=10)
SLOW_SETTINGS = dict(chains=8, burnin=20_000, samples=8_000, thinning=50)


def _check(res: rc.BayesResult, ref: dict) -> None:
    s = ref["settings"]
    assert res.settings["K"] == s["K"] == 10
    assert (res.settings["a_alpha"], res.settings["b_alpha"]) == (s["a_alpha"], s["b_alpha"])
    assert res.observed == ref["n_obs"]
    e = ref["summaries"]
    ours = {
        "median": (res.estimate, res.mc_error),
        "q025": (res.interval.low, res.interval.mc_error_low),
        "q975": (res.interval.high, res.interval.mc_error_high),
    }
    for key, (value, mc) in ours.items():
        sd_r = e[key]["sd_across_seeds"]
        tol = 4 * math.sqrt(sd_r**2 * (1 + 1 / 5) + mc**2) + 1
        assert abs(value - e[key]["avg_over_seeds"]) <= tol, (key, value, e[key], tol)


@pytest.mark.parametrize("ref", [r for r in CASES if r["dataset"] not in SLOW], ids=lambda r: r["dataset"])
def test_lcmcr_reference(mse_dir, ref):
    table = rc.read_csv(mse_dir / ref["dataset"])
    _check(rc.latent_class(table, seed=20261203, **FAST_SETTINGS), ref)


@pytest.mark.slow
@pytest.mark.parametrize("ref", [r for r in CASES if r["dataset"] in SLOW], ids=lambda r: r["dataset"])
def test_lcmcr_reference_long(mse_dir, ref):
    table = rc.read_csv(mse_dir / ref["dataset"])
    settings = SLOW_SETTINGS if ref["dataset"].startswith("uk") else FAST_SETTINGS
    _check(rc.latent_class(table, seed=20261203, **settings), ref)


def test_lcmcr_is_reproducible_and_reports_its_error():
    table = rc.CaptureTable.from_counts(
        [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1)],
        [41, 5, 5, 6, 54, 12, 0],
    )
    kw = dict(chains=4, burnin=300, max_burnin=300, samples=400, thinning=2)
    a = rc.latent_class(table, seed=3, **kw)
    b = rc.latent_class(table, seed=3, **kw)
    assert np.array_equal(a.draws, b.draws)
    assert a.draws.shape == (4, 100)
    assert a.draws.min() >= table.observed
    assert a.draws.max() <= 21 * table.observed  # LCMCR's cap on n0
    assert a.interval.method == "posterior" and a.interval.replicates == 400
    assert a.mc_error is not None and a.mc_error >= 0
    assert a.interval.low <= a.estimate <= a.interval.high
    # a fixed burn-in when max_burnin <= burnin (discarded, then 100 x 2
    # iterations kept); otherwise the burn-in may only grow
    assert a.settings["burnin"] == 300
    assert a.settings["iterations"] == 4 * (300 + 100 * 2)
    c = rc.latent_class(table, seed=3, **{**kw, "max_burnin": 700})
    assert 300 <= c.settings["burnin"] <= 700


def test_burnin_that_never_converges_is_reported():
    # a one-iteration cap on the adaptive burn-in cannot see the chains agree
    table = rc.CaptureTable.from_counts([(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 1)], [30, 30, 30, 2])
    res = rc.latent_class(table, seed=1, chains=2, burnin=1, max_burnin=2, samples=20, thinning=1)
    assert res.settings["burnin"] == 2
    assert "still disagreed after the longest burn-in" in res.warnings[0]


def test_lcmcr_rejects_bad_settings():
    table = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], [5, 5, 5])
    with pytest.raises(ValueError, match="chains"):
        rc.latent_class(table, chains=1)
    with pytest.raises(ValueError, match="K"):
        rc.latent_class(table, K=0)
