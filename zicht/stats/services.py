"""Statistics for a user: the one place that decides protected or exact, and audits exact views."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.stats.cache import cached_table
from zicht.stats.disclosure import ProtectedTable, exact, protect
from zicht.stats.figures import FIGURES
from zicht.stats.permissions import EXACT, stats_mode


@dataclass(frozen=True)
class Audience:
    """Whose figures, and how they may be shown."""

    mode: str  # permissions.PROTECTED or permissions.EXACT
    organization: object | None  # None: all organisations


def stats_audience(*, user, public: bool = False) -> Audience:  # noqa: ANN001
    """Analysts: protected figures of all organisations. Coordinators of a support organisation:
    exact figures of their own organisation (protected when ``public``). Everyone else: denied."""
    membership = getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None
    mode = stats_mode(role=membership.role if membership else None, organization_kind=membership.organization.kind if membership else None)
    if mode is None:
        raise PermissionDenied
    if mode == EXACT:
        return Audience("protected" if public else EXACT, membership.organization)
    return Audience(mode, None)


def previous_period_end(*, start: datetime.date, end: datetime.date) -> datetime.date | None:
    """The end of the "previous publication" of a table over ``start``..``end``: the same start up
    to the last full year before ``end`` (a year-to-date figure next to the last annual figure,
    the differencing that council reports invite). None when that period is empty or the same."""
    earlier = datetime.date(end.year - 1, 12, 31)
    return earlier if start <= earlier < end else None


def _table(key: str, start: datetime.date, end: datetime.date, organization):  # noqa: ANN001, ANN202
    cache_key = (key, start, end, organization.pk if organization is not None else None, get_language())
    return cached_table(cache_key, lambda: FIGURES[key].build(start=start, end=end, organization=organization))


def stats_table_for_user(
    *,
    user,  # noqa: ANN001
    key: str,
    start: datetime.date,
    end: datetime.date,
    public: bool = False,
    action: str = AccessAction.READ,
) -> ProtectedTable:
    """A figure as the user may see it; every exact view is written to the access log."""
    audience = stats_audience(user=user, public=public)
    organization = audience.organization
    table = _table(key, start, end, organization)
    if audience.mode != EXACT:
        published = protect(table)
        earlier = previous_period_end(start=start, end=end)
        if earlier is None or not published.has_suppression:
            return published  # nothing hidden: an earlier publication cannot expose anything
        return protect(table, previous=_table(key, start, earlier, organization))
    access_log_record(
        user=user, action=action, purpose=Purpose.STATISTICS, object_type=f"stats.{key}", object_id=str(audience.organization.pk)
    )
    return exact(table)


def council_report_for_user(*, user, start: datetime.date, end: datetime.date, version: str):  # noqa: ANN001, ANN201
    """The council report as this user may have it: internal (exact) only for a coordinator of
    a support organisation, about their own organisation; every exact table is audited as an export."""
    from zicht.stats.report import INTERNAL, PUBLIC, council_report_build

    public = version == PUBLIC
    audience = stats_audience(user=user, public=public)
    if version == INTERNAL and audience.mode != EXACT:
        raise PermissionDenied

    def tables(key: str) -> ProtectedTable:
        return stats_table_for_user(user=user, key=key, start=start, end=end, public=public, action=AccessAction.EXPORT)

    name = audience.organization.name if audience.organization is not None else ""
    return council_report_build(start=start, end=end, version=version, tables=tables, organization_name=name)


def council_report_for_organization(*, start: datetime.date, end: datetime.date, version: str, organization=None):  # noqa: ANN001, ANN201
    """The report outside a request (management command). Internal needs the organisation; the
    exact tables are audited as exports without a user."""
    from django.contrib.auth.models import AnonymousUser

    from zicht.stats.report import INTERNAL, council_report_build

    if version == INTERNAL and organization is None:
        raise ValueError("the internal version needs an organisation")
    system = AnonymousUser()

    def tables(key: str) -> ProtectedTable:
        table = FIGURES[key].build(start=start, end=end, organization=organization)
        if version != INTERNAL:
            published = protect(table)
            earlier = previous_period_end(start=start, end=end)
            if earlier is None or not published.has_suppression:
                return published
            return protect(table, previous=FIGURES[key].build(start=start, end=earlier, organization=organization))
        access_log_record(user=system, action=AccessAction.EXPORT, purpose=Purpose.STATISTICS, object_type=f"stats.{key}", object_id=str(organization.pk))
        return exact(table)

    name = organization.name if organization is not None else ""
    return council_report_build(start=start, end=end, version=version, tables=tables, organization_name=name)
