"""A professional reports a concern, the support worker triages it: in the browser, with axe scans."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from tests.browser.conftest import axe_check, login
from zicht.common.roles import Role
from zicht.concerns.models import Concern

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_catalogue = importlib.import_module("zicht.concerns.migrations.0002_indicator_catalogue")


@pytest.fixture(autouse=True)
def _seed_indicators(live_server):
    """Transactional tests start from flushed tables: seed the indicators."""
    _catalogue.load_indicators(django_apps, None)


def test_report_then_triage(browser_page, live_server, personas, mfa_free) -> None:
    page = browser_page
    login(page, live_server, personas[Role.REPORTER])
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    assert axe_check(page) == []
    page.check("#id_indicator_truancy")
    page.check("#id_indicator_picked_up_scooter_car")
    page.check("input[name=crime_domains][value=drug_trafficking]")
    page.select_option("#id_recruitment_place", "online")
    page.fill("#id_recruitment_detail", "Telegram")
    page.fill("#id_bsn", "123456789")
    page.fill("#id_description", "Wordt na school opgehaald door oudere jongens op een scooter.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".error-summary").is_visible() and not Concern.objects.exists()
    assert page.is_checked("#id_indicator_truancy")
    page.fill("#id_bsn", "111222333")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/meldingen/mijn/")
    assert axe_check(page) == []
    concern = Concern.objects.get()
    assert concern.young_person is not None and concern.recruitment_detail == "Telegram"

    page.context.clear_cookies()
    login(page, live_server, personas[Role.SUPPORT_WORKER])
    page.goto(f"{live_server.url}/meldingen/")
    assert axe_check(page) == []
    page.click(f"text={concern.reference}")
    page.wait_for_load_state("networkidle")
    assert axe_check(page) == []
    page.click("a[href$='/status/in_triage/']")
    page.fill("#id_note", "Opgepakt, contact met mentor")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    concern.refresh_from_db()
    assert concern.status == "in_triage"
    assert page.locator(".timeline li").count() == 2
