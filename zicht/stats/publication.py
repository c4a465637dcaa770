"""The one publication path of a figure: every screen, download, report and letter calls
``figure_publish``, so a figure is protected the same way wherever it appears.

It builds the table through the cache, and then either protects it (disclosure control, also
against the previous publication of the same table: a year-to-date figure next to the last
annual one) or, for a coordinator's audited view of their own organisation, gives the exact
table and writes the access-log entry. This is the only module that calls ``protect`` and
``exact``.
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.stats.cache import cached_table
from zicht.stats.disclosure import ProtectedTable, exact, protect
from zicht.stats.figures import FIGURES
from zicht.stats.permissions import EXACT, PROTECTED


@dataclass(frozen=True)
class Audience:
    """Whose figures, and how they may be shown."""

    mode: str  # permissions.PROTECTED or permissions.EXACT
    organization: object | None  # None: all organisations


PUBLIC = Audience(PROTECTED, None)


def previous_period_end(*, start: datetime.date, end: datetime.date) -> datetime.date | None:
    """The end of the "previous publication" of a table over ``start``..``end``: the same start up
    to the last full year before ``end`` (a year-to-date figure next to the last annual figure,
    the differencing that council reports invite). None when that period is empty or the same."""
    earlier = datetime.date(end.year - 1, 12, 31)
    return earlier if start <= earlier < end else None


def _table(registry: Mapping[str, Any], key: str, start: datetime.date, end: datetime.date, organization):  # noqa: ANN001, ANN202
    cache_key = (key, start, end, organization.pk if organization is not None else None, get_language())
    return cached_table(cache_key, lambda: registry[key].build(start=start, end=end, organization=organization))


def figure_publish(
    *,
    key: str,
    start: datetime.date,
    end: datetime.date,
    audience: Audience,
    user=None,  # noqa: ANN001
    action: str = AccessAction.READ,
    registry: Mapping[str, Any] | None = None,
) -> ProtectedTable:
    """The figure ``key`` over ``start``..``end`` as ``audience`` may see it.

    Protected: the disclosure rules, with the previous annual publication taken into account.
    Exact: the audience's own organisation only, and ``user`` (or the system, without one) is
    written to the access log with ``action``. ``registry`` defaults to the figure registry.
    """
    registry = FIGURES if registry is None else registry
    organization = audience.organization
    table = _table(registry, key, start, end, organization)
    if audience.mode != EXACT:
        published = protect(table)
        earlier = previous_period_end(start=start, end=end)
        if earlier is None or not published.has_suppression:
            return published  # nothing hidden: an earlier publication cannot expose anything
        return protect(table, previous=_table(registry, key, start, earlier, organization))
    if organization is None:
        raise ValueError("an exact figure is always about one organisation")
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    access_log_record(user=user, action=action, purpose=Purpose.STATISTICS, object_type=f"stats.{key}", object_id=str(organization.pk))
    return exact(table)
