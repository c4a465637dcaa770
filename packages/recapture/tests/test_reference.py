"""Reproduce the reference values in ``shared/testdata/mse/expected.json``.

Sources: SparseMSE 2.0.1 (Chan, Silverman & Vincent 2021) for stepwise and
model-conditional intervals; Rcapture 1.4-4 (Rivest & Baillargeon 2014) for
exhaustive BIC, multinomial estimates and profile intervals; modslavmse 2.0
(Bales, Hesketh & Silverman 2015) for the bhs method.  Tolerance: 0.1 %
relative for point estimates and model/profile intervals; selected terms
exactly (as sets).
"""

from __future__ import annotations

import pytest

import recapture as rc
from conftest import expected_cases

RTOL = 1e-3  # 0.1 % relative

_METHOD = {"main_effects": "main", "stepwise": "stepwise", "bhs": "bhs", "bic": "bic"}


def _id(case):
    fname, r = case
    return f"{fname}-{r['method']}-{r.get('maxorder', '')}"


def _rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b)


_CACHE: dict = {}


def _run(mse_dir, fname, r):
    key = (fname, r["method"], r.get("maxorder"), r.get("threshold"))
    if key not in _CACHE:
        table = rc.read_csv(mse_dir / fname)
        _CACHE[key] = (
            table,
            rc.estimate(
                table,
                _METHOD[r["method"]],
                maxorder=r.get("maxorder", 2),
                threshold=r.get("threshold"),
            ),
        )
    return _CACHE[key]


CASES = expected_cases()


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_point_estimates(mse_dir, expected, case):
    """Poisson (observed + exp(intercept)) and multinomial estimates to 0.1 %."""
    fname, r = case
    table, res = _run(mse_dir, fname, r)
    assert res.observed == expected[fname]["observed"]
    if "poisson" in r:
        assert _rel(res.estimate, r["poisson"]) < RTOL
    if "multinomial" in r:
        assert _rel(res.multinomial_estimate, r["multinomial"]) < RTOL


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_intervals(mse_dir, case):
    """ci95_model (SparseMSE, normal on log dark figure) and ci95_profile
    (Rcapture multinomial profile likelihood) to 0.1 %."""
    fname, r = case
    _, res = _run(mse_dir, fname, r)
    if "ci95_model" in r:
        iv = res.intervals["model"]
        assert _rel(iv.low, r["ci95_model"][0]) < RTOL
        assert _rel(iv.high, r["ci95_model"][1]) < RTOL
    if "ci95_profile" in r:
        iv = res.intervals["profile"]
        assert _rel(iv.low, r["ci95_profile"][0]) < RTOL
        assert _rel(iv.high, r["ci95_profile"][1]) < RTOL


TERM_CASES = [c for c in CASES if "terms" in c[1]]
COUNT_CASES = [c for c in expected_cases("bic") if "models_searched" in c[1]]


@pytest.mark.parametrize("case", TERM_CASES, ids=[_id(c) for c in TERM_CASES])
def test_selected_terms(mse_dir, case):
    """Selected model's terms exactly (as sets); stepwise also in the order added."""
    fname, r = case
    _, res = _run(mse_dir, fname, r)
    assert set(res.terms) == set(r["terms"])
    if r["method"] == "stepwise":
        assert list(res.terms_added) == r["terms"]


@pytest.mark.parametrize("case", COUNT_CASES, ids=[_id(c) for c in COUNT_CASES])
def test_models_searched(mse_dir, case):
    """Exhaustive search counts: 2**15 = 32,768 (6 lists), 1,024 and 6,893 (5 lists)."""
    fname, r = case
    _, res = _run(mse_dir, fname, r)
    assert res.models_searched == r["models_searched"]


def test_bhs_same_as_stepwise_uk(mse_dir):
    """On the UK six-list data the BHS method selects the stepwise model
    (Poisson 11,418; expected.json)."""
    table = rc.read_csv(mse_dir / "uk2013_6lists.csv")
    a = rc.estimate(table, "bhs")
    b = rc.estimate(table, "stepwise")
    assert set(a.terms) == set(b.terms)
