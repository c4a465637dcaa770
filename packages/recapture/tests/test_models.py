"""Log-linear fits: statsmodels GLM as oracle, model enumeration counts,
empty-overlap handling and the existence / identifiability check."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

import recapture as rc
from recapture._terms import all_terms, design_matrix


@pytest.mark.parametrize(
    "fname, terms",
    [
        ("uk2013_6lists.csv", ["PF:NCA", "LA:NG", "NG:GP"]),
        ("lesbian_4lists.csv", ["A:B", "A:D", "B:C", "B:D", "C:D"]),
        ("korea_3lists.csv", ["b:c", "c:d"]),
        ("uk2013_5lists.csv", ["LA:NG:PFNCA", "NG:GP", "PFNCA:GO"]),
    ],
)
def test_glm_matches_statsmodels(mse_dir, fname, terms):
    """Coefficients, deviance and intercept SE equal statsmodels' Poisson GLM (1e-6)."""
    table = rc.read_csv(mse_dir / fname)
    fit = rc.fit_model(table, terms)
    tt = [tuple(sorted(table.names.index(x) for x in s.split(":"))) for s in terms]
    closed = sorted({t for t in fit.terms}, key=lambda t: (len(t), t))
    assert set(tt) <= set(closed)
    X = design_matrix(table.patterns, closed)
    ref = sm.GLM(table.counts.astype(float), X, family=sm.families.Poisson()).fit(tol=1e-12)
    assert fit.deviance == pytest.approx(ref.deviance, rel=1e-6, abs=1e-8)
    assert np.log(fit.dark) == pytest.approx(ref.params[0], rel=1e-6)
    assert fit.se_log_dark == pytest.approx(ref.bse[0], rel=1e-5)
    assert fit.aic == pytest.approx(ref.aic, rel=1e-6)


@pytest.mark.parametrize("k, order, count", [(6, 2, 32768), (5, 2, 1024), (5, 4, 6893), (3, 2, 8), (4, 3, 113)])
def test_enumeration_counts(k, order, count):
    """Hierarchical model counts (expected.json models_searched; 113 for 4 lists up to order 3)."""
    models = rc.enumerate_hierarchical(k, order)
    assert models.shape == (count, len(all_terms(k, order)))
    assert len({m.tobytes() for m in models}) == count
    assert not models[0].any()


def test_empty_overlap_term_reported(mse_dir):
    """A two-list term with empty overlap is fitted at -inf: its cells leave the fit
    (Chan, Silverman & Vincent 2021) and it is reported separately."""
    table = rc.read_csv(mse_dir / "new_orleans_8lists_185.csv")
    assert table.overlap([0, 1]) == 0
    res = rc.estimate(table, "fixed", terms=["A:B", "D:E"])
    assert res.empty_overlap_terms == ("A:B",)
    assert set(res.terms) == {"A:B", "D:E"}
    fit = rc.fit_model(table, ["A:B", "D:E"])
    assert "A:B" not in fit.coefficients
    assert np.all(fit.fitted[(table.patterns[:, 0] == 1) & (table.patterns[:, 1] == 1)] == 0)
    # the AIC counts the -inf parameter (SparseMSE modelfit)
    assert fit.n_params == 1 + 8 + 2


def _artificial3():
    # three lists, overlaps only A:B, A:C, B:C pairwise with nobody on all three
    return rc.CaptureTable.from_counts(
        [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1]], [10, 12, 9, 3, 2, 4]
    )


def test_existence_saturated_three_lists():
    """All two-way terms on 3 lists with nobody on all three: the extended MLE of the
    dark figure does not exist (Fienberg & Rinaldo 2012 LP; SparseMSE checkident);
    dropping one pair restores it."""
    t = _artificial3()
    fit = rc.fit_model(t, ["A:B", "A:C", "B:C"])
    assert not fit.existence.exists
    assert rc.fit_model(t, ["A:B", "A:C"]).existence.ok
    res = rc.estimate(t, "bic")
    assert res.terms != ("A:B", "A:C", "B:C")
    assert any("does not exist" in f for f in res.failed_models) or res.models_searched == 8


def test_non_identifiable_when_cells_removed():
    """Empty A:B and A:C overlaps remove cells so the B:C column is confounded."""
    t = rc.CaptureTable.from_counts([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 1]], [10, 12, 9, 4])
    fit = rc.fit_model(t, ["A:B", "A:C", "B:C"])
    assert not fit.existence.ok


def test_check_existence_matches_lp_definition():
    """Direct check on a tiny design: positive vector with the same margins exists."""
    X = np.array([[1, 1, 0], [1, 0, 1], [1, 1, 1]], dtype=float)
    assert rc.check_existence(X, np.array([1.0, 2.0, 3.0])).ok
    assert not rc.check_existence(X, np.array([0.0, 2.0, 3.0])).exists


def test_no_overlap_at_all_is_a_clear_error():
    """Lists that never overlap: the dark figure is infinite (no MLE), so every
    method raises a ValueError naming the model instead of returning nonsense."""
    t = rc.CaptureTable.from_counts([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [2, 6, 3])
    for method in ("main", "stepwise", "bhs", "bic"):
        with pytest.raises(ValueError, match=r"\[main effects only\] does not exist"):
            rc.estimate(t, method)


def test_profile_interval_at_boundary():
    """Profile maximum at N = observed: the interval starts at the number observed."""
    t = rc.CaptureTable.from_counts(
        [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]],
        [1, 1, 1, 40, 40, 40, 60],
    )
    res = rc.estimate(t, "main")
    iv = res.intervals["profile"]
    assert iv.low >= t.observed
    assert iv.low <= res.multinomial_estimate <= iv.high


@pytest.mark.parametrize("method", ["stepwise", "bhs", "bic"])
def test_failing_model_never_selected_and_named(method):
    """Three lists, nobody on all three: the all-pairs model has no MLE
    (Chan, Silverman & Vincent 2021, section 2); it is never selected and the
    rejection names the model's terms."""
    t = rc.CaptureTable.from_counts(
        [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1]], [10, 12, 9, 30, 20, 40]
    )
    res = rc.estimate(t, method, threshold=0.99 if method != "bic" else None)
    assert len(res.terms) == 2
    assert any(f.startswith("[A:B, A:C, B:C]: MLE does not exist") for f in res.failed_models)


def test_compact_fits_equal_masked_fits(mse_dir):
    """The compact batched IRLS used by exhaustive search gives the same deviance
    as the masked batched IRLS for every model (1e-6 absolute), and the same
    intercept wherever the MLE exists."""
    from recapture._glm import fit_poisson_compact
    from recapture._model import ModelSpace

    t = rc.read_csv(mse_dir / "lesbian_4lists.csv")
    sp = ModelSpace(t, 3)
    models = rc.enumerate_hierarchical(4, 3)
    base, _ = sp.fit(models[:1])
    b0 = np.repeat(base.beta, len(models), axis=0)
    res, _ = sp.fit(models, beta0=b0, cov=False)
    colmask, cellmask, _ = sp.masks(models)
    beta, dev, _, conv = fit_poisson_compact(sp.X, sp.y, colmask, cellmask, b0)
    np.testing.assert_allclose(dev, res.deviance, atol=1e-6)
    ok = np.array([sp.check(m).ok for m in models])
    np.testing.assert_allclose(beta[ok, 0], res.beta[ok, 0], rtol=1e-6)
