"""Figures on concerns, trainings and walk-in consultations, summed from the tallies their apps keep
with their writes (``zicht.stats.summaries``)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from zicht.concerns.constants import ConcernChannel, ConcernKind, CrimeDomain, RecruitmentPlace, ReporterSector
from zicht.concerns.tallies import NO_CONTACT
from zicht.outreach.constants import AudienceSector, TrainingKind
from zicht.stats.builders_cases import describe
from zicht.stats.periods import Period
from zicht.stats.summaries import tally_sums, tally_sums_by_year
from zicht.stats.tables import StatTable, single_column, table_from_counts
from zicht.walk_ins.constants import VisitorType, VisitTopic


def _kinds() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in ConcernKind.choices]


def concerns_by_sector(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    period = Period(start, end)
    sums = tally_sums("concern.sector", period, organization)
    return table_from_counts(
        key="concerns_by_sector",
        title=_("Concerns by reporter's sector"),
        row_label=_("Sector of the reporter"),
        column_label=_("Kind"),
        rows=[(code, str(label)) for code, label in ReporterSector.choices],
        columns=_kinds(),
        counts=sums,
        query=describe(_("concerns and advice requests received"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("concerns"),
    )


def concerns_by_channel(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    period = Period(start, end)
    sums = tally_sums("concern.channel", period, organization)
    return table_from_counts(
        key="concerns_by_channel",
        title=_("Concerns by channel"),
        row_label=_("Channel"),
        column_label=_("Kind"),
        rows=[(code, str(label)) for code, label in ConcernChannel.choices],
        columns=_kinds(),
        counts=sums,
        query=describe(_("concerns and advice requests received"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("concerns"),
    )


def concerns_by_crime_domain(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Concerns per crime domain; a concern may name several domains, so the rows do not add up."""
    period = Period(start, end)
    sums = tally_sums("concern.domain", period, organization)
    return single_column(
        key="concerns_by_crime_domain",
        title=_("Concerns by crime domain"),
        row_label=_("Crime domain"),
        column_label=_("Concerns"),
        rows=[(code, str(label)) for code, label in CrimeDomain.choices],
        counts={domain: n for (domain, _b), n in sums.items()},
        query=describe(_("concerns received; a concern may name several crime domains"), period, organization),
        period_start=start,
        period_end=end,
        column_totals=False,
    )


def recruitment_places(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Where young people were recruited, per year the concern was received (question 6)."""
    period = Period(start, end)
    sums = tally_sums_by_year("concern.place", period, organization)  # tallied for concerns only
    counts = {(place, year): n for (place, _b, year), n in sums.items()}
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


def first_contact_time(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Time from receiving a concern to the first contact, in bands (banded when the concern is written)."""
    period = Period(start, end)
    sums = tally_sums("concern.wait", period, organization)  # bands of zicht.concerns.tallies.WAIT_BANDS
    counts = {band: n for (band, _b), n in sums.items()}
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
            (NO_CONTACT, _("No contact recorded")),
        ],
        counts=counts,
        query=describe(_("concerns received"), period, organization),
        period_start=start,
        period_end=end,
    )


def trainings_by_audience(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Trainings per audience sector and topic (question 8); a training may reach several sectors."""
    period = Period(start, end)
    counts = tally_sums("training.audience", period, organization)
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
    counts = tally_sums("training.kind", period, organization)
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
    counts = tally_sums("walk_in", period, organization)
    return table_from_counts(
        key="walk_in_visits",
        title=_("Walk-in consultation visits by visitor and topic"),
        row_label=_("Visitor"),
        column_label=_("Topic"),
        rows=[(code, str(label)) for code, label in VisitorType.choices],
        columns=[(code, str(label)) for code, label in VisitTopic.choices],
        counts=counts,
        query=describe(_("visits to walk-in consultations"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("visits"),
    )
