"""BCa intervals with model selection in every replicate, against SparseMSE 2.0.1.

Oracle: ``bca95`` in ``expected.json`` (SparseMSE ``estimatepopulation``, stepwise, 1,000
replicates; Chan, Silverman & Vincent 2021). Each published bound is a single random draw: a
bound of one 1,000-replicate run varies from seed to seed by about 3 % (UK lower bounds) to
12 % (New Orleans lower bound), so a single run cannot be held to 3 %. The test averages
``SEEDS`` runs and accepts a bound within 3 % of the published one, or, where the Monte Carlo
spread of one run is wider than that, within two run-to-run standard deviations (the spread
the published draw itself has).
"""

from __future__ import annotations

import numpy as np
import pytest

import recapture as rc

SEEDS = range(8)
REL_TOL = 0.03
CASES = ["uk2013_6lists.csv", "uk2013_5lists.csv", "new_orleans_8lists_185.csv"]


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_bca_bounds_match_sparsemse(name, mse_dir, expected):
    reference = next(r for r in expected[name]["results"] if r["method"] == "stepwise" and "bca95" in r)
    table = rc.read_csv(mse_dir / name)
    bounds = []
    for seed in SEEDS:
        result = rc.estimate(table, "stepwise", threshold=reference["threshold"], n_boot=1000, seed=seed, workers=2)
        interval = result.intervals["bootstrap"]
        assert interval.method == "bootstrap-bca"
        bounds.append((interval.low, interval.high))
    bounds_array = np.array(bounds)
    for column, published in enumerate(reference["bca95"]):
        mean, spread = bounds_array[:, column].mean(), bounds_array[:, column].std(ddof=1)
        tolerance = max(REL_TOL * published, 2 * spread)
        assert abs(mean - published) <= tolerance, (name, column, mean, spread, published)
