"""Work that no person does is recorded as the system actor, shown in Dutch as "systeem"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.audit.services import access_log_record
from zicht.common.actors import SYSTEM_ACTOR
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


def test_the_system_actor_is_recorded_and_shown_as_systeem(personas, client_for) -> None:
    access_log_record(
        user=SYSTEM_ACTOR, action=AccessAction.PURGE, purpose=Purpose.RETENTION, object_type="cases.case", object_id=7
    )
    entry = AccessLogEntry.objects.get(object_type="cases.case")
    assert (entry.actor_id, entry.actor_username, entry.role) == (None, "system", "")
    client = client_for(personas[Role.ADMIN])
    client.cookies["django_language"] = "nl"
    body = client.get(reverse("audit:access_log"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "<td>systeem</td>" in body
