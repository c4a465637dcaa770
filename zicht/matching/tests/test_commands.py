"""The scheduled jobs and token commands."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from zicht.api.framework import token_hash
from zicht.api.models import ApiToken
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


def test_token_commands(personas) -> None:
    org = personas[Role.PARTNER].organization
    out = io.StringIO()
    call_command("create_api_token", "--organization", str(org.pk), stdout=out, stderr=io.StringIO())
    clear = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.token_hash == token_hash(clear) and token.organization == org
    call_command("revoke_api_token", "--token-id", str(token.pk), stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None
