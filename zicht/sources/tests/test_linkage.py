"""Deterministic key linkage, capture histories, Splink deduplication and the estimate adapter."""

from __future__ import annotations

import datetime as dt

import pytest

from zicht.sources.estimation import EstimationError, estimate_population
from zicht.sources.linkage import capture_histories, link_records
from zicht.sources.pseudonymise import EXPLOITATION_FORMS, keys_for_identity
from zicht.sources.synthetic import CLEAN_REGISTRIES, generate, make_bsn

KEY = "linkage-test-key-0123456789"


def keyed(records):
    return [
        {
            **keys_for_identity(r, key=KEY).keys,
            "source": r["registry"],
            "age_band": "under_18",
            "exploitation_forms": r["exploitation_forms"],
        }
        for r in records
    ]


def test_exploitation_codes_match_the_cases_app() -> None:
    from zicht.common.exploitation import ExploitationType

    assert set(EXPLOITATION_FORMS) - {"unknown"} == set(ExploitationType.values)


def test_synthetic_bsns_pass_the_eleven_test() -> None:
    import random

    from zicht.common.pseudonyms import bsn_is_valid

    rng = random.Random(3)
    assert all(bsn_is_valid(make_bsn(rng)) for _ in range(200))


def test_twins_are_not_linked_but_variants_are() -> None:
    base = {"registry": "a", "exploitation_forms": "criminal", "bsn": ""}
    records = [
        {
            **base,
            "given_names": "Sanne",
            "prefix": "van der",
            "family_name": "Berg",
            "date_of_birth": dt.date(2009, 3, 5),
        },
        {
            **base,
            "registry": "b",
            "given_names": "S.",
            "prefix": "",
            "family_name": "Vanderberg",
            "date_of_birth": dt.date(2009, 5, 3),
        },
        {
            **base,
            "registry": "b",
            "given_names": "Lotte",
            "prefix": "van der",
            "family_name": "Berg",
            "date_of_birth": dt.date(2009, 3, 5),
        },
    ]
    clusters = link_records(keyed(records), threshold=2)
    assert clusters[0] == clusters[1] != clusters[2]


def test_key_linkage_quality_on_synthetic_truth() -> None:
    data = generate(1500, seed=11, registries=CLEAN_REGISTRIES)
    clusters = link_records(keyed(data.records), threshold=2)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(clusters):
        members.setdefault(c, []).append(i)
    predicted = {(a, b) for m in members.values() for i, a in enumerate(m) for b in m[i + 1 :]}
    truth = data.true_pairs()
    precision = len(predicted & truth) / len(predicted)
    recall = len(predicted & truth) / len(truth)
    assert precision > 0.95 and recall > 0.85


def test_capture_histories_count_people_per_pattern_and_stratum() -> None:
    records = [
        {"source": "A", "age_band": "under_18", "exploitation_forms": "criminal"},
        {"source": "B", "age_band": "under_18", "exploitation_forms": "sexual"},
        {"source": "B", "age_band": "18_20", "exploitation_forms": "criminal"},
        {"source": "C", "age_band": "18_20", "exploitation_forms": "labour"},
    ]
    histories = capture_histories(records, [0, 0, 1, 2])
    assert histories.lists == ("A", "B", "C")
    assert dict(zip(histories.patterns, histories.counts, strict=True)) == {(1, 1, 0): 1, (0, 1, 0): 1, (0, 0, 1): 1}
    assert capture_histories(records, [0, 0, 1, 2], stratum="form:sexual").observed == 1
    assert capture_histories(records, [0, 0, 1, 2], stratum="age_band:18_20").observed == 2


def test_two_list_estimate_is_chapman() -> None:
    # n1 = 60, n2 = 50, m = 20: Chapman (61 * 51 / 21) - 1 = 147.14 (Seber 1982, 3.1.1).
    result = estimate_population(patterns=[(1, 0), (0, 1), (1, 1)], counts=[40, 30, 20], names=["A", "B"])
    assert result.estimate == pytest.approx(61 * 51 / 21 - 1)
    assert result.observed == 90 and result.library_version


def test_a_list_nobody_is_on_is_an_estimation_error() -> None:
    with pytest.raises(EstimationError):
        estimate_population(patterns=[(1, 0, 0), (1, 1, 0)], counts=[10, 5], names=["A", "B", "C"])


def test_splink_deduplicates_variants_on_clear_identifiers() -> None:
    from zicht.sources.splink_linkage import dedupe_identities

    data = generate(400, seed=5, twin_rate=0.05)
    people = [{"unique_id": i, **r} for i, r in enumerate(data.records)]
    found = dedupe_identities(people)
    members: dict[object, list[int]] = {}
    for p in people:
        members.setdefault(found[p["unique_id"]], []).append(p["unique_id"])
    predicted = {(a, b) for m in members.values() for i, a in enumerate(sorted(m)) for b in sorted(m)[i + 1 :]}
    truth = data.true_pairs()
    precision = len(predicted & truth) / max(1, len(predicted))
    recall = len(predicted & truth) / len(truth)
    assert precision > 0.9 and recall > 0.8


def test_small_inputs_use_exact_agreement() -> None:
    from zicht.sources.splink_linkage import dedupe_identities

    people = [
        {
            "unique_id": 1,
            "bsn": "111222333",
            "given_names": "Sanne",
            "prefix": "",
            "family_name": "Berg",
            "date_of_birth": dt.date(2009, 3, 5),
        },
        {
            "unique_id": 2,
            "bsn": "111222333",
            "given_names": "S.",
            "prefix": "",
            "family_name": "Bergh",
            "date_of_birth": None,
        },
        {
            "unique_id": 3,
            "bsn": "",
            "given_names": "Sanne",
            "prefix": "van der",
            "family_name": "Berg",
            "date_of_birth": dt.date(2009, 3, 5),
        },
        {
            "unique_id": 4,
            "bsn": "",
            "given_names": "Lotte",
            "prefix": "",
            "family_name": "Berg",
            "date_of_birth": dt.date(2009, 3, 5),
        },
    ]
    found = dedupe_identities(people)
    assert found[1] == found[2] == found[3] != found[4]
