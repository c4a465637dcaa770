"""The learnt rule measured against the BSN truth without measuring it on the pairs it learnt from."""

from __future__ import annotations

from zicht.sources.learnt_linkage import (
    agreement_pattern,
    agreements,
    cross_validated_links,
    decide_pair,
    key_values,
    learn_rule,
    link_records_learnt,
)
from zicht.sources.linkage import linkage_quality, pair_evidence
from zicht.sources.linkage_eval import keyed_rows
from zicht.sources.synthetic import DEFAULT_REGISTRIES, generate, labelled_rows

KEY = "v" * 32


def test_a_pair_is_judged_with_every_pair_of_its_persons_left_out() -> None:
    """Worked by hand. Pattern X has 6 decided pairs: person A's three records give 3 one-person
    pairs, B's two records 1, and D-E and F-G are 2 pairs of different people. All counted: 4 of 6
    are one person, share 0.67 >= 0.6, so X links. Without A: 1 of 3 pairs, fewer than 5, so the
    threshold rule decides (no exact keys here: no link). Without B: 3 of 5, 0.6, link. Without D
    and E: 4 of 5, link (a false link)."""
    keys = ["A", "A", "A", "B", "B", "D", "E", "F", "G"]
    records = [{"bsn_key": key} for key in keys]
    pairs = [(0, 1), (0, 2), (1, 2), (3, 4), (5, 6), (7, 8)]
    decided = [(pair, "X", keys[pair[0]] == keys[pair[1]]) for pair in pairs]
    rule = learn_rule(((p, same) for _, p, same in decided), min_pairs=5, cutoff=0.6)
    assert rule.decides("X") is True
    links = cross_validated_links(records, decided, rule, exact={}, threshold=2)
    assert links == {(3, 4), (5, 6), (7, 8)}


def test_the_measured_recall_is_the_recall_on_a_file_the_rule_never_saw() -> None:
    """Oracle: the person ids of a second file from the same generator, on which the first file's rule
    decides every true pair of two BSN records. Files of this size differ by about a point of recall
    by chance alone (some 1,550 true pairs each), so the two may differ by at most 2.5 points."""
    records = keyed_rows(labelled_rows(generate(12000, seed=31, registries=DEFAULT_REGISTRIES)), key=KEY)
    learnt = link_records_learnt(records)
    measured = linkage_quality(records, threshold=2, name_links=learnt.validated_links, rule="learnt")
    assert measured["measured"] and measured["rule"] == "learnt"

    rows = labelled_rows(generate(12000, seed=32, registries=DEFAULT_REGISTRIES))
    unseen = keyed_rows(rows, key=KEY)
    values = [key_values(record) for record in unseen]
    shared, exact = agreements(values), pair_evidence(unseen)
    true_pairs = [(i, j) for (i, j), found in exact.items() if rows[i]["person_id"] == rows[j]["person_id"]]
    true_pairs = [(i, j) for i, j in true_pairs if unseen[i]["bsn_key"] and unseen[j]["bsn_key"]]
    found = sum(
        1
        for i, j in true_pairs
        if (i, j) in shared
        and decide_pair(
            learnt.rule,
            agreement_pattern(values[i], values[j], shared[(i, j)]),
            exact[(i, j)],
            threshold=2,
        )
    )
    assert len(true_pairs) > 1000
    assert abs(float(measured["recall"]) - found / len(true_pairs)) < 0.025
