"""Case figures, summed from the tallies the cases app keeps with its writes (``zicht.stats.summaries``)."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import models as m
from django.utils.translation import gettext as _

from zicht.accounts.models import Organization
from zicht.cases.constants import CloseReason, ReferralStatus, SupportActionKind, VictimStatus
from zicht.common.exploitation import ExploitationType
from zicht.people.ages import AGE_BAND_RANGES, AgeBand
from zicht.people.constants import District
from zicht.stats.periods import Period
from zicht.stats.summaries import tally_sums, tally_sums_by_year
from zicht.stats.tables import StatTable, single_column, table_from_counts

COMBINED = "combined"
UNKNOWN = "unknown"


def describe(what: str, period: Period, organization, *filters: str) -> str:
    """The human-readable selection behind a table: what, period, organisation, filters."""
    parts = [what, _("period: %(period)s") % {"period": period.describe()}]
    parts.append(_("organisation: %(name)s") % {"name": organization.name} if organization else _("all organisations"))
    parts.extend(filters)
    return "; ".join(parts)


def _year_rows(period: Period) -> list[tuple[str, str]]:
    return [(str(year), period.year_label(year)) for year in period.years()]


def known_young_victims_per_year(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Question 4 of the source document, per registration year.

    Cases (at the support organisation, or all support organisations) opened in the period, with
    age at registration under 21, victim status suspected or confirmed and criminal exploitation;
    with a column "of whom combined with sexual exploitation".
    """
    period = Period(start, end)
    sums = tally_sums_by_year("case.young_victim", period, organization)
    counts = {(year, column): n for (column, _b, year), n in sums.items()}
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
    sums = tally_sums_by_year("case.status", period, organization)
    counts = {(year, status): n for (status, _b, year), n in sums.items()}
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
    sums = tally_sums_by_year("case.form", period, organization)
    counts = {(form, year): n for (form, _b, year), n in sums.items()}
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


def age_bands_of(age: str) -> list[str]:
    """The overlapping reporting bands (from the one definition in zicht.people.ages) of an age at
    registration as tallied ("" when it is unknown)."""
    if age == "":
        return [UNKNOWN]
    return [band for band, span in AGE_BAND_RANGES.items() if span.contains(int(age))]


def age_band_labels() -> list[tuple[str, str]]:
    return [*((code, str(label)) for code, label in AgeBand.choices), (UNKNOWN, _("Age unknown"))]


def cases_by_age_band(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Cases per year in overlapping age bands (under 18, 18-20, under 21, 18-22): rows do not add up."""
    period = Period(start, end)
    counts: Counter[tuple[str, str]] = Counter()
    for (age, _b, year), n in tally_sums_by_year("case.age", period, organization).items():
        for band in age_bands_of(age):
            counts[(year, band)] += n
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
    sums = tally_sums("case.district", period, organization)
    return single_column(
        key="cases_by_district",
        title=_("Cases by district"),
        row_label=_("District"),
        column_label=_("Cases"),
        rows=[(code, str(label)) for code, label in District.choices],
        counts={district: n for (district, _b), n in sums.items()},
        query=describe(_("cases opened, by the young person's district"), period, organization),
        period_start=start,
        period_end=end,
    )


def cases_by_outcome(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Cases CLOSED in the period, by reason for closing."""
    period = Period(start, end)
    sums = tally_sums("case.closed", period, organization)
    return single_column(
        key="cases_by_outcome",
        title=_("Closed cases by outcome"),
        row_label=_("Reason for closing"),
        column_label=_("Cases"),
        rows=[(code, str(label)) for code, label in CloseReason.choices],
        counts={reason: n for (reason, _b), n in sums.items()},
        query=describe(_("cases closed"), period, organization, _("counted by date of closing")),
        period_start=start,
        period_end=end,
    )


def referrals_by_partner(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Referrals made in the period, by receiving organisation and result."""
    period = Period(start, end)
    sums = tally_sums("referral", period, organization)
    names = dict(Organization.objects.filter(pk__in={int(to) for to, _s in sums}).values_list("pk", "name"))
    partners = sorted({(to, names[int(to)]) for to, _s in sums}, key=lambda p: p[1])
    return table_from_counts(
        key="referrals_by_partner",
        title=_("Referrals by partner and result"),
        row_label=_("Referred to"),
        column_label=_("Result"),
        rows=partners,
        columns=[(code, str(label)) for code, label in ReferralStatus.choices],
        counts=sums,
        query=describe(_("referrals made"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("referrals"),
    )


def support_actions(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Support started in the period, by kind: actions and the cases that received them."""
    period = Period(start, end)
    # A case counts once per kind: at its first start of that kind in the period, i.e. a start
    # whose previous start of the same kind (tallied as ``b``) lies before the period or is none.
    first_in_period = m.Q(b="") | m.Q(b__lt=start.isoformat())
    sums = tally_sums("support", period, organization, where=first_in_period)
    counts = {(kind, "cases"): n for (kind, _b), n in sums.items()}
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
