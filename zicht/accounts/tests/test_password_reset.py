"""Password reset: through the outbox, rate-limited per address and per account, the same work for an
unknown address as for a known one, and both the request and the completed reset in the access log."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from zicht.accounts import services
from zicht.accounts.models import User
from zicht.accounts.tests.factories import TEST_PASSWORD
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.outbox.models import OutgoingEmail
from zicht.outbox.services import outbox_flush

pytestmark = pytest.mark.django_db

RESET = "accounts:password_reset"


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ZICHT_OUTBOX_SEND_ON_COMMIT = False
    settings.ZICHT_PASSWORD_RESET_ADDRESS_RATE = "5/h"
    settings.ZICHT_PASSWORD_RESET_ACCOUNT_RATE = "2/h"


def _request(email: str, *, address: str = "192.0.2.10") -> int:
    return Client(REMOTE_ADDR=address).post(reverse(RESET), {"email": email}).status_code


def test_the_link_goes_through_the_outbox_not_inside_the_request(personas, mailoutbox):
    user = personas[Role.REPORTER]
    assert _request(user.email) == 302
    assert mailoutbox == []
    [queued] = OutgoingEmail.objects.all()
    assert queued.kind == "password_reset"
    outbox_flush()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "/account/wachtwoord-herstellen/" in mailoutbox[0].body


def test_the_request_is_in_the_access_log_without_the_address(personas):
    user = personas[Role.REPORTER]
    _request(user.email)
    _request("nobody@nowhere.example")
    known, unknown = AccessLogEntry.objects.filter(action=AccessAction.RESET_REQUEST).order_by("sequence")
    assert (known.object_type, known.object_id) == ("accounts.user", str(user.pk))
    assert known.purpose == Purpose.ADMINISTRATION
    assert (unknown.object_type, unknown.object_id) == ("accounts.user", "")
    stored = " ".join(str(v) for v in AccessLogEntry.objects.values_list("object_id", "detail", "actor_username"))
    assert "nowhere.example" not in stored and user.email not in stored


def _traced_calls(email: str) -> list[str]:
    """Which of the costly steps a request runs, in order (hashing, rendering, queueing, auditing)."""
    calls: list[str] = []

    def spy(name, real):
        def call(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)

        return call

    with (
        mock.patch.object(services, "email_queue", spy("queue", services.email_queue)),
        mock.patch.object(services, "render_to_string", spy("render", services.render_to_string)),
        mock.patch.object(services, "access_log_record", spy("audit", services.access_log_record)),
        mock.patch.object(
            services.default_token_generator,
            "make_token",
            spy("token", services.default_token_generator.make_token),
        ),
    ):
        assert _request(email) == 302
    return calls


def test_an_unknown_address_runs_the_same_steps_as_a_known_one(personas):
    known = _traced_calls(personas[Role.REPORTER].email)
    unknown = _traced_calls("nobody@nowhere.example")
    assert known == unknown and {"token", "render", "queue", "audit"} <= set(known)
    assert OutgoingEmail.objects.count() == 1  # only the known address got a message


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(personas):
    known = Client().post(reverse(RESET), {"email": personas[Role.REPORTER].email})
    unknown = Client().post(reverse(RESET), {"email": "nobody@nowhere.example"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)


def test_the_limit_per_account_holds_from_many_addresses(personas):
    email = personas[Role.REPORTER].email
    codes = [_request(email.upper() if i % 2 else email, address=f"192.0.2.{i + 1}") for i in range(4)]
    assert codes == [302, 302, 429, 429]
    assert OutgoingEmail.objects.count() == 2


def test_the_limit_per_address_holds_across_accounts(personas):
    codes = [_request(f"someone{i}@example.org") for i in range(7)]
    assert codes == [302] * 5 + [429] * 2
    assert _request("someone@example.org", address="198.51.100.7") == 302


def test_a_limited_request_is_answered_in_dutch(personas):
    for _ in range(2):
        _request("x@example.org")
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.cookies["django_language"] = "nl"
    response = client.post(reverse(RESET), {"email": "x@example.org"})
    assert response.status_code == 429 and "Te veel aanvragen" in response.content.decode()


def test_the_completed_reset_is_in_the_access_log(personas, mailoutbox):
    user = personas[Role.REPORTER]
    _request(user.email)
    outbox_flush()
    link = re.search(r"/account/wachtwoord-herstellen/\S+/", mailoutbox[0].body).group(0)
    client = Client()
    form_url = client.get(link).url  # Django moves the token into the session, then shows the form
    new_password = TEST_PASSWORD + "-nieuw"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).check_password(new_password)
    entry = AccessLogEntry.objects.latest("sequence")
    assert (entry.action, entry.object_id, entry.actor_id) == (AccessAction.RESET_DONE, str(user.pk), user.pk)
