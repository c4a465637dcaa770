"""A match notice is marked read by an explicit action (a POST), never by opening it."""

from __future__ import annotations

import pytest

from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.matching import services
from zicht.matching.models import MatchNotice
from zicht.matching.tests.factories import SANNE

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(personas, police_partner) -> MatchNotice:
    for user in (personas[Role.SUPPORT_WORKER], police_partner):
        services.involvement_register(organization=user.organization, contact=user, identity=SANNE, actor=user)
    return MatchNotice.objects.get(recipient=police_partner)


def _updates(notice: MatchNotice) -> int:
    return AccessLogEntry.objects.filter(
        object_type="matching.matchnotice", object_id=str(notice.pk), action="update"
    ).count()


def test_opening_a_notice_does_not_mark_it_read(notice, police_partner, client_for) -> None:
    page = client_for(police_partner).get(f"/verwijsindex/berichten/{notice.pk}/")
    assert page.status_code == 200 and "Mark as read" in page.content.decode()
    notice.refresh_from_db()
    assert notice.read_at is None and _updates(notice) == 0


def test_marking_read_is_a_post_and_is_audited_once(notice, police_partner, client_for) -> None:
    browser = client_for(police_partner)
    response = browser.post(f"/verwijsindex/berichten/{notice.pk}/")
    assert response.status_code == 302 and response.url == f"/verwijsindex/berichten/{notice.pk}/"
    notice.refresh_from_db()
    first = notice.read_at
    assert first is not None and _updates(notice) == 1
    browser.post(f"/verwijsindex/berichten/{notice.pk}/")  # again: nothing changes
    notice.refresh_from_db()
    assert notice.read_at == first and _updates(notice) == 1
    assert "Marked as read on" in browser.get(f"/verwijsindex/berichten/{notice.pk}/").content.decode()


def test_another_organisation_cannot_mark_it_read(notice, veilig_thuis_partner, client_for) -> None:
    assert client_for(veilig_thuis_partner).post(f"/verwijsindex/berichten/{notice.pk}/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
