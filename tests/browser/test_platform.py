"""Log in as each role and see that role's home page; accessibility of login and home pages."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_check, login
from zicht.common.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME_HEADINGS = {
    Role.REPORTER: "Startpagina melder",
    Role.SUPPORT_WORKER: "Startpagina hulpverlener",
    Role.COORDINATOR: "Startpagina coördinator",
    Role.PARTNER: "Startpagina partner",
    Role.ANALYST: "Startpagina analist",
    Role.ADMIN: "Startpagina beheerder",
}


@pytest.mark.parametrize("role", sorted(HOME_HEADINGS))
def test_each_role_logs_in_and_sees_its_home_page(role, personas, browser_page, live_server, mfa_free):
    login(browser_page, live_server, personas[role])
    assert browser_page.locator("h1").first.inner_text() == HOME_HEADINGS[role]
    assert browser_page.locator("[role=note]").inner_text().startswith("Demo-account")


def test_login_page_has_no_serious_accessibility_violations(browser_page, live_server):
    browser_page.goto(f"{live_server.url}/account/inloggen/")
    assert axe_check(browser_page) == []


@pytest.mark.parametrize("role", [Role.SUPPORT_WORKER, Role.ANALYST])
def test_home_page_has_no_serious_accessibility_violations(role, personas, browser_page, live_server, mfa_free):
    login(browser_page, live_server, personas[role])
    assert axe_check(browser_page) == []


def test_public_landing_page_has_no_serious_accessibility_violations(browser_page, live_server):
    browser_page.goto(live_server.url)
    assert axe_check(browser_page) == []


def test_the_accessibility_check_does_find_violations(browser_page, live_server):
    """Guard against a scan that silently passes everything."""
    browser_page.goto(f"{live_server.url}/account/inloggen/")
    browser_page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    assert {v["id"] for v in axe_check(browser_page)} >= {"image-alt"}
