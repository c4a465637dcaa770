"""Model averaging over decomposable graphs against R's dga.

Reference: dga 2.0.2 (Johndrow, Lum & Ball; Madigan & York 1997) under
R 4.2.2, ``bma.cr(Y, Nmissing = 0:M, delta, graphsP, logprior =
-log(Nmissing + n_obs))`` with the graphs3/4/5 sets and a uniform prior over
them; summaries and settings in ``shared/testdata/mse/bayes_expected.json``.
The posterior is deterministic given the grid, so the match is tight: grid
quantiles, mode and median exactly, mean and sd to the reference's rounding
(0.1, or 1e-5 relative on the truncated five-list grid), the posterior weights of the top models to 1e-4.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import recapture as rc
from conftest import MSE_DIR


def _cases() -> list[dict]:
    path = MSE_DIR / "bayes_expected.json"
    if not path.exists():
        return []
    return [r for r in json.loads(path.read_text())["results"] if r["method"] == "dga"]


CASES = _cases()
# the 60x grid on five lists is the slowest case and equal to the 30x one
FAST = [r for r in CASES if r["settings"]["grid_factor"] <= 30]


@pytest.mark.parametrize("ref", FAST, ids=[f"{r['dataset']}-{r['config']}" for r in FAST])
def test_dga_reference(mse_dir, ref):
    table = rc.read_csv(mse_dir / ref["dataset"])
    s = ref["settings"]
    n_max = int(s["Nmissing"].split(":")[1])
    res = rc.model_average(table, delta=s["delta"], n_max=n_max)
    e = ref["summaries"]
    assert res.observed == ref["n_obs"]
    assert res.settings["n_graphs"] == s["n_models"]
    assert res.estimate == e["median"]
    assert res.interval.low == e["q025"]
    assert res.interval.high == e["q975"]
    assert res.mode == e["mode"]
    assert res.mean == pytest.approx(e["mean"], abs=0.051, rel=1e-5)
    assert res.sd == pytest.approx(e["sd"], abs=0.051, rel=1e-5)
    for ours, theirs in zip(res.graphs, ref["top_models"][:3], strict=False):
        assert set(ours.cliques) == set(theirs["cliques"].split(" + "))
        assert ours.weight == pytest.approx(theirs["posterior_weight"], abs=1e-4)
        assert ours.median == theirs["conditional_median_N"]
    # the reference records how much mass the grid's top 10 % holds
    truncated = ref["diagnostics"]["posterior_mass_top_10pct_of_grid"] > 1e-3
    assert bool(res.warnings) == truncated


@pytest.mark.slow
@pytest.mark.parametrize("ref", [r for r in CASES if r not in FAST])
def test_dga_reference_wide_grid(mse_dir, ref):
    table = rc.read_csv(mse_dir / ref["dataset"])
    n_max = int(ref["settings"]["Nmissing"].split(":")[1])
    res = rc.model_average(table, delta=ref["settings"]["delta"], n_max=n_max)
    assert (res.estimate, res.interval.low, res.interval.high) == (
        ref["summaries"]["median"],
        ref["summaries"]["q025"],
        ref["summaries"]["q975"],
    )


def test_graph_counts_match_dga():
    # dga ships graphs3 (8), graphs4 (61) and graphs5 (822): the labelled chordal graphs
    assert [len(rc.decomposable_graphs(p)) for p in (3, 4, 5)] == [8, 61, 822]


def test_default_delta_and_list_limits():
    table = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], [5, 5, 5])
    with pytest.raises(ValueError, match="3 to 5 lists"):
        rc.model_average(table)
    t3 = rc.CaptureTable.from_counts(
        [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1)],
        [30, 30, 30, 10, 10, 10, 4],
    )
    res = rc.model_average(t3, n_max=2000)
    assert res.settings["delta"] == 2.0**-3
    assert np.isclose(res.draws.sum(), 1.0)
    assert res.interval.low <= res.estimate <= res.interval.high


def test_posterior_does_not_depend_on_the_order_of_the_lists():
    """Relabelling the lists permutes the graphs among themselves: the
    posterior of N must not change (a check of the cliques and separators)."""
    pats = [(a, b, c, d) for a in (0, 1) for b in (0, 1) for c in (0, 1) for d in (0, 1)][1:]
    counts = [208, 281, 28, 534, 53, 64, 20, 589, 143, 44, 19, 104, 48, 27, 23]
    base = rc.model_average(rc.CaptureTable.from_counts(pats, counts), n_max=20_000)
    for order in [(3, 1, 0, 2), (2, 3, 1, 0)]:
        t = rc.CaptureTable.from_counts([tuple(p[i] for i in order) for p in pats], counts)
        res = rc.model_average(t, n_max=20_000)
        np.testing.assert_allclose(res.draws, base.draws, rtol=1e-9, atol=1e-300)
        assert res.graphs[0].weight == pytest.approx(base.graphs[0].weight, rel=1e-9)
