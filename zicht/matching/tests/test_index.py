"""Involvement index: matching, content-free notices, no clear identifiers, expiry and purge."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from zicht.audit.models import AccessLogEntry
from zicht.cases import index_feed
from zicht.common.roles import Role
from zicht.matching import selectors, services
from zicht.matching.constants import MatchBasis
from zicht.matching.models import AppendOnlyError, Involvement, Match, MatchNotice, PurgeLog
from zicht.matching.tests.factories import OTHER_BSN, SANNE, SANNE_SWAPPED, SANNE_TWIN, SANNE_VARIANT
from zicht.outbox.services import outbox_flush

pytestmark = pytest.mark.django_db(transaction=False)


def register(user, identity, **kwargs):
    return services.involvement_register(
        organization=user.organization, contact=user, identity=identity, actor=user, **kwargs
    )


def _all_cells() -> list[str]:
    """Every value of every row of the matching and sources tables, as text (raw SQL)."""
    cells = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith(("matching_", "sources_")):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                cells += [str(v) for row in cursor.fetchall() for v in row if v is not None]
    return cells


def test_two_organisations_same_bsn_both_notified_with_contacts_only(personas, police_partner, veilig_thuis_partner):
    worker = personas[Role.SUPPORT_WORKER]
    register(worker, SANNE)
    result = register(police_partner, SANNE)
    assert not mail.outbox  # queued in the registration's transaction, sent by the outbox worker
    assert outbox_flush().sent == 2
    assert all(notice.emailed_at for notice in MatchNotice.objects.all())
    assert len(result.matches) == 1 and result.matches[0].basis == MatchBasis.BSN
    worker_notices = list(selectors.notice_list_visible_to(user=worker))
    police_notices = list(selectors.notice_list_visible_to(user=police_partner))
    assert len(worker_notices) == len(police_notices) == 1
    assert services.contact_details(worker_notices[0].counterpart)["organization"] == "Politie Eenheid"
    assert services.contact_details(police_notices[0].counterpart)["email"] == worker.email
    # A third organisation sees nothing.
    assert not selectors.notice_list_visible_to(user=veilig_thuis_partner).exists()
    # E-mail to both professionals, naming the other contact and nothing about the young person.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([worker.email, police_partner.email])
    to_worker = next(m for m in mail.outbox if m.to == [worker.email])
    assert "Pieter Agent" in to_worker.body and "06 1111 2222" in to_worker.body
    for message in mail.outbox:
        for identifier in ("111222333", "Sanne", "Berg", "2009"):
            assert identifier not in message.body + message.subject


def test_database_holds_no_clear_identifier(personas, police_partner):
    register(personas[Role.SUPPORT_WORKER], SANNE)
    register(police_partner, SANNE_VARIANT)
    cells = " ".join(_all_cells()).lower()
    assert Match.objects.exists()
    for identifier in ("111222333", "sanne", "berg", "2009-03-05", "05-03-2009", "2009-05-03", "brg"):
        assert identifier not in cells


def test_notice_pages_show_contacts_and_third_org_gets_404(personas, police_partner, veilig_thuis_partner, client_for):
    register(personas[Role.SUPPORT_WORKER], SANNE)
    register(police_partner, SANNE)
    notice = MatchNotice.objects.get(recipient=police_partner)
    page = client_for(police_partner).get(f"/verwijsindex/berichten/{notice.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert personas[Role.SUPPORT_WORKER].email in body and "Sanne" not in body
    assert client_for(veilig_thuis_partner).get(f"/verwijsindex/berichten/{notice.pk}/").status_code == 404
    assert MatchNotice.objects.get(pk=notice.pk).read_at is None  # opening is not reading: see test_notice_read
    assert AccessLogEntry.objects.filter(
        object_type="matching.matchnotice", object_id=str(notice.pk), action="read"
    ).exists()


def test_same_organisation_twice_is_not_a_match(personas):
    register(personas[Role.SUPPORT_WORKER], SANNE)
    result = register(personas[Role.COORDINATOR], SANNE)
    assert result.matches == []


@pytest.mark.parametrize(
    "variant", [SANNE_VARIANT, SANNE_SWAPPED], ids=["tussenvoegsel-merged-initial", "day-month-swap"]
)
def test_probable_match_on_two_name_keys(personas, police_partner, variant):
    register(personas[Role.SUPPORT_WORKER], SANNE)
    result = register(police_partner, variant)
    assert len(result.matches) == 1
    match = result.matches[0]
    assert match.basis == MatchBasis.PROBABLE and len(match.agreed) >= 2
    text = services.match_description(match)
    assert text.startswith("Probably the same young person") and "check" in text
    if variant is SANNE_SWAPPED:
        assert "swapped" in text


def test_twins_agree_on_one_key_only_and_do_not_match(personas, police_partner):
    register(personas[Role.SUPPORT_WORKER], SANNE)
    result = register(police_partner, SANNE_TWIN)  # same surname and date of birth, other given name
    assert result.matches == []


def test_different_bsns_never_match_even_when_names_agree(personas, police_partner):
    register(personas[Role.SUPPORT_WORKER], SANNE)
    other = services.Identity(
        bsn=OTHER_BSN,
        given_names=SANNE.given_names,
        prefix=SANNE.prefix,
        family_name=SANNE.family_name,
        date_of_birth=SANNE.date_of_birth,
    )
    assert register(police_partner, other).matches == []


def test_invalid_bsn_and_too_little_identity_are_refused(personas):
    with pytest.raises(services.IdentityError):
        register(personas[Role.SUPPORT_WORKER], services.Identity(bsn="123456789"))
    with pytest.raises(services.IdentityError):
        register(personas[Role.SUPPORT_WORKER], services.Identity(family_name="Berg", date_of_birth="2009-03-05"))


def test_expiry_is_retention_or_23rd_birthday(settings):
    settings.ZICHT_INVOLVEMENT_RETENTION_DAYS = 730
    registered = timezone.make_aware(dt.datetime(2026, 6, 1, 12, 0))
    young = services.involvement_expiry(registered_at=registered, date_of_birth=dt.date(2012, 8, 20))
    assert young == registered + dt.timedelta(days=730)
    older = services.involvement_expiry(registered_at=registered, date_of_birth=dt.date(2004, 8, 20))
    assert older.date() == dt.date(2027, 8, 1)  # 23rd birthday, rounded down to the month
    assert older < timezone.make_aware(dt.datetime(2027, 8, 20))


def test_the_old_purge_log_stays_append_only(personas):
    log = PurgeLog.objects.create(removed_count=1, removed_ids=[1], cutoff=timezone.now())
    with pytest.raises(AppendOnlyError):
        log.delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM matching_purgelog")
    assert PurgeLog.objects.count() == 1


def test_expired_registration_no_longer_matches(personas, police_partner):
    register(personas[Role.SUPPORT_WORKER], SANNE, registered_at=timezone.now() - dt.timedelta(days=800))
    assert register(police_partner, SANNE).matches == []


def test_rotated_key_does_not_match_old_keys(personas, police_partner, settings):
    register(personas[Role.SUPPORT_WORKER], SANNE)
    settings.PSEUDONYM_KEY = "a-new-secret-after-rotation-0123456789"
    assert register(police_partner, SANNE).matches == []
    counts = index_feed.case_involvements_rekey()
    assert counts["awaiting_resubmission"] == 1 and counts["rekeyed"] == 0


def test_register_screen_creates_keys_only(personas, client_for):
    client = client_for(personas[Role.PARTNER])
    response = client.post(
        "/verwijsindex/registreren/",
        {"bsn": "111222333", "given_names": "", "prefix": "", "family_name": "", "date_of_birth": ""},
    )
    assert response.status_code == 302
    involvement = Involvement.objects.get()
    assert involvement.organization == personas[Role.PARTNER].organization
    assert involvement.keys.get().kind == "bsn"
    bad = client.post("/verwijsindex/registreren/", {"bsn": "123456789"})
    assert bad.status_code == 200 and Involvement.objects.count() == 1


def test_withdraw_screen_own_org_only(personas, client_for, police_partner):
    involvement = register(personas[Role.SUPPORT_WORKER], SANNE).involvement
    assert client_for(police_partner).get(f"/verwijsindex/{involvement.pk}/intrekken/").status_code == 404
    response = client_for(personas[Role.COORDINATOR]).post(
        f"/verwijsindex/{involvement.pk}/intrekken/", {"confirm": "on"}
    )
    assert response.status_code == 302
    involvement.refresh_from_db()
    assert involvement.withdrawn_at is not None and not involvement.keys.exists()
