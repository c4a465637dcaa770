"""Enrolment through the invitation link in a browser: password, authenticator code, home page.

The secret shown on the page is read as a user's authenticator app would read it; every page of
the flow is checked for serious accessibility violations.
"""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp

from tests.browser.conftest import axe_check
from zicht.accounts.models import EnrolmentInvitation
from zicht.accounts.services import token_hash
from zicht.accounts.tests.factories import UserFactory
from zicht.common.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invited_user_sets_password_and_authenticator_and_lands_home(personas, browser_page, live_server):
    user = UserFactory(organization=personas[Role.SUPPORT_WORKER].organization, role=Role.SUPPORT_WORKER)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    EnrolmentInvitation.objects.create(
        user=user, token_hash=token_hash("browser-token"), expires_at=timezone.now() + timedelta(hours=1)
    )
    page = browser_page
    page.goto(f"{live_server.url}/account/activeren/browser-token/")
    assert page.locator("h2").inner_text() == "Stap 1 van 2: wachtwoord"
    assert axe_check(page) == []
    page.fill("#id_new_password1", "paars-konijn-onder-de-brug-42")
    page.fill("#id_new_password2", "paars-konijn-onder-de-brug-42")
    page.click("main button[type=submit]")
    assert page.locator("h2").inner_text() == "Stap 2 van 2: authenticator-app"
    assert axe_check(page) == []
    secret = page.locator("main code").inner_text()
    key = base64.b32decode(secret)
    page.fill("#id_token", f"{totp(key):06d}")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "Startpagina hulpverlener"
    assert re.search(r"/$", page.url)


def test_password_only_page_has_no_secret_and_is_accessible(personas, browser_page, live_server):
    user = personas[Role.SUPPORT_WORKER]
    page = browser_page
    page.goto(f"{live_server.url}/account/inloggen/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct-horse-battery-staple")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/account/tweestapsverificatie/")
    assert page.locator("main code").count() == 0 and page.locator("main img").count() == 0
    assert axe_check(page) == []
