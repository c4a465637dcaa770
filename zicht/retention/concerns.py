"""Retention of concerns that did not lead to a case: purged after ``ZICHT_CONCERN_RETENTION_DAYS``.

A concern is due when its status is final (advice given, forwarded, closed) and its retention
period, counted from ``closed_at`` (or ``received_at`` when it was closed without a date), has
passed; never while it is linked to a case that is still within its own retention period. The
concern goes with its crime domains, status history and indicator links; its young person goes
too when nothing else refers to them.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef, ProtectedError, QuerySet, RestrictedError

from zicht.audit.models import DeletionAction
from zicht.audit.retention import RetentionResult, retention_record
from zicht.cases.models import Case
from zicht.concerns.models import Concern
from zicht.concerns.tallies import concerns_kept
from zicht.people.models import YoungPerson
from zicht.retention.policy import concern_linked_case_in_retention, concern_past_own_period_q

JOB = "concerns.purge"
CONCERN_TYPE = "concerns.concern"
PERSON_TYPE = "people.youngperson"
KEPT_LINKED = "linked to a case in retention"
KEPT_REFERENCED = "still referenced"


def concerns_due(*, today: datetime.date) -> QuerySet[Concern]:
    return (
        Concern.objects.filter(concern_past_own_period_q(today=today))
        .exclude(concern_linked_case_in_retention(today=today))
        .order_by("pk")
    )


def _people_freed(concern_ids: set[int], person_ids: set[int]) -> list[int]:
    """Young people with no case and no concern outside ``concern_ids``."""
    people = (
        YoungPerson.objects.filter(pk__in=person_ids)
        .exclude(Exists(Case.objects.filter(young_person=OuterRef("pk"))))
        .exclude(Exists(Concern.objects.filter(young_person=OuterRef("pk")).exclude(pk__in=concern_ids)))
    )
    return sorted(people.values_list("pk", flat=True))


def _delete_one(obj) -> bool:
    """Delete in a savepoint; False (and nothing changed) when a reference or a guard blocks it."""
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError, DatabaseError):
        return False
    return True


def concerns_purge(*, today: datetime.date, dry_run: bool = False, run_id: uuid.UUID | None = None) -> RetentionResult:
    """Purge the concerns past retention (atomic: all of this job, or nothing on an unexpected error)."""
    result = RetentionResult(job=JOB, action=DeletionAction.DELETED, dry_run=dry_run)
    run_id = run_id or uuid.uuid4()
    for concern_id in (
        Concern.objects.filter(concern_past_own_period_q(today=today))
        .filter(concern_linked_case_in_retention(today=today))
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        result.keep(CONCERN_TYPE, KEPT_LINKED, concern_id)
    due = list(concerns_due(today=today))
    due_ids = {c.pk for c in due}
    people_planned = _people_freed(due_ids, {c.young_person_id for c in due if c.young_person_id})
    if dry_run:
        for concern in due:
            result.add(CONCERN_TYPE, concern.pk)
        for person_id in people_planned:
            result.add(PERSON_TYPE, person_id)
        return result

    with transaction.atomic():
        deleted: set[int] = set()
        for concern in due:
            pk = concern.pk
            with concerns_kept([pk]):  # the statistics tallies lose the concern in the same transaction
                gone = _delete_one(concern)
            if gone:
                deleted.add(pk)
                result.add(CONCERN_TYPE, pk)
                retention_record(
                    run_id=run_id, job=JOB, object_type=CONCERN_TYPE, object_id=pk, action=DeletionAction.DELETED
                )
            else:
                result.keep(CONCERN_TYPE, KEPT_REFERENCED, pk)
        # Re-checked after the deletions: a concern kept above still refers to its young person.
        for person_id in _people_freed(deleted, set(people_planned)):
            if _delete_one(YoungPerson.objects.get(pk=person_id)):
                result.add(PERSON_TYPE, person_id)
                retention_record(
                    run_id=run_id, job=JOB, object_type=PERSON_TYPE, object_id=person_id, action=DeletionAction.DELETED
                )
            else:
                result.keep(PERSON_TYPE, KEPT_REFERENCED, person_id)
    return result
