"""Figures on the handelingskader: how far signals get along the route, how long each step takes,
and what professionals decide, by sector (question 5: where do signals stop?). Summed from the
tallies the framework keeps with its writes (``zicht.framework.tallies``).

A route counts in the period in which it started. Steps are matched across versions by route and
code and shown with the title of the newest version that has them.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization
from zicht.framework.constants import RouteKind
from zicht.framework.models import FrameworkDecision, FrameworkStep
from zicht.framework.tallies import STEP_TIME_BANDS
from zicht.stats.builders_cases import describe
from zicht.stats.periods import Period
from zicht.stats.summaries import tally_sums
from zicht.stats.tables import StatTable, table_from_counts

STEP_TIME_LABELS = {
    "same_day": gettext_lazy("Within a day"),
    "1_3": gettext_lazy("1 to 3 days"),
    "4_7": gettext_lazy("4 to 7 days"),
    "8_14": gettext_lazy("8 to 14 days"),
    "over_14": gettext_lazy("More than 14 days"),
}


def _step_rows() -> list[tuple[str, str]]:
    """``(kind:code, label)`` of every step of every version, newest title first, in route order."""
    rows: dict[str, tuple[tuple[int, int], str]] = {}
    kind_order = {kind: i for i, kind in enumerate(RouteKind.values)}
    kind_label: dict[str, str] = {RouteKind.PROFESSIONAL: _("Professional"), RouteKind.TRIAGE: _("Triage")}
    for kind, code, order, title in FrameworkStep.objects.order_by("-version__number").values_list(
        "route_kind", "code", "order", "title"
    ):
        rows.setdefault(f"{kind}:{code}", ((kind_order[kind], order), f"{kind_label[kind]}: {title}"))
    return [(key, label) for key, (_sort, label) in sorted(rows.items(), key=lambda item: item[1][0])]


def framework_step_reach(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Per step: routes that reached it (the step before was done), completed it, and completed it within its norm."""
    period = Period(start, end)
    counts = tally_sums("framework.reach", period, organization)
    return table_from_counts(
        key="framework_step_reach",
        title=_("Signals reaching each step of the action framework"),
        row_label=_("Step"),
        column_label=_("Routes"),
        rows=_step_rows(),
        columns=[
            ("reached", _("Reached")),
            ("completed", _("Completed")),
            ("in_norm", _("Completed within the norm")),
        ],
        counts=counts,
        query=describe(_("routes through the action framework started"), period, organization),
        period_start=start,
        period_end=end,
        row_totals=False,
        column_totals=False,
        unit=_("routes"),
    )


def framework_step_time(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Per step: the time from the start of the route until the step was completed, in bands."""
    period = Period(start, end)
    counts = tally_sums("framework.time", period, organization)
    return table_from_counts(
        key="framework_step_time",
        title=_("Time from the start of a route until each step was completed"),
        row_label=_("Step"),
        column_label=_("Time since the start"),
        rows=_step_rows(),
        columns=[(code, str(STEP_TIME_LABELS[code])) for code, _low, _high in STEP_TIME_BANDS],
        counts=counts,
        query=describe(_("completed steps of routes started"), period, organization),
        period_start=start,
        period_end=end,
        column_totals=False,
        unit=_("steps"),
    )


def framework_decisions_by_sector(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Professionals' decisions at the end of their route, by the kind of their organisation."""
    period = Period(start, end)
    by_organization = tally_sums("framework.decision", period, organization)
    kind_of = dict(
        Organization.objects.filter(pk__in={int(org) for org, _code in by_organization}).values_list("pk", "kind")
    )
    counts: Counter[tuple[str, str]] = Counter()
    for (org, code), n in by_organization.items():
        counts[(kind_of.get(int(org), ""), code)] += n
    decisions: dict[str, str] = {}
    for code, label in (
        FrameworkDecision.objects.filter(step__route_kind=RouteKind.PROFESSIONAL)
        .order_by("-step__version__number", "order")
        .values_list("code", "label")
    ):
        decisions.setdefault(code, label)
    return table_from_counts(
        key="framework_decisions_by_sector",
        title=_("Decisions at the end of the action framework by sector"),
        row_label=_("Sector of the professional"),
        column_label=_("Decision"),
        rows=[(code, str(label)) for code, label in OrganizationKind.choices],
        columns=list(decisions.items()),
        counts=counts,
        query=describe(_("routes through the action framework started and decided"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("routes"),
    )
