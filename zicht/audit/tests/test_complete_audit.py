"""The access log is complete: lists name what they showed, searches leave a keyed hash, denials are kept."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from zicht.audit.chain import search_term_digest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.audit.services import access_log_record
from zicht.audit.tests.test_chain_attacks import _sql
from zicht.audit.verification import CONTENT, audit_chain_verify, forget_verified
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_verification():
    forget_verified()
    yield
    forget_verified()


def _last() -> AccessLogEntry:
    return AccessLogEntry.objects.latest("sequence")


def _stored_text(entry: AccessLogEntry) -> str:
    return " ".join(str(v) for v in AccessLogEntry.objects.filter(pk=entry.pk).values().get().values())


def test_a_list_entry_names_the_persons_shown_and_only_a_keyed_hash_of_the_search(personas):
    entry = access_log_record(
        user=personas[Role.SUPPORT_WORKER],
        action=AccessAction.LIST,
        purpose=Purpose.SUPPORT,
        object_type="cases.case",
        ids=[7, 3, 7],
        persons=[12, None, 5],
        search="  Noah JANSEN ",
    )
    detail = AccessLogEntry.objects.get(pk=entry.pk).detail
    assert detail["ids"] == [7, 3] and detail["persons"] == [12, 5]
    assert "jansen" not in _stored_text(entry).lower()
    # The hash is an HMAC under a subkey of the audit key: recompute it independently.
    subkey = hmac.new(settings.AUDIT_CHAIN_KEY.encode(), b"zicht-audit-search-v1", hashlib.sha256).digest()
    assert detail["search"] == hmac.new(subkey, b"noah jansen", hashlib.sha256).hexdigest()


def test_the_search_hash_depends_on_the_key_and_ignores_case_and_spacing():
    assert search_term_digest("Noah  Jansen") == search_term_digest("noah jansen")
    assert search_term_digest("noah jansen") != search_term_digest("noah janssen")
    with override_settings(AUDIT_CHAIN_KEY="another-key-another-key-another-key"):
        other = search_term_digest("noah jansen")
    assert other != search_term_digest("noah jansen")


def test_an_entry_without_detail_stores_none_and_an_empty_search_leaves_no_hash(personas):
    entry = access_log_record(
        user=personas[Role.SUPPORT_WORKER],
        action=AccessAction.LIST,
        purpose=Purpose.SUPPORT,
        object_type="cases.case",
        search="   ",
    )
    assert AccessLogEntry.objects.get(pk=entry.pk).detail is None
    assert audit_chain_verify(write_checkpoint=False).intact


def test_the_detail_is_covered_by_the_mac(personas):
    entry = access_log_record(
        user=personas[Role.SUPPORT_WORKER],
        action=AccessAction.LIST,
        purpose=Purpose.SUPPORT,
        object_type="cases.case",
        persons=[1, 2],
    )
    assert audit_chain_verify(write_checkpoint=False).intact
    forget_verified()
    _sql(("UPDATE audit_accesslogentry SET detail = %s WHERE id = %s", ['{"persons": [1]}', entry.pk]))
    report = audit_chain_verify(write_checkpoint=False)
    assert (report.problem, report.broken_sequence) == (CONTENT, entry.sequence)


# --- denied attempts ---------------------------------------------------------------------------


def test_a_403_from_a_signed_in_user_is_recorded_with_the_path_and_no_query(personas, client_for):
    reporter = personas[Role.REPORTER]
    response = client_for(reporter).get(reverse("cases:list"), {"q": "Noah Jansen"})
    assert response.status_code == 403
    entry = _last()
    assert (entry.actor, entry.action, entry.purpose) == (reporter, AccessAction.DENIED, Purpose.AUDIT)
    assert entry.detail == {"path": reverse("cases:list"), "method": "GET", "status": 403}
    assert "Noah" not in _stored_text(entry)


def test_a_404_on_an_object_url_is_recorded(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    url = reverse("cases:detail", kwargs={"case_id": 987654})
    assert client_for(worker).get(url).status_code == 404
    entry = _last()
    assert (entry.actor, entry.action) == (worker, AccessAction.NOT_FOUND)
    assert entry.detail["path"] == url and entry.detail["status"] == 404


def test_an_unknown_path_and_an_anonymous_visitor_write_nothing(personas, client_for, client):
    before = AccessLogEntry.objects.count()
    assert client_for(personas[Role.SUPPORT_WORKER]).get("/bestaat-niet/").status_code == 404
    assert client.get(reverse("cases:detail", kwargs={"case_id": 987654})).status_code == 302
    assert AccessLogEntry.objects.count() == before


def test_a_denied_admin_page_is_recorded(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    response = client_for(worker).get(reverse("audit:access_log"))
    assert response.status_code == 403
    assert (_last().actor, _last().action) == (worker, AccessAction.DENIED)


# --- admin reads -------------------------------------------------------------------------------


def test_the_access_log_page_records_its_own_reading(personas, client_for):
    admin = personas[Role.ADMIN]
    access_log_record(user=admin, action=AccessAction.READ, purpose=Purpose.SUPPORT, object_type="cases.case")
    response = client_for(admin).get(reverse("audit:access_log"))
    assert response.status_code == 200
    entry = _last()
    assert (entry.actor, entry.action, entry.object_type, entry.purpose) == (
        admin,
        AccessAction.LIST,
        "audit.accesslogentry",
        Purpose.AUDIT,
    )
    assert entry.detail["ids"] == [e.pk for e in response.context["page"]]


def test_the_admin_user_list_records_the_users_shown_and_the_search_hash(personas, client_for):
    admin = personas[Role.ADMIN]
    response = client_for(admin).get(reverse("admin:accounts_user_changelist"), {"q": "Gebruiker"})
    assert response.status_code == 200
    entry = _last()
    assert (entry.actor, entry.action, entry.object_type, entry.purpose) == (
        admin,
        AccessAction.LIST,
        "accounts.user",
        Purpose.ADMINISTRATION,
    )
    shown = [u.pk for u in response.context_data["cl"].result_list]
    assert shown and entry.detail["ids"] == shown
    assert entry.detail["search"] == search_term_digest("Gebruiker")


def test_the_admin_user_page_records_a_read(personas, client_for):
    admin, worker = personas[Role.ADMIN], personas[Role.SUPPORT_WORKER]
    response = client_for(admin).get(reverse("admin:accounts_user_change", args=[worker.pk]))
    assert response.status_code == 200
    entry = _last()
    assert (entry.actor, entry.action, entry.object_type, entry.object_id) == (
        admin,
        AccessAction.READ,
        "accounts.user",
        str(worker.pk),
    )


def test_the_access_log_page_shows_the_detail_in_dutch(personas, client_for):
    admin = personas[Role.ADMIN]
    access_log_record(
        user=personas[Role.SUPPORT_WORKER],
        action=AccessAction.LIST,
        purpose=Purpose.SUPPORT,
        object_type="cases.case",
        ids=[4, 5],
        persons=[9, 11],
        search="Jansen",
    )
    client = client_for(admin)
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("audit:access_log")).content.decode()
    assert "2 getoond" in page and "jongeren 9, 11" in page
    assert f"zoekterm (hash {search_term_digest('Jansen')[:12]}" in page and "Jansen" not in page
