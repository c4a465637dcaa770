"""The involvement index's lists name in the access log which registrations and notices they showed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zicht.api.framework import api_token_create
from zicht.audit.constants import AccessAction
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.matching import services
from zicht.matching.models import Involvement, MatchNotice
from zicht.matching.tests.factories import SANNE

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(personas, police_partner) -> None:
    for user in (personas[Role.SUPPORT_WORKER], police_partner):
        services.involvement_register(organization=user.organization, contact=user, identity=SANNE, actor=user)


def _list_entry_after(sequence: int) -> AccessLogEntry:
    [entry] = AccessLogEntry.objects.filter(sequence__gt=sequence, action=AccessAction.LIST)
    return entry


def _mark() -> int:
    return AccessLogEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def test_the_involvement_list_names_the_registrations_shown(registered, police_partner, client_for) -> None:
    mark = _mark()
    client_for(police_partner).get(reverse("matching:involvement_list"))
    entry = _list_entry_after(mark)
    own = Involvement.objects.filter(organization=police_partner.organization)
    assert entry.object_type == "matching.involvement" and entry.detail == {"ids": [i.pk for i in own]}


def test_the_notice_list_names_the_notices_shown(registered, police_partner, client_for) -> None:
    mark = _mark()
    client_for(police_partner).get(reverse("matching:notice_list"))
    entry = _list_entry_after(mark)
    notice = MatchNotice.objects.get(recipient=police_partner)
    assert entry.object_type == "matching.matchnotice" and entry.detail == {"ids": [notice.pk]}


def test_the_api_notice_list_names_the_notices_returned(registered, police_partner) -> None:
    token = api_token_create(organization=police_partner.organization)[1]
    mark = _mark()
    body = Client().get("/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    entry = _list_entry_after(mark)
    assert body and entry.detail == {"ids": [n["id"] for n in body]}


def test_a_partner_systems_404_on_another_organisations_registration_is_recorded(personas, police_partner) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    theirs = services.involvement_register(
        organization=worker.organization, contact=worker, identity=SANNE, actor=worker
    ).involvement
    token = api_token_create(organization=police_partner.organization)[1]
    response = Client().post(
        f"/api/v1/involvements/{theirs.pk}/withdraw",
        data={},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="k-404",
    )
    assert response.status_code == 404
    entry = AccessLogEntry.objects.latest("sequence")
    assert entry.action == AccessAction.NOT_FOUND and entry.actor_username.startswith("api-token-")
    assert entry.detail == {"path": f"/api/v1/involvements/{theirs.pk}/withdraw", "method": "POST", "status": 404}
    assert entry.organization_id_snapshot == police_partner.organization.pk
