"""Health endpoints and the no-store header on authenticated responses."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client

from zicht.audit.models import AccessLogEntry
from zicht.common import health
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_migration_check():
    health._migrations_applied.clear()
    yield
    health._migrations_applied.clear()


def test_healthz_answers_without_login_and_without_audit(client: Client) -> None:
    before = AccessLogEntry.objects.count()
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert AccessLogEntry.objects.count() == before


def test_readyz_is_ready_on_a_migrated_database(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_refuses_while_a_migration_is_unapplied(client: Client) -> None:
    with mock.patch.object(health, "unapplied_migrations", return_value=["matching.0099_future"]):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "unapplied migrations", "count": 1}


def test_readyz_refuses_when_the_database_does_not_answer(client: Client) -> None:
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["reason"] == "database unreachable"
    assert "down" not in response.content.decode()


def test_unapplied_migrations_lists_none_after_migrate() -> None:
    assert health.unapplied_migrations() == []


def test_health_endpoints_refuse_post(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize("role", sorted(Role.values))
def test_every_authenticated_page_is_no_store(role, personas, client_for) -> None:
    response = client_for(personas[role]).get("/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_authenticated_redirect_and_error_are_no_store(personas, client_for) -> None:
    browser = client_for(personas[Role.ANALYST])
    for path in ("/casussen/", "/verwijsindex/does-not-exist/"):
        response = browser.get(path)
        assert response.status_code in (302, 403, 404)
        assert "no-store" in response["Cache-Control"], path


def test_api_requests_with_a_token_are_no_store(personas, client: Client) -> None:
    from zicht.api.framework import api_token_create

    token = api_token_create(organization=personas[Role.PARTNER].organization)[1]
    response = client.get("/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def _through_middleware(request):
    from django.http import HttpResponse

    from zicht.common.middleware import NoStoreForAuthenticatedMiddleware

    return NoStoreForAuthenticatedMiddleware(lambda _request: HttpResponse("page"))(request)


def test_middleware_marks_a_plain_response_for_a_signed_in_user(rf, personas) -> None:
    request = rf.get("/any")
    request.user = personas[Role.SUPPORT_WORKER]
    assert "no-store" in _through_middleware(request)["Cache-Control"]


def test_middleware_leaves_anonymous_responses_alone(rf) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/any")
    request.user = AnonymousUser()
    assert not _through_middleware(request).has_header("Cache-Control")
