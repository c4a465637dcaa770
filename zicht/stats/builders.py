"""Builders of the statistics app: figures over any period, counted in the database.

Every function takes ``start``/``end`` (inclusive dates) and an optional ``organization`` and
returns a ``StatTable`` of TRUE counts. They take no user and are no reads for a user: what may
be shown is decided in ``zicht.stats.selectors`` and published by
``zicht.stats.publication.figure_publish``. The figures live in split modules by subject.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
from zicht.stats.prose import estimate_scope_words, linkage_words, method_words, source_label, word_list
from zicht.stats.tables import StatTable

# The stratum of all young people (the code of ``sources.constants.STRATUM_ALL``; stats does not import sources).
STRATUM_ALL = "all"

__all__ = [
    "EstimateSummary",
    "MethodFigure",
    "estimate_summary",
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
class MethodFigure:
    """One defensible method's estimate of a snapshot (the headline first)."""

    method: str
    estimate: float
    interval_low: float | None
    interval_high: float | None


@dataclass(frozen=True)
class EstimateSummary:
    """An estimate of the hidden number (no personal data: model output, list names, link settings)."""

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
    stratum: str = STRATUM_ALL
    n_lists: int = 0
    methods: tuple[MethodFigure, ...] = ()
    linkage: Mapping[str, Any] = field(default_factory=dict)

    @property
    def method_range(self) -> tuple[float, float] | None:
        """Lowest and highest point estimate across the methods, when there are at least two."""
        if len(self.methods) < 2:
            return None
        values = [m.estimate for m in self.methods]
        return min(values), max(values)


def latest_estimate(*, start: datetime.date, end: datetime.date, stratum: str = STRATUM_ALL) -> EstimateSummary | None:
    """The estimate of ``stratum`` (all young people unless asked) for the period ``start``-``end``.

    Among the ``sources.EstimateSnapshot`` rows whose period lies inside the requested one: the
    widest period, then the newest. None without one (or without the app): an estimate of a
    stratum or of another period is never published as this period's real number.
    """
    try:
        snapshot_model = apps.get_model("sources", "EstimateSnapshot")
    except LookupError:
        return None
    candidates = snapshot_model.objects.filter(stratum=stratum, period_start__gte=start, period_end__lte=end)
    snapshot = max(candidates, key=lambda s: (s.period_end - s.period_start, s.created_at, s.pk), default=None)
    return None if snapshot is None else estimate_summary(snapshot)


def estimate_summary(snapshot: Any) -> EstimateSummary:
    """The publishable metadata of one snapshot."""
    sources = tuple(
        source_label(str(s.get("name", s)) if isinstance(s, dict) else str(s)) for s in (snapshot.sources or [])
    )
    warnings = tuple(str(w) for w in (snapshot.warnings or []))
    linkage = dict(snapshot.linkage or {})
    linkage.setdefault("threshold", snapshot.link_threshold)
    linkage.setdefault("rule", snapshot.link_rule)
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
        stratum=snapshot.stratum,
        n_lists=len((snapshot.inputs or {}).get("lists", [])) or len(sources),
        methods=_method_figures(snapshot.methods or {}),
        linkage=linkage,
    )


def _number(value: object) -> float | None:
    """A stored bound: a float, or None for a missing or unbounded one ("inf" in the JSON)."""
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def _method_figures(methods: Mapping[str, Any]) -> tuple[MethodFigure, ...]:
    figures = []
    for row in methods.get("estimates", []):
        estimate = _number(row.get("estimate"))
        if estimate is None:
            continue
        interval = row.get("interval") or {}
        figures.append(
            MethodFigure(str(row["method"]), estimate, _number(interval.get("low")), _number(interval.get("high")))
        )
    return tuple(figures)


def hidden_number(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """The estimate of the real number of young victims in the period, with its interval and the
    range across methods (question 5).

    An estimate is model output, not a count of people, but it still goes through the
    disclosure layer like every other table (rounded to the base, never below the threshold).
    Without an estimate the table is empty and its note says why.
    """
    summary = latest_estimate(start=start, end=end)
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
        if summary.method_range is not None:
            rows += [
                (_("Lowest estimate across methods"), round(summary.method_range[0])),
                (_("Highest estimate across methods"), round(summary.method_range[1])),
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
        query=_("estimate of the hidden number for all young people of the period (multiple systems estimation)"),
        period_start=summary.period_start,
        period_end=summary.period_end,
        row_totals=False,
        column_totals=False,
        notes=(
            note,
            estimate_scope_words(summary.n_lists, summary.period_start, summary.period_end),
            linkage_words(summary.linkage),
        ),
    )
