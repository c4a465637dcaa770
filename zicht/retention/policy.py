"""Which records are past their retention term (DESIGN.md, docs/data-protection.md).

A period of ``days`` counts from the local day an object was closed; see
:func:`zicht.audit.retention.retention_cutoff`. Cases and the concerns linked to them are judged
together: a concern linked to a case still within retention stays.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from zicht.audit.retention import retention_cutoff
from zicht.cases.constants import CaseStatus
from zicht.cases.models import Case
from zicht.concerns.constants import ConcernStatus

FINAL_STATUSES: tuple[str, ...] = (ConcernStatus.ADVICE_GIVEN, ConcernStatus.FORWARDED, ConcernStatus.CLOSED)


def case_retention_cutoff(*, today: datetime.date) -> datetime.datetime:
    return retention_cutoff(today=today, days=settings.ZICHT_CLOSED_CASE_RETENTION_DAYS)


def case_in_retention_q(*, cutoff: datetime.datetime) -> Q:
    """Open cases, and closed cases whose period has not passed at ``cutoff``."""
    return ~Q(status=CaseStatus.CLOSED) | Q(closed_at__gte=cutoff)


def concern_retention_cutoff(*, today: datetime.date) -> datetime.datetime:
    return retention_cutoff(today=today, days=settings.ZICHT_CONCERN_RETENTION_DAYS)


def concern_past_own_period_q(*, today: datetime.date) -> Q:
    cutoff = concern_retention_cutoff(today=today)
    return Q(status__in=FINAL_STATUSES) & (Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, received_at__lt=cutoff))


def concern_linked_case_in_retention(*, today: datetime.date) -> Exists:
    cases = Case.objects.filter(concerns=OuterRef("pk")).filter(
        case_in_retention_q(cutoff=case_retention_cutoff(today=today))
    )
    return Exists(cases)


def concern_in_retention_q(*, today: datetime.date) -> Q:
    """Concerns still within retention: linked to a case in retention, or unlinked and not yet due.

    A concern linked only to cases past their period follows those cases.
    """
    linked_any = Exists(Case.objects.filter(concerns=OuterRef("pk")))
    return Q(concern_linked_case_in_retention(today=today)) | (~Q(linked_any) & ~concern_past_own_period_q(today=today))
