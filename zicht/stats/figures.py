"""The figure registry: every statistic by key, for dashboards, exports and answer letters."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zicht.common.types import StrOrPromise
from zicht.stats import builders, builders_framework
from zicht.stats.tables import StatTable

Builder = Callable[..., StatTable]


@dataclass(frozen=True)
class FigureSpec:
    """``build(start=, end=, organization=None)`` returns the TRUE counts; protect before showing."""

    key: str
    label: StrOrPromise
    build: Builder
    subject: str = "cases"  # "concerns", "cases", "outreach" or "estimate": the dashboard page it belongs on
    chart: str = "bars"  # "bars", "trend" (rows are years) or "estimate"
    counts: tuple[str, ...] = ()  # the models it counts ("app.Model"): a new row there makes a cached table stale

    def table(self, *, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
        return self.build(start=start, end=end, organization=organization)


_SPECS = (
    FigureSpec(
        "known_victims_per_year",
        _("Known young (suspected) victims of criminal exploitation per year"),
        builders.known_young_victims_per_year,
        "cases",
        "trend",
        counts=("cases.Case", "cases.CaseExploitation"),
    ),
    FigureSpec(
        "cases_by_year",
        _("Cases per year by victim status"),
        builders.cases_by_year,
        "cases",
        "trend",
        counts=("cases.Case",),
    ),
    FigureSpec(
        "cases_by_form",
        _("Cases by form of exploitation"),
        builders.cases_by_form,
        "cases",
        counts=("cases.Case", "cases.CaseExploitation"),
    ),
    FigureSpec(
        "cases_by_age_band",
        _("Cases by age at registration"),
        builders.cases_by_age_band,
        "cases",
        "trend",
        counts=("cases.Case",),
    ),
    FigureSpec(
        "cases_by_district", _("Cases by district"), builders.cases_by_district, "cases", counts=("cases.Case",)
    ),
    FigureSpec(
        "cases_by_outcome", _("Closed cases by outcome"), builders.cases_by_outcome, "cases", counts=("cases.Case",)
    ),
    FigureSpec(
        "support_actions",
        _("Support given, by kind"),
        builders.support_actions,
        "cases",
        counts=("cases.SupportAction",),
    ),
    FigureSpec(
        "referrals_by_partner",
        _("Referrals by partner and result"),
        builders.referrals_by_partner,
        "cases",
        counts=("cases.Referral",),
    ),
    FigureSpec(
        "concerns_by_sector",
        _("Concerns by reporter's sector"),
        builders.concerns_by_sector,
        "concerns",
        counts=("concerns.Concern",),
    ),
    FigureSpec(
        "concerns_by_channel",
        _("Concerns by channel"),
        builders.concerns_by_channel,
        "concerns",
        counts=("concerns.Concern",),
    ),
    FigureSpec(
        "concerns_by_crime_domain",
        _("Concerns by crime domain"),
        builders.concerns_by_crime_domain,
        "concerns",
        counts=("concerns.Concern", "concerns.ConcernCrimeDomain"),
    ),
    FigureSpec(
        "recruitment_places",
        _("Places of recruitment named in concerns"),
        builders.recruitment_places,
        "concerns",
        counts=("concerns.Concern",),
    ),
    FigureSpec(
        "first_contact_time",
        _("Time from concern to first contact"),
        builders.first_contact_time,
        "concerns",
        counts=("concerns.Concern",),
    ),
    FigureSpec(
        "framework_step_reach",
        _("Signals reaching each step of the action framework"),
        builders_framework.framework_step_reach,
        "concerns",
        counts=("framework.Route", "framework.RouteStep", "framework.FrameworkStep"),
    ),
    FigureSpec(
        "framework_step_time",
        _("Time from the start of a route until each step was completed"),
        builders_framework.framework_step_time,
        "concerns",
        counts=("framework.Route", "framework.RouteStep", "framework.FrameworkStep"),
    ),
    FigureSpec(
        "framework_decisions_by_sector",
        _("Decisions at the end of the action framework by sector"),
        builders_framework.framework_decisions_by_sector,
        "concerns",
        counts=("framework.Route", "framework.RouteStep", "framework.FrameworkDecision"),
    ),
    FigureSpec(
        "trainings_by_audience",
        _("Trainings for professionals by audience"),
        builders.trainings_by_audience,
        "outreach",
        counts=("outreach.Training", "outreach.TrainingAudience"),
    ),
    FigureSpec(
        "trainings_participants",
        _("Trainings and participants"),
        builders.trainings_participants,
        "outreach",
        counts=("outreach.Training",),
    ),
    FigureSpec(
        "walk_in_visits",
        _("Walk-in consultation visits by visitor and topic"),
        builders.walk_in_visits,
        "outreach",
        counts=("walk_ins.WalkInVisitCount",),
    ),
    FigureSpec(
        "hidden_number",
        _("Estimated real number of young victims"),
        builders.hidden_number,
        "estimate",
        "estimate",
        counts=("sources.EstimateSnapshot",),
    ),
)

FIGURES: dict[str, FigureSpec] = {spec.key: spec for spec in _SPECS}


def figures_for(subject: str) -> list[FigureSpec]:
    return [spec for spec in _SPECS if spec.subject == subject]
