"""What a walk-in session contributes to the statistics tallies (``zicht.common.tallies``): its
visits by visitor type and topic, on its date at its organisation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from zicht.common.tallies import Tallies, TallyKey, keeps_tallies
from zicht.walk_ins.models import WalkInSession, WalkInVisitCount

TOPICS = ("walk_in",)


def session_tallies(ids: Iterable[int]) -> Tallies:
    ids = list(ids)
    tallies: Tallies = Counter()
    if not ids:
        return tallies
    rows = WalkInVisitCount.objects.filter(session_id__in=ids).values_list(
        "session__organization_id", "session__date", "visitor_type", "topic", "count"
    )
    for org, day, visitor_type, topic, count in rows:
        tallies[TallyKey("walk_in", day, org or 0, visitor_type, topic)] += count
    return tallies


def session_ids_all() -> Iterable[int]:
    return WalkInSession.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=10_000)


def keeps_session_tallies(*, touched=lambda kwargs: (), created=lambda result: ()):
    return keeps_tallies(session_tallies, touched=touched, created=created)
