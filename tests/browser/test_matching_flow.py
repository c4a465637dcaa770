"""Register involvement in the browser, see the match notice; accessibility of the index and estimate pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import axe_check, login
from zicht.common.roles import Role
from zicht.matching.models import Involvement, MatchNotice
from zicht.matching.services import Identity, involvement_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_registers_and_both_sides_see_a_notice(personas, browser_page, live_server, mfa_free):
    worker = personas[Role.SUPPORT_WORKER]
    involvement_register(
        organization=worker.organization, contact=worker, identity=Identity(bsn="111222333"), actor=worker
    )
    partner = personas[Role.PARTNER]
    login(browser_page, live_server, partner)
    browser_page.goto(f"{live_server.url}/verwijsindex/registreren/")
    assert axe_check(browser_page) == []
    browser_page.fill("#id_bsn", "111222333")
    browser_page.click("main button[type=submit]")
    browser_page.wait_for_load_state("networkidle")
    assert Involvement.objects.filter(organization=partner.organization).count() == 1
    assert MatchNotice.objects.filter(recipient=partner).exists()
    browser_page.goto(f"{live_server.url}/verwijsindex/berichten/")
    table = browser_page.locator("main table").inner_text()
    assert worker.organization.name in table and worker.email in table and "111222333" not in browser_page.content()
    assert axe_check(browser_page) == []


def test_estimate_page_has_the_overlap_picture_with_alt_text(personas, browser_page, live_server, mfa_free):
    from zicht.sources.models import EstimateSnapshot

    snapshot = EstimateSnapshot.objects.create(
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        method="stepwise",
        library_version="0.1.0",
        inputs={
            "lists": ["CJG", "Politie", "SHOP"],
            "patterns": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 1, 1]],
            "counts": [40, 35, 50, 12, 15, 4],
        },
        sources=["CJG", "Politie", "SHOP"],
        estimate=260.0,
        interval_low=210.0,
        interval_high=330.0,
        observed=156,
        sensitivity=[
            {"threshold": 2, "observed": 156, "estimate": 260.0, "interval_low": 210.0, "interval_high": 330.0}
        ],
    )
    login(browser_page, live_server, personas[Role.ANALYST])
    browser_page.goto(f"{live_server.url}/bronnen/schattingen/{snapshot.pk}/")
    image = browser_page.locator("main figure img")
    assert "SHOP" in image.get_attribute("alt") and "< 10" in image.get_attribute("alt")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert axe_check(browser_page) == []
