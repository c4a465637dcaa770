"""What every retention job shares: the cut-off moment, the result, and the record of each object.

A retention period of ``days`` counts from the local day an object was closed: an object closed
on day D is due from day D + ``days`` on (the boundary day is inclusive). A dry run computes the
same plan and writes nothing.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import DeletionLog
from zicht.audit.services import access_log_record
from zicht.common.actors import SYSTEM_ACTOR


def retention_cutoff(*, today: datetime.date, days: int) -> datetime.datetime:
    """Objects closed strictly before this moment are past a retention period of ``days`` on ``today``.

    That is: closed on a local day on or before ``today - days``.
    """
    if days < 1:
        raise ValueError(f"a retention period must be at least one day, not {days!r}")
    first_kept_day = today - datetime.timedelta(days=days - 1)
    return timezone.make_aware(datetime.datetime.combine(first_kept_day, datetime.time.min))


@dataclass
class RetentionResult:
    """What one job did (or, in a dry run, would do): object ids per type, and what it kept."""

    job: str
    action: str
    dry_run: bool
    done: dict[str, list[int]] = field(default_factory=dict)  # object type -> ids
    kept: dict[str, list[int]] = field(default_factory=dict)  # "object type: reason" -> ids

    def add(self, object_type: str, object_id: int) -> None:
        self.done.setdefault(object_type, []).append(object_id)

    def keep(self, object_type: str, reason: str, object_id: int) -> None:
        self.kept.setdefault(f"{object_type}: {reason}", []).append(object_id)

    def count(self, object_type: str | None = None) -> int:
        if object_type is not None:
            return len(self.done.get(object_type, []))
        return sum(len(ids) for ids in self.done.values())


def already_logged(*, job: str, object_type: str) -> Exists:
    """True for rows of ``object_type`` that ``job`` has handled before (for idempotency); use in a filter."""
    logged = DeletionLog.objects.filter(job=job, object_type=object_type, object_id=Cast(OuterRef("pk"), CharField()))
    return Exists(logged)


def retention_record(*, run_id: uuid.UUID, job: str, object_type: str, object_id: int, action: str) -> None:
    """One deletion-log row and one access-log entry (a system job: no user) for one object."""
    DeletionLog.objects.create(
        run_id=run_id, at=timezone.now(), job=job, object_type=object_type, object_id=str(object_id), action=action
    )
    access_log_record(
        user=SYSTEM_ACTOR,
        action=AccessAction.PURGE,
        purpose=Purpose.RETENTION,
        object_type=object_type,
        object_id=object_id,
    )
