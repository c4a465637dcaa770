"""Login lockout, second factor for personal-data roles, session lifetimes."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.middleware import SESSION_STARTED_KEY
from zicht.accounts.permissions import PERSONAL_DATA_ROLES
from zicht.accounts.tests.factories import TEST_PASSWORD
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db
LOGIN = "/account/inloggen/"


def _post_login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_lockout_after_repeated_failures_refuses_even_the_right_password(personas, settings):
    user = personas[Role.SUPPORT_WORKER]
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post_login(client, user.username, "wrong-password").status_code == 200
    assert _post_login(client, user.username, "wrong-password").status_code == 429
    locked = _post_login(client, user.username, TEST_PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(personas, settings):
    user = personas[Role.SUPPORT_WORKER]
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post_login(client, user.username, "wrong-password")
    assert _post_login(client, user.username, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize("role", sorted(Role.values))
def test_second_factor_required_exactly_for_personal_data_roles(personas, role):
    client = Client()
    response = _post_login(client, personas[role].username, TEST_PASSWORD)
    assert response.status_code == 302
    home = client.get("/")
    if role in PERSONAL_DATA_ROLES:
        assert home.status_code == 302 and home.url == reverse("accounts:mfa")
    else:
        assert home.status_code == 200


def test_password_alone_never_shows_a_secret_or_creates_an_authenticator(personas):
    """Finding 1: the first login without a device used to show the TOTP secret to whoever had the password."""
    user = personas[Role.SUPPORT_WORKER]
    client = Client()
    _post_login(client, user.username, TEST_PASSWORD)
    page = client.get(reverse("accounts:mfa"))
    assert page.status_code == 403
    assert "secret" not in page.context and "qr_data_uri" not in page.context
    assert "uitnodiging" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    refused = client.post(reverse("accounts:mfa"), {"token": "123456"})
    assert refused.status_code == 403 and not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/casussen/").status_code == 302


def _confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Zicht", confirmed=True)


def test_enrolled_user_verifies_with_the_current_code(personas):
    user = personas[Role.SUPPORT_WORKER]
    device = _confirmed_device(user)
    client = Client()
    _post_login(client, user.username, TEST_PASSWORD)
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post(reverse("accounts:mfa"), {"token": token}).status_code == 302
    assert client.get("/").status_code == 200


def test_wrong_totp_code_is_refused_with_a_message(personas):
    user = personas[Role.PARTNER]
    device = _confirmed_device(user)
    client = Client()
    _post_login(client, user.username, TEST_PASSWORD)
    right = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post(reverse("accounts:mfa"), {"token": f"{(right + 1) % 1_000_000:06d}"})
    assert response.status_code == 200 and response.context["form"].errors["token"]
    assert client.get("/").status_code == 302


def test_demo_waiver_only_applies_to_demo_users_with_the_flag_on(personas, settings):
    user = personas[Role.SUPPORT_WORKER]
    user.is_demo = True
    user.save()
    client = Client()
    _post_login(client, user.username, TEST_PASSWORD)
    settings.ZICHT_DEMO_MFA_WAIVER = False
    assert client.get("/").status_code == 302
    settings.ZICHT_DEMO_MFA_WAIVER = True
    page = client.get("/")
    assert page.status_code == 200
    assert page.context["mfa_waived_for_demo"]


def test_idle_timeout_is_fifteen_minutes_and_renewed_on_each_request(settings, personas, client_for):
    assert settings.SESSION_COOKIE_AGE == 15 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client = client_for(personas[Role.ANALYST])
    client.get("/")
    assert 14 * 60 < client.session.get_expiry_age() <= 15 * 60


def test_absolute_timeout_ends_an_active_session(settings, personas, client_for):
    client = client_for(personas[Role.ANALYST])
    assert client.get("/").status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert client.get("/").templates[0].name == "public/landing.html"


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_password_reset_sends_a_link(personas, client, mailoutbox):
    from zicht.outbox.services import outbox_flush

    user = personas[Role.REPORTER]
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    outbox_flush()  # the link goes through the outbox (see test_password_reset.py)
    assert len(mailoutbox) == 1 and "/account/wachtwoord-herstellen/" in mailoutbox[0].body


def test_user_of_another_organisation_gets_404_for_organisation_page(personas, client_for, other_support_org):
    client = client_for(personas[Role.COORDINATOR])
    assert client.get(reverse("accounts:organization_detail", args=[other_support_org.pk])).status_code == 404
    assert (
        client.get(
            reverse("accounts:organization_detail", args=[personas[Role.COORDINATOR].organization.pk])
        ).status_code
        == 200
    )
