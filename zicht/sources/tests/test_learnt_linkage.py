"""Key linkage learnt from the BSN-decided pairs, against the threshold rule and the known truth."""

from __future__ import annotations

import pytest

from zicht.sources.learnt_linkage import LearntRule, agreement_pattern, link_records_learnt
from zicht.sources.linkage import link_records
from zicht.sources.linkage_eval import keyed_rows, pair_score
from zicht.sources.synthetic import DEFAULT_REGISTRIES, generate, labelled_rows

KEY = "k" * 32


def same_partition(a: list[int], b: list[int]) -> bool:
    return len(set(a)) == len(set(b)) == len(set(zip(a, b, strict=True)))


def test_a_pattern_links_when_its_share_of_one_person_reaches_the_cutoff() -> None:
    rule = LearntRule({"RR-": (4, 6), "R--": (8, 2), "C--": (1, 2)}, cutoff=0.6, min_pairs=5)
    assert rule.decides("RR-") is True  # 6 of 10
    assert rule.decides("R--") is False  # 2 of 10
    assert rule.decides("C--") is None and rule.decides("d--") is None  # too few decided pairs
    assert (rule.decided_pairs, rule.learnt_patterns) == (23, 2)


def test_the_pattern_tells_rare_and_common_agreement_from_difference_and_absence() -> None:
    a = {"name_dob": {"x"}, "phonetic_dob": {"p"}, "given_year": {"g"}}
    b = {"name_dob": {"x"}, "phonetic_dob": {"q"}, "given_dob": {"z"}, "given_year": {"g"}}
    pattern = agreement_pattern(a, b, {"name_dob": 2, "given_year": 9})
    # name_dob rare, phonetic_dob different, given_dob on one side only, then the tolerant kinds.
    assert pattern == "Rd-C-----"


def realistic(people: int, seed: int, **changes) -> list[dict[str, str]]:
    registries = tuple(type(p)(**{**p.__dict__, **changes}) for p in DEFAULT_REGISTRIES)
    return labelled_rows(generate(people, seed=seed, registries=registries))


def test_without_any_bsn_it_links_exactly_as_the_threshold_rule() -> None:
    keyed = keyed_rows(realistic(1500, 3, bsn_rate=0.0), key=KEY)
    learnt = link_records_learnt(keyed)
    assert learnt.rule.decided_pairs == 0 and learnt.by_rule == 0
    assert same_partition(learnt.clusters, link_records(keyed, threshold=2))


def test_records_with_different_valid_bsns_are_not_linked_on_names() -> None:
    record = realistic(30, 4)[0]
    keyed = keyed_rows([record, record], key=KEY)
    twin = [dict(row, bsn_key=key) for row, key in zip(keyed, ("a", "b"), strict=True)]
    assert link_records_learnt(twin).clusters == [0, 1]
    same = [dict(row, bsn_key="a") for row in keyed]
    assert link_records_learnt(same).clusters == [0, 0]


@pytest.mark.parametrize("seed", [11, 12])
def test_on_realistic_registries_it_finds_more_true_pairs_than_the_threshold_rule(seed: int) -> None:
    rows = realistic(12000, seed)
    keyed = keyed_rows(rows, key=KEY)
    truth = [row["person_id"] for row in rows]
    threshold = pair_score(link_records(keyed, threshold=2), truth)
    learnt = pair_score(link_records_learnt(keyed).clusters, truth)
    assert learnt.recall > threshold.recall + 0.08
    assert learnt.f1 > threshold.f1 + 0.03
    assert learnt.precision > 0.9
