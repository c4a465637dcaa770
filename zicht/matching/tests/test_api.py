"""Partner API: token auth, problem+json errors, Idempotency-Key, OpenAPI document."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

from zicht.api.framework import api_token_create, api_token_revoke
from zicht.api.models import ApiToken, IdempotencyRecord
from zicht.common.roles import Role
from zicht.matching.models import Involvement, MatchNotice
from zicht.matching.services import involvement_register
from zicht.matching.tests.factories import SANNE

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(police_partner) -> str:
    return api_token_create(organization=police_partner.organization)[1]


def post(client: Client, path: str, body: dict, token: str, key: str | None = "k-1"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys() and body["status"] == status
    return body


def test_openapi_document_validates() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert {
        "/api/v1/involvements",
        "/api/v1/involvements/{involvement_id}/withdraw",
        "/api/v1/notices",
        "/api/v1/source-lists",
    } <= document["paths"].keys()
    params = document["paths"]["/api/v1/involvements"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" and p["required"] for p in params)


def test_only_the_token_hash_is_stored(token) -> None:
    stored = ApiToken.objects.get()
    assert token not in stored.token_hash and len(stored.token_hash) == 64


def test_register_and_retry_with_same_key_creates_one(token, personas) -> None:
    client = Client()
    body = {"bsn": "111222333"}
    first = post(client, "/api/v1/involvements", body, token)
    assert first.status_code == 201, first.content
    retry = post(client, "/api/v1/involvements", body, token)
    assert retry.status_code == 201 and retry.json() == first.json() and retry["Idempotent-Replayed"] == "true"
    assert Involvement.objects.count() == 1
    conflict = post(client, "/api/v1/involvements", {"bsn": "123456782"}, token)
    assert_problem(conflict, 409)
    assert Involvement.objects.count() == 1 and IdempotencyRecord.objects.count() == 1
    # The stored request fingerprint is keyed: a plain hash of a body with a BSN could be reversed.
    assert IdempotencyRecord.objects.get().request_hash != hashlib.sha256(json.dumps(body).encode()).hexdigest()
    # A new key is a new request.
    assert post(client, "/api/v1/involvements", body, token, key="k-2").status_code == 201
    assert Involvement.objects.count() == 2


def test_post_without_idempotency_key_is_refused(token) -> None:
    assert_problem(post(Client(), "/api/v1/involvements", {"bsn": "111222333"}, token, key=None), 400)
    assert not Involvement.objects.exists()


def test_missing_and_revoked_token_get_401(token) -> None:
    assert_problem(Client().get("/api/v1/notices"), 401)
    api_token_revoke(token=ApiToken.objects.get())
    assert_problem(Client().get("/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {token}"), 401)
    assert_problem(post(Client(), "/api/v1/involvements", {"bsn": "111222333"}, token), 401)


def test_validation_errors_are_problems(token) -> None:
    body = assert_problem(post(Client(), "/api/v1/involvements", {"date_of_birth": "not-a-date"}, token), 422)
    assert body["errors"]
    assert_problem(post(Client(), "/api/v1/involvements", {"bsn": "123456789"}, token, key="k-3"), 422)


def test_withdraw_other_organisations_registration_is_404(token, personas) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    theirs = involvement_register(
        organization=worker.organization, contact=worker, identity=SANNE, actor=worker
    ).involvement
    assert_problem(post(Client(), f"/api/v1/involvements/{theirs.pk}/withdraw", {}, token), 404)
    mine = post(Client(), "/api/v1/involvements", {"bsn": "123456782"}, token, key="mine").json()
    response = post(Client(), f"/api/v1/involvements/{mine['id']}/withdraw", {}, token, key="w-1")
    assert response.status_code == 200 and response.json()["withdrawn_at"]


def test_notices_through_the_api_name_only_contacts(token, personas) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    involvement_register(organization=worker.organization, contact=worker, identity=SANNE, actor=worker)
    created = post(Client(), "/api/v1/involvements", {"bsn": "111222333"}, token).json()
    assert created["matches"] == 1
    notices = Client().get("/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert len(notices) == 1
    assert notices[0]["organization"] == worker.organization.name and notices[0]["email"] == worker.email
    assert notices[0]["basis"] == "bsn" and "111222333" not in json.dumps(notices)
    # The support worker's notice names the police organisation (no contact person: the organisation's details).
    mine = MatchNotice.objects.get(recipient=worker)
    assert mine.counterpart.contact is None
