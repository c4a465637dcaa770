"""The linkage-quality command: known answers on a small file, and pair counts against enumeration."""

from __future__ import annotations

import io
import json
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.sources.linkage_eval import COLUMNS, main, pair_score, scores_by_registry, write_sample

# person 1: Sanne van der Berg, in full with BSN (A) and as "S. Vanderberg" (B); her twin Lotte (B).
# person 3: Daan Visser with a BSN failing the eleven test (A) and with the year of birth only (B).
# person 4: Noor Bakker on both registries, identically.
SAMPLE = [
    ("1", "A", "Sanne", "van der", "Berg", "2009-03-05", "111222333", "p1"),
    ("2", "B", "S.", "", "Vanderberg", "2009-03-05", "", "p1"),
    ("3", "B", "Lotte", "van der", "Berg", "2009-03-05", "", "p2"),
    ("4", "A", "Daan", "", "Visser", "2008-01-02", "111222334", "p3"),
    ("5", "B", "Daan", "", "Visser", "2008", "", "p3"),
    ("6", "A", "Noor", "", "Bakker", "2007-06-07", "", "p4"),
    ("7", "B", "Noor", "", "Bakker", "2007-06-07", "", "p4"),
]


def brute_force(clusters: list[int], truth: list[int]) -> tuple[int, int, int]:
    pairs = list(combinations(range(len(clusters)), 2))
    predicted = {(i, j) for i, j in pairs if clusters[i] == clusters[j]}
    true = {(i, j) for i, j in pairs if truth[i] == truth[j]}
    return len(true), len(predicted), len(predicted & true)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=0, max_size=25))
def test_pair_counts_agree_with_enumerating_every_pair(labels) -> None:
    clusters, truth = [c for c, _ in labels], [t for _, t in labels]
    score = pair_score(clusters, truth)
    assert (score.true_pairs, score.predicted_pairs, score.correct_pairs) == brute_force(clusters, truth)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.sampled_from("ABC")), min_size=1, max_size=20))
def test_pairs_involving_a_registry_are_counted_as_enumerated(labels) -> None:
    clusters, truth, sources = ([x[k] for x in labels] for k in range(3))
    result = scores_by_registry(clusters, truth, sources)
    for name, per in result["per_registry"].items():
        pairs = [(i, j) for i, j in combinations(range(len(labels)), 2) if name in (sources[i], sources[j])]
        assert per["involving"]["true_pairs"] == sum(truth[i] == truth[j] for i, j in pairs)
        assert per["involving"]["predicted_pairs"] == sum(clusters[i] == clusters[j] for i, j in pairs)
        assert per["involving"]["correct_pairs"] == sum(
            clusters[i] == clusters[j] and truth[i] == truth[j] for i, j in pairs
        )


def test_the_command_on_a_small_file_with_known_answers(tmp_path) -> None:
    path = tmp_path / "sample.csv"
    write_sample(path, [dict(zip(COLUMNS, row, strict=True)) for row in SAMPLE])
    out = io.StringIO()
    assert main([str(path), "--json"], stdout=out) == 0
    result = json.loads(out.getvalue())
    assert result["records"] == 7 and result["true_pairs"] == 3 and result["registries"] == ["A", "B"]
    # Small files use exact agreement (BSN, or surname sound + first name + date): only Noor links.
    splink = result["splink"]["overall"]
    assert (splink["predicted_pairs"], splink["correct_pairs"]) == (1, 1)
    keys = {t: block["overall"] for t, block in result["keys"]["thresholds"].items()}
    # Threshold 1: the twin joins Sanne on the phonetic key alone (1-2-3: 3 pairs, 1 right) + Noor.
    assert (keys["1"]["predicted_pairs"], keys["1"]["correct_pairs"]) == (4, 2)
    assert keys["1"]["precision"] == pytest.approx(0.5) and keys["1"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    # Threshold 2: Sanne and "S. Vanderberg" (initial + phonetic), and Noor; not the twin, not Daan.
    assert (keys["2"]["predicted_pairs"], keys["2"]["correct_pairs"]) == (2, 2)
    # Threshold 3: only Noor (initial, phonetic and all given names agree); no threshold 4 (unreachable).
    assert (keys["3"]["predicted_pairs"], keys["3"]["correct_pairs"]) == (1, 1)
    assert set(keys) == {"1", "2", "3"}
    # The learnt rule has no BSN-decided pair to learn from here, so the threshold rule decides.
    learnt = result["keys"]["learnt"]
    assert (learnt["decided_pairs"], learnt["linked_by_rule"]) == (0, 0)
    assert (learnt["overall"]["predicted_pairs"], learnt["overall"]["correct_pairs"]) == (2, 2)
    # No two records share a BSN: nothing to measure the rules on, and the report says so.
    assert learnt["measured_on_bsn_pairs"] == {
        "rule": "learnt",
        "threshold": 2,
        "basis": "bsn_pairs",
        "pairs": 0,
        "measured": False,
    }
    per = result["keys"]["thresholds"]["2"]["per_registry"]
    assert per["A"]["involving"]["true_pairs"] == 3 and per["A"]["within"]["true_pairs"] == 0
    assert per["B"]["within"]["true_pairs"] == 0 and per["B"]["records"] == 4


def test_the_command_reports_a_file_without_the_needed_columns(tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("record_id,source\n1,A\n")
    err = io.StringIO()
    assert main([str(path)], stdout=io.StringIO(), stderr=err) == 2
    assert "person_id" in err.getvalue()
