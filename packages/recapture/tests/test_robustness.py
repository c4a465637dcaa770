"""Hostile inputs: integer limits, the count column's spelling, hopeless
searches, two lists with too little overlap (issue items 6 and 7)."""

from __future__ import annotations

import time

import pytest

import recapture as rc
from recapture._table import MAX_COUNT


def _write(tmp_path, text: str):
    path = tmp_path / "t.csv"
    path.write_text(text)
    return path


def test_a_count_beyond_int64_is_a_clear_error(tmp_path):
    path = _write(tmp_path, "A,B,count\n1,0,5\n0,1,99999999999999999999\n1,1,3\n")
    with pytest.raises(ValueError, match="row 2: count .* exceeds the largest supported count"):
        rc.read_csv(path)


def test_counts_summing_past_the_limit_are_refused():
    # each count is allowed, their sum is not (it used to report 8.99e18 observed)
    half = MAX_COUNT // 2 + 1
    with pytest.raises(ValueError, match="counts sum to"):
        rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], [half, half, 1])
    ok = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], [MAX_COUNT // 4] * 3)
    assert ok.observed == 3 * (MAX_COUNT // 4)


def test_integer_text_is_read_exactly():
    big = 2**53 - 1  # float() of its text would be exact, 2**53 + 1 would not
    t = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], ["3", str(big - 10), "4"])
    assert t.counts[1] == big - 10
    with pytest.raises(ValueError, match="exceeds"):
        rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], ["3", str(2**53 + 1), "4"])


@pytest.mark.parametrize("spelling", ["Count", "COUNT", " count"])
def test_count_column_is_found_whatever_its_case(tmp_path, spelling):
    # with only 0/1 counts a mis-read count column would become a third list
    path = _write(tmp_path, f"A,B,{spelling}\n1,0,1\n0,1,1\n1,1,0\n")
    t = rc.read_csv(path)
    assert t.names == ("A", "B") and t.observed == 2


def test_two_count_columns_are_refused(tmp_path):
    path = _write(tmp_path, "A,count,Count\n1,2,3\n")
    with pytest.raises(ValueError, match="ambiguous count column"):
        rc.read_csv(path)


def test_hopeless_exhaustive_search_is_refused_at_once():
    # six lists, only the all-ones pattern: used to take 100 s and a 2.5 MB message
    t = rc.CaptureTable.from_counts([(1,) * 6], [10])
    start = time.perf_counter()
    with pytest.raises(ValueError) as info:
        rc.estimate(t, "bic")
    assert time.perf_counter() - start < 5
    assert "main-effects MLE does not exist" in str(info.value)
    assert len(str(info.value)) < 400


def test_too_many_models_are_refused_up_front():
    lists = [tuple(int(i == j) for j in range(8)) for i in range(8)]
    t = rc.CaptureTable.from_counts(lists + [(1,) * 8], [5] * 8 + [2])
    with pytest.raises(ValueError, match="more than .* models"):
        rc.estimate(t, "bic", maxorder=3)


def test_two_lists_without_overlap_are_refused():
    # used to be published as "129 (21-293)"
    t = rc.CaptureTable.from_counts([(1, 0), (0, 1)], [64, 64])
    with pytest.raises(ValueError, match="no information"):
        rc.chapman(t)
    few = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], [60, 60, 3])
    with pytest.raises(ValueError, match="only 3 people are on both lists"):
        rc.chapman(few)
    assert rc.chapman(few, min_overlap=3).estimate == pytest.approx(64 * 64 / 4 - 1)


@pytest.mark.parametrize("counts", [[40, 30, 20], [400, 300, 7], [12, 9, 7], [100, 5, 60]])
def test_chapman_profile_interval_is_rcapture_s(counts):
    """The two-list profile interval equals the profile interval of the
    main-effects log-linear model (the Rcapture-validated code path)."""
    t = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], counts)
    ch = rc.chapman(t)
    ref = rc.estimate(t, "main").intervals["profile"]
    assert ch.interval.method == "chapman-profile"
    assert ch.interval.low == pytest.approx(ref.low, rel=1e-5)
    assert ch.interval.high == pytest.approx(ref.high, rel=1e-5)
    assert ch.interval.low < ch.estimate < ch.interval.high


def test_chapman_log_interval_is_asymmetric():
    """Chao (1987): r + f0 / C to r + f0 * C; worked by hand for n1 = 60,
    n2 = 40, m = 20 (r = 80, N = 61 * 41 / 21 - 1 = 118.1)."""
    import math

    t = rc.CaptureTable.from_counts([(1, 0), (0, 1), (1, 1)], [40, 20, 20])
    iv = rc.chapman(t, interval="log").interval
    n = 61 * 41 / 21 - 1
    var = 61 * 41 * 40 * 20 / (21**2 * 22)
    f0 = n - 80
    c = math.exp(1.959964 * math.sqrt(math.log(1 + var / f0**2)))
    assert (iv.low, iv.high) == pytest.approx((80 + f0 / c, 80 + f0 * c), rel=1e-6)
    assert iv.high - n > n - iv.low  # longer on the high side, where the misses were
