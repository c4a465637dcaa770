"""Reads of the statistics app for a user: who sees which figures (protected or exact); the
figures themselves are counted by ``zicht.stats.builders`` and published through
``zicht.stats.publication.figure_publish``."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from zicht.audit.constants import AccessAction
from zicht.stats.disclosure import ProtectedTable
from zicht.stats.figures import FIGURES  # noqa: F401 - the registry, as tests patch it here
from zicht.stats.permissions import EXACT, PROTECTED, stats_mode
from zicht.stats.publication import Audience, figure_publish, previous_period_end

__all__ = [
    "Audience",
    "council_report_for_organization",
    "council_report_for_user",
    "previous_period_end",
    "stats_audience",
    "stats_table_for_user",
]


def stats_audience(*, user, public: bool = False) -> Audience:
    """Analysts: protected figures of all organisations. Coordinators of a support organisation:
    exact figures of their own organisation (protected when ``public``). Everyone else: denied."""
    membership = getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None
    mode = stats_mode(
        role=membership.role if membership else None,
        organization_kind=membership.organization.kind if membership else None,
    )
    if mode is None:
        raise PermissionDenied
    if mode == EXACT and membership is not None:
        return Audience(PROTECTED if public else EXACT, membership.organization)
    return Audience(mode, None)


def stats_table_for_user(
    *,
    user,
    key: str,
    start: datetime.date,
    end: datetime.date,
    public: bool = False,
    action: str = AccessAction.READ,
) -> ProtectedTable:
    """A figure as the user may see it; every exact view is written to the access log."""
    audience = stats_audience(user=user, public=public)
    return figure_publish(key=key, start=start, end=end, audience=audience, user=user, action=action)


def council_report_for_user(*, user, start: datetime.date, end: datetime.date, version: str):
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


def council_report_for_organization(*, start: datetime.date, end: datetime.date, version: str, organization=None):
    """The report outside a request (management command). Internal needs the organisation; the
    exact tables are audited as exports without a user."""
    from zicht.stats.report import INTERNAL, council_report_build

    if version == INTERNAL and organization is None:
        raise ValueError("the internal version needs an organisation")
    audience = Audience(EXACT if version == INTERNAL else PROTECTED, organization)

    def tables(key: str) -> ProtectedTable:
        return figure_publish(key=key, start=start, end=end, audience=audience, action=AccessAction.EXPORT)

    name = organization.name if organization is not None else ""
    return council_report_build(start=start, end=end, version=version, tables=tables, organization_name=name)
