"""Dutch whatever the browser asks for; English only by an explicit choice in the language switch."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from zicht.common.roles import Role

pytestmark = pytest.mark.django_db

DUTCH = "Zorgen over een jongere?"
ENGLISH = "Worried about a young person?"


@pytest.mark.parametrize("accept", ["en", "en-GB,en;q=0.9", "de-DE,de;q=0.8,en;q=0.5", "en-US,nl;q=0.1"])
def test_the_browser_language_does_not_switch_to_english(client, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    body = response.content.decode()
    assert DUTCH in body and ENGLISH not in body
    assert response["Content-Language"] == "nl"
    assert "Accept-Language" not in response.get("Vary", "")


def _choose(client, language: str, next_url: str = "/") -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url


def test_the_language_switch_chooses_english_and_back(client):
    _choose(client, "en")
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 30 * 24 * 3600  # remembered, not per visit
    assert ENGLISH in client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    _choose(client, "nl")
    assert DUTCH in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert DUTCH in client.get("/").content.decode()


def test_the_choice_holds_for_a_logged_in_professional(personas, client_for):
    client = client_for(personas[Role.SUPPORT_WORKER])
    assert "Startpagina hulpverlener" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    _choose(client, "en", "/")
    assert "Startpagina hulpverlener" not in client.get("/").content.decode()


def test_every_page_offers_the_language_switch(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert f'action="{reverse("set_language")}"' in body
    assert 'name="language"' in body and 'value="en"' in body
