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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zicht.accounts.models import Organization
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.stats.cache import cached_table
from zicht.stats.disclosure import ProtectedTable, exact, protect
from zicht.stats.figures import FIGURES
from zicht.stats.permissions import EXACT, PROTECTED
from zicht.stats.tables import StatTable


@dataclass(frozen=True)
class Audience:
    """Whose figures, and how they may be shown."""

    mode: str  # permissions.PROTECTED or permissions.EXACT
    organization: Organization | None  # None: all organisations


PUBLIC = Audience(PROTECTED, None)


def previous_period_end(*, start: datetime.date, end: datetime.date) -> datetime.date | None:
    """The end of the "previous publication" of a table over ``start``..``end``: the same start up
    to the last full year before ``end`` (a year-to-date figure next to the last annual figure,
    the differencing that council reports invite). None when that period is empty or the same."""
    earlier = datetime.date(end.year - 1, 12, 31)
    return earlier if start <= earlier < end else None


def _table(registry: Mapping[str, Any], key: str, start: datetime.date, end: datetime.date, organization):
    cache_key = (key, start, end, organization.pk if organization is not None else None, get_language())
    spec = registry[key]
    return cached_table(
        cache_key,
        lambda: spec.build(start=start, end=end, organization=organization),
        models=getattr(spec, "counts", ()),
    )


def figure_publish(
    *,
    key: str,
    start: datetime.date,
    end: datetime.date,
    audience: Audience,
    user=None,
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
    access_log_record(
        user=user, action=action, purpose=Purpose.STATISTICS, object_type=f"stats.{key}", object_id=str(organization.pk)
    )
    return exact(table)


def overlap_order(patterns: Sequence[Sequence[int]]) -> list[int]:
    """Indexes of the combinations in a fixed order (fewest lists first, then by list): never by
    count, since an order by true counts would rank the hidden ones."""
    return sorted(range(len(patterns)), key=lambda i: (sum(patterns[i]), [-bit for bit in patterns[i]]))


def overlap_publish(
    *,
    lists: Sequence[str],
    patterns: Sequence[Sequence[int]],
    counts: Sequence[int],
    start: datetime.date,
    end: datetime.date,
) -> ProtectedTable:
    """People per exact combination of linked lists, with the total (observed on at least one
    list), as they may be shown: the same disclosure rules as every other figure. Rows follow
    ``overlap_order``."""
    order = overlap_order(patterns)
    rows = tuple(" + ".join(name for name, bit in zip(lists, patterns[i], strict=True) if bit) for i in order)
    column = _("Young people")
    table = StatTable(
        key="overlap",
        title=_("Young people per combination of registrations"),
        row_label=_("Registrations"),
        column_label=column,
        rows=rows,
        columns=(column,),
        cells=tuple((int(counts[i]),) for i in order),
        query=_("linked registrations of the estimate"),
        period_start=start,
        period_end=end,
        row_totals=False,
        column_totals=True,
    )
    return protect(table)


def counts_publish(
    *, key: str, title: str, rows: Sequence[str], counts: Sequence[int], start: datetime.date, end: datetime.date
) -> ProtectedTable:
    """Separate counts (no totals between them), e.g. the observed number per link threshold."""
    table = StatTable(
        key=key,
        title=title,
        row_label="",
        column_label="",
        rows=tuple(str(r) for r in rows),
        columns=(title,),
        cells=tuple((int(c),) for c in counts),
        query=title,
        period_start=start,
        period_end=end,
        row_totals=False,
        column_totals=False,
    )
    return protect(table)
