"""An analyst makes an estimate from three partner lists and reads it on the estimate page and in
the council report page: the headline with its interval, the range across methods, why they
differ, the linkage statement, and no count from 1 to 9 anywhere in their figures."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from tests.browser.conftest import login
from tests.browser.test_stats_dashboard import (  # noqa: F401 (a fixture, used by name)
    flush_past_append_only_triggers,
)
from zicht.common.roles import Role
from zicht.sources.services import estimate_snapshot_create
from zicht.sources.tests.factories import lists_from_patterns

pytestmark = pytest.mark.browser

YEAR = 2024
# people per capture pattern of (Politie, SHOP, CJG): the four on all three lists are a small count
PATTERNS = {(1, 0, 0): 120, (0, 1, 0): 90, (0, 0, 1): 60, (1, 1, 0): 30, (1, 0, 1): 20, (0, 1, 1): 15, (1, 1, 1): 4}
SMALL = re.compile(r"^[1-9]$")


def _small_counts(texts: list[str]) -> list[str]:
    """Figures that are a bare count from 1 to 9 (a protected figure reads "< 10" or a multiple of 5)."""
    found = []
    for text in texts:
        for part in re.split(r"\s*–\s*", text.strip()):
            if SMALL.match(part):
                found.append(text)
    return found


def test_estimate_and_council_report_pages_show_headline_range_and_linkage(
    flush_past_append_only_triggers,  # noqa: F811 (the imported fixture)
    browser_page,
    live_server,
    mfa_free,
    personas,
) -> None:
    lists_from_patterns(("Politie", "SHOP", "CJG"), PATTERNS, year=YEAR, variant_every=6)
    analyst = personas[Role.ANALYST]
    snapshot = estimate_snapshot_create(
        period_start=datetime.date(YEAR, 1, 1), period_end=datetime.date(YEAR, 12, 31), user=analyst
    )
    # every record carries a BSN: the headline is the (here trivial) linkage-corrected estimate
    assert len(snapshot.methods["estimates"]) == 4 and snapshot.linkage["measured"]
    assert snapshot.method == "stepwise_linkage" and snapshot.linkage["corrected"]
    page, url = browser_page, live_server.url
    login(page, live_server, analyst)

    page.goto(url + reverse("sources:estimate_detail", args=[snapshot.pk]))
    headline = page.inner_text("#headline-estimate")
    assert headline.isdigit() and int(headline) % 5 == 0 and abs(int(headline) - snapshot.estimate) <= 2.5
    assert re.fullmatch(r"\d+ – \d+", page.inner_text("#method-range").strip())
    assert page.locator("#methods tbody tr").count() == 4
    assert "Latente klassen" in page.inner_text("#methods") and "latente klassen" in page.inner_text("#methods-why")
    statement = page.inner_text("#linkage-statement")
    assert "drie registraties over 2024" in statement and "ten minste twee sleutels" in statement
    assert re.search(r"vond de koppeling op naam en geboortedatum \d+% van de echte koppelingen", statement)
    assert "gecorrigeerd voor de gemiste koppelingen" in statement
    figures = [headline, page.inner_text("#headline-interval"), page.inner_text("#method-range")]
    figures += page.locator("#methods td.num").all_inner_texts()
    # the sensitivity table: its first column is the link threshold (1-3), the others are figures
    figures += page.locator("main table:not(#methods) tbody td.num:not(:first-child)").all_inner_texts()
    assert len(figures) > 10 and _small_counts(figures) == [], figures
    assert "< 10" in page.inner_text("main")  # the four people on all three lists

    page.goto(url + reverse("stats:report"))
    page.fill("#id_start", f"{YEAR}-01-01")
    page.fill("#id_end", f"{YEAR}-12-31")
    page.check("input[name=format][value=html]")
    page.click("main form button[type=submit]")
    section = page.locator("section.report-section", has=page.locator("#table-hidden_number"))
    text = section.inner_text()
    assert f"ongeveer {headline} jonge slachtoffers" in text
    assert re.search(r"Andere verdedigbare methoden geven schattingen tussen \d+ en \d+", text)
    assert "latente klassen" in text and "drie registraties over 2024" in text and "ten minste twee sleutels" in text
    cells = page.locator("article td.num").all_inner_texts()
    assert cells and _small_counts(cells) == [], cells
    paragraphs = section.locator("p:not(.stats-note):not(:has(em))").all_inner_texts()
    assert not [p for p in paragraphs if re.search(r"(?<![\d,.])[1-9](?![\d,.%])", p)], paragraphs
