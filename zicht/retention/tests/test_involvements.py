"""Involvement registrations expire (two years, the 23rd birthday, withdrawal) and are purged by the
retention job, with one deletion-log row per registration and nothing else kept."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from zicht.audit.models import AccessLogEntry, DeletionLog
from zicht.common.roles import Role
from zicht.matching import services
from zicht.matching.models import Involvement
from zicht.matching.tests.factories import OTHER_BSN, SANNE, SANNE_VARIANT
from zicht.retention.involvements import INVOLVEMENT_TYPE, JOB, involvements_purge

pytestmark = pytest.mark.django_db


def register(user, identity, **kwargs):
    return services.involvement_register(
        organization=user.organization, contact=user, identity=identity, actor=user, **kwargs
    )


def test_purge_removes_expired_and_withdrawn_and_logs_ids(personas, police_partner):
    today = timezone.localdate()
    old = register(
        personas[Role.SUPPORT_WORKER], SANNE, registered_at=timezone.now() - dt.timedelta(days=800)
    ).involvement
    turns_23_soon = today - dt.timedelta(days=int(22.6 * 365.25))  # 23rd birthday in about five months
    birthday = register(police_partner, services.Identity(bsn=OTHER_BSN, date_of_birth=turns_23_soon)).involvement
    assert birthday.expires_at < timezone.now() + dt.timedelta(days=200)
    later = timezone.now() + dt.timedelta(days=200)
    withdrawn = register(personas[Role.COORDINATOR], SANNE_VARIANT).involvement
    services.involvement_withdraw(involvement=withdrawn, actor=personas[Role.COORDINATOR])
    kept = register(police_partner, SANNE).involvement
    assert involvements_purge(today=today, dry_run=True).done == {INVOLVEMENT_TYPE: sorted([old.pk, withdrawn.pk])}
    planned = involvements_purge(today=today, now=later, dry_run=True)
    assert planned.done == {INVOLVEMENT_TYPE: sorted([old.pk, birthday.pk, withdrawn.pk])}
    assert Involvement.objects.count() == 4 and not DeletionLog.objects.exists()
    removed = involvements_purge(today=today, now=later).done[INVOLVEMENT_TYPE]
    assert removed == sorted([old.pk, birthday.pk, withdrawn.pk])
    assert list(Involvement.objects.values_list("pk", flat=True)) == [kept.pk]
    logged = DeletionLog.objects.filter(job=JOB, object_type=INVOLVEMENT_TYPE)
    assert sorted(int(pk) for pk in logged.values_list("object_id", flat=True)) == removed
    assert AccessLogEntry.objects.filter(action="purge", purpose="retention", object_type=INVOLVEMENT_TYPE).count() == 3


def test_apply_retention_dry_run_lists_the_involvements_and_changes_nothing(personas) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    old = register(worker, services.Identity(bsn="111222333"), registered_at=timezone.now() - dt.timedelta(days=731))
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert f"{INVOLVEMENT_TYPE} would be deleted (1): {old.involvement.pk}" in out.getvalue()
    assert Involvement.objects.count() == 1 and not DeletionLog.objects.exists()
    call_command("apply_retention", stdout=io.StringIO())
    assert not Involvement.objects.exists()
    assert list(DeletionLog.objects.filter(job=JOB).values_list("object_id", flat=True)) == [str(old.involvement.pk)]
