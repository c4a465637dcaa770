"""Methods side by side: the headline first, the range across methods."""

from __future__ import annotations

import json
import math

import pytest

import recapture as rc

FAST_MCMC = dict(chains=4, burnin=300, samples=400, thinning=2)


def test_three_lists_give_three_methods(mse_dir):
    table = rc.read_csv(mse_dir / "korea_3lists.csv")
    cmp = rc.compare_methods(
        table,
        n_boot=200,
        boot_mc_tol=None,
        seed=1,
        workers=1,
        latent_class_options=FAST_MCMC,
        model_average_options={"n_max": 1230},
    )
    assert [e.method for e in cmp.estimates] == ["stepwise", "lcmcr", "dga"]
    assert cmp.headline is cmp.estimates[0]
    stepwise = rc.estimate(table, "stepwise")
    assert cmp.headline.estimate == pytest.approx(stepwise.estimate)
    lo, hi = cmp.estimate_range
    assert lo == min(e.estimate for e in cmp.estimates) and hi == max(e.estimate for e in cmp.estimates)
    assert cmp.headline.interval.method == "bootstrap-bca" and cmp.headline.interval.replicates == 200
    # dga with delta = 2^-p on the grid 0..10x: 159 [123; 388] (dga 2.0.2, bayes_expected.json)
    dga = cmp.estimates[2]
    assert (dga.estimate, dga.interval.low, dga.interval.high) == (159, 123, 388)
    doc = json.loads(json.dumps(cmp.to_dict()))
    assert doc["headline_method"] == "stepwise" and len(doc["estimates"]) == 3
    assert doc["estimates"][0]["label"].startswith("log-linear")


def test_two_lists_use_chapman_and_a_headline_can_be_chosen():
    table = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], [40, 30, 20])
    cmp = rc.compare_methods(table, headline="chapman")
    assert [e.method for e in cmp.estimates] == ["chapman"]
    assert cmp.headline.interval.method == "chapman-profile"


def test_a_method_that_cannot_be_applied_is_listed_not_raised():
    table = rc.CaptureTable.from_counts([(1, 0), (0, 1)], [40, 30])
    cmp = rc.compare_methods(table)
    assert cmp.estimates == () and "no information" in cmp.failed["chapman"]
    assert cmp.headline is None and all(math.isnan(x) for x in cmp.estimate_range)


def test_cli_compare(mse_dir, capsys):
    from recapture.cli import main

    f = str(mse_dir / "korea_3lists.csv")
    assert main(["compare", f, "--bootstrap", "100", "--seed", "1", "--workers", "1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [e["method"] for e in doc["estimates"]] == ["stepwise", "lcmcr", "dga"]
    assert main(["compare", f, "--bootstrap", "100", "--seed", "1", "--workers", "1"]) == 0
    text = capsys.readouterr().out
    assert "range of the estimates across methods" in text and "stepwise" in text
