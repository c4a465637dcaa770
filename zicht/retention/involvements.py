"""Retention of the involvement index: registrations expire after ``ZICHT_INVOLVEMENT_RETENTION_DAYS``
(two years by default), at the young person's 23rd birthday, or on withdrawal; they are then
deleted with their keys and matches. Stored partner-API responses (idempotency records) go after
their own short period. Every deleted registration gets one deletion-log row (ids, never content).
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zicht.api.models import IdempotencyRecord
from zicht.audit.models import DeletionAction
from zicht.audit.retention import RetentionResult, retention_record
from zicht.matching.models import Involvement, Match

JOB = "matching.purge"
INVOLVEMENT_TYPE = "matching.involvement"
# A retried POST is expected within hours; stored API responses are kept this long.
IDEMPOTENCY_RETENTION_DAYS = 30


def _moment(today: datetime.date) -> datetime.datetime:
    """Now, or the start of ``today`` when the job runs as if it were another day."""
    if today == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


def involvements_due(*, now: datetime.datetime) -> list[int]:
    expired = Involvement.objects.filter(Q(expires_at__lte=now) | Q(withdrawn_at__isnull=False))
    return sorted(expired.values_list("pk", flat=True))


def involvements_purge(
    *,
    today: datetime.date,
    dry_run: bool = False,
    run_id: uuid.UUID | None = None,
    now: datetime.datetime | None = None,
) -> RetentionResult:
    """Delete expired and withdrawn registrations (atomic: the whole job or nothing)."""
    now = now or _moment(today)
    result = RetentionResult(job=JOB, action=DeletionAction.DELETED, dry_run=dry_run)
    run_id = run_id or uuid.uuid4()
    ids = involvements_due(now=now)
    for pk in ids:
        result.add(INVOLVEMENT_TYPE, pk)
    if dry_run:
        return result
    with transaction.atomic():
        IdempotencyRecord.objects.filter(
            created_at__lt=now - datetime.timedelta(days=IDEMPOTENCY_RETENTION_DAYS)
        ).delete()
        Match.objects.filter(Q(first_id__in=ids) | Q(second_id__in=ids)).delete()
        Involvement.objects.filter(pk__in=ids).delete()
        for pk in ids:
            retention_record(
                run_id=run_id, job=JOB, object_type=INVOLVEMENT_TYPE, object_id=pk, action=DeletionAction.DELETED
            )
    return result
