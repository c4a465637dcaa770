"""The framework figures counted straight from the route tables: the former SQL builders, kept as
the full-recount oracle of the tallies (``zicht.framework.tallies``) in ``test_summaries``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models as m
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.accounts.constants import OrganizationKind
from zicht.framework.constants import RouteKind
from zicht.framework.models import FrameworkDecision, FrameworkStep, Route, RouteStep
from zicht.stats.builders_cases import describe
from zicht.stats.periods import Period
from zicht.stats.tables import StatTable, table_from_counts


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


STEP_TIME_BANDS = (
    ("same_day", gettext_lazy("Within a day"), m.Q(days__lt=1)),
    ("1_3", gettext_lazy("1 to 3 days"), m.Q(days__gte=1, days__lt=4)),
    ("4_7", gettext_lazy("4 to 7 days"), m.Q(days__gte=4, days__lt=8)),
    ("8_14", gettext_lazy("8 to 14 days"), m.Q(days__gte=8, days__lt=15)),
    ("over_14", gettext_lazy("More than 14 days"), m.Q(days__gte=15)),
)


def _routes(period: Period, organization) -> m.QuerySet[Route]:
    """Routes started in the period; for one support organisation: its triage routes and the
    professional routes that became its concerns."""
    queryset = Route.objects.filter(started_at__gte=period.since, started_at__lt=period.until)
    if organization is not None:
        queryset = queryset.filter(
            m.Q(kind=RouteKind.TRIAGE, organization=organization)
            | m.Q(kind=RouteKind.PROFESSIONAL, concern__handling_organization=organization)
        )
    return queryset


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


def _route_steps(period: Period, organization) -> m.QuerySet[RouteStep]:
    return RouteStep.objects.filter(route__in=_routes(period, organization).values("pk")).annotate(
        key=Concat("step__route_kind", m.Value(":"), "step__code", output_field=m.CharField())
    )


def framework_step_reach(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """Per step: routes that reached it (the step before was done), completed it, and completed it within its norm."""
    period = Period(start, end)
    steps = _route_steps(period, organization)
    previous_done = RouteStep.objects.filter(
        route=m.OuterRef("route"), step__order=m.OuterRef("step__order") - 1, completed_at__isnull=False
    )
    rows: Iterable[Mapping[str, Any]] = (
        steps.annotate(
            is_reached=m.ExpressionWrapper(m.Q(step__order=1) | m.Exists(previous_done), output_field=m.BooleanField())
        )
        .values("key")
        .annotate(
            reached=m.Count("pk", filter=m.Q(is_reached=True)),
            completed=m.Count("pk", filter=m.Q(completed_at__isnull=False)),
            in_norm=m.Count("pk", filter=m.Q(completed_at__isnull=False, completed_at__lte=m.F("due_at"))),
        )
    )
    counts = {(r["key"], column): r[column] for r in rows for column in ("reached", "completed", "in_norm")}
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
    rows: Iterable[Mapping[str, Any]] = (
        _route_steps(period, organization)
        .filter(completed_at__isnull=False)
        .annotate(days=DaysBetween("completed_at", "route__started_at"))
        .values("key")
        .annotate(**{code: m.Count("pk", filter=condition) for code, _label, condition in STEP_TIME_BANDS})
    )
    counts = {(r["key"], code): r[code] for r in rows for code, _label, _c in STEP_TIME_BANDS}
    return table_from_counts(
        key="framework_step_time",
        title=_("Time from the start of a route until each step was completed"),
        row_label=_("Step"),
        column_label=_("Time since the start"),
        rows=_step_rows(),
        columns=[(code, str(label)) for code, label, _c in STEP_TIME_BANDS],
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
    rows = (
        RouteStep.objects.filter(
            route__in=_routes(period, organization).filter(kind=RouteKind.PROFESSIONAL).values("pk"),
            decision__isnull=False,
            completed_at__isnull=False,
        )
        .values("route__organization__kind", "decision__code")
        .annotate(n=m.Count("route", distinct=True))
    )
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
        counts={(r["route__organization__kind"], r["decision__code"]): r["n"] for r in rows},
        query=describe(_("routes through the action framework started and decided"), period, organization),
        period_start=start,
        period_end=end,
        unit=_("routes"),
    )
