"""The full recount of the concern, training and walk-in figures straight from their tables (the
builders before the tallies), the independent oracle of `test_summaries`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models as m
from django.utils.translation import gettext as _

from zicht.concerns.constants import ConcernChannel, ConcernKind, CrimeDomain, RecruitmentPlace, ReporterSector
from zicht.concerns.models import Concern, ConcernCrimeDomain
from zicht.outreach.constants import AudienceSector, TrainingKind
from zicht.outreach.models import Training, TrainingAudience
from zicht.stats.periods import Period
from zicht.stats.tables import StatTable, single_column, table_from_counts
from zicht.stats.tests.recount_cases import describe
from zicht.walk_ins.constants import VisitorType, VisitTopic
from zicht.walk_ins.models import WalkInVisitCount


def _concerns(period: Period, organization) -> m.QuerySet[Concern]:
    queryset = Concern.objects.filter(received_at__gte=period.since, received_at__lt=period.until)
    if organization is not None:
        queryset = queryset.filter(handling_organization=organization)
    return queryset


def _year_start(year: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, 1, 1))


def _kinds() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in ConcernKind.choices]


def concerns_by_sector(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    period = Period(start, end)
    rows = _concerns(period, organization).values("reporter_sector", "kind").annotate(n=m.Count("pk"))
    return table_from_counts(
        key="concerns_by_sector",
        title=_("Concerns by reporter's sector"),
        row_label=_("Sector of the reporter"),
        column_label=_("Kind"),
        rows=[(code, str(label)) for code, label in ReporterSector.choices],
        columns=_kinds(),
        counts={(r["reporter_sector"], r["kind"]): r["n"] for r in rows},
        query=describe(_("concerns and advice requests received"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("concerns"),
    )


def concerns_by_channel(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    period = Period(start, end)
    rows = _concerns(period, organization).values("channel", "kind").annotate(n=m.Count("pk"))
    return table_from_counts(
        key="concerns_by_channel",
        title=_("Concerns by channel"),
        row_label=_("Channel"),
        column_label=_("Kind"),
        rows=[(code, str(label)) for code, label in ConcernChannel.choices],
        columns=_kinds(),
        counts={(r["channel"], r["kind"]): r["n"] for r in rows},
        query=describe(_("concerns and advice requests received"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("concerns"),
    )


def concerns_by_crime_domain(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Concerns per crime domain; a concern may name several domains, so the rows do not add up."""
    period = Period(start, end)
    rows = (
        ConcernCrimeDomain.objects.filter(concern__in=_concerns(period, organization).values("pk"))
        .values("domain")
        .annotate(n=m.Count("concern", distinct=True))
    )
    return single_column(
        key="concerns_by_crime_domain",
        title=_("Concerns by crime domain"),
        row_label=_("Crime domain"),
        column_label=_("Concerns"),
        rows=[(code, str(label)) for code, label in CrimeDomain.choices],
        counts={r["domain"]: r["n"] for r in rows},
        query=describe(_("concerns received; a concern may name several crime domains"), period, organization),
        period_start=start,
        period_end=end,
        column_totals=False,
    )


def recruitment_places(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Where young people were recruited, per year the concern was received (question 6)."""
    period = Period(start, end)
    # One conditional count per year on the indexed timestamp (no per-row date function).
    per_year = {
        f"y{year}": m.Count("pk", filter=m.Q(received_at__gte=_year_start(year), received_at__lt=_year_start(year + 1)))
        for year in period.years()
    }
    rows: Iterable[Mapping[str, Any]] = (
        _concerns(period, organization)
        .filter(kind=ConcernKind.CONCERN)
        .values("recruitment_place")
        .annotate(**per_year)
    )
    counts = {(r["recruitment_place"], str(year)): r[f"y{year}"] for r in rows for year in period.years()}
    return table_from_counts(
        key="recruitment_places",
        title=_("Places of recruitment named in concerns"),
        row_label=_("Place of recruitment"),
        column_label=_("Year received"),
        rows=[(code, str(label)) for code, label in RecruitmentPlace.choices],
        columns=[(str(year), period.year_label(year)) for year in period.years()],
        counts=counts,
        query=describe(_("concerns received (advice requests excluded)"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("concerns"),
    )


class DaysBetween(m.Func):
    """Days (fractional) from ``start`` to ``end``, with the database's own date arithmetic.

    SQLite: ``julianday`` (native, unlike Django's per-row Python functions for datetime
    arithmetic there); PostgreSQL: the epoch of the interval.
    """

    output_field = m.FloatField()

    def __init__(self, end: str, start: str) -> None:
        super().__init__(m.F(end), m.F(start))

    def _parts(self, compiler, connection):
        end_sql, end_params = compiler.compile(self.source_expressions[0])
        start_sql, start_params = compiler.compile(self.source_expressions[1])
        return end_sql, start_sql, (*end_params, *start_params)

    def as_sqlite(self, compiler, connection, **extra):
        end_sql, start_sql, params = self._parts(compiler, connection)
        return f"(julianday({end_sql}) - julianday({start_sql}))", params

    def as_sql(self, compiler, connection, **extra):
        end_sql, start_sql, params = self._parts(compiler, connection)
        return f"(EXTRACT(EPOCH FROM ({end_sql} - {start_sql})) / 86400.0)", params


FIRST_CONTACT_BANDS = (
    ("same_day", m.Q(wait__lt=1)),
    ("1_3", m.Q(wait__gte=1, wait__lt=4)),
    ("4_7", m.Q(wait__gte=4, wait__lt=8)),
    ("8_14", m.Q(wait__gte=8, wait__lt=15)),
    ("over_14", m.Q(wait__gte=15)),
)


def first_contact_time(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Time from receiving a concern to the first contact, in bands (computed in the database)."""
    period = Period(start, end)
    queryset = (
        _concerns(period, organization)
        .filter(first_contact_at__isnull=False)
        .annotate(wait=DaysBetween("first_contact_at", "received_at"))
    )
    aggregates = {code: m.Count("pk", filter=condition) for code, condition in FIRST_CONTACT_BANDS}
    totals = queryset.aggregate(**aggregates)
    waiting = _concerns(period, organization).filter(first_contact_at__isnull=True).count()
    counts = {code: totals[code] or 0 for code, _c in FIRST_CONTACT_BANDS}
    counts["none"] = waiting
    return single_column(
        key="first_contact_time",
        title=_("Time from concern to first contact"),
        row_label=_("Time to first contact"),
        column_label=_("Concerns"),
        rows=[
            ("same_day", _("Within a day")),
            ("1_3", _("1 to 3 days")),
            ("4_7", _("4 to 7 days")),
            ("8_14", _("8 to 14 days")),
            ("over_14", _("More than 14 days")),
            ("none", _("No contact recorded")),
        ],
        counts=counts,
        query=describe(_("concerns received"), period, organization),
        period_start=start,
        period_end=end,
    )


def _trainings(period: Period, organization) -> m.QuerySet[Training]:
    queryset = Training.objects.filter(date__gte=period.start, date__lte=period.end)
    if organization is not None:
        queryset = queryset.filter(organiser=organization)
    return queryset


def trainings_by_audience(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Trainings per audience sector and topic (question 8); a training may reach several sectors."""
    period = Period(start, end)
    rows = (
        TrainingAudience.objects.filter(training__in=_trainings(period, organization).values("pk"))
        .values("sector")
        .annotate(
            trainings=m.Count("training", distinct=True),
            criminal=m.Count("training", distinct=True, filter=m.Q(training__topic_criminal=True)),
            combined=m.Count(
                "training", distinct=True, filter=m.Q(training__topic_criminal=True, training__topic_sexual=True)
            ),
        )
    )
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        for column in ("trainings", "criminal", "combined"):
            counts[(r["sector"], column)] = r[column]
    return table_from_counts(
        key="trainings_by_audience",
        title=_("Trainings for professionals by audience"),
        row_label=_("Audience"),
        column_label=_("Trainings"),
        rows=[(code, str(label)) for code, label in AudienceSector.choices],
        columns=[
            ("trainings", _("Trainings")),
            ("criminal", _("Of which on criminal exploitation")),
            ("combined", _("Of which on criminal and sexual exploitation")),
        ],
        counts=counts,
        query=describe(
            _("trainings and information sessions given; a training may reach several audiences"), period, organization
        ),
        period_start=start,
        period_end=end,
        row_totals=False,
        column_totals=False,
        unit=_("trainings"),
    )


def trainings_participants(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    period = Period(start, end)
    rows = (
        _trainings(period, organization)
        .values("kind")
        .annotate(trainings=m.Count("pk"), participants=m.Sum("participants"))
    )
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        counts[(r["kind"], "trainings")] = r["trainings"]
        counts[(r["kind"], "participants")] = r["participants"] or 0
    return table_from_counts(
        key="trainings_participants",
        title=_("Trainings and participants"),
        row_label=_("Kind"),
        column_label=_("Number"),
        rows=[(code, str(label)) for code, label in TrainingKind.choices],
        columns=[("trainings", _("Trainings")), ("participants", _("Participants"))],
        counts=counts,
        query=describe(_("trainings given"), period, organization),
        period_start=start,
        period_end=end,
        row_totals=False,
    )


def walk_in_visits(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    period = Period(start, end)
    queryset = WalkInVisitCount.objects.filter(session__date__gte=start, session__date__lte=end)
    if organization is not None:
        queryset = queryset.filter(session__organization=organization)
    rows = queryset.values("visitor_type", "topic").annotate(n=m.Sum("count"))
    return table_from_counts(
        key="walk_in_visits",
        title=_("Walk-in consultation visits by visitor and topic"),
        row_label=_("Visitor"),
        column_label=_("Topic"),
        rows=[(code, str(label)) for code, label in VisitorType.choices],
        columns=[(code, str(label)) for code, label in VisitTopic.choices],
        counts={(r["visitor_type"], r["topic"]): r["n"] or 0 for r in rows},
        query=describe(_("visits to walk-in consultations"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("visits"),
    )
