"""The public concern form in the browser: anonymous submission, the thank-you page, accessibility."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_check
from zicht.concerns.models import Concern

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_submission_reaches_the_thank_you_page(browser_page, live_server, support_org) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.click("a[href$='/meldingen/melden/']")
    page.check("input[name=reporter_sector][value=parent]")
    text = "Mijn dochter krijgt dure cadeaus van een veel oudere man en gaat 's nachts weg."
    page.fill("#id_description", text)
    page.select_option("#id_recruitment_place", "online")
    page.fill("#id_recruitment_detail", "Snapchat")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/meldingen/melden/bedankt/")
    assert page.locator("h1").count() == 1
    assert text not in page.content()
    concern = Concern.objects.get()
    assert concern.reporter is None and concern.handling_organization == support_org and concern.description == text


def test_public_form_errors_are_shown_and_input_is_kept(browser_page, live_server, support_org) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/meldingen/melden/")
    page.fill("#id_description", "Zorgen over een vriend")
    page.click("main button[type=submit]")  # no answer to "who are you?"
    page.wait_for_load_state("networkidle")
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#id_description") == "Zorgen over een vriend"
    assert not Concern.objects.exists()
    assert axe_check(page) == []


def test_public_form_has_no_serious_accessibility_violations(
    browser_page, live_server, support_org, other_support_org
) -> None:
    browser_page.goto(f"{live_server.url}/meldingen/melden/")
    assert axe_check(browser_page) == []
