"""The full recount of the case figures straight from the case tables: the builders as they were
before the tallies, kept as the independent oracle of `test_summaries` (aggregates in SQL)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection
from django.db import models as m
from django.db.models.expressions import Case as SqlCase
from django.utils.translation import gettext as _

from zicht.cases.constants import CloseReason, ReferralStatus, SupportActionKind, VictimStatus, young_victim_q
from zicht.cases.models import Case, CaseExploitation, Referral, SupportAction
from zicht.common.exploitation import ExploitationType
from zicht.people.ages import AGE_BAND_RANGES, AgeBand
from zicht.people.constants import District
from zicht.stats.periods import Period
from zicht.stats.tables import StatTable, single_column, table_from_counts

COMBINED = "combined"
UNKNOWN = "unknown"


def describe(what: str, period: Period, organization, *filters: str) -> str:
    """The human-readable selection behind a table: what, period, organisation, filters."""
    parts = [what, _("period: %(period)s") % {"period": period.describe()}]
    parts.append(_("organisation: %(name)s") % {"name": organization.name} if organization else _("all organisations"))
    parts.extend(filters)
    return "; ".join(parts)


def _cases(period: Period, organization) -> m.QuerySet[Case]:
    queryset = Case.objects.filter(opened_at__gte=period.since, opened_at__lt=period.until)
    if organization is not None:
        queryset = queryset.filter(organization=organization)
    return queryset


def _year_rows(period: Period) -> list[tuple[str, str]]:
    return [(str(year), period.year_label(year)) for year in period.years()]


def known_young_victims_per_year(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Question 4 of the source document, per registration year.

    Cases (at the support organisation, or all support organisations) opened in the period, with
    age at registration under 21, victim status suspected or confirmed and criminal exploitation;
    with a column "of whom combined with sexual exploitation".
    """
    period = Period(start, end)
    criminal = CaseExploitation.objects.filter(case=m.OuterRef("pk"), type=ExploitationType.CRIMINAL)
    sexual = CaseExploitation.objects.filter(case=m.OuterRef("pk"), type=ExploitationType.SEXUAL)
    rows = (
        _cases(period, organization)
        .filter(young_victim_q())
        .filter(m.Exists(criminal))
        .values("registration_year")
        .annotate(victims=m.Count("pk"), combined=m.Count("pk", filter=m.Exists(sexual)))
    )
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(str(row["registration_year"]), "victims")] = row["victims"]
        counts[(str(row["registration_year"]), COMBINED)] = row["combined"]
    return table_from_counts(
        key="known_victims_per_year",
        title=_("Known young (suspected) victims of criminal exploitation per year"),
        row_label=_("Year of registration"),
        column_label=_("Young (suspected) victims"),
        rows=_year_rows(period),
        columns=[("victims", _("Criminal exploitation")), (COMBINED, _("Of whom combined with sexual exploitation"))],
        counts=counts,
        query=describe(
            _("cases under 21 at registration, suspected or confirmed victim, criminal exploitation"),
            period,
            organization,
            _("counted by date of opening"),
        ),
        period_start=start,
        period_end=end,
        row_totals=False,
        unit=_("young people"),
    )


def cases_by_year(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Cases per registration year and victim status."""
    period = Period(start, end)
    rows = _cases(period, organization).values("registration_year", "victim_status").annotate(n=m.Count("pk"))
    counts = {(str(r["registration_year"]), r["victim_status"]): r["n"] for r in rows}
    return table_from_counts(
        key="cases_by_year",
        title=_("Cases per year by victim status"),
        row_label=_("Year of registration"),
        column_label=_("Victim status"),
        rows=_year_rows(period),
        columns=[(code, str(label)) for code, label in VictimStatus.choices],
        counts=counts,
        query=describe(_("cases opened"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("cases"),
    )


def cases_by_form(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Cases per form of exploitation and year; "combined" = more than one distinct form.

    A case with several forms counts under each of them, so the forms do not add up per year.
    """
    period = Period(start, end)
    types = ExploitationType.values
    # Per case (in the database): a 0/1 flag per form and the number of distinct forms; then
    # per year the sums of those flags. One pass over the exploitation rows of the period.
    per_case = (
        CaseExploitation.objects.filter(case__in=_cases(period, organization).values("pk"))
        .values("case", year=m.F("case__registration_year"))
        .annotate(
            **{f"f_{t}": m.Max(SqlCase(m.When(type=t, then=m.Value(1)), default=m.Value(0))) for t in types},
            n_forms=m.Count("type", distinct=True),
        )
    )
    inner_sql, params = per_case.query.sql_with_params()
    quote = connection.ops.quote_name
    sums = ", ".join(f"SUM({quote('f_' + t)})" for t in types)
    sql = (
        f"SELECT {quote('year')}, {sums}, SUM(CASE WHEN {quote('n_forms')} > 1 THEN 1 ELSE 0 END) "
        f"FROM ({inner_sql}) per_case GROUP BY {quote('year')}"
    )
    counts: dict[tuple[str, str], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for year, *values in cursor.fetchall():
            for code, value in zip([*types, COMBINED], values, strict=False):
                counts[(code, str(year))] = int(value or 0)
    return table_from_counts(
        key="cases_by_form",
        title=_("Cases by form of exploitation"),
        row_label=_("Form of exploitation"),
        column_label=_("Year of registration"),
        rows=[(code, str(label)) for code, label in ExploitationType.choices]
        + [(COMBINED, _("Combined (more than one form)"))],
        columns=_year_rows(period),
        counts=counts,
        query=describe(_("cases opened, counted once per form"), period, organization),
        period_start=start,
        period_end=end,
        column_totals=False,
        unit=_("cases"),
    )


# The overlapping reporting bands, from the one definition in zicht.people.ages.
AGE_BANDS = (
    *((band, span.q("age_at_registration")) for band, span in AGE_BAND_RANGES.items()),
    (UNKNOWN, m.Q(age_at_registration__isnull=True)),
)


def age_band_labels() -> list[tuple[str, str]]:
    return [*((code, str(label)) for code, label in AgeBand.choices), (UNKNOWN, _("Age unknown"))]


def cases_by_age_band(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Cases per year in overlapping age bands (under 18, 18-20, under 21, 18-22): rows do not add up."""
    period = Period(start, end)
    aggregates = {code: m.Count("pk", filter=condition) for code, condition in AGE_BANDS}
    rows: Iterable[Mapping[str, Any]] = _cases(period, organization).values("registration_year").annotate(**aggregates)
    counts = {(str(r["registration_year"]), code): r[code] for r in rows for code, _c in AGE_BANDS}
    return table_from_counts(
        key="cases_by_age_band",
        title=_("Cases by age at registration"),
        row_label=_("Year of registration"),
        column_label=_("Age band"),
        rows=_year_rows(period),
        columns=age_band_labels(),
        counts=counts,
        query=describe(_("cases opened; the age bands overlap"), period, organization),
        period_start=start,
        period_end=end,
        row_totals=False,
        unit=_("cases"),
    )


def cases_by_district(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    period = Period(start, end)
    rows = _cases(period, organization).values("young_person__district").annotate(n=m.Count("pk"))
    return single_column(
        key="cases_by_district",
        title=_("Cases by district"),
        row_label=_("District"),
        column_label=_("Cases"),
        rows=[(code, str(label)) for code, label in District.choices],
        counts={r["young_person__district"]: r["n"] for r in rows},
        query=describe(_("cases opened, by the young person's district"), period, organization),
        period_start=start,
        period_end=end,
    )


def cases_by_outcome(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Cases CLOSED in the period, by reason for closing."""
    period = Period(start, end)
    queryset = Case.objects.filter(closed_at__gte=period.since, closed_at__lt=period.until)
    if organization is not None:
        queryset = queryset.filter(organization=organization)
    rows = queryset.exclude(close_reason="").values("close_reason").annotate(n=m.Count("pk"))
    return single_column(
        key="cases_by_outcome",
        title=_("Closed cases by outcome"),
        row_label=_("Reason for closing"),
        column_label=_("Cases"),
        rows=[(code, str(label)) for code, label in CloseReason.choices],
        counts={r["close_reason"]: r["n"] for r in rows},
        query=describe(_("cases closed"), period, organization, _("counted by date of closing")),
        period_start=start,
        period_end=end,
    )


def referrals_by_partner(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Referrals made in the period, by receiving organisation and result."""
    period = Period(start, end)
    queryset = Referral.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
    if organization is not None:
        queryset = queryset.filter(case__organization=organization)
    rows = list(queryset.values("to_organization_id", "to_organization__name", "status").annotate(n=m.Count("pk")))
    partners = sorted({(str(r["to_organization_id"]), r["to_organization__name"]) for r in rows}, key=lambda p: p[1])
    return table_from_counts(
        key="referrals_by_partner",
        title=_("Referrals by partner and result"),
        row_label=_("Referred to"),
        column_label=_("Result"),
        rows=partners,
        columns=[(code, str(label)) for code, label in ReferralStatus.choices],
        counts={(str(r["to_organization_id"]), r["status"]): r["n"] for r in rows},
        query=describe(_("referrals made"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("referrals"),
    )


def support_actions(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Support started in the period, by kind: actions and the cases that received them."""
    period = Period(start, end)
    queryset = SupportAction.objects.filter(started_on__gte=start, started_on__lte=end)
    if organization is not None:
        queryset = queryset.filter(case__organization=organization)
    rows = queryset.values("kind").annotate(cases=m.Count("case", distinct=True))
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        counts[(r["kind"], "cases")] = r["cases"]
    return table_from_counts(
        key="support_actions",
        title=_("Support given, by kind"),
        row_label=_("Kind of support"),
        column_label=_("Cases"),
        rows=[(code, str(label)) for code, label in SupportActionKind.choices],
        columns=[("cases", _("Cases with this support"))],
        counts=counts,
        query=describe(_("support actions started; a case may receive several kinds"), period, organization),
        period_start=start,
        period_end=end,
        row_totals=False,
        column_totals=False,
        unit=_("cases"),
    )
