"""500s are logged with their traceback and the request id, never with personal data; the id is on
every response, on the 500 page and in API problems, so a user can quote it."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from django.test import Client
from django.urls import path

import config.urls
from zicht.api.framework import api_token_create
from zicht.common.request_log import REQUEST_ID_HEADER, RedactPersonalData, redact
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db

BSN = "111222333"


def _fails_holding_a_bsn(request):
    bsn = request.GET.get("bsn", BSN)
    raise ValueError(f"no young person with BSN {bsn} and e-mail jan@example.nl")


# This module doubles as a URLconf: the site's URLs and error handler plus one view that fails.
urlpatterns = [*config.urls.urlpatterns, path("test-fout-bsn/", _fails_holding_a_bsn)]
handler500 = config.urls.handler500


@pytest.fixture
def log_output():
    """What the configured console handler writes (its filters and format included)."""
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, RedactPersonalData) for f in h.filters)]
    assert handlers, "the console handler with the redaction filter is configured"
    stream = io.StringIO()
    old = handlers[0].setStream(stream)
    try:
        yield stream
    finally:
        handlers[0].setStream(old)


def test_every_response_has_a_new_request_id_and_an_untrusted_one_is_ignored(client):
    first, second = client.get("/healthz"), client.get("/healthz", HTTP_X_REQUEST_ID="chosen-by-the-client")
    assert re.fullmatch(r"[0-9a-f]{32}", first[REQUEST_ID_HEADER])
    assert second[REQUEST_ID_HEADER] not in (first[REQUEST_ID_HEADER], "chosen-by-the-client")


def test_the_proxy_id_is_used_when_trusted_and_well_formed(client, settings):
    settings.ZICHT_TRUST_REQUEST_ID_HEADER = True
    assert client.get("/healthz", HTTP_X_REQUEST_ID="proxy-1234-abcd")[REQUEST_ID_HEADER] == "proxy-1234-abcd"
    bad = client.get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")[REQUEST_ID_HEADER]
    assert re.fullmatch(r"[0-9a-f]{32}", bad)


@pytest.mark.urls("tests.test_request_log")
def test_a_web_500_shows_the_id_and_logs_the_traceback_without_the_bsn(caplog, log_output):
    response = Client(raise_request_exception=False).get("/test-fout-bsn/", {"bsn": BSN})
    assert response.status_code == 500
    request_id = response[REQUEST_ID_HEADER]
    assert f"<code>{request_id}</code>" in response.content.decode()
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and records[0].exc_info is not None
    for record in records:
        assert BSN not in record.getMessage() and BSN not in repr(record.args)
        assert BSN not in (record.exc_text or "") and "jan@example.nl" not in (record.exc_text or "")
    written = log_output.getvalue()
    assert "Traceback" in written and "ValueError" in written and f"[request {request_id}]" in written
    assert BSN not in written and "jan@example.nl" not in written


def test_an_api_500_is_a_problem_with_the_id_and_its_traceback_is_logged_without_the_bsn(
    personas, monkeypatch, caplog, log_output
):
    from zicht.matching import services

    def fail(*, identity, **kwargs):
        raise RuntimeError(f"index unavailable for {identity.bsn}")

    monkeypatch.setattr(services, "involvement_register", fail)
    token = api_token_create(organization=personas[Role.PARTNER].organization)[1]
    response = Client(raise_request_exception=False).post(
        "/api/v1/involvements",
        data=json.dumps({"bsn": BSN}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="boom-1",
    )
    assert response.status_code == 500 and response["Content-Type"] == "application/problem+json"
    assert response.json()["request_id"] == response[REQUEST_ID_HEADER]
    assert BSN not in response.content.decode()
    logged = [r for r in caplog.records if r.name == "zicht.api.framework"]
    assert logged and logged[0].exc_info is not None
    written = log_output.getvalue()
    assert (
        "Traceback" in written and "RuntimeError" in written and f"[request {response[REQUEST_ID_HEADER]}]" in written
    )
    assert BSN not in written


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("bsn 111222333 refused", "111222333"),
        ("bsn 1112.22.333 refused", "1112.22.333"),
        ("bsn 11122233３ refused", "11122233３"),  # a fullwidth digit is still a digit
        ("call 06-12345678", "12345678"),
        ("mail a.b+c@gemeente.example.nl", "gemeente"),
    ],
)
def test_redaction_removes_numbers_and_addresses(text, hidden):
    assert hidden not in redact(text)


def test_redaction_keeps_short_numbers_and_ids():
    assert redact("case 1234 of organisation 12, 3 rows") == "case 1234 of organisation 12, 3 rows"
