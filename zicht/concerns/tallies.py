"""What a concern contributes to the statistics tallies (``zicht.common.tallies``), on the local
day it was received, at its handling organisation: reporter's sector and channel (by kind),
crime domains, place of recruitment (concerns only, not advice requests) and the time to the
first contact in bands."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.utils import timezone

from zicht.common.tallies import Tallies, TallyKey, keeps_tallies, tallies_kept
from zicht.concerns.constants import ConcernKind
from zicht.concerns.models import Concern, ConcernCrimeDomain

TOPICS = ("concern.sector", "concern.channel", "concern.domain", "concern.place", "concern.wait")
# Days from receipt to first contact: (code, lower bound inclusive, upper bound exclusive).
WAIT_BANDS = (("same_day", None, 1), ("1_3", 1, 4), ("4_7", 4, 8), ("8_14", 8, 15), ("over_14", 15, None))
NO_CONTACT = "none"


def wait_band(received_at: datetime.datetime, first_contact_at: datetime.datetime | None) -> str:
    if first_contact_at is None:
        return NO_CONTACT
    days = (first_contact_at - received_at).total_seconds() / 86400
    for code, low, high in WAIT_BANDS:
        if (low is None or days >= low) and (high is None or days < high):
            return code
    raise AssertionError(days)  # the bands cover every number


def concern_tallies(ids: Iterable[int]) -> Tallies:
    ids = list(ids)
    tallies: Tallies = Counter()
    if not ids:
        return tallies
    domains: dict[int, set[str]] = defaultdict(set)
    for concern_id, domain in ConcernCrimeDomain.objects.filter(concern_id__in=ids).values_list("concern_id", "domain"):
        domains[concern_id].add(domain)
    rows = Concern.objects.filter(pk__in=ids).values_list(
        "pk",
        "handling_organization_id",
        "received_at",
        "kind",
        "reporter_sector",
        "channel",
        "recruitment_place",
        "first_contact_at",
    )
    for pk, org, received_at, kind, sector, channel, place, first_contact_at in rows:
        day, org = timezone.localtime(received_at).date(), org or 0
        tallies[TallyKey("concern.sector", day, org, sector, kind)] += 1
        tallies[TallyKey("concern.channel", day, org, channel, kind)] += 1
        for domain in domains[pk]:
            tallies[TallyKey("concern.domain", day, org, domain)] += 1
        if kind == ConcernKind.CONCERN:
            tallies[TallyKey("concern.place", day, org, place)] += 1
        tallies[TallyKey("concern.wait", day, org, wait_band(received_at, first_contact_at))] += 1
    return tallies


def concern_ids_all() -> Iterable[int]:
    return Concern.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=10_000)


def concerns_kept(ids: Iterable[int] = ()):
    """``tallies_kept`` for concerns: wrap a write that changes, deletes or creates concerns."""
    return tallies_kept(concern_tallies, ids)


def keeps_concern_tallies(*, touched=lambda kwargs: (), created=lambda result: ()):
    return keeps_tallies(concern_tallies, touched=touched, created=created)
