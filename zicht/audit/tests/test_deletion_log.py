"""The deletion log is append-only and holds ids, never content; the retention cut-off is exact."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry, AppendOnlyError, DeletionAction, DeletionLog
from zicht.audit.retention import RetentionResult, retention_cutoff, retention_record
from zicht.audit.verification import audit_chain_verify


def _entry() -> DeletionLog:
    return DeletionLog.objects.create(
        run_id=uuid.uuid4(),
        at=timezone.now(),
        job="concerns.purge",
        object_type="concerns.concern",
        object_id="7",
        action=DeletionAction.DELETED,
    )


@pytest.mark.django_db
def test_model_refuses_change_and_delete():
    entry = _entry()
    entry.object_id = "8"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.django_db
def test_database_refuses_update_and_delete():
    entry = _entry()
    rows = DeletionLog.objects.filter(pk=entry.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(object_id="8")
    with pytest.raises(DatabaseError), transaction.atomic():
        rows._raw_delete(rows.db)
    assert rows.get().object_id == "7"


@pytest.mark.django_db
def test_an_object_is_logged_once_per_job():
    _entry()
    with pytest.raises(IntegrityError), transaction.atomic():
        _entry()


@pytest.mark.django_db
def test_record_writes_a_log_row_and_a_system_audit_entry():
    run_id = uuid.uuid4()
    retention_record(
        run_id=run_id, job="cases.anonymise", object_type="cases.case", object_id=12, action=DeletionAction.ANONYMISED
    )
    row = DeletionLog.objects.get()
    assert (row.run_id, row.job, row.object_type, row.object_id, row.action) == (
        run_id,
        "cases.anonymise",
        "cases.case",
        "12",
        "anonymised",
    )
    entry = AccessLogEntry.objects.latest("sequence")
    assert (entry.action, entry.purpose, entry.actor_id, entry.object_type, entry.object_id) == (
        AccessAction.PURGE,
        Purpose.RETENTION,
        None,
        "cases.case",
        "12",
    )
    assert audit_chain_verify().intact


@given(
    closed_on=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31)),
    days=st.integers(min_value=1, max_value=4000),
    offset=st.integers(min_value=-3, max_value=3),
    moment=st.times(),
)
def test_cutoff_makes_the_boundary_day_inclusive(closed_on, days, offset, moment):
    """Closed on day D (any time of day): past a period of ``days`` from day D + days on, not before."""
    today = closed_on + datetime.timedelta(days=days + offset)
    closed_at = timezone.make_aware(datetime.datetime.combine(closed_on, moment))
    assert (closed_at < retention_cutoff(today=today, days=days)) == (offset >= 0)


def test_cutoff_refuses_a_period_below_one_day():
    with pytest.raises(ValueError, match="at least one day"):
        retention_cutoff(today=datetime.date(2026, 1, 1), days=0)


def test_result_counts_per_type():
    result = RetentionResult(job="concerns.purge", action="deleted", dry_run=True)
    result.add("concerns.concern", 3)
    result.add("concerns.concern", 4)
    result.add("people.youngperson", 9)
    result.keep("concerns.concern", "still referenced", 5)
    assert (result.count(), result.count("concerns.concern"), result.count("cases.case")) == (3, 2, 0)
    assert result.kept == {"concerns.concern: still referenced": [5]}


@pytest.mark.django_db
def test_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("apply_retention", "--today", "1-2-2026")
