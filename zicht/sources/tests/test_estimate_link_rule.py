"""An estimate links by the rule learnt from the BSN pairs unless a threshold is chosen; the snapshot,
its linkage statement and its page say which rule it used and how well it was measured."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from zicht.common.roles import Role
from zicht.sources.pseudonymise import keys_for_identity
from zicht.sources.services import estimate_snapshot_create
from zicht.sources.synthetic import DEFAULT_REGISTRIES, generate
from zicht.sources.tests.factories import lists_store
from zicht.stats.prose import linkage_words

YEAR = 2024
PERIOD = {"period_start": dt.date(YEAR, 1, 1), "period_end": dt.date(YEAR, 12, 31)}
PEOPLE = 3000


def registries_store(seed: int) -> int:
    """The generator's three registries as keyed lists; returns how many people are on at least one."""
    data = generate(PEOPLE, seed=seed, year=YEAR)
    lists: dict[str, list[dict[str, str]]] = {profile.name: [] for profile in DEFAULT_REGISTRIES}
    seen = set()
    for row in data.records:
        keyed = keys_for_identity(row, key="e" * 32)
        if keyed.linkable_by == "none":  # the partner script leaves such a row out
            continue
        seen.add(row["person_id"])
        lists[row["registry"]].append({**keyed.keys, "age_band": "unknown", "exploitation_forms": "criminal"})
    lists_store(lists, year=YEAR)
    return len(seen)


@pytest.mark.django_db
def test_the_learnt_rule_counts_the_seen_people_more_truly(personas) -> None:
    """Oracle: the generator's person ids (3,000 people, of whom the lists hold ``seen``)."""
    seen = registries_store(seed=1)
    threshold = estimate_snapshot_create(**PERIOD, user=personas[Role.ANALYST], link_rule="threshold")
    learnt = estimate_snapshot_create(**PERIOD, user=personas[Role.ANALYST])
    assert (learnt.link_rule, learnt.linkage["rule"]) == ("learnt", "learnt")
    assert (threshold.link_rule, threshold.linkage["rule"]) == ("threshold", "threshold")
    # Fewer missed links: the linked lists hold nearly as many people as there are.
    assert abs(learnt.observed - seen) < 0.7 * abs(threshold.observed - seen)
    assert float(learnt.linkage["recall"]) > float(threshold.linkage["recall"]) + 0.1
    assert float(learnt.linkage["precision"]) > 0.95
    # The methods without a linkage correction are pushed up far less by split people.
    for snapshot in (learnt, threshold):
        assert snapshot.linkage["corrected"] and snapshot.interval_low < PEOPLE < snapshot.interval_high
    uncorrected = {s.link_rule: [r["estimate"] for r in s.methods["estimates"][1:]] for s in (learnt, threshold)}
    for by_learnt, by_threshold in zip(uncorrected["learnt"], uncorrected["threshold"], strict=True):
        assert abs(by_learnt - PEOPLE) < abs(by_threshold - PEOPLE)


@pytest.mark.django_db
def test_the_estimate_page_and_its_statement_name_the_learnt_rule(personas, client_for, settings) -> None:
    registries_store(seed=2)
    snapshot = estimate_snapshot_create(**PERIOD, user=personas[Role.ANALYST])
    with translation.override("nl"):
        words = linkage_words(snapshot.linkage)
        before = linkage_words({**snapshot.linkage, "false_merges_corrected": False})
    assert "volgens een regel die is geleerd uit de paren registraties die allebei een BSN hebben" in words
    assert "elk beoordeeld door de regel die zonder hun eigen personen is geleerd" in words
    assert "en voor de onjuiste koppelingen (twee jongeren die als één werden geteld" in words
    # a snapshot made before the correction undid false merges does not claim it
    assert "onjuiste" not in before and "gecorrigeerd voor de gemiste koppelingen" in before
    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        page = client_for(personas[Role.ANALYST]).get(reverse("sources:estimate_detail", args=[snapshot.pk]))
    text = page.content.decode()
    rule = text[text.index('id="link-rule"') :].split("</dd>")[0]
    assert "Regel geleerd uit de paren met een BSN; waar die te weinig zijn, drempel 2" in rule
    assert "Het hoofdcijfer is met deze regel gekoppeld" in text


@pytest.mark.django_db
def test_an_unknown_link_rule_is_refused_before_anything_is_linked(personas) -> None:
    with pytest.raises(ValueError, match="unknown link rule"):
        estimate_snapshot_create(**PERIOD, user=personas[Role.ANALYST], link_rule="nearest")
