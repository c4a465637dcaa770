"""Input validation of capture-history tables (clear ValueErrors naming the bad value)."""

from __future__ import annotations

import numpy as np
import pytest

import recapture as rc


def _csv(tmp_path, text):
    p = tmp_path / "t.csv"
    p.write_text(text)
    return p


def test_read_csv_fills_missing_patterns(mse_dir):
    t = rc.read_csv(mse_dir / "korea_3lists.csv")
    assert t.names == ("b", "c", "d")
    assert t.counts.size == 7
    assert t.observed == 123


def test_fewer_than_two_lists(tmp_path):
    with pytest.raises(ValueError, match="at least 2 lists"):
        rc.read_csv(_csv(tmp_path, "A,count\n1,5\n"))


def test_too_many_lists():
    with pytest.raises(ValueError, match="at most 10"):
        rc.CaptureTable.from_counts([[1] + [0] * 10], [1])


def test_non_binary_value(tmp_path):
    with pytest.raises(ValueError, match="'2'"):
        rc.read_csv(_csv(tmp_path, "A,B,count\n1,2,5\n0,1,3\n"))


@pytest.mark.parametrize("bad", ["-1", "2.5", "x", "nan"])
def test_bad_count(tmp_path, bad):
    with pytest.raises(ValueError, match="non-negative integer"):
        rc.read_csv(_csv(tmp_path, f"A,B,count\n1,0,{bad}\n0,1,3\n1,1,1\n"))


def test_all_zero_pattern(tmp_path):
    with pytest.raises(ValueError, match="all-zero pattern"):
        rc.read_csv(_csv(tmp_path, "A,B,count\n0,0,5\n0,1,3\n1,0,1\n"))


def test_duplicate_pattern(tmp_path):
    with pytest.raises(ValueError, match=r"duplicate capture pattern \(1, 0\)"):
        rc.read_csv(_csv(tmp_path, "A,B,count\n1,0,5\n1,0,3\n0,1,1\n"))


def test_empty_table(tmp_path):
    with pytest.raises(ValueError, match="empty table"):
        rc.read_csv(_csv(tmp_path, "A,B,count\n"))
    with pytest.raises(ValueError, match="empty table"):
        rc.read_csv(_csv(tmp_path, "A,B,count\n1,0,0\n0,1,0\n"))


def test_list_with_nobody(tmp_path):
    with pytest.raises(ValueError, match="'C' has nobody"):
        rc.read_csv(_csv(tmp_path, "A,B,C,count\n1,0,0,5\n0,1,0,3\n1,1,0,2\n"))


def test_missing_count_column(tmp_path):
    with pytest.raises(ValueError, match="no 'count' column"):
        rc.read_csv(_csv(tmp_path, "A,B\n1,0\n"))


def test_from_records_aggregates():
    recs = [{"A": 1, "B": 0}, {"A": 1, "B": 1}, {"A": "1", "B": "1"}, {"A": 0, "B": 1}]
    t = rc.from_records(recs, ["A", "B"])
    assert t.overlap([0, 1]) == 2
    assert t.observed == 4


def test_from_records_rejects_nobody_record():
    with pytest.raises(ValueError, match="no list"):
        rc.from_records([{"A": 0, "B": 0}], ["A", "B"])


def test_counts_read_only():
    t = rc.CaptureTable.from_counts([[1, 0], [0, 1], [1, 1]], [3, 4, 2])
    with pytest.raises(ValueError):
        t.counts[0] = 5
    assert np.array_equal(t.counts, [3, 4, 2])


def test_stratified_records():
    recs = [
        {"A": 1, "B": 0, "C": 1, "sex": "f"},
        {"A": 0, "B": 1, "C": 1, "sex": "f"},
        {"A": 1, "B": 1, "C": 0, "sex": "f"},
        {"A": 1, "B": 0, "C": 0, "sex": "m"},
        {"A": 0, "B": 1, "C": 0, "sex": "m"},
        {"A": 0, "B": 0, "C": 1, "sex": "m"},
    ]
    tabs = rc.stratify_records(recs, ["A", "B", "C"], ["sex"])
    assert set(tabs) == {"f", "m"}
    assert tabs["f"].observed == 3
