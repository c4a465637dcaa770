"""403, 404 and 500 (and a failed CSRF check) are Dutch pages in the site's layout with a way back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path, reverse

import config.urls
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("deliberate failure for the error-page test")


# This module doubles as a URLconf: the site's URLs plus one that fails.
urlpatterns = [*config.urls.urlpatterns, path("test-fout/", _boom)]


def _assert_site_page(body: str, heading: str) -> None:
    assert '<html lang="nl">' in body
    assert 'class="site-header"' in body and 'class="site-footer"' in body
    assert f"<h1>{heading}</h1>" in body
    assert f'href="{reverse("home")}"' in body and "Naar de startpagina" in body


def test_unknown_page_is_a_dutch_404_with_a_way_back(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    _assert_site_page(body, "Pagina niet gevonden")
    assert "Not Found" not in body
    assert reverse("concerns:public_create") in body  # an anonymous visitor can still report


def test_logged_in_404_keeps_the_menu(personas, client_for):
    body = client_for(personas[Role.SUPPORT_WORKER]).get("/bestaat-niet/").content.decode()
    _assert_site_page(body, "Pagina niet gevonden")
    assert 'class="site-nav"' in body
    assert reverse("concerns:public_create") not in body  # professionals are not sent to the public form


def test_forbidden_page_is_dutch_in_the_layout(personas, client_for):
    # The analyst sees statistics only; the case list refuses them.
    response = client_for(personas[Role.ANALYST]).get(reverse("cases:list"))
    assert response.status_code == 403
    body = response.content.decode()
    _assert_site_page(body, "U hebt geen toegang tot deze pagina")
    assert "Forbidden" not in body


def test_failed_csrf_check_is_a_dutch_403_in_the_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    _assert_site_page(body, "Het formulier is verlopen")
    assert "CSRF" not in body


@pytest.mark.urls("tests.test_error_pages")
def test_server_error_is_a_dutch_page_that_needs_no_request_context():
    client = Client(raise_request_exception=False)
    response = client.get("/test-fout/")
    assert response.status_code == 500
    body = response.content.decode()
    _assert_site_page(body, "Er ging iets mis")
    assert "Server Error" not in body
    assert "deliberate failure" not in body


@pytest.mark.parametrize("template", ["403.html", "403_csrf.html", "404.html", "500.html"])
def test_every_error_page_exists_and_is_translated(template, rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("nl"):
        dutch = render_to_string(template)
    with translation.override("en"):
        english = render_to_string(template)
    assert dutch != english
    assert "Naar de startpagina" in dutch and "Go to the start page" in english
