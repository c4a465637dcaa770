"""Linkage-error correction: hand-computed maps, a record-level simulation as oracle, the fit.

Oracles: the two-list maps are computed by hand from the error model (Ding & Fienberg 1994 for
two lists: a true pair is found with probability r, so the overlap observed is r times the true
one and each list total is kept); the three-list map is checked against a simulation that draws
every record's identifier, name quality and duplicates and links them as a graph (union-find
over the record pairs), independently of the enumeration in ``linkage_map``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recapture as rc
from recapture._linkerror import round_counts
from recapture._table import cell_patterns


def model(q, b=None, d=None, c=None, names=None) -> rc.LinkErrorModel:
    k = len(q)
    return rc.LinkErrorModel(
        tuple(names or "ABCDEF"[:k]),
        np.asarray(q, float),
        np.zeros(k) if b is None else np.asarray(b, float),
        np.zeros(k) if d is None else np.asarray(d, float),
        None if c is None else np.asarray(c, float),
    )


def test_two_lists_by_hand() -> None:
    # q_A = 1, q_B = 0.8: a true pair is linked with r = 0.8; a missed one is one on A plus one on B
    m = rc.linkage_map(model([1.0, 0.8]))
    np.testing.assert_allclose(m, [[1, 0, 0], [0, 1, 0], [0.2, 0.2, 0.8]])
    # observed A only 30, B only 20, both 40: true both = 40 / 0.8 = 50, A only = 30 - 0.2 * 50 = 20
    np.testing.assert_allclose(rc.correct_counts(np.array([30, 20, 40]), model([1.0, 0.8])), [20, 10, 50])


def test_identifier_links_by_hand() -> None:
    # b = 0.5 on both lists, q = 0.8: P(link) = P(both ids) + P(both names) - P(both) = .25 + .64 - .16
    m = rc.linkage_map(model([0.8, 0.8], b=[0.5, 0.5]))
    np.testing.assert_allclose(m[2], [0.27, 0.27, 0.73])
    # with only 40 % of the id-carrying records usable by name: .25 + (.5*.8 + .5*.4*.8)^2 - (.5*.4*.8)^2 ...
    mc = rc.linkage_map(model([0.8, 0.8], b=[0.5, 0.5], c=[0.5, 0.5]))
    both_id, g = 0.25, 0.5 * 0.5 * 0.8 + 0.5 * 0.8  # P(record has linkable names) = b c q + (1 - b) q
    both_all = 0.5 * 0.5 * 0.8  # P(record has both)
    p = both_id + g**2 - both_all**2
    np.testing.assert_allclose(mc[2, 2], p)


def test_no_error_is_the_identity() -> None:
    m = rc.linkage_map(model([1.0, 1.0, 1.0], b=[0.3, 0.0, 1.0]))
    np.testing.assert_allclose(m, np.eye(7))
    y = np.array([5, 7, 1, 9, 2, 3, 4])
    np.testing.assert_allclose(rc.correct_counts(y, model([1.0, 1.0, 1.0])), y, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(*[st.floats(0, 1)] * 3), min_size=3, max_size=4))
def test_without_duplicates_every_list_total_is_kept(rates) -> None:
    """Each person's one record on a list lies in exactly one cluster: list totals do not change."""
    q, b, c = (np.array(v) for v in zip(*rates, strict=True))
    m = rc.linkage_map(model(q, b=b, c=c))
    pats = cell_patterns(len(q)).astype(float)
    np.testing.assert_allclose(m @ pats, pats, atol=1e-12)


def simulate_linkage(x: np.ndarray, mdl: rc.LinkErrorModel, rng: np.random.Generator) -> np.ndarray:
    """Linked table of people with true cell counts ``x``: records drawn and linked as a graph."""
    k = len(mdl.names)
    out = np.zeros(2**k - 1)
    pats = cell_patterns(k)
    for cell, count in enumerate(x):
        on = np.nonzero(pats[cell])[0]
        for _ in range(int(count)):
            lists = [i for i in on for _ in range(1 + (rng.random() < mdl.duplicate[i]))]
            ident = rng.random(len(lists)) < mdl.certain[lists]
            usable = np.where(ident, mdl.capable[lists], 1.0) * mdl.quality[lists]
            names = rng.random(len(lists)) < usable
            parent = list(range(len(lists)))  # union-find over the records' links

            def root(i: int, parent: list[int] = parent) -> int:
                while parent[i] != i:
                    i = parent[i]
                return i

            for i in range(len(lists)):
                for j in range(i + 1, len(lists)):
                    if (ident[i] and ident[j]) or (names[i] and names[j]):
                        parent[root(j)] = root(i)
            clusters: dict[int, int] = {}
            for i, lst in enumerate(lists):
                clusters[root(i)] = clusters.get(root(i), 0) | 1 << int(lst)
            for mask in clusters.values():
                out[mask - 1] += 1
    return out


def test_map_matches_a_record_level_simulation() -> None:
    mdl = model([0.8, 0.7, 0.9], b=[0.1, 0.6, 0.9], d=[0.05, 0.1, 0.03], c=[0.9, 0.6, 0.8])
    x = np.array([30, 40, 15, 60, 25, 30, 20])
    rng = np.random.default_rng(7)
    sims = np.array([simulate_linkage(x, mdl, rng) for _ in range(200)])
    expected = rc.linkage_map(mdl).T @ x
    se = sims.std(axis=0, ddof=1) / math.sqrt(len(sims))
    assert np.all(np.abs(sims.mean(axis=0) - expected) < 4 * se + 1e-9)
    # the correction recovers the true table in expectation
    corrected = rc.correct_counts(sims.mean(axis=0), mdl)
    np.testing.assert_allclose(corrected, x, rtol=0.05, atol=1.0)


def test_fit_by_hand_on_within_list_pairs() -> None:
    # only within-list pairs: q_L^2 = linked / pairs, so q = sqrt(64/100) = 0.8 and sqrt(81/100) = 0.9
    v = rc.LinkageValidation(("A", "B"), [[100, 0], [0, 100]], [[64, 0], [0, 81]], [1000, 1000], [500, 500])
    fit = rc.fit_link_errors(v, spread=math.inf)
    np.testing.assert_allclose(fit.quality, [0.8, 0.9], atol=1e-4)
    np.testing.assert_allclose(fit.certain, [0.5, 0.5])
    # duplicates pooled: 200 pairs over 1000 * 0.5**2 + 1000 * 0.5**2 = 500 -> x = 0.4, d = x / (1 - x) = 2/3
    np.testing.assert_allclose(fit.duplicate, [2 / 3, 2 / 3])


def test_fit_recovers_rates_from_simulated_pairs() -> None:
    rng = np.random.default_rng(3)
    q = np.array([0.7, 0.85, 0.95])
    n = np.triu(np.full((3, 3), 4000))
    linked = np.triu(rng.binomial(n, np.outer(q, q)))
    fit = rc.fit_link_errors(rc.LinkageValidation(("A", "B", "C"), n, linked, [9, 9, 9], [9, 9, 9]))
    np.testing.assert_allclose(fit.quality, q, atol=0.02)


def test_shrinkage_keeps_a_sparse_list_off_the_boundary() -> None:
    # list C has two validation pairs, both missed: plain ML puts q_C at 0, the penalty keeps it near the others
    pairs, linked = [[0, 200, 2], [0, 0, 0], [0, 0, 0]], [[0, 160, 0], [0, 0, 0], [0, 0, 0]]
    v = rc.LinkageValidation(("A", "B", "C"), pairs, linked, [500, 500, 500], [300, 300, 20])
    assert rc.fit_link_errors(v, spread=math.inf).quality[2] < 0.05
    assert rc.fit_link_errors(v).quality[2] > 0.3


def test_refuses_unmeasured_lists_and_mismatched_names() -> None:
    pairs, linked = [[5, 5, 0], [0, 5, 0], [0, 0, 0]], [[4, 4, 0], [0, 4, 0], [0, 0, 0]]
    v = rc.LinkageValidation(("A", "B", "C"), pairs, linked, [10, 10, 10], [5, 5, 5])
    with pytest.raises(ValueError, match="C"):
        rc.fit_link_errors(v)
    table = rc.CaptureTable(("X", "Y", "Z"), np.arange(1, 8))
    with pytest.raises(ValueError, match="same lists"):
        rc.estimate_linkage_corrected(table, v)
    with pytest.raises(ValueError):
        rc.LinkageValidation(("A",), [[3]], [[4]], [5], [5])  # more links than pairs


def test_round_counts_keeps_the_total() -> None:
    x = np.array([1.4, 2.4, 3.2, 0.0, 5.0])
    r = round_counts(x)
    assert r.sum() == round(x.sum()) and np.all(np.abs(r - x) < 1)


def test_corrected_estimate_removes_the_split_people() -> None:
    """2,000 people on three lists, linked with errors: the corrected estimate is near N, the naive one high."""
    rng = np.random.default_rng(11)
    n_true, p = 2000, np.array([0.4, 0.35, 0.3])
    pats = cell_patterns(3)
    cell_p = np.prod(np.where(pats == 1, p, 1 - p), axis=1)
    x = rng.multinomial(n_true, np.concatenate([[np.prod(1 - p)], cell_p]))[1:]
    mdl = model([0.85, 0.75, 0.9], b=[0.3, 0.6, 0.9], d=[0.03, 0.03, 0.03])
    y = simulate_linkage(x, mdl, rng).astype(np.int64)
    # validation: pairs of id-carrying records, linked by name with q_L q_M; within a list the
    # duplicate pairs expected among 1,000 records (records * b^2 * d / (1 + d))
    n = np.triu(np.full((3, 3), 150))
    n[np.diag_indices(3)] = [3, 10, 24]
    linked = np.triu(rng.binomial(n, np.outer(mdl.quality, mdl.quality)))
    v = rc.LinkageValidation(("A", "B", "C"), n, linked, [1000, 1000, 1000], [300, 600, 900])
    table = rc.CaptureTable(("A", "B", "C"), y)
    naive = rc.estimate(table).estimate
    res = rc.estimate_linkage_corrected(table, v, n_boot=200, seed=5)
    assert naive > 1.15 * n_true  # the split people inflate the uncorrected estimate
    assert abs(res.estimate - n_true) < 0.06 * n_true
    assert res.interval.low < n_true < res.interval.high
    assert res.interval.method == "bootstrap-bc-linkage" and res.interval.replicates == 200
    assert res.corrected_observed < table.observed


def test_simulated_linkage_has_the_map_as_expectation() -> None:
    mdl = model([0.8, 0.7, 0.9], b=[0.1, 0.6, 0.9], d=[0.05, 0.1, 0.03], c=[0.9, 0.6, 0.8])
    x = np.array([30, 40, 15, 60, 25, 30, 20])
    rng = np.random.default_rng(2)
    sims = np.array([rc.simulate_linkage(x, mdl, rng) for _ in range(2000)], dtype=float)
    se = sims.std(axis=0, ddof=1) / math.sqrt(len(sims))
    assert np.all(np.abs(sims.mean(axis=0) - rc.linkage_map(mdl).T @ x) < 4 * se + 1e-9)


def test_laplace_covariance_by_hand() -> None:
    # one list, n = 400 within-list pairs, 256 linked: q = 0.8; Fisher information of logit q for
    # p = q^2 is 4 n q^2 (1 - q) / (1 + q) = 113.78, so its variance is 1 / 113.78
    v = rc.LinkageValidation(("A",), [[400]], [[256]], [1000], [500])
    fit = rc.fit_link_errors(v, spread=math.inf)
    assert fit.quality[0] == pytest.approx(0.8, abs=1e-4)
    assert fit.quality_cov[0, 0] == pytest.approx(1 / (4 * 400 * 0.64 * 0.2 / 1.8), rel=0.02)
    draws = np.array([fit.draw(np.random.default_rng(i)).quality[0] for i in range(400)])
    assert draws.std() == pytest.approx(0.8 * 0.2 * math.sqrt(fit.quality_cov[0, 0]), rel=0.15)


def test_every_pair_linked_gives_a_high_quality_with_a_finite_spread() -> None:
    # 200 validation pairs, all linked: the weak prior keeps logit q finite (2 n e^-t = t / 9 at the
    # mode, t ~ 6: q ~ 0.998) and the posterior draws near 1, not spread over (0, 1)
    v = rc.LinkageValidation(("A", "B"), [[0, 200], [0, 0]], [[0, 200], [0, 0]], [500, 500], [300, 300])
    fit = rc.fit_link_errors(v)
    assert np.all(fit.quality > 0.99) and np.all(np.linalg.eigvalsh(fit.quality_cov) < 5)
    draws = np.array([fit.draw(np.random.default_rng(i)).quality for i in range(200)])
    assert np.quantile(draws, 0.05) > 0.9
