"""Builders of the statistics app: figures over any period, counted in the database.

Every function takes ``start``/``end`` (inclusive dates) and an optional ``organization`` and
returns a ``StatTable`` of TRUE counts. They take no user and are no reads for a user: what may
be shown is decided in ``zicht.stats.selectors`` and published by
``zicht.stats.publication.figure_publish``. The figures live in split modules by subject.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _

from zicht.stats.builders_activity import (
    concerns_by_channel,
    concerns_by_crime_domain,
    concerns_by_sector,
    first_contact_time,
    recruitment_places,
    trainings_by_audience,
    trainings_participants,
    walk_in_visits,
)
from zicht.stats.builders_cases import (
    cases_by_age_band,
    cases_by_district,
    cases_by_form,
    cases_by_outcome,
    cases_by_year,
    known_young_victims_per_year,
    referrals_by_partner,
    support_actions,
)
from zicht.stats.periods import Period
from zicht.stats.prose import method_words, source_label, word_list
from zicht.stats.tables import StatTable

__all__ = [
    "EstimateSummary",
    "cases_by_age_band",
    "cases_by_district",
    "cases_by_form",
    "cases_by_outcome",
    "cases_by_year",
    "concerns_by_channel",
    "concerns_by_crime_domain",
    "concerns_by_sector",
    "first_contact_time",
    "hidden_number",
    "known_young_victims_per_year",
    "latest_estimate",
    "recruitment_places",
    "referrals_by_partner",
    "support_actions",
    "trainings_by_audience",
    "trainings_participants",
    "walk_in_visits",
]


@dataclass(frozen=True)
class EstimateSummary:
    """The latest estimate of the hidden number (no personal data: model output and list names)."""

    estimate: float
    interval_low: float | None
    interval_high: float | None
    observed: int
    method: str
    interval_method: str
    sources: tuple[str, ...]
    period_start: datetime.date
    period_end: datetime.date
    created_at: datetime.datetime
    warnings: tuple[str, ...]


def latest_estimate() -> EstimateSummary | None:
    """The newest ``sources.EstimateSnapshot`` for all young people, or None without one (or without the app)."""
    try:
        snapshot_model = apps.get_model("sources", "EstimateSnapshot")
    except LookupError:
        return None
    snapshot = snapshot_model.objects.order_by("-created_at", "-pk").first()
    if snapshot is None:
        return None
    sources = tuple(
        source_label(str(s.get("name", s)) if isinstance(s, dict) else str(s)) for s in (snapshot.sources or [])
    )
    warnings = tuple(str(w) for w in (snapshot.warnings or []))
    return EstimateSummary(
        estimate=snapshot.estimate,
        interval_low=snapshot.interval_low,
        interval_high=snapshot.interval_high,
        observed=snapshot.observed,
        method=snapshot.method,
        interval_method=snapshot.interval_method,
        sources=sources,
        period_start=snapshot.period_start,
        period_end=snapshot.period_end,
        created_at=snapshot.created_at,
        warnings=warnings,
    )


def hidden_number(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """The latest estimate of the real number of young victims, with its interval (question 5).

    An estimate is model output, not a count of people, but it still goes through the
    disclosure layer like every other table (rounded to the base, never below the threshold).
    Without an estimate the table is empty and its note says why.
    """
    summary = latest_estimate()
    if summary is None:
        return StatTable(
            key="hidden_number",
            title=_("Estimated real number of young victims"),
            row_label=_("Figure"),
            column_label=_("Number"),
            rows=(),
            columns=(_("Number"),),
            cells=(),
            query=_("no estimate available"),
            period_start=start,
            period_end=end,
            row_totals=False,
            column_totals=False,
            notes=(_("There are too few linked sources to estimate the real number of victims."),),
        )
    rows = [
        (_("Known in the sources (observed)"), summary.observed),
        (_("Estimated real number"), round(summary.estimate)),
    ]
    if summary.interval_low is not None and summary.interval_high is not None:
        rows += [
            (_("Lower bound of the interval"), round(summary.interval_low)),
            (_("Upper bound of the interval"), round(summary.interval_high)),
        ]
    note = _("Estimate over %(period)s with %(method)s, from the registrations of %(sources)s.") % {
        "period": Period(summary.period_start, summary.period_end).name(),
        "method": method_words(summary.method),
        "sources": word_list(summary.sources) or "-",
    }
    return StatTable(
        key="hidden_number",
        title=_("Estimated real number of young victims"),
        row_label=_("Figure"),
        column_label=_("Number"),
        rows=tuple(label for label, _v in rows),
        columns=(_("Number"),),
        cells=tuple((max(0, int(value)),) for _l, value in rows),
        query=_("latest estimate of the hidden number (multiple systems estimation)"),
        period_start=summary.period_start,
        period_end=summary.period_end,
        row_totals=False,
        column_totals=False,
        notes=(note,),
    )
