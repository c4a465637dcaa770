"""The scheduled jobs and token commands."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from zicht.common.roles import Role
from zicht.matching.api_support import token_hash
from zicht.matching.models import ApiToken, Involvement, PurgeLog
from zicht.matching.services import Identity, involvement_register

pytestmark = pytest.mark.django_db


def test_purge_command_dry_run_changes_nothing(personas) -> None:  # noqa: ANN001
    worker = personas[Role.SUPPORT_WORKER]
    old = involvement_register(organization=worker.organization, contact=worker, identity=Identity(bsn="111222333"), actor=worker, registered_at=timezone.now() - dt.timedelta(days=731))
    out = io.StringIO()
    call_command("purge_involvements", "--dry-run", stdout=out)
    assert f"Would remove 1 registration(s): [{old.involvement.pk}]" in out.getvalue()
    assert Involvement.objects.count() == 1 and not PurgeLog.objects.exists()
    call_command("purge_involvements", stdout=io.StringIO())
    assert not Involvement.objects.exists() and PurgeLog.objects.get().removed_ids == [old.involvement.pk]


def test_token_commands(personas) -> None:  # noqa: ANN001
    org = personas[Role.PARTNER].organization
    out = io.StringIO()
    call_command("create_api_token", "--organization", str(org.pk), stdout=out, stderr=io.StringIO())
    clear = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.token_hash == token_hash(clear) and token.organization == org
    call_command("revoke_api_token", "--token-id", str(token.pk), stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None
