"""The figures' counts from the tallies the apps keep with their writes (``zicht.common.tallies``).

A figure over any period sums the per-day tallies of its topic (no scan of the case, concern,
training, walk-in or route tables); the disclosure protection downstream is unchanged. ``SOURCES`` names every
app's tally source, for the full recount of ``rebuild_stats_summaries``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models as m

from zicht.cases import tallies as case_tallies
from zicht.common.models import Tally
from zicht.common.tallies import Tallies, TallySource, tallies_drift, tallies_recount, tallies_replace, tallies_stored
from zicht.concerns import tallies as concern_tallies
from zicht.framework import tallies as route_tallies
from zicht.outreach import tallies as training_tallies
from zicht.stats.periods import Period
from zicht.walk_ins import tallies as session_tallies


@dataclass(frozen=True)
class Source:
    tallies: TallySource
    ids: Callable[[], Iterable[int]]
    topics: tuple[str, ...]


SOURCES: dict[str, Source] = {
    "cases": Source(case_tallies.case_tallies, case_tallies.case_ids_all, case_tallies.TOPICS),
    "concerns": Source(concern_tallies.concern_tallies, concern_tallies.concern_ids_all, concern_tallies.TOPICS),
    "trainings": Source(training_tallies.training_tallies, training_tallies.training_ids_all, training_tallies.TOPICS),
    "walk_ins": Source(session_tallies.session_tallies, session_tallies.session_ids_all, session_tallies.TOPICS),
    "framework": Source(route_tallies.route_tallies, route_tallies.route_ids_all, route_tallies.TOPICS),
}


def _tallies(topic: str, period: Period, organization) -> m.QuerySet[Tally]:
    queryset = Tally.objects.filter(topic=topic, day__gte=period.start, day__lte=period.end)
    if organization is not None:
        queryset = queryset.filter(organization_id=organization.pk)
    return queryset


def tally_sums(
    topic: str, period: Period, organization=None, *, where: m.Q | None = None
) -> dict[tuple[str, str], int]:
    """``{(a, b): n}`` summed over the period (zero sums left out)."""
    queryset = _tallies(topic, period, organization)
    if where is not None:
        queryset = queryset.filter(where)
    rows = queryset.values("a", "b").annotate(total=m.Sum("n"))
    return {(r["a"], r["b"]): int(r["total"]) for r in rows if r["total"]}


def tally_sums_by_year(topic: str, period: Period, organization=None) -> dict[tuple[str, str, str], int]:
    """``{(a, b, year): n}`` summed per calendar year of the period (one conditional sum per year)."""
    years = period.years()
    per_year = {
        f"y{year}": m.Sum("n", filter=m.Q(day__gte=datetime.date(year, 1, 1), day__lte=datetime.date(year, 12, 31)))
        for year in years
    }
    rows: Iterable[Mapping[str, Any]] = _tallies(topic, period, organization).values("a", "b").annotate(**per_year)
    return {(r["a"], r["b"], str(year)): int(r[f"y{year}"]) for r in rows for year in years if r[f"y{year}"]}


def summaries_recount(names: Iterable[str] | None = None) -> Tallies:
    chosen = SOURCES if names is None else {name: SOURCES[name] for name in names}
    return tallies_recount({name: (source.tallies, source.ids()) for name, source in chosen.items()})


def summaries_topics(names: Iterable[str] | None = None) -> list[str]:
    return [topic for name, source in SOURCES.items() if names is None or name in names for topic in source.topics]


def summaries_drift(names: Iterable[str] | None = None) -> dict:
    """Where the stored tallies differ from a full recount: ``{key: (stored, recounted)}``."""
    return tallies_drift(tallies_stored(summaries_topics(names)), summaries_recount(names))


def summaries_rebuild(names: Iterable[str] | None = None) -> int:
    """Recompute the tallies from scratch and replace the stored ones; returns the number of keys."""
    recount = summaries_recount(names)
    tallies_replace(summaries_topics(names), recount)
    return len(recount)
