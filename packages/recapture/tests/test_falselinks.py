"""False merges and weak records in the linkage-error correction.

Oracles: changes computed by hand for two lists; a record-level simulation that links random
record pairs of different people at the stated rate and takes the connected components
(union-find over records, independent of the cluster-level ``merge_effect``); and, for the weak
records, the map by hand from the error model and a simulation of validation pairs for the fit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import recapture as rc
from recapture._falselinks import merge_effect, simulate_merges, unmerge
from recapture._table import cell_patterns


def test_one_merge_between_two_lists_by_hand() -> None:
    # A only 10, B only 10, both 0; one expected merge between A and B joins an A-only with a B-only
    change = merge_effect(np.array([10.0, 10.0, 0.0]), np.array([[0.0, 1.0], [0.0, 0.0]]))
    np.testing.assert_allclose(change, [-1, -1, 1])
    # within one list: two A-only clusters become one A-only cluster (one person fewer)
    change = merge_effect(np.array([10.0, 10.0, 0.0]), np.array([[1.0, 0.0], [0.0, 0.0]]))
    np.testing.assert_allclose(change, [-1, 0, 0])


def test_merges_from_a_list_are_drawn_in_proportion_to_its_clusters_by_hand() -> None:
    # clusters on A: 30 A only, 10 on both; on B: 20 B only, 10 on both. One merge between A and B:
    # A side A-only w.p. 3/4, B side B-only w.p. 2/3; A-only + B-only -> AB (1/2), A-only + AB -> AB ...
    y = np.array([30.0, 20.0, 10.0])
    change = merge_effect(y, np.array([[0.0, 1.0], [0.0, 0.0]]))
    a, b = np.array([0.75, 0.0, 0.25]), np.array([0.0, 2 / 3, 1 / 3])
    expected = -a - b
    expected[2] += 1.0  # every join of a cluster on A and one on B is on both
    np.testing.assert_allclose(change, expected)
    assert change.sum() == pytest.approx(-1.0)


def test_unmerge_inverts_the_expected_change() -> None:
    x = np.array([300.0, 200.0, 50.0, 400.0, 40.0, 60.0, 30.0])
    expected = np.triu(np.full((3, 3), 4.0))
    y = x + merge_effect(x, expected)
    np.testing.assert_allclose(unmerge(y, expected), x, rtol=1e-6)


def exposure_of(records: np.ndarray) -> np.ndarray:
    """Record pairs between lists (all records capable and without the identifier)."""
    pairs = np.outer(records, records).astype(float)
    np.fill_diagonal(pairs, records * (records - 1) / 2)
    return np.stack([np.triu(pairs), np.zeros_like(pairs)])


def linked_with_false_links(x: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """People with true cell counts ``x``, one record per list; every pair of records of different
    people linked with probability ``rate``; the people are the components of the links."""
    k = int(math.log2(x.size + 1))
    pats = cell_patterns(k)
    person = np.repeat(np.arange(int(x.sum())), [int(pats[c].sum()) for c in range(x.size) for _ in range(int(x[c]))])
    lists = np.concatenate([np.nonzero(pats[c])[0] for c in range(x.size) for _ in range(int(x[c]))])
    n = person.size
    parent = np.arange(int(x.sum()))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for _ in range(rng.binomial(n * (n - 1) // 2, rate)):
        i, j = rng.choice(n, size=2, replace=False)
        if person[i] != person[j]:
            parent[root(person[j])] = root(person[i])
    masks: dict[int, int] = {}
    for p, lst in zip(person, lists, strict=True):
        masks[root(p)] = masks.get(root(p), 0) | 1 << int(lst)
    out = np.zeros(x.size)
    for mask in masks.values():
        out[mask - 1] += 1
    return out


def test_merges_match_a_record_level_simulation_and_the_correction_recovers_the_truth() -> None:
    x = np.array([300, 200, 60, 250, 50, 80, 40])
    pats = cell_patterns(3)
    records = (x[:, None] * pats).sum(axis=0)
    rate = 2e-5  # about 25 false links among some 1,400 records
    merges = rc.FalseMerges(np.array([rate * 1e6, 0.0]), np.array([1e6, 1.0]), exposure_of(records))
    rng = np.random.default_rng(3)
    sims = np.array([linked_with_false_links(x, rate, rng) for _ in range(300)])
    expected = x + merge_effect(x.astype(float), merges.expected())
    se = sims.std(axis=0, ddof=1) / math.sqrt(len(sims))
    assert np.all(np.abs(sims.mean(axis=0) - expected) < 4 * se + 0.05)
    assert sims.mean(axis=0).sum() < x.sum() - 15  # the merges are there to be seen
    model = rc.LinkErrorModel(("A", "B", "C"), np.ones(3), np.zeros(3), np.zeros(3), merges=merges)
    np.testing.assert_allclose(rc.correct_counts(sims.mean(axis=0), model), x, rtol=0.03, atol=1.5)
    # the bootstrap's simulator has the same expectation
    drawn = np.array([simulate_merges(x, merges.expected(), rng) for _ in range(300)])
    se = drawn.std(axis=0, ddof=1) / math.sqrt(len(drawn))
    assert np.all(np.abs(drawn.mean(axis=0) - expected) < 4 * se + 0.05)


def test_exposure_counts_the_pairs_the_rule_decides_on_names_by_hand() -> None:
    # A: 10 records, 4 with the identifier (3 capable, 1 weak); B: 5 records, 5 with it (2 capable, 3 weak)
    m = rc.FalseMerges.from_counts((2, 1), records=np.array([10, 5]), certain=np.array([4, 5]), capable=[3, 2])
    # capable pairs: bare A (6) x (bare B 0 + capable B 2) + capable A 3 x bare B 0 = 12; within A 6*5/2 + 6*3
    np.testing.assert_allclose(m.exposure[0], [[15 + 18, 12], [0, 0]])
    # weak pairs: bare A 6 x weak B 3 + weak A 1 x bare B 0 = 18; within A 6 x 1
    np.testing.assert_allclose(m.exposure[1], [[6, 18], [0, 0]])
    # validation pairs: capable 5 (3 + 2) -> 10 pairs; capable x weak 5 x 4 = 20
    np.testing.assert_allclose(m.pairs, [10, 20])
    np.testing.assert_allclose(m.rate, [0.2, 0.05])
    np.testing.assert_allclose(m.expected(), [[0.2 * 33 + 0.05 * 6, 0.2 * 12 + 0.05 * 18], [0, 0]])


def test_drawn_rates_centre_on_the_jeffreys_posterior_mean() -> None:
    m = rc.FalseMerges(np.array([40.0, 3.0]), np.array([1e5, 1e4]), np.zeros((2, 2, 2)))
    rng = np.random.default_rng(5)
    draws = np.array([m.draw(rng).rate for _ in range(4000)])
    np.testing.assert_allclose(draws.mean(axis=0), [40.5e-5, 3.5e-4], rtol=0.05)
    with pytest.raises(ValueError, match="no more merges than pairs"):
        rc.FalseMerges(np.array([5.0, 0.0]), np.array([4.0, 1.0]), np.zeros((2, 2, 2)))


def test_weak_records_link_with_their_own_quality_by_hand() -> None:
    # A: every record carries the identifier, half of them weak; q = 0.8, w = 0.4, so a record on A
    # has linkable names w.p. 0.6. B: no identifier, q = 0.9. A true pair: linked w.p. 0.6 * 0.9
    model = rc.LinkErrorModel(
        ("A", "B"), np.array([0.8, 0.9]), np.array([1.0, 0.0]), np.zeros(2), np.array([0.5, 1.0]), weak_quality=[0.4, 0]
    )
    np.testing.assert_allclose(rc.linkage_map(model)[2], [0.46, 0.46, 0.54])
    without = rc.LinkErrorModel(("A", "B"), np.array([0.8, 0.9]), np.array([1.0, 0.0]), np.zeros(2), np.array([0.5, 1]))
    np.testing.assert_allclose(rc.linkage_map(without)[2], [0.64, 0.64, 0.36])  # w = 0: 0.4 * 0.9


def test_the_fit_recovers_the_weak_quality_from_simulated_pairs() -> None:
    q, w = np.array([0.95, 0.9, 0.97]), np.array([0.5, 0.3, 0.6])
    rng = np.random.default_rng(11)
    pairs = np.triu(np.full((3, 3), 4000))
    weak_pairs = np.full((3, 3), 3000)
    linked = rng.binomial(pairs, np.outer(q, q))
    weak_linked = rng.binomial(weak_pairs, np.outer(q, w))
    v = rc.LinkageValidation(
        ("A", "B", "C"), pairs, linked, [9000] * 3, [6000] * 3, [5000] * 3,
        weak_pairs=weak_pairs, weak_linked=weak_linked, merged=(3, 2),
    )  # fmt: skip
    fit = rc.fit_link_errors(v)
    np.testing.assert_allclose(fit.quality, q, atol=0.01)
    np.testing.assert_allclose(fit.weak_quality, w, atol=0.03)
    assert fit.merges is not None and fit.merges.merged.tolist() == [3, 2]
    assert fit.quality_cov is not None and fit.quality_cov.shape == (6, 6)
    drawn = fit.draw(np.random.default_rng(1))
    assert drawn.weak_quality is not None and not np.allclose(drawn.weak_quality, fit.weak_quality)
    with pytest.raises(ValueError, match="come together"):
        rc.LinkageValidation(("A",), [[1]], [[1]], [2], [2], weak_pairs=[[1]])
